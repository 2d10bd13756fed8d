"""The screens' HTML fragments escape every text they are given: a name or heading written as markup (a group
label from a file, say) reads as text, and the only tags are the template's own."""

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
