"""Files people download and open in a spreadsheet. A cell that a spreadsheet would run as a formula is made
plain text with an apostrophe, following OWASP's advice on CSV injection: a cell that begins with = + - @, a
tab or a carriage return; the same after leading spaces or line breaks (some programs strip them); the
full-width and small forms of those signs (＝＋－＠, which some programs read as the plain ones); and a formula
after a `,` `;`, tab or line break inside a value, which a program importing with that delimiter (or not
honouring quotes) splits into a cell of its own (`x;=1+1`)."""

import re
import sys
import unicodedata

import pandas as pd

# Every character that Unicode's compatibility form reads as one of the four signs: = + - @ and their
# full-width and small forms, found rather than listed.
FORMULA_SIGNS = "".join(sorted(c for c in map(chr, range(sys.maxunicode + 1))
                               if unicodedata.normalize("NFKC", c) in {"=", "+", "-", "@"}))
_SIGN = "[" + re.escape(FORMULA_SIGNS) + "]"
_CELL_START = re.compile(rf"(^|[,;\t\r\n])(\s*)(?={_SIGN})")   # where a cell that a program sees begins


def safe_cell(value: object) -> object:
    """Text that a spreadsheet would read as a formula, made plain text; anything else unchanged."""
    if not isinstance(value, str):
        return value
    safe = _CELL_START.sub(r"\1\2'", value)
    return "'" + safe if safe.startswith(("\t", "\r")) else safe


def to_csv(frame: pd.DataFrame) -> bytes:
    """A CSV (UTF-8 with a byte-order mark, so Excel reads accents) with every text cell made safe."""
    safe = frame.map(safe_cell)
    safe.columns = [safe_cell(c) for c in frame.columns]
    return safe.to_csv(index=False).encode("utf-8-sig")
