"""Effect sizes for gaps in averages: Hedges' g, the gap in standard deviations, as the OpenSDP equity toolkit
reports beside a point gap, so that a 5-point gap on a 100-point test and on a 500-point one can be compared.
The standard deviation used is the pooled one of the group and its comparison (the figure the gap is against),
computed from the count, sum and sum of squares each group already carries."""

from dataclasses import dataclass
from math import sqrt


@dataclass(frozen=True)
class Effect:
    """Hedges' g of a group against its comparison, and the pooled standard deviation it divides by."""

    hedges_g: float
    pooled_sd: float


def pooled_sd(a: tuple[int, float, float], b: tuple[int, float, float]) -> float | None:
    """√(((n1 − 1)s1² + (n2 − 1)s2²) ÷ (n1 + n2 − 2)) from each side's (n, sum, sum of squares); None when
    there are too few students to estimate it (each side's sum of squared deviations is Σy² − (Σy)²/n)."""
    (na, ta, qa), (nb, tb, qb) = a, b
    if na < 1 or nb < 1 or na + nb < 3:
        return None
    deviations = max(0.0, qa - ta * ta / na) + max(0.0, qb - tb * tb / nb)
    return sqrt(deviations / (na + nb - 2))


def hedges_g(a: tuple[int, float, float], b: tuple[int, float, float]) -> Effect | None:
    """Hedges' g of mean(a) − mean(b): Cohen's d (the difference over the pooled SD) times the small-sample
    correction J = 1 − 3 / (4(n1 + n2) − 9). None when the SD is zero or cannot be estimated."""
    sd = pooled_sd(a, b)
    if not sd:
        return None
    (na, ta, _), (nb, tb, _) = a, b
    d = (ta / na - tb / nb) / sd
    return Effect(d * (1 - 3 / (4 * (na + nb) - 9)), sd)
