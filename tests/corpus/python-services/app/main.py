"""FastAPI entry point: `uvicorn app.main:app --reload`."""
from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse

from app import __version__
from app import agents
from app.clients import ToolExecutionError, get_client
from app.routers import actions, connections, notion_sync, sessions, webhooks
from app.settings import get_settings
from app.worker import InboxWorker

settings = get_settings()
logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
log = logging.getLogger("relay")


@asynccontextmanager
async def lifespan(app: FastAPI):
    # fail fast on a bad key instead of on the first request
    client = get_client()
    toolkit = client.toolkits.get("github")
    log.info("composio reachable; github toolkit '%s'", toolkit.name)

    worker_task: asyncio.Task | None = None
    worker = InboxWorker(interval=settings.worker_interval_seconds)
    if settings.worker_enabled:
        worker_task = asyncio.create_task(worker.run_forever(), name="inbox-worker")
    try:
        yield
    finally:
        worker.stop()
        if worker_task:
            await asyncio.wait_for(worker_task, timeout=10)


app = FastAPI(title="Relay integrations", version=__version__, lifespan=lifespan)
app.add_middleware(
    CORSMiddleware,
    allow_origins=[settings.public_base_url],
    allow_methods=["*"],
    allow_headers=["*"],
)

for module in (connections, actions, notion_sync, webhooks, sessions, agents):
    app.include_router(module.router)


@app.exception_handler(ToolExecutionError)
async def tool_failed(_: Request, exc: ToolExecutionError):
    return JSONResponse(status_code=502, content={"tool": exc.slug, "error": exc.error})


@app.get("/healthz")
def healthz():
    return {"ok": True, "version": __version__}
