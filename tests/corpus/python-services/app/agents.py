"""Agent endpoints: a LangChain agent and a plain OpenAI tool-calling loop."""
from __future__ import annotations

import json
import logging
from functools import lru_cache
from typing import Any

from fastapi import APIRouter, HTTPException
from langchain.agents import AgentExecutor, create_tool_calling_agent
from langchain_core.prompts import ChatPromptTemplate, MessagesPlaceholder
from langchain_openai import ChatOpenAI
from pydantic import BaseModel

from app import slugs
from app.clients import composio, get_langchain_client, get_openai
from app.dependencies import UserId
from app.settings import get_settings

log = logging.getLogger(__name__)
router = APIRouter(prefix="/agent", tags=["agent"])

MAX_TURNS = 6

SYSTEM_PROMPT = """You are Relay, an assistant that acts in the user's own accounts.
Use COMPOSIO_SEARCH_TOOLS when none of the tools you were given fits the task.
Never send an email or post a message without quoting it back to the user first,
unless the user explicitly said "send it"."""


class AgentRequest(BaseModel):
    message: str
    toolkits: list[str] | None = None
    chat_history: list[dict[str, str]] = []


class AgentReply(BaseModel):
    output: str
    tools_available: int
    steps: list[str] = []


@lru_cache(maxsize=1)
def _prompt() -> ChatPromptTemplate:
    return ChatPromptTemplate.from_messages(
        [
            ("system", SYSTEM_PROMPT),
            MessagesPlaceholder("chat_history", optional=True),
            ("human", "{input}"),
            MessagesPlaceholder("agent_scratchpad"),
        ]
    )


def load_tools(user_id: str, toolkits: list[str] | None = None) -> list[Any]:
    composio = get_langchain_client()
    if toolkits:
        tools = composio.tools.get(user_id=user_id, toolkits=toolkits, limit=30)
    else:
        # the search meta tool plus a short fixed list keeps the prompt small
        tools = composio.tools.get(user_id=user_id, tools=[slugs.SEARCH_TOOLS, "GMAIL_SEND_EMAIL", slugs.CREATE_ISSUE])
    log.debug("loaded %d tools for %s: %s", len(tools), user_id, [t.name for t in tools])
    return list(tools)


def build_executor(user_id: str, toolkits: list[str] | None = None) -> tuple[AgentExecutor, int]:
    settings = get_settings()
    llm = ChatOpenAI(model=settings.openai_model, temperature=0, api_key=settings.openai_api_key)
    tools = load_tools(user_id, toolkits)
    agent = create_tool_calling_agent(llm, tools, _prompt())
    executor = AgentExecutor(
        agent=agent,
        tools=tools,
        max_iterations=8,
        return_intermediate_steps=True,
        handle_parsing_errors=True,
    )
    return executor, len(tools)


@router.post("/langchain", response_model=AgentReply)
def run_agent(req: AgentRequest, user_id: UserId):
    executor, n_tools = build_executor(user_id, req.toolkits)
    if n_tools == 0:
        raise HTTPException(409, "no tools available: connect an account first")
    history = [(m["role"], m["content"]) for m in req.chat_history[-10:]]
    result = executor.invoke({"input": req.message, "chat_history": history})
    steps = [f"{action.tool}({action.tool_input})" for action, _ in result.get("intermediate_steps", [])]
    return AgentReply(output=result["output"], tools_available=n_tools, steps=steps)



# --- plain OpenAI loop (no LangChain) ----------------------------------------


class ChatIn(BaseModel):
    message: str
    allow_search: bool = True


@composio.tools.custom_tool
def relay_whoami(request: ChatIn) -> dict:
    """Return which Relay deployment is answering (for debugging prompts)."""
    return {"environment": get_settings().environment, "echo": request.message[:50]}


def tools_for(user_id: str, allow_search: bool) -> list[Any]:
    wanted = list(slugs.ASSISTANT_TOOLS)
    if not allow_search:
        wanted.remove(slugs.SEARCH_TOOLS)
    tools = composio.tools.get(user_id, tools=wanted + ["RELAY_WHOAMI"])
    names = [t["function"]["name"] for t in tools]
    missing = sorted(set(wanted) - set(names))
    if missing:
        log.info("tools not available for %s: %s", user_id, missing)
    return tools


def chat(user_id: str, message: str, allow_search: bool = True) -> dict[str, Any]:
    client = get_openai()
    tools = tools_for(user_id, allow_search)
    messages: list[dict[str, Any]] = [
        {"role": "system", "content": "You help the user with email, GitHub, Slack and calendar."},
        {"role": "user", "content": message},
    ]
    executed: list[str] = []
    for _ in range(MAX_TURNS):
        completion = client.chat.completions.create(
            model=get_settings().openai_model,
            messages=messages,
            tools=tools,
        )
        choice = completion.choices[0]
        if not choice.message.tool_calls:
            return {"reply": choice.message.content, "tools": executed}

        messages.append(choice.message.model_dump(exclude_none=True))
        results = composio.provider.handle_tool_calls(user_id=user_id, response=completion)
        for call, result in zip(choice.message.tool_calls, results):
            executed.append(call.function.name)
            ok = result.get("successful", False)
            content = result.get("data") if ok else {"error": result.get("error")}
            messages.append({"role": "tool", "tool_call_id": call.id, "content": json.dumps(content)[:8000]})
    return {"reply": "I had to stop after too many steps.", "tools": executed}


@router.post("/chat")
def chat_endpoint(body: ChatIn, user_id: UserId):
    return chat(user_id, body.message, body.allow_search)

if __name__ == "__main__":
    import sys

    uid = sys.argv[1] if len(sys.argv) > 1 else get_settings().default_user_id
    ex, n = build_executor(uid, ["github"])
    print(f"{n} tools")
    print(ex.invoke({"input": "Star the composiohq/composio repository on GitHub"})["output"])
