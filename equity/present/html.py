"""HTML fragments the screens draw with st.html (scorecard cards, the status and group grids), from Jinja2
templates in templates/ with autoescape: every value is escaped unless it is marked as markup."""

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

FRAGMENTS = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True,
                        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def fragment(name: str, **values: object) -> Markup:
    """Template `name` filled with `values`, as markup another template can hold without escaping it again."""
    return Markup(FRAGMENTS.get_template(name).render(**values))
