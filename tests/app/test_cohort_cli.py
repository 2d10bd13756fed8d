"""`python -m equity cohort` as a user types it: figures, the JSON contract, hidden groups, errors."""

import json
import subprocess
from pathlib import Path

import pytest

from tests import command
from tests.files import csv_bytes
from tests.matched_files import ROWS, SEASONS, Y1, Y2


@pytest.fixture(scope="module")
def two_years(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cohort") / "two years.csv"
    path.write_bytes(csv_bytes(ROWS))
    return path


def typed(*args) -> subprocess.CompletedProcess:
    return command.typed("cohort", *args)


def test_mean_change_as_json(two_years):
    done = typed(two_years, "--from", Y1, "--to", Y2, "--outcome", "Score", "--by", "race", "--min-n", "1",
                 "--format", "json")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["matching"] == {"matched": 8, "left": 1, "arrived": 2, "match_rate": 88.89, "repeated_ids": 1,
                               "reformatted_ids": 5, "unordered_terms": []}
    groups = {g["key"]: g for g in out["groups"]}
    assert groups["Hispanic/Latino"] == {"key": "Hispanic/Latino", "label": "Hispanic/Latino", "matched": 4,
                                              "left": 1, "arrived": 2, "n": 4, "first": 25.0, "second": 31.25,
                                              "change": 6.25, "suppressed": False}
    assert groups["White"]["change"] == 7.5
    assert "not a state growth model" in out["growth"]["note"]
    # the repeated ID and the reformatted ones are named on stderr only, never among the figures
    assert "e.g. 200" in done.stderr and "001 = 1" in done.stderr
    assert "200" not in json.dumps(out["groups"])


def test_hidden_groups_have_null_figures_and_sizes_and_a_why(two_years):
    done = typed(two_years, "--from", Y1, "--to", Y2, "--outcome", "Score", "--by", "race", "--min-n", "2",
                 "--format", "json")
    groups = {g["key"]: g for g in json.loads(done.stdout)["groups"]}
    for key in ("Hispanic/Latino", "White"):
        group = groups[key]
        assert group["suppressed"] is True and group["why"]
        assert [group[f] for f in ("matched", "left", "arrived", "n", "first", "second", "change")] == [None] * 7
    assert "left or arrived" in groups["Hispanic/Latino"]["why"]


def test_levels_with_a_threshold_and_as_a_table(two_years):
    done = typed(two_years, "--from", Y1, "--to", Y2, "--outcome", "Level", "--by", "race", "--min-n", "1",
                 "--format", "json")
    out = json.loads(done.stdout)
    assert out["kind"] == "levels" and out["levels"] == ["Not Met", "Nearly Met", "Met", "Exceeded"]
    groups = {g["key"]: g for g in out["groups"]}
    assert (groups["Hispanic/Latino"]["up"], groups["Hispanic/Latino"]["down"]) == (50.0, 25.0)
    everyone = next(t for t in out["transitions"] if t["key"] == "all")
    assert len(everyone["cells"]) == 16
    assert all(c["n"] is None and c["why"] for c in everyone["cells"] if (c["from"], c["to"]) == ("Not Met", "Met"))
    rate = typed(two_years, "--from", Y1, "--to", Y2, "--outcome", "Score", "--threshold", "50", "--by", "race",
                 "--min-n", "1", "--format", "csv")
    assert rate.stdout.splitlines()[2] == "Hispanic/Latino,4,1,2,4,0.0,25.0,25.0,False"
    table = typed(two_years, "--from", Y1, "--to", Y2, "--outcome", "Score", "--by", "race", "--min-n", "1")
    assert table.stdout.startswith(f"Matched 8 students in both {Y1} and {Y2} (88.89% of {Y1}'s); 1 left, 2 arrived.")


def test_errors_are_one_line(two_years):
    done = typed(two_years, "--from", Y1, "--to", "2030-31", "--outcome", "Score", "--by", "race")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [f"error: No term '2030-31' in the data; its terms are {Y1}, {Y2}."]
    done = typed(two_years, "--from", Y1, "--to", Y2, "--outcome", "Race", "--by", "race")
    assert done.returncode == 2 and "--levels" in done.stderr and "Traceback" not in done.stderr


def test_terms_given_the_wrong_way_round(two_years):
    done = typed(two_years, "--from", Y2, "--to", Y1, "--outcome", "Score", "--by", "race")
    assert done.returncode == 2
    assert done.stderr.strip() == f"error: '{Y2}' comes after '{Y1}': give the earlier term first."


def test_where_keeps_the_students_the_sidebar_would(two_years):
    done = typed(two_years, "--from", Y1, "--to", Y2, "--outcome", "Score", "--by", "race", "--min-n", "1",
                 "--where", "race=White", "--format", "json")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    # White: 101 60→70, 102 70→70 (as S102), 103 80→90, 104 90→100; 200 repeats in year 1 and is left out
    assert [g["key"] for g in out["groups"]] == ["White"]
    assert (out["all_students"]["matched"], out["all_students"]["left"], out["all_students"]["arrived"]) == (4, 0, 0)
    assert out["all_students"]["change"] == 7.5
    wrong = typed(two_years, "--from", Y1, "--to", Y2, "--outcome", "Score", "--by", "race", "--where", f"term={Y1}")
    assert wrong.returncode == 2 and "leave term out of --where" in wrong.stderr


def test_every_problem_with_the_ids_and_terms_is_named_before_the_figures(tmp_path):
    path = tmp_path / "seasons.csv"
    path.write_bytes(csv_bytes(SEASONS))
    done = typed(path, "--from", "Fall", "--to", "Spring", "--outcome", "Score", "--by", "race", "--min-n", "1")
    assert done.returncode == 0, done.stderr
    # the match first, then the figures; each problem on stderr with examples: 200 twice in Fall, 001 as 1
    assert done.stdout.startswith("Matched 8 students in both Fall and Spring (88.89% of Fall's)")
    notes = done.stderr
    assert "'Fall', 'Spring' cannot be placed in time" in notes and "e.g. 200" in notes and "001 = 1" in notes
    out = json.loads(typed(path, "--from", "Fall", "--to", "Spring", "--outcome", "Score", "--by", "race",
                           "--min-n", "1", "--format", "json").stdout)
    assert list(out).index("matching") < list(out).index("all_students") < list(out).index("groups")
    assert (out["matching"]["repeated_ids"], out["matching"]["reformatted_ids"]) == (1, 5)
    assert out["matching"]["unordered_terms"] == ["Fall", "Spring"]
