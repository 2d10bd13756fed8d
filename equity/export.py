"""Files people download and open in a spreadsheet. A cell that begins with = + - @ (or a tab or carriage
return) would run as a formula there, so it is prefixed with an apostrophe and stays text."""

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """Text that a spreadsheet would read as a formula, made plain text; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(frame: pd.DataFrame) -> bytes:
    """A CSV (UTF-8 with a byte-order mark, so Excel reads accents) with every text cell made safe."""
    safe = frame.map(safe_cell)
    safe.columns = [safe_cell(c) for c in frame.columns]
    return safe.to_csv(index=False).encode("utf-8-sig")
