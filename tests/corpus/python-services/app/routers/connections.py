"""Connect, inspect and disconnect third-party accounts for a user."""
from __future__ import annotations

import logging
from datetime import datetime
from typing import Any, Literal, Optional, cast

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import RedirectResponse
from pydantic import BaseModel

from composio import Composio

from app.dependencies import ComposioDep, SettingsDep, UserId, get_composio
from app.settings import get_settings

log = logging.getLogger(__name__)
router = APIRouter(prefix="/connections", tags=["connections"])

SUPPORTED_TOOLKITS = ("github", "gmail", "slack", "notion", "linear", "googlecalendar")
ConnectionState = Literal["connected", "pending", "broken"]


class Connection(BaseModel):
    """What the frontend sees; deliberately not the SDK's model."""

    id: str
    toolkit: str
    status: str
    state: ConnectionState
    created_at: Optional[datetime] = None


class ConnectStart(BaseModel):
    connection_id: str
    redirect_url: Optional[str]


def _state_for(status: str) -> ConnectionState:
    status = (status or "").upper()
    if status == "ACTIVE":
        return "connected"
    if status in ("INITIATED", "INITIALIZING"):
        return "pending"
    return "broken"


def _to_connection(account: Any) -> Connection:
    return Connection(
        id=account.id,
        toolkit=account.toolkit.slug,
        status=account.status,
        state=_state_for(account.status),
        created_at=getattr(account, "created_at", None),
    )


def _auth_config_for(toolkit: str) -> Optional[str]:
    settings = get_settings()
    return {
        "github": settings.github_auth_config_id,
        "gmail": settings.gmail_auth_config_id,
        "slack": settings.slack_auth_config_id,
        "notion": settings.notion_auth_config_id,
    }.get(toolkit)


@router.get("", response_model=list[Connection])
def list_connections(
    user_id: UserId,
    composio: ComposioDep,
    toolkit: Optional[str] = Query(None),
    only_active: bool = False,
):
    kwargs: dict[str, Any] = {"user_ids": [user_id]}
    if toolkit:
        kwargs["toolkit_slugs"] = [toolkit]
    if only_active:
        kwargs["statuses"] = ["ACTIVE"]
    page = composio.connected_accounts.list(**kwargs)
    connections: list[Connection] = [_to_connection(a) for a in page.items]
    # the dashboard sorts newest first; the API does not promise an order
    connections.sort(key=lambda c: c.created_at or datetime.min, reverse=True)
    return connections


@router.get("/status")
def connection_status(user_id: UserId, composio: ComposioDep, settings: SettingsDep) -> dict[str, bool]:
    """One boolean per supported toolkit, for the settings page toggles."""
    wanted = settings.required_connection_status
    accounts = composio.connected_accounts.list(user_ids=[user_id], limit=100).items
    connected = {a.toolkit.slug for a in accounts if a.status == wanted}
    return {slug: slug in connected for slug in SUPPORTED_TOOLKITS}


@router.get("/{connection_id}", response_model=Connection)
def get_connection(connection_id: str, user_id: UserId, composio: Composio = Depends(get_composio)):
    try:
        account = composio.connected_accounts.get(connection_id)
    except Exception as exc:  # ConnectedAccountNotFoundError on 0.8, HTTP 404 on older builds
        raise HTTPException(404, f"no connection {connection_id}") from exc
    if getattr(account, "user_id", user_id) != user_id:
        raise HTTPException(404, f"no connection {connection_id}")
    return _to_connection(account)


@router.post("/{toolkit}/start", response_model=ConnectStart)
def start_connection(toolkit: str, user_id: UserId, composio: ComposioDep, settings: SettingsDep):
    if toolkit not in SUPPORTED_TOOLKITS:
        raise HTTPException(400, f"unsupported toolkit {toolkit!r}")

    auth_config_id = _auth_config_for(toolkit)
    if auth_config_id:
        # our own OAuth app (branding on the consent screen)
        request = composio.connected_accounts.initiate(
            user_id,
            auth_config_id,
            callback_url=settings.callback_url,
            allow_multiple=toolkit == "gmail",
        )
    else:
        # no auth config of ours: let Composio pick / create a managed one
        request = composio.toolkits.authorize(user_id=user_id, toolkit=toolkit)

    log.info("connection %s started for %s/%s", request.id, user_id, toolkit)
    return ConnectStart(connection_id=request.id, redirect_url=request.redirect_url)


@router.post("/{toolkit}/connect-and-wait", response_model=Connection)
def connect_and_wait(toolkit: str, user_id: UserId, composio: ComposioDep, timeout: int = 120):
    """CLI helper: prints the link server-side and blocks until the user finishes."""
    request = composio.toolkits.authorize(user_id=user_id, toolkit=toolkit)
    print(f"[{user_id}] open this link to connect {toolkit}: {request.redirect_url}")
    try:
        account = request.wait_for_connection(timeout=timeout)
    except Exception as exc:
        raise HTTPException(504, f"{toolkit} connection was not completed in {timeout}s") from exc
    return _to_connection(account)


@router.get("/callback")
def oauth_callback(
    composio: ComposioDep,
    connected_account_id: Optional[str] = Query(None),
    status: Optional[str] = Query(None),
):
    """Composio redirects here after the consent screen."""
    frontend = get_settings().public_base_url
    if not connected_account_id:
        return RedirectResponse(f"{frontend}/settings/integrations?error=missing_id")
    if status and status.lower() != "success":
        return RedirectResponse(f"{frontend}/settings/integrations?error={status}")

    account = composio.connected_accounts.wait_for_connection(connected_account_id, timeout=30)
    if account.status.lower() == "active":
        log.info("connected %s for %s", account.toolkit.slug, account.id)
        return RedirectResponse(f"{frontend}/settings/integrations?connected={account.toolkit.slug}")
    return RedirectResponse(f"{frontend}/settings/integrations?error={account.status}")


@router.delete("/{connection_id}", status_code=204)
def disconnect(connection_id: str, user_id: UserId, composio: ComposioDep) -> None:
    account = composio.connected_accounts.get(connection_id)
    if account.status == "INITIATED":
        log.info("dropping unfinished connection %s", connection_id)
    # `delete` is missing from the stubs of the composio version we pin
    cast(Any, composio.connected_accounts).delete(connection_id)


@router.post("/cleanup")
def cleanup_broken(user_id: UserId, composio: ComposioDep) -> dict[str, int]:
    removed = 0
    for account in composio.connected_accounts.list(user_ids=[user_id]).items:
        if account.status in ("FAILED", "EXPIRED"):
            composio.connected_accounts.delete(account.id)
            removed += 1
    return {"removed": removed}


@router.get("/auth-configs/{toolkit}")
def auth_configs_for(toolkit: str, composio: ComposioDep) -> list[dict[str, Any]]:
    configs = composio.auth_configs.list(toolkit_slug=toolkit)
    return [
        {"id": c.id, "name": c.name, "managed": c.is_composio_managed, "scheme": c.auth_scheme}
        for c in configs.items
    ]


@router.post("/auth-configs/{toolkit}", status_code=201)
def create_custom_auth_config(toolkit: str, body: dict[str, str], composio: ComposioDep) -> dict[str, str]:
    """Admin only: register our own OAuth client for a toolkit."""
    config = composio.auth_configs.create(
        toolkit=toolkit,
        options={
            "type": "use_custom_auth",
            "auth_scheme": "OAUTH2",
            "credentials": {"client_id": body["client_id"], "client_secret": body["client_secret"]},
        },
    )
    return {"id": config.id}
