"""Run numpydoc's docstring lint the way numpydoc's own validator reads the code.

Usage (what ``.ci/run`` runs, from the repository root)::

    python .ci/numpydoc_lint.py $(find src -name "*.py" | sort)

This is ``python -m numpydoc lint`` (numpydoc's AST hook, configured by
``[tool.numpydoc_validation]`` in pyproject.toml) with two corrections where the AST
hook disagrees with numpydoc's object validator (the one Sphinx runs):

- a ``@property`` / ``@functools.cached_property`` is an attribute, not a function: its
  docstring is its summary and no Returns section is required (the object validator
  skips RT01 for properties because they are not functions; the AST hook flags them,
  numpy/numpydoc#494);
- a function defined inside a function is private by construction (nobody can import
  it), so it is not validated, like any other private name;
- a click command or group (``@cli.command(...)``, ``@click.group(...)``) is documented
  for the shell: click prints its docstring as ``--help`` (and docs/cli.md is generated
  from it), its parameters are click options with their own ``help=``, and it returns an
  exit code. Parameters and Returns sections would be printed in ``--help``, so PR01 and
  RT01 are not required there; the summary checks still apply.

Every other finding is reported as numpydoc reports it. Exit status: 0 when no
findings, 1 when there are findings, 2 on a usage error.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

from numpydoc.hooks import validate_docstrings as hook
from numpydoc.hooks.utils import find_project_root

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_PROPERTY_DECORATORS = {"property", "cached_property"}
_CLICK_DECORATORS = {"command", "group"}


def _decorator_name(node: ast.expr) -> str:
    if isinstance(node, ast.Call):
        node = node.func
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return ""


def _exempt_lines(tree: ast.Module) -> tuple[set[int], set[int], set[int]]:
    """Return the def lines of a module's properties, nested functions and click commands."""
    properties: set[int] = set()
    nested: set[int] = set()
    commands: set[int] = set()

    def walk(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, _FUNCTIONS):
                if in_function:
                    nested.add(child.lineno)
                names = {_decorator_name(d) for d in child.decorator_list}
                if names & _PROPERTY_DECORATORS:
                    properties.add(child.lineno)
                if names & _CLICK_DECORATORS:
                    commands.add(child.lineno)
                walk(child, True)
            else:
                walk(child, in_function)

    walk(tree, False)
    return properties, nested, commands


def main(files: list[str]) -> int:
    """Lint ``files``; print findings to stderr; return the exit status."""
    if not files:
        print("usage: python .ci/numpydoc_lint.py FILE.py [FILE.py ...]", file=sys.stderr)
        return 2
    root, _ = find_project_root(files)
    config = hook.parse_config(root)
    exclude_files = config["exclude_files"]
    n_findings = 0
    for file in files:
        if exclude_files and exclude_files.match(file):
            continue
        tree = ast.parse(Path(file).read_text(encoding="utf-8"), file)
        properties, nested, commands = _exempt_lines(tree)
        for where, _name, check, description in hook.process_file(file, config):
            line = int(where.rsplit(":", 1)[1])
            if line in nested or (check == "RT01" and line in properties):
                continue
            if check in ("PR01", "RT01") and line in commands:
                continue
            n_findings += 1
            print(f"{where}: {check} {description}", file=sys.stderr)
    if n_findings:
        print(f"numpydoc: {n_findings} finding(s) in {len(files)} file(s)", file=sys.stderr)
        return 1
    print(f"numpydoc: {len(files)} file(s) clean")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
