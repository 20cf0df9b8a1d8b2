"""Half-migrated onboarding flow.

The connection part already uses the v3 client from app.clients; tool calls
still go through the old ComposioToolSet until the onboarding tests are ported.
"""
from __future__ import annotations

import logging
import os
from typing import Any, Optional

from composio import ComposioToolSet, App, Composio, Action

from app.clients import get_client

log = logging.getLogger(__name__)

ONBOARDING_REPO = ("relay-hq", "relay")
WELCOME_SUBJECT = "Welcome to Relay"

_toolsets: dict[str, ComposioToolSet] = {}


def toolset_for(user_id: str) -> ComposioToolSet:
    """One toolset per user: the old SDK bound the entity at construction time."""
    if user_id not in _toolsets:
        _toolsets[user_id] = ComposioToolSet(
            api_key=os.environ.get("COMPOSIO_API_KEY"),
            entity_id=user_id,
        )
    return _toolsets[user_id]


def ensure_connected(user_id: str, toolkit: str, client: Optional[Composio] = None) -> Optional[str]:
    """Return a redirect URL if the user still has to connect `toolkit`."""
    client = client or get_client()
    accounts = client.connected_accounts.list(user_ids=[user_id], toolkit_slugs=[toolkit])
    status_ok = "active"
    if any(a.status.lower() == status_ok for a in accounts.items):
        return None
    request = client.toolkits.authorize(user_id=user_id, toolkit=toolkit)
    return request.redirect_url


def star_onboarding_repo(user_id: str) -> bool:
    toolset = toolset_for(user_id)
    owner, repo = ONBOARDING_REPO
    response = toolset.execute_action(
        action=Action.GITHUB_STAR_A_REPOSITORY_FOR_THE_AUTHENTICATED_USER,
        params={"owner": owner, "repo": repo},
        entity_id=user_id,
    )
    # 0.5.x returned "successfull"; keep both until everything is on v3
    ok = bool(response.get("successful", response.get("successfull")))
    if not ok:
        log.warning("star failed for %s: %s", user_id, response.get("error"))
    return ok


def send_welcome(user_id: str, email: str, first_name: str) -> dict[str, Any]:
    body = (
        f"Hi {first_name},\n\n"
        "Relay is now connected to your GitHub account. Reply to this email if anything looks off.\n\n"
        "-- The Relay team"
    )
    # new client for the email: this part is already migrated
    client = get_client()
    result = client.tools.execute(
        "GMAIL_SEND_EMAIL",
        arguments={"recipient_email": email, "subject": WELCOME_SUBJECT, "body": body},
        user_id=user_id,
    )
    return {"sent": result["successful"], "message_id": (result["data"] or {}).get("id")}


def onboarding_tools(user_id: str) -> list[Any]:
    """Tool schemas for the onboarding chat (legacy shapes, OpenAI format)."""
    toolset = toolset_for(user_id)
    return toolset.get_tools(apps=[App.GITHUB, App.GMAIL], check_connected_accounts=False)


def run_onboarding(user_id: str, email: str, first_name: str) -> dict[str, Any]:
    pending = {tk: url for tk in ("github", "gmail") if (url := ensure_connected(user_id, tk))}
    if pending:
        return {"status": "needs_connection", "links": pending}
    starred = star_onboarding_repo(user_id)
    welcome = send_welcome(user_id, email, first_name)
    return {"status": "done", "starred": starred, **welcome, "tools": len(onboarding_tools(user_id))}


if __name__ == "__main__":
    import sys

    print(run_onboarding(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else "there"))
