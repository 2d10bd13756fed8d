"""The settings a college or state fixes for the gap flags, named as DisImpact (the R package California community
colleges use for their equity plans) names its arguments, and the reference rate each one gives a group.

- PPG reference (`ppg_reference`): COMPARE (the default) follows the comparison chosen on the screen or with
  --compare: all students (DisImpact 'overall', the default), all other students ('all but current': all students
  except the group itself), or a named group; HPG is the highest-performing shown group ('hpg'); a number with a
  '%' is a fixed rate such as a state goal ('65%'). ALL and OTHERS name the first two whatever the comparison.
- `min_moe`: the floor of PPG's margin of error (0.03). `moe_from_rate` (DisImpact's use_prop_in_moe): the margin
  from the group's own rate p, 1.96·√(p(1 − p)/n), instead of p = 0.5; a rate of exactly 0 or 1 would give no
  margin, so 0.5 stands in for it (DisImpact's prop_sub_0 and prop_sub_1).
- `pi_cut`, `eighty_cut`: the proportionality index and 80% index flag below these (0.8 each).
- `eighty_reference`: the 80% index's reference, HPG (the highest shown group, the default) or a named group.

Hidden and top/bottom-coded groups are never a reference (a rate measured against them would give theirs away); a
group measured against one is not judged.
"""

from dataclasses import asdict, dataclass
from math import sqrt

from equity.data.normalize import NOT_REPORTED
from equity.sources.cells import key_text
from equity.stats.metrics import COMPARE_ALL, COMPARE_OTHERS, Breakdown, GroupResult

COMPARE, HPG, ALL, OTHERS = "compare", "hpg", COMPARE_ALL, COMPARE_OTHERS
MOE_Z = 1.96                 # as published, not the exact normal quantile
SUBSTITUTE = 0.5             # DisImpact's prop_sub_0 and prop_sub_1: the rate used for the margin at 0 or 1


@dataclass(frozen=True)
class FlagSettings:
    ppg_reference: str = COMPARE
    min_moe: float = 0.03
    moe_from_rate: bool = False
    pi_cut: float = 0.8
    eighty_cut: float = 0.8
    eighty_reference: str = HPG

    def params(self) -> dict:
        """As the command line's JSON prints them."""
        return asdict(self)

    def checked(self) -> "FlagSettings":
        """The settings, or ValueError naming the one out of range."""
        if not 0 <= self.min_moe < 1:
            raise ValueError("The minimum margin of error is a share between 0 and 1, e.g. 0.03 for 3 points.")
        for cut in (self.pi_cut, self.eighty_cut):
            if not 0 < cut <= 1:
                raise ValueError("A cut-off for the indexes is between 0 and 1, e.g. 0.8.")
        if fixed_rate(self.ppg_reference) is not None and not 0 <= fixed_rate(self.ppg_reference) <= 100:
            raise ValueError("A fixed PPG reference is a rate from 0% to 100%, e.g. 65%.")
        return self


DEFAULTS = FlagSettings()


def fixed_rate(reference: str) -> float | None:
    """'65%' as 65.0; None for anything else (a group's key, even '9' for grade 9, is never a fixed rate)."""
    text = reference.strip()
    if not text.endswith("%"):
        return None
    try:
        return float(text[:-1])
    except ValueError:
        return None


def margin_of_error(n: int, rate: float | None = None, settings: FlagSettings = DEFAULTS) -> float:
    """PPG's margin of error for a group of n students, in percentage points; `rate` (in percent) is used only
    when the settings say so (use_prop_in_moe), with 0.5 standing in for 0% and 100%."""
    p = 0.5
    if settings.moe_from_rate and rate is not None:
        p = rate / 100
        if p <= 0 or p >= 1:
            p = SUBSTITUTE
    return max(MOE_Z * sqrt(p * (1 - p) / n), settings.min_moe) * 100


def highest(result: Breakdown) -> GroupResult | None:
    """The shown group with the highest rate (a 'Not reported' group is not a group to measure others by)."""
    candidates = [g for g in result.shown() if g.value is not None and g.key not in (None, NOT_REPORTED)]
    return max(candidates, key=lambda g: g.value) if candidates else None


def named(result: Breakdown, key: str) -> GroupResult | None:
    """The shown, uncoded group whose key reads `key`, or None."""
    return next((g for g in result.groups if key_text(g.key) == key and g.value is not None), None)


def ppg_reference(result: Breakdown, settings: FlagSettings) -> str:
    """The PPG reference in force: 'all', 'others', 'hpg', a fixed rate ('65%') or a group's key."""
    return result.compare if settings.ppg_reference == COMPARE else settings.ppg_reference


def ppg_reference_group(result: Breakdown, settings: FlagSettings) -> GroupResult | None:
    """The group PPG measures against (the highest, or the named one), None for the others or when hidden."""
    chosen = ppg_reference(result, settings)
    if chosen in (ALL, OTHERS) or fixed_rate(chosen) is not None:
        return None
    return highest(result) if chosen == HPG else named(result, chosen)


def ppg_reference_rate(result: Breakdown, group: GroupResult, settings: FlagSettings) -> float | None:
    """The rate, in percent, this group's PPG is measured against; None when it cannot be given."""
    chosen = ppg_reference(result, settings)
    if fixed_rate(chosen) is not None:
        return fixed_rate(chosen)
    if chosen not in (ALL, OTHERS):
        reference = ppg_reference_group(result, settings)
        return reference.value if reference is not None else None
    if result.overall_value is None:
        return None
    if chosen == ALL:
        return result.overall_value
    rest_n = result.overall.n - group.n
    if rest_n <= 0 or group.value is None:
        return None
    return (result.overall.total - group.value / 100 * group.n) / rest_n * 100


def eighty_reference(result: Breakdown, settings: FlagSettings) -> GroupResult | None:
    """The group the 80% index divides by: the highest shown group, or the named one when shown."""
    if settings.eighty_reference == HPG:
        return highest(result)
    return named(result, settings.eighty_reference)
