"""A table's text version: a real HTML table a screen reader can walk, with the screen's printed cells."""

from html.parser import HTMLParser

from equity.present.tables import COUNT, GAP, VALUE, Column, Table
from equity.words.reader import reading


class Cells(HTMLParser):
    """The table's caption, and each cell as (tag, scope, class, text)."""

    def __init__(self) -> None:
        super().__init__()
        self.cells, self.caption, self._open = [], "", None

    def handle_starttag(self, tag, attrs):
        if tag in ("th", "td", "caption"):
            self._open = [tag, dict(attrs).get("scope"), dict(attrs).get("class"), ""]

    def handle_data(self, data):
        if self._open:
            self._open[3] += data

    def handle_endtag(self, tag):
        if self._open and tag == self._open[0]:
            if tag == "caption":
                self.caption = self._open[3]
            else:
                self.cells.append(tuple(self._open))
            self._open = None


def read_table(html: str) -> tuple[str, list[str], list[list[str]]]:
    """An HTML table's caption, column headers and rows of cell texts, as a screen reader walks it."""
    parsed = Cells()
    parsed.feed(html)
    headers = [c[3] for c in parsed.cells if c[1] == "col"]
    body = [c[3] for c in parsed.cells if c[1] != "col"]
    return parsed.caption, headers, [body[i:i + len(headers)] for i in range(0, len(body), len(headers))]


TABLE = Table((Column("Group"), Column("Students", COUNT), Column("Rate", VALUE, "%"), Column("Gap", GAP)),
              (("Asian", 1234, 81.26, 6.04), ("Black", None, None, None)), ("Black: fewer than 10 students",))


def test_headers_are_scoped_and_cells_printed_as_on_screen():
    parsed = Cells()
    parsed.feed(TABLE.accessible_html("Rate by race"))
    assert parsed.caption == "Rate by race"
    assert parsed.cells[:4] == [("th", "col", None, h) for h in ("Group", "Students", "Rate", "Gap")]
    # 1,234 students, 81.26 -> 81.3% (one decimal), a gap signed; a hidden row prints the screen's dash
    assert parsed.cells[4:8] == [("th", "row", None, "Asian"), ("td", None, "figure", "1,234"),
                                 ("td", None, "figure", "81.3%"), ("td", None, "figure", "+6.0")]
    assert [c[3] for c in parsed.cells[8:]] == ["Black", "—", "—", "—"]
    assert "Black: fewer than 10 students" in TABLE.accessible_html("x")


def test_cells_in_spanish():
    with reading("es"):
        parsed = Cells()
        parsed.feed(TABLE.accessible_html("Tasa"))
    assert [c[3] for c in parsed.cells[5:8]] == ["1.234", "81,3\xa0%", "+6,0"]   # Spanish: a no-break space before %
