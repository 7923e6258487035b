"""The project modules a piece of code imports, found statically (AST), so the workflow can
list exactly those files as a rule's inputs: editing them re-runs the rule, editing anything
else does not (Snakemake cannot see Python imports on its own; DESIGN.md §4)."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent  # src/strategic
PACKAGE = ROOT.name


def module_file(module: str) -> Path | None:
    """The source file of `strategic.x.y` (module or package), None if it is not ours."""
    parts = module.split(".")
    if parts[0] != PACKAGE:
        return None
    base = ROOT.joinpath(*parts[1:])
    for cand in (base.with_suffix(".py"), base / "__init__.py"):
        if cand.is_file():
            return cand
    return None


def _imported(path: Path, module: str) -> set[str]:
    """Modules named by the import statements of one file (at any depth, relative ones resolved)."""
    pkg = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = pkg.split(".")[: len(pkg.split(".")) - node.level + 1]
                base = ".".join([*up, base] if base else up)
            names.add(base)
            names.update(f"{base}.{a.name}" for a in node.names)  # `from pkg import submodule`
    return names


@cache
def closure(*modules: str) -> tuple[Path, ...]:
    """Every project file that importing `modules` may execute (their packages' __init__ too)."""
    seen: dict[str, Path] = {}
    todo = list(modules)
    while todo:
        mod = todo.pop()
        if mod in seen:
            continue
        path = module_file(mod)
        if path is None:
            continue
        seen[mod] = path
        parts = mod.split(".")
        todo += [".".join(parts[:i]) for i in range(1, len(parts))]  # parent packages
        todo += [m for m in _imported(path, mod) if m.startswith(PACKAGE)]
    return tuple(sorted(set(seen.values())))


def external_imports(*modules: str) -> tuple[str, ...]:
    """Third-party modules named anywhere in `closure(*modules)` (function bodies too), so a
    job can import them all before its work timer starts (start-up is then measured whole)."""
    names: set[str] = set()
    for path in closure(*modules):
        rel = path.relative_to(ROOT.parent).with_suffix("")
        mod = ".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)
        names.update(m for m in _imported(path, mod) if m and not m.startswith(PACKAGE))
    return tuple(sorted(names))
