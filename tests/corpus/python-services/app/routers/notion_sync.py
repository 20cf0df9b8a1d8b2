"""Turn meeting notes / email threads into Notion pages."""
from __future__ import annotations

import logging
import textwrap
from datetime import date
from typing import Any

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel

from app import slugs
from app.dependencies import ComposioDep, SettingsDep, UserId

log = logging.getLogger(__name__)
router = APIRouter(prefix="/notion", tags=["notion"])

MAX_BLOCK_CHARS = 1900  # Notion rejects rich_text content over 2000 chars


class NotesIn(BaseModel):
    title: str
    sections: dict[str, str]
    parent_id: str | None = None
    emoji: str = "📝"


class PageOut(BaseModel):
    page_id: str
    url: str | None
    blocks_added: int


def _paragraphs(text: str) -> list[dict[str, Any]]:
    chunks = textwrap.wrap(text, MAX_BLOCK_CHARS, replace_whitespace=False) or [""]
    return [
        {
            "object": "block",
            "type": "paragraph",
            "paragraph": {"rich_text": [{"type": "text", "text": {"content": chunk}}]},
        }
        for chunk in chunks
    ]


def _heading(text: str) -> dict[str, Any]:
    return {
        "object": "block",
        "type": "heading_2",
        "heading_2": {"rich_text": [{"type": "text", "text": {"content": text}}]},
    }


def build_blocks(sections: dict[str, str]) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = []
    for heading, body in sections.items():
        blocks.append(_heading(heading))
        blocks.extend(_paragraphs(body))
    return blocks


@router.post("/notes", response_model=PageOut)
def create_notes_page(notes: NotesIn, user_id: UserId, composio: ComposioDep, settings: SettingsDep):
    parent = notes.parent_id or settings.notion_parent_page_id
    if not parent:
        raise HTTPException(400, "no parent page configured")

    page = composio.tools.execute(
        "NOTION_CREATE_NOTION_PAGE",
        arguments={"parent_id": parent, "title": f"{notes.title} ({date.today():%Y-%m-%d})", "icon": notes.emoji},
        user_id=user_id,
    )
    if not page["successful"]:
        log.error("notion page create failed for %s: %s", user_id, page["error"])
        raise HTTPException(502, page["error"])

    blocks = build_blocks(notes.sections)
    added = 0
    # append in batches of 100 (Notion limit per request)
    for start in range(0, len(blocks), 100):
        appended = composio.tools.execute(
            "NOTION_APPEND_BLOCK_CHILDREN",
            arguments={"block_id": page["data"]["id"], "children": blocks[start : start + 100]},
            user_id=user_id,
        )
        if not appended["successful"]:
            log.warning("partial page %s: %s", page["data"]["id"], appended["error"])
            break
        added += len(appended["data"].get("results", []))

    return PageOut(page_id=page["data"]["id"], url=page["data"].get("url"), blocks_added=added)


@router.post("/from-inbox")
def digest_inbox_to_notion(user_id: UserId, composio: ComposioDep, settings: SettingsDep, query: str = "is:unread"):
    """Fetch recent mail and file a digest page, one section per sender."""
    emails = composio.tools.execute(
        slugs.FETCH_EMAILS,
        arguments={"query": query, "max_results": 25, "include_payload": False},
        user_id=user_id,
    )
    if not emails["successful"]:
        raise HTTPException(502, emails["error"])
    messages = emails["data"].get("messages", [])
    if not messages:
        return {"page_id": None, "messages": 0}

    by_sender: dict[str, list[str]] = {}
    for m in messages:
        by_sender.setdefault(m.get("sender", "unknown"), []).append(f"• {m.get('subject', '(no subject)')}")

    page = composio.tools.execute(
        slugs.NOTION_PAGE,
        arguments={"parent_id": settings.notion_parent_page_id, "title": f"Inbox digest {date.today():%b %d}"},
        user_id=user_id,
    )
    page_id = page["data"]["id"]
    composio.tools.execute(
        slugs.NOTION_APPEND,
        arguments={"block_id": page_id, "children": build_blocks({s: "\n".join(v) for s, v in by_sender.items()})},
        user_id=user_id,
    )
    return {"page_id": page_id, "messages": len(messages)}
