"""The privacy settings of a session as one object: the n-size below which a group is hidden, top/bottom
coding, the smallest group a chart colours, and the thresholds of risk ratios. The session's Workbench holds
it; every page, the reports and the command line read it from there."""

from dataclasses import dataclass, field

from equity.stats.disproportionality import Settings as RiskSettings
from equity.stats.privacy import DEFAULT_MIN_N


@dataclass(frozen=True)
class PrivacySettings:
    min_n: int = DEFAULT_MIN_N       # a group with fewer students shows nothing (equity.stats.privacy)
    coding: bool = False             # top/bottom-code small groups' rates (equity.stats.privacy)
    colour_min_n: int = 0            # shown groups smaller than this get no colour (the California Dashboard's 30)
    risk: RiskSettings = field(default_factory=RiskSettings)   # cell size, n-size and flag threshold of risk ratios
