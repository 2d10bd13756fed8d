"""95% intervals for rates, means and their differences.

Wilson's score interval keeps small groups honest (it never leaves 0-100% and is not zero-width at 0 or
n); Newcombe's hybrid score interval for a difference of two independent rates is built from the two Wilson
intervals (Newcombe 1998, method 10). Means use the normal approximation (groups below the n-size are hidden
before anyone reads an interval).
"""

from math import sqrt

Z95 = 1.959963984540054


def wilson(successes: float, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for successes/n, as proportions."""
    if n <= 0:
        raise ValueError("A rate needs at least one student.")
    p = successes / n
    z2 = z * z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = z * sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def newcombe(s1: float, n1: int, s2: float, n2: int, z: float = Z95) -> tuple[float, float]:
    """Interval for p1 - p2 from two independent samples (Newcombe's hybrid score method)."""
    p1, p2 = s1 / n1, s2 / n2
    l1, u1 = wilson(s1, n1, z)
    l2, u2 = wilson(s2, n2, z)
    d = p1 - p2
    lower = d - sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    upper = d + sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return lower, upper


def mean_interval(n: int, total: float, squares: float, z: float = Z95) -> tuple[float, float]:
    """Normal interval for a mean from its count, sum and sum of squares."""
    mean = total / n
    half = z * sqrt(_variance(n, total, squares) / n) if n > 1 else 0.0
    return mean - half, mean + half


def mean_difference(a: tuple[int, float, float], b: tuple[int, float, float], z: float = Z95
                    ) -> tuple[float, float]:
    """Welch-style normal interval for mean(a) - mean(b); each side is (n, sum, sum of squares)."""
    (na, ta, qa), (nb, tb, qb) = a, b
    d = ta / na - tb / nb
    half = z * sqrt(_variance(na, ta, qa) / na + _variance(nb, tb, qb) / nb)
    return d - half, d + half


def _variance(n: int, total: float, squares: float) -> float:
    if n < 2:
        return 0.0
    return max(0.0, (squares - total * total / n) / (n - 1))
