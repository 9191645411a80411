"""The domain package stays pure Python: no Django, no clock, no settings, small documented
modules (STYLE.md habits 2 and 8)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

DOMAIN = Path(__file__).resolve().parents[2] / "councilplan" / "domain"
MODULES = sorted(DOMAIN.glob("*.py"))
CLOCK_CALLS = {"today", "now", "utcnow", "time", "localtime", "gmtime"}


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def test_domain_package_has_modules() -> None:
    assert len(MODULES) > 5


@pytest.mark.parametrize("path", MODULES, ids=[path.name for path in MODULES])
def test_domain_module_never_imports_django_or_settings(path: Path) -> None:
    imported: set[str] = set()
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            imported.add(node.module or "")

    assert not {name for name in imported if name.split(".")[0] in {"django", "time"}}
    assert not {name for name in imported if "settings" in name}


@pytest.mark.parametrize("path", MODULES, ids=[path.name for path in MODULES])
def test_domain_module_never_reads_the_clock(path: Path) -> None:
    calls = [
        node.func.attr
        for node in ast.walk(_tree(path))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    ]

    assert not CLOCK_CALLS & set(calls)


@pytest.mark.parametrize("path", MODULES, ids=[path.name for path in MODULES])
def test_every_public_function_and_class_has_a_docstring(path: Path) -> None:
    undocumented = [
        node.name
        for node in ast.walk(_tree(path))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
        and not node.name.startswith("_")
        and ast.get_docstring(node) is None
    ]

    assert undocumented == []


@pytest.mark.parametrize("path", MODULES, ids=[path.name for path in MODULES])
def test_domain_module_is_split_before_500_lines(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) < 500
