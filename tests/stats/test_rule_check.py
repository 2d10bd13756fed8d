"""Categories matched by value through the path every screen uses (the session's breakdowns), and the message
for a rule that matches no student in the whole file."""

from equity.model.rules import Rule
from equity.words.reader import reading
from tests.files import confirmed, csv_bytes


def _bench():
    """40 Hispanic students, 14 passing (1); 60 White, 36 passing. 'Level' holds the same as text codes '1'/'0'."""
    rows = [["Ethnicity", "Passed", "Level"]]
    rows += [["Hispanic", 1 if i < 14 else 0, "Level 1" if i < 14 else "Level 0"] for i in range(40)]
    rows += [["White", 1 if i < 36 else 0, "Level 1" if i < 36 else "Level 0"] for i in range(60)]
    return confirmed(csv_bytes(rows), "levels.csv")


def test_numeric_codes_match_categories_typed_as_text():
    bench = _bench()
    outcome = next(c for c in bench.data.mapping.outcomes() if c.header == "Passed")
    assert outcome.kind == "numeric"                       # 0/1 read as numbers
    for typed in ("1", "1.0", "1.00"):
        result = bench.breakdown(outcome.name, Rule("categories", categories=(typed,)), "race")
        values = {g.key: g.value for g in result.groups}
        assert result.overall_value == 50.0 and values == {"Hispanic/Latino": 35.0, "White": 60.0}, typed
    assert bench.nobody_meets(outcome.name, Rule("categories", categories=("1",))) is None


def test_text_categories_still_match_exactly():
    bench = _bench()
    level = next(c for c in bench.data.mapping.outcomes() if c.header == "Level")
    result = bench.breakdown(level.name, Rule("categories", categories=("Level 1",)), "race")
    assert result.overall_value == 50.0
    note = bench.nobody_meets(level.name, Rule("categories", categories=("level 1",)), "Level")
    assert note == ("No student in the whole file meets 'Level' in level 1, so every rate would read 0%: the values "
                    "it has include Level 0, Level 1. Check the categories you chose.")
    with reading("es"):
        assert note.words().startswith("Ningún estudiante de todo el archivo cumple 'Level'")


def test_averages_are_never_said_to_match_nobody():
    bench = _bench()
    outcome = next(c for c in bench.data.mapping.outcomes() if c.header == "Passed")
    assert bench.nobody_meets(outcome.name, Rule("mean")) is None
    assert bench.nobody_meets(outcome.name, Rule("threshold", 5), "Passed").endswith(
        "its values run from 0 to 1. Check the threshold.")
