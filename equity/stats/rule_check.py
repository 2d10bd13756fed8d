"""Saying so when an outcome's rule matches no student in the whole loaded file, instead of a silent 0%: a
category nobody has, or a threshold above every value, is almost always a typing slip, not a finding."""

import duckdb

from equity.data.sql import query
from equity.model.filters import Filters
from equity.model.rules import Rule
from equity.sources import counts
from equity.sources import cube as cubes
from equity.words.messages import Text


def nobody_meets(con: duckdb.DuckDBPyConnection, outcome: str, rule: Rule, label: str = "") -> Text | None:
    """Why no student with a result meets `rule` for `outcome` in the loaded `students`, or None when someone
    does (or when nobody has a result, or the rule is an average: other messages cover those)."""
    if not rule.is_rate:
        return None
    summed = cubes.counted(con, outcome, rule, Filters(), ())      # published counts, or students counted elsewhere
    if summed is not None:
        n, met = sum(s.n for _, s in summed.rows), sum(s.total for _, s in summed.rows)
        key = "rule.nobody_counted" if counts.holds_counts(con) else "rule.nobody_in_table"
        return Text(key, outcome=label or outcome, rule=rule.describe()) if n and not met else None
    n, met, lowest, highest, seen = con.execute(query("cells/rule_matches", outcome=outcome),
                                                rule.params()).fetchall()[0]
    if not n or met:
        return None
    name = label or outcome
    if rule.kind == "threshold" and lowest is not None:
        return Text("rule.nobody_above", outcome=name, rule=rule.describe(), lowest=_number(lowest),
                    highest=_number(highest))
    return Text("rule.nobody_in", outcome=name, rule=rule.describe(),
                values=", ".join(_number(v) for v in seen))


def _number(value: object) -> str:
    """1.0 as '1', 2.5 as '2.5', text as it is."""
    try:
        return f"{float(value):g}"
    except (TypeError, ValueError):
        return str(value)
