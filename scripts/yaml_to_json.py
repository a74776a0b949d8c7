#!/usr/bin/env python3
"""Writes a scenario file as parley writes it (parley export --format yaml)
as the same scenario in JSON, for scripts/yaml-load.sh. It reads only what
parley's writer writes: mappings indented by two spaces, plain and
double-quoted scalars, and lists in brackets.

    python3 scripts/yaml_to_json.py < scenario.yaml > scenario.json
"""
import json
import sys


def scalar(s):
    s = s.strip()
    if s.startswith('"'):
        return json.loads(s)
    return s


def flow_list(s):
    items, cur, quoted, i = [], "", False, 0
    body = s.strip()[1:-1]
    while i < len(body):
        c = body[i]
        if c == '"' and (i == 0 or body[i - 1] != "\\"):
            quoted = not quoted
        if c == "," and not quoted:
            items.append(scalar(cur))
            cur = ""
        else:
            cur += c
        i += 1
    if cur.strip():
        items.append(scalar(cur))
    return items


def main():
    root = {}
    stack = [(-1, root)]
    for line in sys.stdin:
        line = line.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent = len(line) - len(line.lstrip(" "))
        text = line.strip()
        if text.startswith("- ") or text.startswith("? "):
            sys.exit("yaml_to_json.py: lists of entries are not read: " + line)
        if text.startswith('"'):
            end = text.index('":') + 1
            key, rest = json.loads(text[:end]), text[end + 1:]
        else:
            key, _, rest = text.partition(":")
        while stack[-1][0] >= indent:
            stack.pop()
        parent = stack[-1][1]
        rest = rest.strip()
        if rest == "":
            parent[key] = {}
            stack.append((indent, parent[key]))
        elif rest.startswith("["):
            parent[key] = flow_list(rest)
        elif rest == "{}":
            parent[key] = {}
        else:
            parent[key] = scalar(rest)
    json.dump(root, sys.stdout, ensure_ascii=False, indent=1)


main()
