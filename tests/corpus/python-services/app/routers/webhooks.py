"""Trigger subscriptions and the webhook Composio calls when they fire."""
from __future__ import annotations

import json
import logging
from typing import Any

from fastapi import APIRouter, BackgroundTasks, HTTPException, Request
from pydantic import BaseModel

from composio import Composio

from app import slugs
from app.clients import get_client
from app.dependencies import ComposioDep, SettingsDep, UserId

log = logging.getLogger(__name__)
router = APIRouter(prefix="/triggers", tags=["triggers"])


class WatchRepo(BaseModel):
    owner: str
    repo: str
    slack_channel: str = "#commits"


@router.post("/github/commits", status_code=201)
def watch_commits(body: WatchRepo, user_id: UserId, composio: ComposioDep):
    trigger = composio.triggers.create(
        slug=slugs.COMMIT_TRIGGER,
        user_id=user_id,
        trigger_config={"owner": body.owner, "repo": body.repo},
    )
    log.info("trigger %s watching %s/%s for %s", trigger.trigger_id, body.owner, body.repo, user_id)
    return {"trigger_id": trigger.trigger_id}


@router.post("/gmail/new-mail", status_code=201)
def watch_inbox(user_id: UserId, composio: ComposioDep, label: str = "INBOX"):
    accounts = composio.connected_accounts.list(user_ids=[user_id], toolkit_slugs=["gmail"]).items
    gmail = [a for a in accounts if a.status == "ACTIVE"]
    if not gmail:
        raise HTTPException(409, "connect Gmail first")
    trigger = composio.triggers.create(
        slug=slugs.NEW_MAIL_TRIGGER,
        connected_account_id=gmail[0].id,
        trigger_config={"labelIds": label, "interval": 1},
    )
    return {"trigger_id": trigger.trigger_id, "connected_account_id": gmail[0].id}


@router.get("")
def list_triggers(user_id: UserId, composio: ComposioDep):
    account_ids = [a.id for a in composio.connected_accounts.list(user_ids=[user_id]).items]
    if not account_ids:
        return []
    active = composio.triggers.list_active(connected_account_ids=account_ids)
    return [
        {"id": t.id, "name": t.trigger_name, "config": t.trigger_config, "disabled": t.disabled_at is not None}
        for t in active.items
    ]


@router.delete("/{trigger_id}", status_code=204)
def remove_trigger(trigger_id: str, composio: ComposioDep, hard: bool = False) -> None:
    if hard:
        composio.triggers.delete(trigger_id)
    else:
        composio.triggers.disable(trigger_id)


@router.post("/webhook")
async def composio_webhook(request: Request, background: BackgroundTasks, settings: SettingsDep):
    raw = (await request.body()).decode()
    secret = settings.composio_webhook_secret
    if secret is None:
        raise HTTPException(500, "webhook secret not configured")
    composio = get_client()
    try:
        verified = composio.triggers.verify_webhook(
            id=request.headers.get("webhook-id", ""),
            payload=raw,
            secret=secret.get_secret_value(),
            signature=request.headers.get("webhook-signature", ""),
            timestamp=request.headers.get("webhook-timestamp", ""),
        )
    except Exception:
        log.warning("rejected webhook with bad signature")
        raise HTTPException(401, "bad signature")

    event: dict[str, Any] = verified["payload"] if isinstance(verified, dict) else json.loads(raw)
    background.add_task(dispatch_event, composio, event)
    return {"received": True}


def dispatch_event(composio: Composio, event: dict[str, Any]) -> None:
    trigger_slug = event.get("trigger_slug") or event.get("type", "")
    user_id = event.get("user_id") or event.get("metadata", {}).get("user_id")
    payload = event.get("payload") or event.get("data", {})
    if trigger_slug == slugs.COMMIT_TRIGGER:
        _relay_commit(composio, user_id, payload)
    elif trigger_slug == slugs.NEW_MAIL_TRIGGER:
        log.info("new mail for %s: %s", user_id, payload.get("subject"))
    else:
        log.debug("ignoring trigger %s", trigger_slug)


def _relay_commit(composio: Composio, user_id: str | None, payload: dict[str, Any]) -> None:
    if not user_id:
        return
    author = payload.get("author", "someone")
    message = (payload.get("message") or "").splitlines()[0:1]
    text = f":rocket: {author} pushed `{payload.get('id', '')[:7]}` {message[0] if message else ''}"
    sent = composio.tools.execute(slugs.SLACK_POST, arguments={"channel": "#commits", "text": text}, user_id=user_id)
    if not sent.get("successful"):
        log.warning("could not relay commit: %s", sent.get("error"))
