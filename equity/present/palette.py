"""The charts' colours in one place, and the rule they are held to (WCAG 2.1): a mark at least 3:1 against the
white page, text at least 4.5:1 against what it sits on. Okabe-Ito hues (safe for colour-blind readers), with
darker stand-ins where the original is too pale on white (its orange, sky blue and yellow); meaning never rests
on colour alone, as shapes and printed figures carry it too."""

WHITE, BLACK = "#FFFFFF", "#000000"
BLUE, VERMILLION, GREEN, PURPLE = "#0072B2", "#D55E00", "#009E73", "#CC79A7"
GREY = "#767676"        # a gap that could be chance; Not reported; reference lines
LIGHT = "#949494"       # a group too small to colour (the California Dashboard's rule), also drawn as a square
SERIES = (BLUE, VERMILLION, GREEN, PURPLE, "#882255", "#9E6B00", "#332288", "#0F7F8C")   # one per trend line
MARKER, MARKER_TEXT = "#555555", "#333333"     # a logged intervention's line on a trend, and its words
MARKS = (BLACK, GREY, LIGHT, *SERIES, MARKER, MARKER_TEXT)    # every colour a mark or a chart's text is drawn in
# Heat tables' fills, light to dark. A fill carries no meaning alone (each cell prints its figure), so it is held
# to no ratio against the page; the figure's ink is picked by the fill's luminance (`ink`). EMPTY: a hidden cell.
BLUES = ("#EFF3FF", "#C6DBEF", "#9ECAE1", "#6BAED6", "#3182BD", "#08519C")
EMPTY = "#F2F2F2"


def luminance(colour: str) -> float:
    """WCAG relative luminance of '#RRGGBB' or '#RGB': 0 for black, 1 for white."""
    hexes = colour.lstrip("#")
    hexes = "".join(c * 2 for c in hexes) if len(hexes) == 3 else hexes
    channels = [int(hexes[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def ink(fill: str) -> str:
    """The text colour that reads best on `fill`: black or white, whichever contrasts more (at least 4.58:1)."""
    return BLACK if contrast(fill, BLACK) >= contrast(fill, WHITE) else WHITE


def shade(value: float | None, low: float, high: float) -> str:
    """A heat cell's fill: `value`'s step of BLUES between `low` and `high`, EMPTY for a hidden cell."""
    if value is None:
        return EMPTY
    share = 0.0 if high <= low else (value - low) / (high - low)
    return BLUES[min(max(int(share * len(BLUES)), 0), len(BLUES) - 1)]
