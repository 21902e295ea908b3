#!/usr/bin/env python3
"""Writes charts/tarnfui/README.md from Chart.yaml and the `# --` comments of values.yaml.

Every value documented with a `# --` comment (continued by the `#` lines that follow it) becomes a row of the
values table: its dotted path, its type and default (as values.yaml parses) and the comment. With --check the
README is compared with what would be written and the script fails, naming the fix, when they differ.
Usage: scripts/chart-readme.py [--check] [--stdout]
"""
import json
import pathlib
import re
import sys

import yaml

CHART = pathlib.Path(__file__).resolve().parent.parent / "charts" / "tarnfui"
KEY = re.compile(r"^(?P<indent> *)(?P<key>[A-Za-z0-9_.\-]+):(?:\s|$)")


def documented_values(text):
    """(path, description) for each key under a `# --` comment, in file order."""
    rows, path, description = [], [], None
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("# --"):
            description = [stripped[len("# --"):].strip()]
            continue
        if stripped.startswith("#"):
            if description is not None:
                description.append(stripped[1:].strip())
            continue
        match = KEY.match(line)
        if not match:
            continue
        depth = len(match["indent"]) // 2
        path = path[:depth] + [match["key"]]
        if description is not None:
            rows.append((".".join(path), " ".join(description)))
            description = None
    return rows


def lookup(values, dotted):
    for part in dotted.split("."):
        values = values[part]
    return values


def type_of(value):
    return {bool: "bool", int: "int", float: "float", str: "string", list: "list", dict: "object"}[type(value)]


def cell(text):
    return text.replace("|", "\\|")


def render():
    chart = yaml.safe_load((CHART / "Chart.yaml").read_text())
    text = (CHART / "values.yaml").read_text()
    values = yaml.safe_load(text)
    lines = [
        f"# {chart['name']}",
        "",
        "<!-- Written by scripts/chart-readme.py from Chart.yaml and values.yaml; edit those and run it again. -->",
        "",
        f"{chart['description']}",
        "",
        f"Chart version {chart['version']}, Tarnfui {chart['appVersion']}.",
        "",
        "## Install",
        "",
        "```sh",
        "helm install tarnfui oci://ghcr.io/tarnfui/charts/tarnfui --namespace tarnfui --create-namespace",
        "```",
        "",
        "Before `helm uninstall`, run `kubectl tarnfui restore --all`: what Tarnfui holds down stays at zero",
        "otherwise. The certificate modes, upgrades and the kustomize alternative are in docs/operations.md of",
        "the repository.",
        "",
        "## Values",
        "",
        "| Key | Type | Default | Description |",
        "|-----|------|---------|-------------|",
    ]
    for dotted, description in documented_values(text):
        value = lookup(values, dotted)
        default = json.dumps(value, separators=(", ", ": "))
        lines.append(f"| `{dotted}` | {type_of(value)} | `{cell(default)}` | {cell(description)} |")
    return "\n".join(lines) + "\n"


def main(arguments):
    readme = CHART / "README.md"
    text = render()
    if "--stdout" in arguments:
        sys.stdout.write(text)
    elif "--check" in arguments:
        if not readme.exists() or readme.read_text() != text:
            sys.exit(f"{readme} is not what values.yaml documents: run scripts/chart-readme.py")
    else:
        readme.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
