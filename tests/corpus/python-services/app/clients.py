"""Process-wide clients.

Everything that talks to Composio or OpenAI imports from here so that we build
each client exactly once per process (the Composio client caches toolkit
versions and keeps an HTTP pool open).
"""
from __future__ import annotations

import logging
import threading
from functools import lru_cache
from typing import Any, Optional

from composio import Composio
from composio_langchain import LangchainProvider
from composio_openai import OpenAIProvider
from openai import OpenAI

from app.settings import get_settings

log = logging.getLogger(__name__)

_lock = threading.Lock()
_composio: Optional[Composio] = None


class ToolExecutionError(RuntimeError):
    """A Composio tool ran but reported `successful: False`."""

    def __init__(self, slug: str, error: str | None, data: Any = None) -> None:
        super().__init__(f"{slug} failed: {error or 'unknown error'}")
        self.slug = slug
        self.error = error
        self.data = data


def get_client() -> Composio:
    """The shared Composio client (OpenAI provider), created on first use."""
    global _composio
    if _composio is None:
        with _lock:
            if _composio is None:
                settings = get_settings()
                _composio = Composio(
                    provider=OpenAIProvider(),
                    api_key=settings.composio_api_key,
                    toolkit_versions={"github": "20250909_00", "gmail": "latest"},
                )
                log.info("composio client ready (env=%s)", settings.environment)
    return _composio


@lru_cache(maxsize=1)
def get_langchain_client() -> Composio[LangchainProvider]:
    """A second client whose tools come back as LangChain StructuredTools."""
    settings = get_settings()
    return Composio(provider=LangchainProvider(), api_key=settings.composio_api_key)


@lru_cache(maxsize=1)
def get_openai() -> OpenAI:
    return OpenAI(api_key=get_settings().openai_api_key.get_secret_value() or None)


def execute_checked(slug: str, arguments: dict[str, Any], user_id: str, **extra: Any) -> dict[str, Any]:
    """Run a tool and return its `data`, raising if Composio says it failed."""
    result = get_client().tools.execute(slug, arguments=arguments, user_id=user_id, **extra)
    if not result["successful"]:
        raise ToolExecutionError(slug, result.get("error"), result.get("data"))
    return result["data"]


# Most modules just want "the client".
composio = get_client()
