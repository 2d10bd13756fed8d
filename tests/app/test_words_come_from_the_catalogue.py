"""Every word a screen shows comes from the language catalogues, so a Spanish reader never meets an English
sentence: the screens' source is read for string literals that look like text for people."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCREENS = sorted([ROOT / "app.py", *(ROOT / "pages" / "views").glob("*.py")])
NOT_TEXT_KEYWORDS = {"key", "icon", "mime", "file_name", "type", "url_path", "width", "height", "format",
                     "on_click", "page", "language", "column_order", "disabled", "sep"}
TEXT_CALLS = {"title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success", "write",
              "button", "selectbox", "multiselect", "radio", "checkbox", "toggle", "text_input", "text_area",
              "number_input", "download_button", "expander", "tabs", "metric", "page_link", "form_submit_button",
              "file_uploader", "date_input", "toast", "spinner", "status", "Page", "popover", "segmented_control",
              "pills", "slider", "select_slider", "data_editor", "TextColumn", "NumberColumn", "SelectboxColumn",
              "CheckboxColumn"}
SENTENCE = re.compile(r"[A-Za-z]{2,}[ ,.:;!?'-]+[A-Za-z]{2,}")
WORD = re.compile(r"[A-Za-z]{3,}")
NOT_TEXT = re.compile(r"[a-z_]+(\.[a-z0-9_]+)+|[\w-]+\.(csv|xlsx|json|py|sql)|<style.*", re.DOTALL)   # key, file, CSS
MARKUP = re.compile(r"<[^>]*>|:material/\w+:|pages/views/\w+\.py|\{[^}]*\}")


def _literal(node: ast.AST) -> str | None:
    """The text a constant string or the fixed parts of an f-string hold."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return " ".join(p.value for p in node.values if isinstance(p, ast.Constant))
    return None


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and _literal(first.value) is not None:
                found.add(id(first.value))
    return found


def _exempt(tree: ast.AST) -> set[int]:
    """Strings that are not shown as text: keys, icons, file names, CSS, session-state names, dictionary keys,
    comparisons."""
    exempt = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg in NOT_TEXT_KEYWORDS:
            exempt |= {id(n) for n in ast.walk(node.value)}
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in {
                "html", "get", "pop", "setdefault", "startswith", "endswith", "replace", "join", "split", "strip"}:
            exempt |= {id(n) for arg in node.args for n in ast.walk(arg)}
        elif isinstance(node, ast.Call) and _call_name(node) in {"t", "tn"}:   # a catalogue key
            exempt |= {id(a) for a in node.args[:1]}
        elif isinstance(node, ast.JoinedStr):                              # read whole, not part by part
            exempt |= {id(p) for p in node.values}
        elif isinstance(node, ast.Dict):                                   # keys are values the code uses
            exempt |= {id(k) for k in node.keys if k is not None}
        elif isinstance(node, ast.Subscript):
            exempt |= {id(n) for n in ast.walk(node.slice)}
        elif isinstance(node, ast.Compare):
            exempt |= {id(n) for n in ast.walk(node)}
    return exempt


def _call_name(node: ast.Call) -> str:
    return node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")


def english_in(path: Path) -> list[str]:
    """Literals in a screen's source that read as words for people, with their line numbers."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    exempt, found = _exempt(tree), []
    shown = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _call_name(node) in TEXT_CALLS:
            shown |= {id(a) for a in node.args[:1]}
            shown |= {id(k.value) for k in node.keywords if k.arg in {"label", "help", "placeholder", "body"}}
    for node in ast.walk(tree):
        text = _literal(node)
        if text is None or id(node) in exempt or NOT_TEXT.fullmatch(text.strip()):
            continue
        words = MARKUP.sub(" ", text)
        if SENTENCE.search(words) or (id(node) in shown and WORD.search(words)):
            found.append(f"{path.name}:{node.lineno}: {text[:70]!r}")
    return found


def test_screens_take_their_words_from_the_catalogue():
    found = [line for path in SCREENS for line in english_in(path)]
    assert not found, "Text written into a screen instead of the catalogues:\n" + "\n".join(found)


def test_the_check_finds_text_written_into_a_screen(tmp_path):
    """The check itself: a label, a sentence in an f-string and a dict of names are found; keys, icons and
    catalogue look-ups are not."""
    screen = tmp_path / "screen.py"
    screen.write_text('"""A screen."""\n'
                      'st.button("Save", key="save_goal", icon=":material/save:")\n'
                      'st.caption(f"{n} groups are hidden")\n'
                      'names = {"all": "All students"}\n'
                      'st.title(t("page.goals.title", lang))\n'
                      'st.markdown(f"##### {title}")\n'
                      'st.session_state["report_built"] = None\n', encoding="utf-8")
    found = [line.split(": ", 1)[1] for line in english_in(screen)]
    assert sorted(found) == ["' groups are hidden'", "'All students'", "'Save'"]
