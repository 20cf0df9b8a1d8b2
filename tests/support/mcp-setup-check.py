"""Runs a setup script written by `scalekit-migrate plan --write-setup` twice against a stand-in Scalekit client.

The stand-ins keep scalekit-sdk-python 2.10.0's signatures (scalekit-inc/scalekit-sdk-python fb7ed22:
scalekit/actions/actions.py `ActionMcp.list_configs` / `create_config`, scalekit/actions/models/mcp_config.py
`McpConfigConnectionToolMapping`), and refuse any other keyword, so a misspelled one fails here as it would
not in the SDK (its pydantic model ignores unknown fields). list_configs gives at most page_size configs and
a next_page_token (None on the last page), as ListMcpConfigsResponse.from_proto does.

Usage: mcp-setup-check.py <script> <existing config name>...   Prints a JSON account of both runs.
"""
import contextlib
import importlib.util
import io
import json
import sys
import types
from types import SimpleNamespace as NS


class McpConfigConnectionToolMapping:
    FIELDS = {"connection_id", "connection_name", "provider", "tools", "connected_account_id", "connected_account_status"}

    def __init__(self, **fields):
        unknown = set(fields) - self.FIELDS
        if unknown:
            raise TypeError(f"McpConfigConnectionToolMapping: unknown fields {sorted(unknown)}")
        self.connection_name = fields.get("connection_name")
        self.tools = list(fields.get("tools") or [])


class ActionMcp:
    def __init__(self, existing):
        self.configs = [NS(id=f"cfg_{i}", name=name) for i, name in enumerate(existing)]
        self.calls = []

    def list_configs(self, page_size=None, page_token=None, filter_id=None, filter_provider=None, filter_name=None, search=None):
        self.calls.append({"list_configs": {"page_size": page_size, "page_token": page_token}})
        if page_size is not None and page_size > 30:
            raise ValueError("page_size: at most 30")
        start = int(page_token or 0)
        size = page_size or 10
        page = self.configs[start:start + size]
        next_token = str(start + size) if start + size < len(self.configs) else None
        return NS(configs=page, next_page_token=next_token)

    def create_config(self, name, description=None, connection_tool_mappings=None):
        if not name:
            raise ValueError("name is required")
        if any(c.name == name for c in self.configs):
            raise RuntimeError(f"ALREADY_EXISTS: {name}")
        mappings = [{"connection_name": m.connection_name, "tools": m.tools} for m in connection_tool_mappings or []]
        self.calls.append({"create_config": {"name": name, "connection_tool_mappings": mappings}})
        self.configs.append(NS(id=f"cfg_{len(self.configs)}", name=name))
        return NS(config=NS(id=f"cfg_{len(self.configs) - 1}", name=name))


class ScalekitClient:
    def __init__(self, env_url, client_id, client_secret):
        raise AssertionError("the script built its own client though one was given")


scalekit = types.ModuleType("scalekit")
scalekit.ScalekitClient = ScalekitClient
mcp_config = types.ModuleType("scalekit.actions.models.mcp_config")
mcp_config.McpConfigConnectionToolMapping = McpConfigConnectionToolMapping
for name in ["scalekit.actions", "scalekit.actions.models"]:
    sys.modules[name] = types.ModuleType(name)
sys.modules["scalekit"] = scalekit
sys.modules["scalekit.actions.models.mcp_config"] = mcp_config

spec = importlib.util.spec_from_file_location("scalekit_mcp_setup", sys.argv[1])
script = importlib.util.module_from_spec(spec)
spec.loader.exec_module(script)

mcp = ActionMcp(sys.argv[2:])
client = NS(actions=NS(mcp=mcp))
runs = []
for _ in range(2):
    out = io.StringIO()
    mcp.calls = []
    with contextlib.redirect_stdout(out):
        counts = script.main(client)
    runs.append({"printed": out.getvalue().splitlines(), "counts": counts, "calls": mcp.calls})
print(json.dumps({"runs": runs, "configs": [c.name for c in mcp.configs]}))
