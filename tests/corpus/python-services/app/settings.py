"""Runtime configuration, read from the environment (and .env in development)."""
from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
    )

    environment: Literal["development", "staging", "production"] = "development"
    log_level: str = "INFO"

    # --- Composio -----------------------------------------------------------
    composio_api_key: str = Field(..., description="Project API key from the Composio dashboard")
    composio_base_url: str | None = None
    composio_webhook_secret: SecretStr | None = None
    # auth configs created once in the dashboard; ids differ per environment
    github_auth_config_id: str = "ac_github_dev"
    gmail_auth_config_id: str = "ac_gmail_dev"
    slack_auth_config_id: str | None = None
    notion_auth_config_id: str | None = None
    # status a connection must have before we run tools for it
    required_connection_status: str = "ACTIVE"
    default_user_id: str = "default"

    # --- OpenAI -------------------------------------------------------------
    openai_api_key: SecretStr = SecretStr("")
    openai_model: str = "gpt-4o-mini"

    # --- app ----------------------------------------------------------------
    public_base_url: str = "http://localhost:8000"
    notion_parent_page_id: str = ""
    linear_team_id: str = ""
    worker_interval_seconds: int = 120
    worker_enabled: bool = True

    @field_validator("composio_api_key")
    @classmethod
    def _not_placeholder(cls, value: str) -> str:
        if value.startswith("your-") or value == "changeme":
            raise ValueError("COMPOSIO_API_KEY still holds the placeholder from .env.example")
        return value

    @property
    def callback_url(self) -> str:
        return f"{self.public_base_url.rstrip('/')}/connections/callback"


@lru_cache
def get_settings() -> Settings:
    return Settings()  # type: ignore[call-arg]
