"""Plain-language sentences about a breakdown, claiming no more than the data supports: a gap is called larger
than chance only when its interval excludes zero, a change over time likewise, and hidden groups are never
described. Every sentence comes from the language catalogue, so summaries read the same in every export."""

from math import sqrt

from equity.data.normalize import NOT_REPORTED
from equity.plans.goals import GAP, MET, NO_DATA, ON_TRACK, Evaluation
from equity.sources.cells import key_text
from equity.stats import intervals
from equity.stats.gap_flag_settings import DEFAULTS, HPG, FlagSettings
from equity.stats.gap_flags import Flag, Flags, flag
from equity.stats.metrics import Breakdown, GroupResult
from equity.stats.privacy import ACROSS
from equity.stats.trends import Trend, group_key
from equity.words.gap_flags import eighty_reference_words, flag_params, ppg_reference_words
from equity.words.groupings import grouping_group
from equity.words.i18n import t
from equity.words.labels import (
    comparison_label,
    dimension_phrase,
    figure,
    group_phrase,
    points,
    rule_text,
    size_text,
)
from equity.words.numbers import count, decimal


def largest_gap(result: Breakdown) -> GroupResult | None:
    """The shown group furthest from its comparison (a 'Not reported' group is not a finding)."""
    candidates = [g for g in result.shown() if g.gap is not None and g.key not in (None, NOT_REPORTED)]
    return max(candidates, key=lambda g: abs(g.gap)) if candidates else None


def what(result: Breakdown) -> str:
    """The measure inside a sentence: 'Final % (>= 70)' or 'average Final %'."""
    if result.rule.is_rate:
        return t("summary.what_rate", outcome=result.outcome, rule=rule_text(result.rule))
    return t("summary.what_mean", outcome=result.outcome)


def _comparison(result: Breakdown) -> str:
    return comparison_label(result.compare, result.dimension)


def largest_gap_sentence(result: Breakdown) -> str:
    """One sentence naming the largest gap, its size, and whether it could be chance; when rates are top/bottom
    coded, it adds which groups are left out (a coded group's gap is never put in words)."""
    return _with_coded(result, _largest_gap_sentence(result))


def _with_coded(result: Breakdown, sentence: str) -> str:
    """The sentence, and which top/bottom-coded groups it leaves out when there are any."""
    coded = [group_phrase(result.dimension, g.key) for g in result.groups if g.coded]
    return sentence + " " + t("summary.coded_left_out", groups=", ".join(coded)) if coded else sentence


def _largest_gap_sentence(result: Breakdown) -> str:
    dimension = dimension_phrase(result.dimension)
    group = largest_gap(result)
    if group is None:
        if result.groups and all(g.suppressed for g in result.groups):
            return t("summary.all_hidden", dimension=dimension, min_n=result.min_n)
        return t("summary.no_gaps", what=what(result), dimension=dimension)
    if abs(group.gap) < 0.05:
        return t("summary.no_difference", what=what(result), comparison=_comparison(result))
    return _gap_sentence("summary.largest", result, group)


def flag_sentence(result: Breakdown, method: Flag = Flag.NEWCOMBE,
                  settings: FlagSettings = DEFAULTS, flags: Flags | None = None) -> str:
    """The screen's one sentence under the chosen way of flagging gaps: for Newcombe's interval the largest gap
    and whether it could be chance; for the others the method by name and every flagged group with its figure
    (top/bottom-coded groups are never judged by those, and the sentence says which are left out), then how many
    more students the flagged group furthest from its reference would need. `flags`: the verdicts, when
    already worked out."""
    method = Flag(method)
    if method is Flag.NEWCOMBE:
        return largest_gap_sentence(result)
    flags = flags or flag(result, method, settings)
    params = {"what": what(result), **flag_params(result, flags)}
    if flags.reference is not None:
        params |= {"best": group_phrase(result.dimension, flags.reference.key),
                   "value": figure(flags.reference.value, True)}
    if not any(f.index is not None for f in flags.groups):
        if method is Flag.PI and result.shown() and result.overall.total <= 0:
            return t("summary.flag_pi_none_met", **params)
        if method is Flag.EIGHTY and flags.reference is not None:
            return t("summary.flag_80_zero", **params)
        return largest_gap_sentence(result)       # every group hidden, or nothing to compare with
    items = _flagged_items(result, flags)
    key = f"summary.flag_{method.value}" + ("_named" if method is Flag.EIGHTY and settings.eighty_reference != HPG
                                            else "")
    if not items:
        return _with_coded(result, t(f"{key}_none", **params))
    sentence = t(key, groups=", ".join(items), **params)
    needed = needed_sentence(result, flags)
    return _with_coded(result, f"{sentence} {needed}" if needed else sentence)


def needed_sentence(result: Breakdown, flags: Flags) -> str | None:
    """'1,259 more Hispanic/Latino students meeting Transfer (in 1) would close the gap with all students (1,139
    would be enough for it no longer to be flagged).', for the flagged group that needs the most; None when no
    group is flagged."""
    flagged = [(g, f) for g, f in zip(result.groups, flags.groups, strict=True) if f.flagged and f.parity]
    if not flagged:
        return None
    group, verdict = max(flagged, key=lambda pair: pair[1].parity)
    if flags.method is Flag.PPG:
        against = ppg_reference_words(result, flags.settings)
    elif flags.method is Flag.EIGHTY:
        against = eighty_reference_words(result, flags.settings)
    else:
        against = t("flag.needed.share")
    return t("summary.needed", count=count(verdict.parity),
             group=group_phrase(result.dimension, group.key), what=what(result), reference=against,
             needed=count(verdict.needed))


def _flagged_items(result: Breakdown, flags: Flags) -> list[str]:
    """'Black or African American (0.72)', or for PPG 'Asian (-12.3 points, margin of error 9.8)'."""
    items = []
    for group, verdict in zip(result.groups, flags.groups, strict=True):
        if not verdict.flagged:
            continue
        name = group_phrase(result.dimension, group.key)
        if flags.method is Flag.PPG:
            items.append(t("summary.flag_ppg_item", group=name, gap=decimal(verdict.index, 1, signed=True),
                           margin=decimal(verdict.margin, 1)))
        else:
            items.append(t("summary.flag_item", group=name, index=decimal(verdict.index, 2)))
    return items


def _gap_sentence(key: str, result: Breakdown, group: GroupResult) -> str:
    rate = result.rule.is_rate
    sentence = t(key, dimension=dimension_phrase(result.dimension),
                 group=group_phrase(result.dimension, group.key), value=figure(group.value, rate),
                 what=what(result), points=points(group.gap, rate),
                 direction=t("summary.below" if group.gap < 0 else "summary.above"),
                 comparison=_comparison(result))
    return sentence + t(_chance_key(group.distinguishable, "summary.gap"))


def focus_group(result: Breakdown) -> GroupResult | None:
    """The group a summary is about: for a flag (low income, English learners …) the flagged group, which is
    whom the question concerns even when the other side's gap is larger; else the largest gap."""
    if result.dimension.flag:
        flagged = next((g for g in result.shown() if g.key is True and g.gap is not None), None)
        if flagged is not None:
            return flagged
    return largest_gap(result)


def gap_sentence(result: Breakdown) -> str:
    """The focus group's figure and gap, with whether it could be chance; the largest gap when that is the
    focus."""
    group = focus_group(result)
    if group is None or group is largest_gap(result) or abs(group.gap) < 0.05:
        return largest_gap_sentence(result)
    return _gap_sentence("summary.group_gap", result, group)


def _chance_key(distinguishable: bool | None, prefix: str) -> str:
    if distinguishable is None:
        return "summary.end"
    return f"{prefix}_beyond_chance" if distinguishable else f"{prefix}_could_be_chance"


def overall_line(result: Breakdown) -> str:
    """All students' figure, and how many had no result (blank or excused) and were left out: a number as private
    as a group's size (a band under min_n, 'hidden' where the rule across views hides it)."""
    overall, size, reason = result.overall_value, result.overall_size, result.overall_reason
    shown = t("summary.overall_value", value=decimal(overall, 1)) if overall is not None else \
        t("summary.overall_hidden_across" if reason == ACROSS else "summary.overall_hidden")
    return t("summary.overall", n=size_text(size, reason, result.min_n), shown=shown,
             missing=size_text(result.missing_size, result.missing_reason, result.min_n))


def overall_sentence(result: Breakdown) -> str:
    """All students' figure in a sentence a board member reads first."""
    if result.overall_value is None:
        return t("summary.overall_too_few", min_n=result.min_n)
    if not result.rule.is_rate:
        return t("summary.board_overall_mean", outcome=result.outcome,
                 value=figure(result.overall_value, False), n=count(result.overall.n))
    return t("summary.board_overall", value=figure(result.overall_value, True), what=what(result),
             n=count(result.overall.n))


def ends(history: Trend, key: object) -> tuple[GroupResult, GroupResult] | None:
    """One group's figures in the first and the last loaded term, when there are two terms and both are shown."""
    if len(history.terms) < 2:
        return None
    wanted = key_text(key)
    first, last = (next((g for g in r.groups if key_text(g.key) == wanted), None)
                   for r in (history.per_term[0], history.per_term[-1]))
    if first is None or last is None or first.value is None or last.value is None:
        return None
    return first, last


def overall_ends(history: Trend) -> tuple[GroupResult, GroupResult] | None:
    """All students in the first and the last loaded term (value and interval), when both are shown."""
    if len(history.terms) < 2:
        return None
    found = []
    for r in (history.per_term[0], history.per_term[-1]):
        if r.overall_value is None:
            return None
        found.append(GroupResult(None, "", r.overall.n, r.overall_value, None, r.overall.interval(r.rule), None,
                                 False))
    return found[0], found[1]


def change_sentence(history: Trend, group: GroupResult) -> str | None:
    """How one group's figure moved from the first to the last loaded term, and whether that move is larger
    than chance; None when there are not two terms with a shown figure at both ends."""
    pair = ends(history, group.key)
    return _change(history, group_phrase(history.dimension, group.key), pair) if pair else None


def overall_change_sentence(history: Trend) -> str | None:
    """The same for all students."""
    pair = overall_ends(history)
    return _change(history, t("compare.all_title"), pair) if pair else None


def _change(history: Trend, name: str, pair: tuple[GroupResult, GroupResult]) -> str:
    start, end = pair
    rate = history.rule.is_rate
    change = end.value - start.value
    common = {"group": name, "start": figure(start.value, rate), "first": history.terms[0],
              "end": figure(end.value, rate), "last": history.terms[-1]}
    if abs(change) < 0.05:
        return t("summary.change_none", **common)
    sentence = t("summary.change", direction=t("summary.up" if change > 0 else "summary.down"),
                 points=points(change, rate), **common)
    return sentence + t(_chance_key(change_beyond_chance(start, end, rate), "summary.change"))


def change_beyond_chance(start: GroupResult, end: GroupResult, rate: bool) -> bool | None:
    """Whether the 95% interval of end minus start excludes zero, the two terms taken as independent samples:
    Newcombe's interval for rates; for means, the normal interval from each term's standard error."""
    if start.value is None or end.value is None or start.ci is None or end.ci is None:
        return None
    if rate:
        lo, hi = intervals.newcombe(end.value / 100 * end.n, end.n, start.value / 100 * start.n, start.n)
        return lo > 0 or hi < 0
    se = sqrt(sum(((hi - lo) / (2 * intervals.Z95)) ** 2 for lo, hi in (start.ci, end.ci)))
    return abs(end.value - start.value) > intervals.Z95 * se


def goal_sentence(evaluation: Evaluation) -> str:
    """Where a saved goal stands: met, on track or off track against this term's interim target, or no data."""
    goal = evaluation.goal

    def shown(value: float | None) -> str:
        return "—" if value is None else figure(value, goal.rule.is_rate and goal.measure != GAP)

    params = {"title": goal.title, "current": shown(evaluation.current),
              "term": evaluation.current_term or t("summary.latest_term"),
              "interim": shown(evaluation.interim if evaluation.interim is not None else goal.target),
              "target": shown(goal.target), "target_term": goal.target_term}
    key = {MET: "summary.goal_met", ON_TRACK: "summary.goal_on_track", NO_DATA: "summary.goal_no_data"}.get(
        evaluation.status, "summary.goal_off_track")
    return t(key, **params)


def breakdown_summary(result: Breakdown, history: Trend | None = None,
                      goal: Evaluation | None = None) -> tuple[str, ...]:
    """Two or three sentences for a board: all students' figure, the focus group's gap (the flagged group, or
    the largest gap) and whether it could be chance, then how that group moved over the loaded terms and where
    its goal stands, when known."""
    sentences = [overall_sentence(result), gap_sentence(result)]
    group = focus_group(result)
    if group is not None and history is not None:
        moved = change_sentence(history, group)
        if moved:
            sentences.append(moved)
    if goal is not None:
        sentences.append(goal_sentence(goal))
    return tuple(sentences[-3:])         # at most three: all students' figure is in the table too


def gap_change_sentence(trend: Trend) -> str:
    """The group whose gap changed most between the first and the last term, in one sentence."""
    if len(trend.terms) < 2:
        return t("trends.one_term")
    first, last = trend.terms[0], trend.terms[-1]
    changes = []
    for key in trend.group_keys():
        if not trend.grouping.reported(key):
            continue
        points = trend.series(group_key(key))
        start, end = points[0].gap, points[-1].gap
        if start is not None and end is not None:
            changes.append((abs(abs(end) - abs(start)), grouping_group(trend.grouping, key), start, end))
    if not changes:
        return t("trends.no_gap_change", first=first, last=last)
    _, label, start, end = max(changes)
    verb = "narrowed" if abs(end) < abs(start) else "widened" if abs(end) > abs(start) else "held"
    return t("trends.gap_change_rate" if trend.rule.is_rate else "trends.gap_change_mean", first=first,
             last=last, group=label, verb=t(f"trends.{verb}"), start=decimal(start, 1, signed=True),
             end=decimal(end, 1, signed=True),
             comparison=trend.comparison_label())
