"""Pages are thin: they import from `equity` only the session's facade, the words and the present layer, so a
decision about what data means cannot sit in a page. Read from the sources (ast), imports inside functions too."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ALLOWED = ("equity.app.session", "equity.words", "equity.present")
PAGES = sorted([ROOT / "app.py", *(ROOT / "pages").rglob("*.py")])


def equity_imports(source: str) -> list[str]:
    """Every module of `equity` the source imports, anywhere in it; `from equity import x` names equity.x."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found += [node.module] if node.module != "equity" else [f"equity.{a.name}" for a in node.names]
    return [name for name in found if name == "equity" or name.startswith("equity.")]


def allowed(module: str) -> bool:
    return any(module == a or module.startswith(a + ".") for a in ALLOWED)


def test_the_reader_finds_imports_anywhere():
    source = ("import equity.stats.metrics\nfrom equity import plans\nfrom equity.words.i18n import t\n"
              "def f():\n    from equity.store import library\n    import os\nfrom . import shared\n")
    assert equity_imports(source) == ["equity.stats.metrics", "equity.plans", "equity.words.i18n",
                                      "equity.store"]
    assert [m for m in equity_imports(source) if not allowed(m)] == ["equity.stats.metrics", "equity.plans",
                                                                    "equity.store"]
    assert not allowed("equity.app.session_extra") and allowed("equity.app.session")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_a_page_imports_only_the_facade_words_and_present(page: Path):
    name = page.relative_to(ROOT).as_posix()
    outside = [m for m in equity_imports(page.read_text(encoding="utf-8")) if not allowed(m)]
    assert not outside, f"{name} imports {outside}; use equity.app.session (the Workbench) instead"
