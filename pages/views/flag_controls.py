"""Controls shared by the gaps, intersections and report screens: the gap flags' settings (under "Flag gaps by")
and the cohort choice. Each returns plain values for `equity` to compute with."""

import streamlit as st

from equity.app.session import (
    COMPARE,
    DEFAULTS,
    DIMENSIONS,
    HPG,
    Breakdown,
    Cohort,
    Flag,
    FlagSettings,
    Workbench,
    key_text,
)
from equity.words.gap_flags import settings_line
from equity.words.i18n import t
from equity.words.labels import dimension_label, group_label
from equity.words.reader import bound
from pages.views.shared import plain

NONE = ""
VALUE = "value"


def flag_settings(method: Flag, key: str, result: Breakdown | None = None) -> FlagSettings:
    """The chosen method's settings in an expander (defaults as published); `result`, when given, offers its shown
    groups as the 80% index's reference."""
    if method is Flag.NEWCOMBE:
        return DEFAULTS
    settings = DEFAULTS
    with st.expander(t("flag.settings.title")):
        if method is Flag.PPG:
            settings = _ppg(key)
        elif method is Flag.PI:
            settings = FlagSettings(pi_cut=_cut(key))
        else:
            settings = FlagSettings(eighty_cut=_cut(key), eighty_reference=_eighty_reference(key, result))
    line = settings_line(method, settings)
    if line:
        st.caption(plain(line))
    return settings


def _ppg(key: str) -> FlagSettings:
    # Words looked up now, not inside format_func: a test formats options outside the rerun's language
    names = {COMPARE: t("flag.settings.ref.compare"), HPG: t("flag.settings.ref.hpg"),
             VALUE: t("flag.settings.ref.value")}
    left, right = st.columns(2)
    reference = left.selectbox(t("flag.settings.ppg_reference"), list(names), key=f"{key}_ppg_reference",
                               format_func=names.get,
                               help=t("flag.settings.ppg_reference_help"))
    if reference == VALUE:
        rate = right.number_input(t("flag.settings.value"), 0.0, 100.0, 50.0, 0.5, key=f"{key}_ppg_value")
        reference = f"{rate:g}%"
    floor = left.number_input(t("flag.settings.min_moe"), 0.0, 99.0, DEFAULTS.min_moe * 100, 0.5,
                              key=f"{key}_min_moe", help=t("flag.settings.min_moe_help"))
    own = right.checkbox(t("flag.settings.moe_from_rate"), key=f"{key}_moe_from_rate",
                         help=t("flag.settings.moe_from_rate_help"))
    return FlagSettings(ppg_reference=reference, min_moe=round(floor / 100, 6), moe_from_rate=own)


def _cut(key: str) -> float:
    return st.number_input(t("flag.settings.cut"), 0.05, 1.0, 0.8, 0.05, key=f"{key}_cut",
                           help=t("flag.settings.cut_help"))


def _eighty_reference(key: str, result: Breakdown | None) -> str:
    if result is None:
        return HPG
    groups = {key_text(g.key): group_label(result.dimension, g.key) for g in result.shown() if not g.coded}
    names = {HPG: t("flag.settings.ref.hpg"), **groups}
    return st.selectbox(t("flag.settings.eighty_reference"), list(names), format_func=names.get,
                        key=f"{key}_80_reference_{result.dimension.key}",
                        help=t("flag.settings.eighty_reference_help"))


def cohort_by(bench: Workbench, key: str, container=None) -> str | None:
    """Which dimension splits the figures into cohorts (term, school or grade), or None for all together."""
    choices = bench.cohort_choices()
    if not choices:
        return None
    chosen = (container or st).selectbox(
        t("cohort.by"), [NONE, *choices], key=f"{key}_cohort_by", help=t("cohort.help"),
        format_func=bound(lambda d: t("cohort.none") if d == NONE else dimension_label(DIMENSIONS[d])))
    return chosen or None


def cohort_picker(bench: Workbench, key: str) -> Cohort | None:
    """A cohort choice and, when there is one, which cohort to show: (dimension, value)."""
    left, right = st.columns(2)
    dimension = cohort_by(bench, key, left)
    if dimension is None:
        return None
    values = bench.cohort_values(dimension)
    label = t("cohort.which", dimension=dimension_label(DIMENSIONS[dimension]))
    return dimension, right.selectbox(label, values, key=f"{key}_cohort_{dimension}")
