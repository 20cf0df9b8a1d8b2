"""Direct tool calls the frontend triggers (no LLM in the loop)."""
from __future__ import annotations

import logging
from typing import Any, Optional

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, EmailStr, Field

from composio import Composio, before_execute
from composio.types import ToolExecuteParams

from app import slugs
from app.clients import ToolExecutionError, execute_checked
from app.dependencies import ComposioDep, SettingsDep, UserId

log = logging.getLogger(__name__)
router = APIRouter(prefix="/actions", tags=["actions"])


class NotifyRequest(BaseModel):
    channel: str = Field(pattern="^(email|slack|linear)$")
    to: Optional[str] = None
    title: str
    body: str = ""


class IssueRequest(BaseModel):
    owner: str
    repo: str
    title: str
    body: str = ""
    labels: list[str] = []
    follow_up: Optional[str] = None


class IssueOut(BaseModel):
    number: int
    url: str
    comment_id: Optional[int] = None


class MeetingRequest(BaseModel):
    summary: str
    start: str  # ISO 8601, local time of `timezone`
    minutes: int = 30
    timezone: str = "UTC"
    attendees: list[EmailStr] = []


@before_execute(tools=[slugs.SEND_EMAIL])
def _footer(tool: str, toolkit: str, params: ToolExecuteParams) -> ToolExecuteParams:
    args = params.get("arguments", {})
    args["body"] = f"{args.get('body', '')}\n\n-- sent via Relay"
    return params


def _arguments_for(channel: str, req: NotifyRequest, team_id: str) -> dict[str, Any]:
    if channel == "email":
        return {"recipient_email": req.to, "subject": req.title, "body": req.body}
    if channel == "slack":
        return {"channel": req.to or "#general", "markdown_text": f"*{req.title}*\n{req.body}"}
    return {"team_id": team_id, "title": req.title, "description": req.body}


@router.post("/notify")
def notify(req: NotifyRequest, user_id: UserId, composio: ComposioDep, settings: SettingsDep):
    tool = slugs.NOTIFY_TOOLS[req.channel]
    arguments = _arguments_for(req.channel, req, settings.linear_team_id)
    result = composio.tools.execute(
        tool,
        arguments=arguments,
        user_id=user_id,
        modifiers=[_footer],
    )
    if not result["successful"]:
        log.warning("notify via %s failed: %s", tool, result["error"])
        raise HTTPException(502, result["error"] or f"{tool} failed")
    return {"ok": True, "tool": tool, "data": result["data"]}


def _issue_out(result: dict[str, Any]) -> IssueOut:
    return IssueOut(number=result["data"]["number"], url=result["data"]["html_url"])


@router.post("/issues", response_model=IssueOut)
def open_issue(req: IssueRequest, user_id: UserId, composio: ComposioDep):
    issue = composio.tools.execute(
        slugs.CREATE_ISSUE,
        arguments={"owner": req.owner, "repo": req.repo, "title": req.title, "body": req.body, "labels": req.labels},
        user_id=user_id,
    )
    if not issue["successful"]:
        raise HTTPException(502, issue["error"])

    out = _issue_out(issue)
    if req.follow_up:
        comment = composio.tools.execute(
            slugs.COMMENT_ON_ISSUE,
            arguments={
                "owner": req.owner,
                "repo": req.repo,
                "issue_number": issue["data"]["number"],
                "body": req.follow_up,
            },
            user_id=user_id,
        )
        out.comment_id = comment["data"].get("id") if comment["successful"] else None
    return out


@router.post("/slack/announce")
def announce(channel_name: str, text: str, user_id: UserId, composio: ComposioDep):
    """Post into a channel by name; Slack wants the id."""
    channels = composio.tools.execute(
        slugs.SLACK_CHANNELS,
        arguments={"channel_name": channel_name.lstrip("#"), "exclude_archived": True, "limit": 20},
        user_id=user_id,
    )
    matches = [c for c in channels["data"].get("channels", []) if c["name"] == channel_name.lstrip("#")]
    if not matches:
        raise HTTPException(404, f"no channel named {channel_name}")
    posted = composio.tools.execute(
        slugs.SLACK_POST,
        arguments={"channel": matches[0]["id"], "text": text},
        user_id=user_id,
    )
    return {"ok": posted["successful"], "ts": posted["data"].get("ts")}


@router.post("/meetings")
def schedule(req: MeetingRequest, user_id: UserId):
    try:
        data = execute_checked(
            slugs.CALENDAR_EVENT,
            {
                "summary": req.summary,
                "start_datetime": req.start,
                "timezone": req.timezone,
                "event_duration_hour": req.minutes // 60,
                "event_duration_minutes": req.minutes % 60,
                "attendees": [str(a) for a in req.attendees],
                "create_meeting_room": True,
            },
            user_id,
        )
    except ToolExecutionError as exc:
        raise HTTPException(502, str(exc)) from exc
    return {"event_id": data.get("id"), "meet": data.get("hangoutLink")}


@router.get("/github/me")
def github_me(user_id: UserId, composio: ComposioDep):
    # proxy a raw REST call through the user's GitHub connection
    accounts = composio.connected_accounts.list(user_ids=[user_id], toolkit_slugs=["github"]).items
    active = next((a for a in accounts if a.status == "ACTIVE"), None)
    if active is None:
        raise HTTPException(409, "connect GitHub first")
    response = composio.tools.proxy(endpoint="/user", method="GET", connected_account_id=active.id)
    return {"login": response.data.get("login"), "status": response.status}


@router.get("/catalog")
def catalog(user_id: UserId, composio: ComposioDep, toolkit: Optional[str] = None):
    """Names + descriptions of the tools the assistant may use, for the UI."""
    if toolkit:
        tools = composio.tools.get(user_id=user_id, toolkits=[toolkit], limit=25)
    else:
        tools = composio.tools.get(user_id=user_id, tools=slugs.ASSISTANT_TOOLS)
    return {
        "count": len(tools),
        "tools": [
            {"name": t["function"]["name"], "description": t["function"].get("description", "")[:200]}
            for t in tools
        ],
    }


def run_for_optional_client(client: Optional[Composio], user_id: str, owner: str, repo: str) -> bool:
    """Used by the onboarding flow, which may run before the client exists."""
    result = client and client.tools.execute(
        slugs.STAR_REPO, arguments={"owner": owner, "repo": repo}, user_id=user_id
    )
    return bool(result and result["successful"])
