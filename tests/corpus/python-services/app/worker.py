"""Background worker: turns labelled emails into Linear issues.

Runs inside the API process (started from the FastAPI lifespan) or alone:

    relay-worker            # polling loop
    relay-worker --listen   # dev: websocket trigger subscription instead of polling
"""
from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import time
from dataclasses import dataclass
from typing import Any, Optional

from composio import Composio

from app import slugs
from app.clients import get_client
from app.settings import get_settings

log = logging.getLogger("relay.worker")

TODO_QUERY = "label:relay-todo -label:relay-done newer_than:7d"
ACTIVE = "ACTIVE"


@dataclass
class Job:
    user_id: str
    connected_account_id: str
    message_id: str
    thread_id: str
    sender: str
    subject: str
    snippet: str


class InboxWorker:
    def __init__(self, interval: int = 120, client: Optional[Composio] = None) -> None:
        self.interval = interval
        self._client = client
        self._stop = asyncio.Event()
        self._seen: set[str] = set()
        self.settings = get_settings()

    @property
    def client(self) -> Composio:
        if self._client is None:
            self._client = get_client()
        return self._client

    def stop(self) -> None:
        self._stop.set()

    async def run_forever(self) -> None:
        log.info("inbox worker started (every %ss)", self.interval)
        while not self._stop.is_set():
            started = time.monotonic()
            try:
                handled = await asyncio.to_thread(self.tick)
                if handled:
                    log.info("tick handled %d emails in %.1fs", handled, time.monotonic() - started)
            except Exception:
                log.exception("worker tick failed; retrying next interval")
            try:
                await asyncio.wait_for(self._stop.wait(), timeout=self.interval)
            except asyncio.TimeoutError:
                pass
        log.info("inbox worker stopped")

    # -- one pass -------------------------------------------------------------

    def gmail_accounts(self) -> list[Any]:
        accounts: list[Any] = []
        cursor: Optional[str] = None
        while True:
            page = self.client.connected_accounts.list(toolkit_slugs=["gmail"], statuses=[ACTIVE], cursor=cursor, limit=100)
            accounts.extend(page.items)
            cursor = page.next_cursor
            if not cursor:
                return accounts

    def jobs_for(self, account: Any) -> list[Job]:
        user_id = account.user_id
        result = self.client.tools.execute(
            slugs.FETCH_EMAILS,
            arguments={"query": TODO_QUERY, "max_results": 10},
            user_id=user_id,
            connected_account_id=account.id,
        )
        if not result["successful"]:
            log.warning("fetch failed for %s: %s", user_id, result["error"])
            return []
        jobs = []
        for m in result["data"].get("messages", []):
            if m["messageId"] in self._seen:
                continue
            jobs.append(
                Job(
                    user_id=user_id,
                    connected_account_id=account.id,
                    message_id=m["messageId"],
                    thread_id=m.get("threadId", ""),
                    sender=m.get("sender", ""),
                    subject=m.get("subject", "(no subject)"),
                    snippet=(m.get("messageText") or "")[:1500],
                )
            )
        return jobs

    def handle(self, job: Job) -> Optional[str]:
        issue = self.client.tools.execute(
            slugs.LINEAR_ISSUE,
            arguments={
                "team_id": self.settings.linear_team_id,
                "title": job.subject,
                "description": f"From {job.sender}:\n\n{job.snippet}",
                "priority": 3,
            },
            user_id=job.user_id,
        )
        if not issue["successful"]:
            log.error("linear issue for %s failed: %s", job.message_id, issue["error"])
            return None

        issue_url = issue["data"].get("url") or issue["data"].get("issue", {}).get("url")
        reply = self.client.tools.execute(
            "GMAIL_REPLY_TO_THREAD",
            arguments={
                "thread_id": job.thread_id,
                "recipient_email": job.sender,
                "message_body": f"Thanks, this is now tracked as {issue['data'].get('identifier', 'an issue')}: {issue_url}",
            },
            user_id=job.user_id,
            connected_account_id=job.connected_account_id,
        )
        if not reply["successful"]:
            log.warning("reply on %s failed: %s", job.thread_id, reply["error"])
        self._seen.add(job.message_id)
        return issue_url

    def tick(self) -> int:
        handled = 0
        for account in self.gmail_accounts():
            if account.status != ACTIVE:  # list() filter is best effort on older API versions
                continue
            for job in self.jobs_for(account):
                if self._stop.is_set():
                    return handled
                if self.handle(job):
                    handled += 1
        return handled


def listen(client: Composio) -> None:
    """Dev mode: react to GMAIL_NEW_GMAIL_MESSAGE over the websocket instead of polling."""
    worker = InboxWorker(client=client)
    subscription = client.triggers.subscribe(timeout=30.0)

    @subscription.handle(trigger_slug=slugs.NEW_MAIL_TRIGGER)
    def on_mail(event: dict[str, Any]) -> None:
        payload = event["payload"]
        if "relay-todo" not in payload.get("labelIds", []):
            return
        account = event["metadata"]["connected_account"]
        job = Job(
            user_id=event["user_id"],
            connected_account_id=account["id"],
            message_id=payload["messageId"],
            thread_id=payload.get("threadId", ""),
            sender=payload.get("sender", ""),
            subject=payload.get("subject", ""),
            snippet=(payload.get("messageText") or "")[:1500],
        )
        log.info("trigger -> %s", worker.handle(job))

    signal.signal(signal.SIGTERM, lambda *_: subscription.stop())
    subscription.wait_forever()


def main() -> None:
    parser = argparse.ArgumentParser(prog="relay-worker")
    parser.add_argument("--listen", action="store_true")
    parser.add_argument("--interval", type=int, default=None)
    args = parser.parse_args()
    logging.basicConfig(level=get_settings().log_level)

    client = get_client()
    if args.listen:
        listen(client)
        return
    worker = InboxWorker(interval=args.interval or get_settings().worker_interval_seconds, client=client)
    loop = asyncio.new_event_loop()
    loop.add_signal_handler(signal.SIGTERM, worker.stop)
    loop.add_signal_handler(signal.SIGINT, worker.stop)
    loop.run_until_complete(worker.run_forever())


if __name__ == "__main__":
    main()
