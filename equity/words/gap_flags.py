"""The gap flags' settings in words, for every place that names them (chart legend and subtitle, table column,
summary sentence, the screen's caption), so that a changed reference or cut-off reads the same everywhere and
the defaults read exactly as they always have."""

from equity.stats.gap_flag_settings import (
    ALL,
    DEFAULTS,
    HPG,
    OTHERS,
    FlagSettings,
    eighty_reference,
    fixed_rate,
    ppg_reference,
    ppg_reference_group,
)
from equity.stats.gap_flags import Flag, Flags
from equity.stats.metrics import Breakdown
from equity.words.i18n import t
from equity.words.labels import comparison_label, group_phrase


def ppg_reference_words(result: Breakdown, settings: FlagSettings) -> str:
    """'all students', 'all other students', 'the highest-performing group (Asian)', 'Asian', 'a fixed rate of
    54%'."""
    chosen = ppg_reference(result, settings)
    if chosen in (ALL, OTHERS):
        return comparison_label(chosen, result.dimension)
    rate = fixed_rate(chosen)
    if rate is not None:
        return t("flag.reference.value", value=f"{rate:g}%")
    group = ppg_reference_group(result, settings)
    if chosen == HPG:
        return t("flag.reference.hpg", group=group_phrase(result.dimension, group.key)) if group \
            else t("flag.reference.hpg_none")
    return group_phrase(result.dimension, group.key) if group else chosen


def eighty_reference_words(result: Breakdown, settings: FlagSettings) -> str:
    """"the highest group's rate", or "the rate of Asian"."""
    if settings.eighty_reference == HPG:
        return t("flag.80.highest_rate")
    group = eighty_reference(result, settings)
    name = group_phrase(result.dimension, group.key) if group else settings.eighty_reference
    return t("flag.80.group_rate", group=name)


def flag_params(result: Breakdown, flags: Flags) -> dict[str, str]:
    """The placeholders the flags' sentences, legends and columns take: {reference} (PPG's), {cut} (the index's
    cut-off: '0.8', or '80%' for the 80% index) and {reference_rate} (the 80% index's)."""
    settings = flags.settings
    if flags.method is Flag.PPG:
        return {"reference": ppg_reference_words(result, settings)}
    if flags.method is Flag.PI:
        return {"cut": f"{settings.pi_cut:g}"}
    if flags.method is Flag.EIGHTY:
        return {"cut": f"{settings.eighty_cut * 100:g}%",
                "reference_rate": eighty_reference_words(result, settings)}
    return {}


def settings_line(method: Flag, settings: FlagSettings) -> str | None:
    """The settings that differ from the defaults for `method`, in one line; None when all are the defaults."""
    parts = []
    if method is Flag.PPG:
        if settings.min_moe != DEFAULTS.min_moe:
            parts.append(t("flag.setting.min_moe", points=f"{settings.min_moe * 100:g}"))
        if settings.moe_from_rate:
            parts.append(t("flag.setting.moe_from_rate"))
    if method is Flag.PI and settings.pi_cut != DEFAULTS.pi_cut:
        parts.append(t("flag.setting.cut", cut=f"{settings.pi_cut:g}"))
    if method is Flag.EIGHTY and settings.eighty_cut != DEFAULTS.eighty_cut:
        parts.append(t("flag.setting.cut", cut=f"{settings.eighty_cut:g}"))
    return t("flag.setting.line", settings="; ".join(parts)) if parts else None
