"""Runs the generated Python adapters against a stand-in Scalekit client (no network, no SDK install).

The stand-ins mirror what scalekit-sdk-python returns: list_scoped_tools gives a (response, call)
tuple whose response.tools hold ScopedTool messages (tool.definition a protobuf Struct, read with
MessageToDict), and actions.execute_tool returns an object with .data or raises.
"""
import json
import sys
import types
from types import SimpleNamespace as NS

json_format = types.ModuleType("google.protobuf.json_format")
json_format.MessageToDict = lambda message: dict(message)
tools_pb2 = types.ModuleType("scalekit.v1.tools.tools_pb2")
tools_pb2.ScopedToolFilter = lambda **fields: fields
for name in ["google", "google.protobuf", "scalekit", "scalekit.v1", "scalekit.v1.tools"]:
    sys.modules[name] = types.ModuleType(name)
sys.modules["google.protobuf.json_format"] = json_format
sys.modules["scalekit.v1.tools.tools_pb2"] = tools_pb2
sys.path.insert(0, sys.argv[1])


class Scoped:
    def __init__(self, definition):
        self.tool = NS(definition=definition) if definition is not None else None

    def HasField(self, field):
        return self.tool is not None


PAGES = {
    None: ([{"name": "github_repo_star", "description": "Star a repo", "input_schema": {"type": "object", "properties": {"repo": {"type": "string"}}}}, None], "p2"),
    "p2": ([{"name": 42}, {"name": "gmail_send_message"}], ""),
}
calls = []


def list_scoped_tools(identifier, filter, page_size, page_token):
    calls.append({"identifier": identifier, "filter": filter, "page_size": page_size, "page_token": page_token})
    definitions, next_token = PAGES[page_token]
    return NS(tools=[Scoped(d) for d in definitions], next_page_token=next_token), None


def execute_tool(tool_name, identifier, tool_input):
    calls.append({"tool_name": tool_name, "identifier": identifier, "tool_input": tool_input})
    if tool_name == "boom":
        raise RuntimeError("tool failed")
    return NS(data={"ok": tool_name})


client = NS(tools=NS(list_scoped_tools=list_scoped_tools), actions=NS(execute_tool=execute_tool))

import scalekit_openai_tools as openai_tools  # noqa: E402
import scalekit_anthropic_tools as anthropic_tools  # noqa: E402

out = {}
out["openai_tools"] = openai_tools.scalekit_openai_tools(client, "u1", connection_names=["github"])
completion = NS(choices=[NS(message=NS(tool_calls=[NS(function=NS(name="github_repo_star", arguments='{"repo": "x"}')), NS(function=NS(name="boom", arguments=""))]))])
out["openai_results"] = openai_tools.handle_scalekit_tool_calls(client, "u1", completion)
out["openai_none"] = openai_tools.handle_scalekit_tool_calls(client, "u1", NS(choices=[NS(message=NS(tool_calls=None))]))
out["anthropic_tools"] = anthropic_tools.scalekit_anthropic_tools(client, "u2", tool_names=["gmail_send_message"], page_size=10)
message = NS(content=[NS(type="text", text="hi"), NS(type="tool_use", name="gmail_send_message", input={"to": "a@b.c"})])
out["anthropic_results"] = anthropic_tools.handle_scalekit_tool_uses(client, "u2", message)
out["calls"] = calls
print(json.dumps(out))
