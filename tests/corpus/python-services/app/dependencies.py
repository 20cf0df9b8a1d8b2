"""FastAPI dependencies."""
from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, HTTPException, status

from composio import Composio

from app.clients import get_client
from app.settings import Settings, get_settings


def get_composio() -> Composio:
    """Inject the shared client; tests override this with a fake."""
    return get_client()


def current_user_id(x_relay_user: Annotated[str | None, Header()] = None) -> str:
    # The gateway authenticates the user and forwards their id. Composio calls
    # these "user ids" (the old SDK said "entity id").
    if not x_relay_user:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing X-Relay-User header")
    return x_relay_user


ComposioDep = Annotated[Composio, Depends(get_composio)]
UserId = Annotated[str, Depends(current_user_id)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
