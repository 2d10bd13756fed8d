"""No text from a file is ever rendered as Markdown or HTML: the screens' source is read, and every Streamlit
call that renders Markdown (bodies, titles, captions, alerts, labels, help) must be given text that cannot
carry any, by construction: a literal, a catalogue entry whose parameters follow the same rule, a number
formatted as one, or text passed through the one helper, `shared.plain` (or `shared.message`, which uses it)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENS = sorted([ROOT / "app.py", *(ROOT / "pages").rglob("*.py")])
RENDERS_MARKDOWN = {   # Streamlit calls whose first argument (a body or a label) is read as Markdown
    "markdown", "title", "header", "subheader", "caption", "write", "info", "warning", "error", "success", "toast",
    "expander", "tabs", "popover", "status", "spinner", "button", "download_button", "link_button", "page_link",
    "form_submit_button", "checkbox", "toggle", "radio", "selectbox", "multiselect", "pills", "segmented_control",
    "slider", "select_slider", "text_input", "text_area", "number_input", "date_input", "time_input",
    "file_uploader", "color_picker", "metric", "badge", "Page", "html"}
MARKDOWN_KEYWORDS = {"label", "body", "help", "title", "captions"}
HELPERS = {"plain", "message"}
NUMBERS = {"len", "int", "round", "count", "decimal", "percent"}   # equity.words.numbers: a number or an error
CATALOGUE = {"dimension_label", "explain"}   # dimension names and the glossary's meanings, from the catalogues only
# HTML from equity's autoescaped Jinja2 templates
HTML_BUILDERS = {"card_html", "grid_html", "group_grid_html", "accountability_html", "accessible_html"}
REVIEWED = {"note_where"}   # functions that show no file text: the workspace folder named by whoever runs the server
NUMERIC_SPECS = set("bcdeEfFgGnoxX%,")   # a format that fails on text


def _name(call: ast.Call) -> str:
    return call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")


class Screen:
    """One screen's source, with what each name is assigned in each function (and at the top level), so that
    `name = plain(header)` followed by `st.caption(name)` counts as escaped; and the screen's own functions, so
    that a call to one counts as what it returns, given the arguments of that call."""

    def __init__(self, source: str):
        self.tree = ast.parse(source)
        self.assigned: dict[ast.AST, dict[str, list[ast.AST]]] = {}
        self.scope_of: dict[ast.AST, ast.AST] = {}
        for scope in ast.walk(self.tree):
            if isinstance(scope, (ast.Module, ast.FunctionDef, ast.Lambda)):
                self._collect(scope)
        self.functions = {node.name: node for node in self.tree.body if isinstance(node, ast.FunctionDef)}

    def _collect(self, scope: ast.AST) -> None:
        names = self.assigned.setdefault(scope, {})
        todo = list(ast.iter_child_nodes(scope))
        while todo:
            node = todo.pop()
            self.scope_of[node] = scope
            if isinstance(node, (ast.FunctionDef, ast.Lambda)):
                continue
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    pairs = (zip(target.elts, node.value.elts, strict=False) if isinstance(target, ast.Tuple)
                             and isinstance(node.value, ast.Tuple) else [(target, node.value)])
                    for name, value in pairs:
                        if isinstance(name, ast.Name):
                            names.setdefault(name.id, []).append(value)
            elif isinstance(node, (ast.AnnAssign, ast.NamedExpr)) and isinstance(node.target, ast.Name) \
                    and node.value is not None:
                names.setdefault(node.target.id, []).append(node.value)
            todo.extend(ast.iter_child_nodes(node))

    def safe(self, node: ast.AST, seen: frozenset = frozenset()) -> bool:
        """Whether this expression can only give text without Markdown from a file in it."""
        if isinstance(node, ast.Constant):
            return True
        if isinstance(node, ast.Name):
            return node.id.isupper() or self._safe_name(node, seen)    # a constant of the code's own, or
        if isinstance(node, (ast.List, ast.Tuple)):                     # assigned only safe text
            return all(self.safe(e, seen) for e in node.elts)
        if isinstance(node, ast.IfExp):
            return self.safe(node.body, seen) and self.safe(node.orelse, seen)
        if isinstance(node, ast.BoolOp):
            return all(self.safe(v, seen) for v in node.values)
        if isinstance(node, ast.BinOp):
            return self.safe(node.left, seen) and self.safe(node.right, seen)
        if isinstance(node, ast.JoinedStr):
            return all(self.safe(part, seen) for part in node.values)
        if isinstance(node, ast.FormattedValue):
            return _numeric(node.format_spec) or self.safe(node.value, seen)
        if isinstance(node, (ast.GeneratorExp, ast.ListComp)):
            return self.safe(node.elt, seen)
        if isinstance(node, ast.Call):
            return self._safe_call(node, seen)
        return False

    def _safe_call(self, node: ast.Call, seen: frozenset) -> bool:
        name = _name(node)
        if name in HELPERS or name in NUMBERS or name in HTML_BUILDERS or name in CATALOGUE:
            return True
        function = self.functions.get(name) if isinstance(node.func, ast.Name) else None
        if function is not None and ("call", name) not in seen:
            return self._safe_returns(function, node, seen | {("call", name)})
        if name in {"t", "tn"}:                                      # catalogue text: its parameters count
            return all(self.safe(keyword.value, seen) for keyword in node.keywords)
        if name == "join" and isinstance(node.func, ast.Attribute):  # 'sep'.join(safe pieces)
            return self.safe(node.func.value, seen) and all(self.safe(a, seen) for a in node.args)
        return False

    def _safe_returns(self, function: ast.FunctionDef, call: ast.Call, seen: frozenset) -> bool:
        """A call to one of the screen's functions: what it returns, with the parameters this call fills with
        safe arguments trusted (a `**params` parameter when every extra keyword is safe)."""
        params = [a.arg for a in (*function.args.posonlyargs, *function.args.args)]
        given = dict(zip(params, call.args, strict=False))
        given.update({k.arg: k.value for k in call.keywords if k.arg in params or k.arg in
                      {a.arg for a in function.args.kwonlyargs}})
        trusted = {("param", id(function), p) for p, value in given.items() if self.safe(value, seen)}
        extra = [k.value for k in call.keywords if k.arg not in given]
        if function.args.kwarg and all(self.safe(value, seen) for value in extra):
            trusted.add(("param", id(function), function.args.kwarg.arg))
        returns = [n.value for n in ast.walk(function) if isinstance(n, ast.Return) and n.value is not None]
        return bool(returns) and all(self.safe(value, seen | trusted) for value in returns)

    def _safe_name(self, node: ast.Name, seen: frozenset) -> bool:
        if node.id in seen:
            return True   # a loop of assignments adds nothing unsafe of its own
        scope = self.scope_of.get(node)
        while scope is not None and node.id not in self.assigned.get(scope, {}):
            if isinstance(scope, ast.FunctionDef) and ("param", id(scope), node.id) in seen:
                return True
            scope = self.scope_of.get(scope)
        values = self.assigned.get(scope, {}).get(node.id) if scope is not None else None
        return bool(values) and all(self.safe(value, seen | {node.id}) for value in values)


def _numeric(spec: ast.AST | None) -> bool:
    if not isinstance(spec, ast.JoinedStr):
        return False
    text = "".join(part.value for part in spec.values if isinstance(part, ast.Constant))
    return bool(text) and (text[-1] in NUMERIC_SPECS or "," in text)


def unsafe_calls(source: str) -> list[str]:
    """Calls that render Markdown from text that could come from a file, as `line: code`."""
    screen, found = Screen(source), []
    reviewed = {id(node) for function in screen.tree.body if isinstance(function, ast.FunctionDef)
                and function.name in REVIEWED for node in ast.walk(function)}
    for node in ast.walk(screen.tree):
        if not isinstance(node, ast.Call) or id(node) in reviewed:
            continue
        name = _name(node)
        shown = [k.value for k in node.keywords if k.arg == "help"]
        if name in RENDERS_MARKDOWN:
            shown += node.args if name == "write" else node.args[:1]
            shown += [k.value for k in node.keywords if k.arg in MARKDOWN_KEYWORDS - {"help"}]
        if any(k.arg == "unsafe_allow_html" for k in node.keywords):
            shown += node.args[:1] + [k.value for k in node.keywords if k.arg == "body"]
        found += [f"{value.lineno}: {ast.unparse(value)}" for value in shown if not screen.safe(value)]
    return found


@pytest.mark.parametrize("path", SCREENS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_markdown_call_gets_literal_or_escaped_text(path):
    assert unsafe_calls(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("code", [
    "st.title(section.title)",
    "st.markdown(f'## {name}')",
    "st.caption(t('x', lang, name=name))",
    "st.expander(table)",
    "st.button('Go', help=column.header)",
    "st.tabs([name, 'Other'])",
    "st.markdown(f'<p>{escape(title)}</p>', unsafe_allow_html=True)",
    "st.write(t('x', lang), value)",
    "st.caption(f'{name:>10}')",
    "name = upload.name\nst.status(t('x', lang, name=name))",
    "def f(name):\n    st.caption(name)",
])
def test_the_check_finds_file_text_handed_to_markdown(code):
    assert unsafe_calls(code)


@pytest.mark.parametrize("code", [
    "st.title(plain(section.title))",
    "name = plain(upload.name)\nst.status(t('x', lang, name=name))",
    "def f(v):\n    shown = ', '.join(f'{plain(x)} ({n:,})' for x, n in v)\n    st.warning(shown)",
    "st.caption(t('x', lang, name=plain(name), rows=f'{rows:,}', share=f'{share:.1f}', count=len(rows)))",
    "st.info(message(problem, lang))",
    "st.expander(t('x', lang), expanded=True)",
    "st.html(PRESENTATION_STYLE)",
    "st.dataframe(frame)",
])
def test_the_check_lets_safe_text_through(code):
    assert not unsafe_calls(code)
