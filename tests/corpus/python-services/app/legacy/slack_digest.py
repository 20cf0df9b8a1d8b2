"""Daily Slack digest of unread email (cron job, legacy 0.7 toolset).

    python -m app.legacy.slack_digest --entity alice --channel "#alice-inbox"
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
import time

from composio_openai import Action, App, ComposioToolSet
from openai import OpenAI

log = logging.getLogger("slack_digest")

DIGEST_PROMPT = (
    "Summarise these emails for a busy engineer. One bullet per thread, most urgent first, "
    "at most 12 bullets. Mention who is waiting on a reply."
)


def connect_if_needed(toolset: ComposioToolSet, entity_id: str, app: App) -> None:
    entity = toolset.get_entity(id=entity_id)
    try:
        entity.get_connection(app=app)
        return
    except Exception:
        pass
    request = entity.initiate_connection(app_name=app, redirect_url="https://relay.example.com/connected")
    print(f"Connect {app} for {entity_id}: {request.redirectUrl}", file=sys.stderr)
    account = request.wait_until_active(client=toolset.client, timeout=180)
    log.info("connected %s as %s (%s)", app, account.id, account.status)


def fetch_unread(toolset: ComposioToolSet, entity_id: str, limit: int) -> list[dict]:
    result = toolset.execute_action(
        Action.GMAIL_FETCH_EMAILS,
        params={"query": "is:unread newer_than:1d", "max_results": limit},
        entity_id=entity_id,
    )
    if not result["successful"]:
        raise RuntimeError(result["error"])
    return result["data"].get("messages", [])


def summarise(llm: OpenAI, messages: list[dict]) -> str:
    compact = [
        {"from": m.get("sender"), "subject": m.get("subject"), "snippet": (m.get("messageText") or "")[:300]}
        for m in messages
    ]
    completion = llm.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            {"role": "system", "content": DIGEST_PROMPT},
            {"role": "user", "content": json.dumps(compact)},
        ],
    )
    return completion.choices[0].message.content or "(empty summary)"


def post_digest_with_llm(toolset: ComposioToolSet, llm: OpenAI, entity_id: str, channel: str, text: str) -> None:
    """Let the model post (it formats Slack mrkdwn better than we do)."""
    tools = toolset.get_tools(actions=[Action.SLACK_SENDS_A_MESSAGE_TO_A_SLACK_CHANNEL])
    response = llm.chat.completions.create(
        model="gpt-4o-mini",
        tools=tools,
        messages=[
            {"role": "system", "content": f"Post the digest to Slack channel {channel}. Use Slack mrkdwn."},
            {"role": "user", "content": text},
        ],
    )
    outputs = toolset.handle_tool_calls(response, entity_id=entity_id)
    for out in outputs:
        if not out.get("successful"):
            log.error("slack post failed: %s", out.get("error"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entity", default="default")
    parser.add_argument("--channel", required=True)
    parser.add_argument("--limit", type=int, default=30)
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args(argv)

    toolset = ComposioToolSet(entity_id=args.entity)
    llm = OpenAI()
    for app in (App.GMAIL, App.SLACK):
        connect_if_needed(toolset, args.entity, app)

    started = time.monotonic()
    messages = fetch_unread(toolset, args.entity, args.limit)
    if not messages:
        log.info("inbox zero for %s", args.entity)
        return 0
    digest = summarise(llm, messages)
    if args.dry_run:
        print(digest)
    else:
        post_digest_with_llm(toolset, llm, args.entity, args.channel, digest)
    log.info("digest of %d mails in %.1fs", len(messages), time.monotonic() - started)
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    sys.exit(main())
