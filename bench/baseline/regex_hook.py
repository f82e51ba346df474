#!/usr/bin/env python3
"""The kind of hook integration-guard replaces: four regular expressions over the new text.

Reads a Claude Code PreToolUse payload on stdin, applies the patterns to `content` (Write) or
`new_string` (Edit), prints a JSON deny when one matches. Used only as a latency baseline by
bench/hook-latency.mjs: it misses constants, comments, shadowing and everything else.
"""
import json
import re
import sys

PATTERNS = [
    re.compile(r"cloud_provider_integrations"),
    re.compile(r"integration_\w+_(status|configured_at)"),
    re.compile(r"save\w*IntegrationStatus"),
    re.compile(r"createServiceRoleClient\(\)[\s\S]{0,400}integration", re.IGNORECASE),
]


def main() -> None:
    payload = json.load(sys.stdin)
    tool_input = payload.get("tool_input") or {}
    text = tool_input.get("content") or tool_input.get("new_string") or ""
    for pattern in PATTERNS:
        if pattern.search(text):
            print(json.dumps({"hookSpecificOutput": {
                "hookEventName": "PreToolUse",
                "permissionDecision": "deny",
                "permissionDecisionReason": "BLOCKED: " + pattern.pattern,
            }}))
            return


main()
