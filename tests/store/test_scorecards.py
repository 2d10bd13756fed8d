"""The scorecard's chosen indicators kept in the workspace: round trip, one file per dataset, back to the
defaults, and a damaged or newer file reported in words, never a crash."""

import json

import pytest

from equity.model.groups import Grouping
from equity.model.rules import Rule
from equity.plans import scorecard as sc
from equity.plans.status_grid import Cuts
from equity.store import archive, records
from equity.store import scorecards as store
from equity.words.reader import reading

CHOSEN = (
    sc.Indicator("Suspensions", "suspended", "Suspended", Rule("boolean"), Grouping("race"), sc.LEADING, False,
                 sc.RISK_RATIO, "suspensions"),
    sc.Indicator("Días ausente", "days_absent", "Days Absent", Rule("threshold", 15.0), Grouping("race", "low_income"),
                 sc.LEADING, False, sc.GAP),
    sc.Indicator("ELA", "ela", "ELA Proficiency", Rule("categories", categories=("Met", "Exceeded")),
                 Grouping("english_learner"), sc.LAGGING, True, sc.GAP, "ela"),
    sc.Indicator("Average final", "final", "Final %", Rule("mean"), Grouping("special_ed"), sc.LAGGING),
)


def test_round_trip_keeps_every_field():
    assert store.load("district.csv") is None
    store.save("district.csv", CHOSEN)
    assert store.load("district.csv") == store.Saved(CHOSEN, {})
    assert store.load("other.csv") is None                      # keyed by the dataset's name


def test_saving_again_replaces_and_clear_goes_back_to_nothing(private_workspace):
    store.save("district.csv", CHOSEN)
    store.save("district.csv", CHOSEN[:1])
    assert store.load("district.csv").indicators == CHOSEN[:1]
    kept = [p.name for p in (private_workspace / store.FOLDER).iterdir() if not p.name.endswith(".lock")]
    assert kept == [store.path("district.csv").name]                # one file, no temporary one beside it
    store.clear("district.csv")
    assert store.load("district.csv") is None
    store.clear("district.csv")                                  # nothing saved: no error


@pytest.mark.parametrize("text", ["{not json", '{"format": 1}', '{"format": 1, "id": "x", "revision": 1, "data": '
                                  '{"dataset": "district.csv", "indicators": [{"label": "x"}]}}', '[1, 2]', ""])
def test_a_damaged_file_is_reported_in_words(text):
    path = store.path("district.csv")
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(store.ScorecardFileError, match="is damaged, so the default indicators are shown"):
        store.load("district.csv")
    with reading("es"), pytest.raises(store.ScorecardFileError, match="está dañado"):
        store.load("district.csv")


def test_an_unknown_method_or_dimension_is_damage_not_a_crash():
    store.save("district.csv", CHOSEN[:1])
    path = store.path("district.csv")
    for field, bad in (("method", "odds"), ("grouping", ["planet", None]), ("kind", "sideways")):
        data = json.loads(path.read_text(encoding="utf-8"))
        data["data"]["indicators"][0][field] = bad
        path.write_text(json.dumps(data), encoding="utf-8")
        with pytest.raises(store.ScorecardFileError):
            store.load("district.csv")
        store.save("district.csv", CHOSEN[:1])


def test_a_file_from_a_newer_version_is_left_alone():
    store.save("district.csv", CHOSEN)
    path = store.path("district.csv")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["format"] = records.FORMAT + 1
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(store.ScorecardFileError, match="newer version"):
        store.load("district.csv")
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == records.FORMAT + 1


def test_each_save_is_a_new_revision_of_a_workspace_entry():
    store.save("district.csv", CHOSEN)
    store.save("district.csv", CHOSEN[:2])
    path = store.path("district.csv")
    record = records.parse(path, path.read_text(encoding="utf-8"))
    assert (record.id, record.revision, record.data["dataset"]) == (path.stem, 2, "district.csv")
    path.write_text("{damaged", encoding="utf-8")
    store.save("district.csv", CHOSEN[:1])                       # a new choice replaces a damaged file
    assert store.load("district.csv").indicators == CHOSEN[:1]


def test_a_workspace_export_carries_the_saved_scorecards():
    assert store.FOLDER in archive.FOLDERS
    store.save("district.csv", CHOSEN)
    exported = archive.export_workspace()
    store.clear("district.csv")
    assert archive.import_workspace(exported).added == 1
    assert store.load("district.csv").indicators == CHOSEN


def test_cut_points_are_kept_with_the_indicators():
    cuts = {"Suspensions": Cuts((1.0, 2.0, 4.0, 8.0), (-2.0, -0.5, 0.5, 2.0))}
    store.save("district.csv", CHOSEN, cuts)
    assert store.load("district.csv") == store.Saved(CHOSEN, cuts)
    path = store.path("district.csv")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["data"]["cuts"]["Suspensions"]["status"] = [4.0, 2.0, 1.0, 8.0]      # not ascending: damaged
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(store.ScorecardFileError):
        store.load("district.csv")
