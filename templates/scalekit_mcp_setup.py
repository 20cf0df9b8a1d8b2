"""Creates the Scalekit MCP configs this code needs; written by `scalekit-migrate plan --write-setup`.

Each Composio MCP server or session the code used is a Scalekit MCP config: created once, then each
user's pre-authenticated URL comes from client.actions.mcp.ensure_instance(config_name=..., user_identifier=...).

Run it once per Scalekit environment (it needs scalekit-sdk-python 2.10 or later, and the variables
SCALEKIT_ENV_URL, SCALEKIT_CLIENT_ID and SCALEKIT_CLIENT_SECRET):

    python3 scalekit_mcp_setup.py

It lists the environment's MCP configs first and creates only those missing, so a second run creates
nothing. Each line it prints starts with what it did: `created`, `exists`, or `by hand` (a config whose
connections the code does not say: create it in the dashboard, AgentKit > MCP).
"""
import os

from scalekit import ScalekitClient
from scalekit.actions.models.mcp_config import McpConfigConnectionToolMapping

# config name -> connection name -> tool names (an empty list: every tool of the connection)
CONFIGS = {}

# configs the code needs whose connections and tools it does not say, and why
BY_HAND = {}


def existing_config_names(mcp):
    """Every MCP config name of the environment, page by page (30 a page at most)."""
    names = set()
    page_token = None
    while True:
        page = mcp.list_configs(page_size=30, page_token=page_token)
        names.update(config.name for config in page.configs)
        page_token = page.next_page_token
        if not page_token:
            return names


def main(client=None):
    if client is None:
        client = ScalekitClient(
            env_url=os.environ["SCALEKIT_ENV_URL"],
            client_id=os.environ["SCALEKIT_CLIENT_ID"],
            client_secret=os.environ["SCALEKIT_CLIENT_SECRET"],
        )
    mcp = client.actions.mcp
    existing = existing_config_names(mcp)
    counts = {"created": 0, "exists": 0, "by hand": 0}
    for name, connections in CONFIGS.items():
        if name in existing:
            counts["exists"] += 1
            print(f"exists   {name}")
            continue
        mcp.create_config(
            name=name,
            connection_tool_mappings=[
                McpConfigConnectionToolMapping(connection_name=connection, tools=tools)
                for connection, tools in connections.items()
            ],
        )
        counts["created"] += 1
        print(f"created  {name}: " + "; ".join(f"{c} ({', '.join(t) if t else 'all tools'})" for c, t in connections.items()))
    for name, why in BY_HAND.items():
        if name in existing:
            counts["exists"] += 1
            print(f"exists   {name}")
        else:
            counts["by hand"] += 1
            print(f"by hand  {name}: {why}")
    print(f"done: {counts['created']} created, {counts['exists']} already there, {counts['by hand']} to create by hand")
    return counts

if __name__ == "__main__":
    main()
