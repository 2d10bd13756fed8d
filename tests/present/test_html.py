"""The screens' HTML fragments escape every text they are given: a name or heading written as markup (a group
label from a file, say) reads as text, and the only tags are the template's own."""

import re
from html.parser import HTMLParser

import pytest

from equity.present.html import fragment

BAD = '<b onmouseover="x()">Group</b> & co'
ESCAPED = "&lt;b onmouseover=&#34;x()&#34;&gt;Group&lt;/b&gt; &amp; co"
CELL = {"palette": ("#fff", "#000"), "words": BAD, "names": [BAD]}
FILLED = {   # each template with BAD in every text it shows, and how many texts that is
    "card_head.html": (3, dict(value=BAD, change=BAD, look="better", since=BAD)),
    "card_note.html": (1, dict(note=BAD)),
    "card_table.html": (8, dict(heads=(BAD, BAD, BAD), rows=[
        {"name": BAD, "why": BAD}, {"name": BAD, "why": None, "value": BAD, "figure": BAD, "flagged": True}])),
    "status_grid.html": (18, dict(caption=BAD, corner=BAD, changes=[BAD] * 5, rows=[(BAD, [CELL] * 5)])),
    "data_table.html": (7, dict(caption=BAD, headers=(BAD, BAD), rows=[(BAD, (BAD, True))], notes=[BAD])),
    "group_grid.html": (3, dict(title=BAD, rows=[{"name": BAD, "palette": None, "words": BAD}])),
}


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)


@pytest.mark.parametrize("name", sorted(FILLED))
def test_every_text_in_a_fragment_is_escaped(name):
    texts, values = FILLED[name]
    html = fragment(name, **values)
    parsed = Tags()
    parsed.feed(html)
    assert "b" not in parsed.tags and 'onmouseover="' not in html
    assert html.count(ESCAPED) == texts


@pytest.mark.parametrize("template", ["card_table.html", "status_grid.html", "group_grid.html"])
def test_text_on_the_cards_and_grids_is_at_least_13_pixels(template):
    """Readable on a projector: every font size the stylesheet a fragment includes sets (the card's sheet styles
    its heading and note too), in rem of the browser's 16 px."""
    _, slots = FILLED[template]
    html = fragment(template, **slots)
    sizes = [float(rem) * 16 for rem in re.findall(r"font-size:\s*([\d.]+)rem", html)]
    pixels = re.findall(r"font-size:\s*[\d.]+px", html)
    assert sizes and not pixels and min(sizes) >= 13, (template, sizes, pixels)
