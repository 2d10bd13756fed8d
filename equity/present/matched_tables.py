"""The Cohorts screen's words and tables, in the reader's language: the match first, then the figures."""

from equity.model.dimensions import DIMENSIONS
from equity.present.tables import COUNT, GAP, VALUE, Column, Table
from equity.stats.matched import LEVELS, MEAN, Cohort, Growth, Matching, Transition
from equity.words.i18n import t
from equity.words.labels import group_label
from equity.words.numbers import count, decimal

ALL = "all"


def label(result: Cohort, key: object) -> str:
    return t("compare.all_title") if key == ALL else group_label(DIMENSIONS[result.dimension], key)


def match_sentence(m: Matching) -> str:
    """How many students are in both terms, what share of the first term's that is, who left and arrived."""
    return t("matched.matched", matched=count(m.matched), first=m.from_term, second=m.to_term,
             rate=decimal(m.rate or 0, 1), left=count(m.left), arrived=count(m.arrived))


def unordered_sentence(m: Matching) -> str:
    if not m.unordered:
        return ""
    return t("matched.unordered", terms=", ".join(m.unordered), first=m.from_term, second=m.to_term)


def repeat_sentence(m: Matching) -> str:
    return t("matched.repeated", count=m.repeated, examples=", ".join(m.repeat_examples)) if m.repeated else ""


def reformat_sentence(m: Matching) -> str:
    pairs = ", ".join(f"{a} = {b}" for a, b in m.reformat_examples)
    return t("matched.reformatted", count=m.reformatted, examples=pairs) if m.reformatted else ""


def cohort_table(result: Cohort) -> Table:
    """All students, then each group: who is in both terms, who left and arrived, and the figure; a hidden
    group's figures print as the exports' dash, its note says why."""
    m = result.matching
    if result.kind == LEVELS:
        figures = ((t("matched.col.up"), "up", VALUE), (t("matched.col.down"), "down", VALUE))
    else:
        unit = "rate" if result.kind != MEAN else "mean"
        figures = ((t(f"matched.col.in_{unit}", term=m.from_term), "first", VALUE),
                   (t(f"matched.col.in_{unit}", term=m.to_term), "second", VALUE),
                   (t(f"matched.col.change_{unit}"), "change", GAP))
    counts = tuple((t(f"matched.col.{name}"), name, COUNT) for name in ("matched", "left", "arrived", "scored"))
    columns = (Column(t("column.group")), *(Column(head, kind) for head, _, kind in counts + figures),
               Column(t("column.hidden")))
    rows = tuple((label(result, group.key), *(getattr(group, name) for _, name, _ in counts + figures),
                  t(f"matched.why.{group.why}", min_n=result.min_n) if group.why else "")
                 for group in (result.overall, *result.groups))
    return Table(columns, rows)


def transition_table(result: Cohort, table: Transition) -> Table:
    """Level in the first term (rows) by level in the second (columns): share of the row, and students; a hidden
    cell prints as the exports' dash."""
    places = range(1, len(result.levels) + 1)
    columns = (Column(t("matched.col.level_from", term=result.matching.from_term)),
               *(Column(level) for level in result.levels))

    def cell(a: int, b: int) -> str | None:
        n = table.cells[a, b]
        return None if n is None else t("matched.cell", share=decimal(table.share((a, b)), 0), n=count(n))
    rows = tuple((result.levels[a - 1], *(cell(a, b) for b in places)) for a in places)
    return Table(columns, rows, (t("matched.transitions_note", min_n=result.min_n),))


def growth_table(result: Cohort, grown: tuple[Growth, ...]) -> Table:
    """Each group's median conditional percentile, and why a group shows none."""
    columns = (Column(t("column.group")), Column(t("matched.col.scored"), COUNT),
               Column(t("matched.col.median"), VALUE), Column(t("column.hidden")))
    return Table(columns, tuple((label(result, g.key), g.n, g.median,
                                 t(f"matched.why.{g.why}", min_n=result.min_n) if g.why else "") for g in grown))
