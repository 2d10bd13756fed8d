"""Every page, in English and in Spanish, fits a 1280×800 screen (a projector's): the page never scrolls
sideways and nothing sticks out of the page's column or out of a chart's box, except inside an area that
scrolls on its own (a table's grid, a text version's region); and the gap chart's text version opens from the
keyboard. With EQUITY_SCREENSHOTS=1 it also writes the
README's screenshots of the sample (docs/overview.png, gaps.png, scorecard.png) as a reader sees them."""

import os
from pathlib import Path

from equity.words.i18n import LANGUAGES, t
from equity.words.reader import reading

ROOT = Path(__file__).resolve().parents[2]
PAGES = ("overview", "data", "gaps", "intersections", "scorecard", "disproportionality", "survey", "trends",
         "matched", "ontrack", "warning", "goals", "log", "report", "saved", "sql")
# Each screenshot's file, and what it shows: the top of the page, or the page scrolled to its first chart.
SHOTS = {"overview": ("overview.png", None), "gaps": ("gaps.png", ".vega-embed"),
         "scorecard": ("scorecard.png", None)}
WIDTH, HEIGHT = 1280, 800

BUSY = ('[data-testid="stStatusWidget"], [data-stale="true"], [data-testid="stSpinner"], '
        '[data-testid="stSkeleton"]')           # running, drawn by the last run, or still to come
SETTLED = f"() => !document.querySelector('{BUSY}')"
# What sticks out: the page's own sideways scroll; any element reaching past the right edge of the page's
# column or cut off by a narrower box; a table or a chart wider than its box. An element inside an area that
# scrolls or clips on its own is that area's business (a grid, a text version's region), and is left out.
OVERFLOWS = """() => {
  const found = [];
  const page = document.scrollingElement;
  if (page.scrollWidth > page.clientWidth + 1) found.push(`the page scrolls sideways: ${page.scrollWidth}px`);
  const column = document.querySelector('[data-testid="stMainBlockContainer"]');
  const edge = column.getBoundingClientRect().right + 1;
  const scrolls = el => ['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(el).overflowX);
  for (const el of column.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= edge) continue;
    let up = el.parentElement, inside = false;
    while (up && up !== column) { if (scrolls(up)) { inside = true; break; } up = up.parentElement; }
    if (!inside) found.push(`${el.tagName.toLowerCase()}.${el.className} "${(el.innerText || '').slice(0, 40)}"`
                            + ` reaches ${Math.round(box.right)}px past ${Math.round(edge)}px`);
  }
  for (const el of column.querySelectorAll('*')) {          // cut off: clipped by a box narrower than it
    const style = getComputedStyle(el);
    if (['hidden', 'clip'].includes(style.overflowX) && style.textOverflow !== 'ellipsis'
        && el.clientWidth > 2 && el.scrollWidth > el.clientWidth + 1)    // not a screen reader's 1 px text
      found.push(`${el.tagName.toLowerCase()}.${el.className} "${(el.innerText || '').slice(0, 40)}" is cut off:`
                 + ` ${el.scrollWidth}px in ${el.clientWidth}px`);
  }
  for (const table of column.querySelectorAll('table')) {  // a table spilling out of its box (a card, say)
    const box = table.parentElement;
    if (!scrolls(box) && table.getBoundingClientRect().width > box.clientWidth + 1)
      found.push(`a table "${table.innerText.slice(0, 40)}" ${Math.round(table.getBoundingClientRect().width)}px`
                 + ` wide in a box of ${box.clientWidth}px`);
  }
  for (const chart of column.querySelectorAll('.vega-embed')) {
    const drawn = chart.querySelector('svg, canvas');
    if (drawn && drawn.getBoundingClientRect().right > chart.getBoundingClientRect().right + 1)
      found.push(`a chart ${Math.round(drawn.getBoundingClientRect().width)}px wide in a box of `
                 + `${Math.round(chart.getBoundingClientRect().width)}px`);
  }
  return found;
}"""


def _settle(page) -> None:
    page.wait_for_timeout(400)
    page.wait_for_function(SETTLED, timeout=90_000)
    page.wait_for_timeout(600)             # charts draw after the script ends


# The anchor 170 px below the top of the area that scrolls it, so the sentence and title above it show too.
SCROLL_TO = """el => {
  el.scrollIntoView({block: 'start'});
  let box = el.parentElement;
  while (box && box.scrollHeight <= box.clientHeight) box = box.parentElement;
  (box || document.scrollingElement).scrollBy(0, -170);
}"""


def _shoot(page, name: str, anchor: str | None) -> None:
    """The screen as a reader sees it, at the top or with `anchor` near the top (under the sentence above it)."""
    if anchor:
        page.locator(anchor).first.evaluate(SCROLL_TO)
        page.wait_for_timeout(500)
    page.screenshot(path=str(ROOT / "docs" / name))


def _text_version_by_keyboard(page, label: str) -> None:
    """The chart's text version opens from the keyboard, and its table (caption, headers) sits in a region the
    keyboard can focus to scroll it."""
    opener = page.locator("summary").filter(has_text=label).first
    opener.focus()
    page.keyboard.press("Enter")
    region = page.locator(".data-table-region").first
    region.wait_for(state="visible", timeout=10_000)
    assert region.get_attribute("tabindex") == "0" and region.get_attribute("role") == "region"
    region.focus()
    assert page.evaluate("document.activeElement.classList.contains('data-table-region')")
    assert region.locator("caption").inner_text() and region.locator("th[scope=col]").count() >= 3


def test_every_page_fits_a_projector_in_both_languages(open_home):
    page = open_home(width=WIDTH, height=HEIGHT)
    shoot = os.environ.get("EQUITY_SCREENSHOTS") == "1"
    problems = {}
    for lang in ("en", "es"):
        if lang != "en":
            page.get_by_label(t("language.label")).first.click()
            page.get_by_role("option", name=LANGUAGES[lang]).click()
            _settle(page)
        with reading(lang):
            names = {key: t(f"nav.{key}") for key in PAGES}
            opener = t("chart.text_version")
        for key, name in names.items():
            page.get_by_role("link", name=name, exact=True).first.click()
            _settle(page)
            body = page.inner_text("body")
            assert "Traceback" not in body, (lang, key)
            found = page.evaluate(OVERFLOWS)
            if found:
                problems[(lang, key)] = found[:5]
            if shoot and lang == "en" and key in SHOTS:
                _shoot(page, *SHOTS[key])
            if key == "gaps":
                _text_version_by_keyboard(page, opener)
    assert not problems, problems
