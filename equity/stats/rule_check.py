"""Saying so when an outcome's rule matches no student in the whole loaded file, instead of a silent 0%: a
category nobody has, or a threshold above every value, is almost always a typing slip, not a finding."""

import duckdb

from equity.data.sql import query
from equity.model.rules import Rule
from equity.sources import counts
from equity.words.messages import Text


def nobody_meets(con: duckdb.DuckDBPyConnection, outcome: str, rule: Rule, label: str = "") -> Text | None:
    """Why no student with a result meets `rule` for `outcome` in the loaded `students`, or None when someone
    does (or when nobody has a result, or the rule is an average: other messages cover those)."""
    if not rule.is_rate:
        return None
    if counts.holds_counts(con):
        return Text("rule.nobody_counted", outcome=label or outcome) if counts.nobody_counted(con, outcome) else None
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
