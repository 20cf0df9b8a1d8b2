"""MCP endpoints: hand a user's tools to Claude Desktop / Cursor / our own chat."""
from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel

from app import slugs
from app.dependencies import ComposioDep, SettingsDep, UserId

log = logging.getLogger(__name__)
router = APIRouter(prefix="/mcp", tags=["mcp"])

DEFAULT_TOOLKITS = ["gmail", "github", "slack", "notion"]
# created once per environment by `scripts/bootstrap_mcp.py`; cached here
_server_ids: dict[str, str] = {}


class McpOut(BaseModel):
    url: str
    headers: dict[str, str] = {}
    session_id: str | None = None


@router.post("/session", response_model=McpOut)
def create_session(user_id: UserId, composio: ComposioDep, toolkits: list[str] | None = None):
    """Tool-router session: meta tools + the user's toolkits behind one MCP URL."""
    session = composio.create(
        user_id=user_id,
        toolkits=toolkits or DEFAULT_TOOLKITS,
        manage_connections=True,
    )
    mcp_url = session.mcp.url
    log.info("session %s for %s -> %s", session.session_id, user_id, mcp_url)
    return McpOut(url=mcp_url, headers=dict(session.mcp.headers or {}), session_id=session.session_id)


@router.get("/session/{session_id}/toolkits")
def session_toolkits(session_id: str, composio: ComposioDep):
    session = composio.use(session_id)
    details = session.toolkits(is_connected=None, limit=50)
    return [
        {
            "slug": t.slug,
            "connected": bool(t.connection and t.connection.is_active),
        }
        for t in details.items
    ]


@router.post("/session/{session_id}/authorize/{toolkit}")
def session_authorize(session_id: str, toolkit: str, composio: ComposioDep, settings: SettingsDep):
    session = composio.use(session_id)
    request = session.authorize(toolkit, callback_url=settings.callback_url)
    return {"redirect_url": request.redirect_url, "connection_id": request.id}


def _server_for(composio: Any, name: str) -> str:
    if name in _server_ids:
        return _server_ids[name]
    server = composio.mcp.create(
        name,
        toolkits=["gmail", "github"],
        allowed_tools=[slugs.SEND_EMAIL, slugs.FETCH_EMAILS, slugs.CREATE_ISSUE, slugs.LIST_ISSUES],
        manually_manage_connections=False,
    )
    _server_ids[name] = server.id
    return server.id


@router.get("/server", response_model=McpOut)
def server_url(user_id: UserId, composio: ComposioDep, settings: SettingsDep):
    """A fixed server (allow-listed tools), one URL per user."""
    server_id = _server_for(composio, f"relay-{settings.environment}")
    instance = composio.mcp.generate(user_id, server_id)
    url = instance["url"]
    if not url.startswith("https://"):
        raise HTTPException(500, "unexpected MCP url")
    return McpOut(url=url)

