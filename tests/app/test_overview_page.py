"""The overview answers a meeting's first questions on the sample and on an uploaded file, each with a link to
its page. The sample's figures are recounted here with pandas from the CSV; the constructed district's are worked
out by hand in tests/plans/test_overview.py."""

import re

import pandas as pd

from equity.model.rules import Rule
from equity.plans import goals
from tests.app.conftest import OVERVIEW, ROOT, upload
from tests.district import district_csv


def _sentences(at) -> list[str]:
    return [m.value for m in at.markdown]


def _links(at) -> list[str]:
    return [link.proto.label for link in at.get("page_link")]


def test_the_sample_overview_names_its_largest_gap_with_the_figures_of_the_file(app):
    app.switch_page(OVERVIEW).run()
    sample = pd.read_csv(ROOT / "sample_data" / "district.csv", dtype=str)
    figures = {}
    for term in ("2023-24", "2024-25"):
        tested = sample[(sample["School Year"] == term) & sample["ELA Proficiency"].notna()]
        met = tested["ELA Proficiency"].isin(["Met", "Exceeded"])
        figures[term] = (100 * met.mean(), 100 * met[tested["IEP"] == "Yes"].mean())
    overall, group = figures["2024-25"]
    narrower = (figures["2023-24"][0] - figures["2023-24"][1]) - (overall - group)
    expected = (f"ELA proficiency, 2024-25: Students with disabilities at {group:.1f}% against {overall:.1f}% for all "
                f"students, {overall - group:.1f} percentage points worse, more than chance explains; "
                f"{narrower:.1f} percentage points narrower than in 2023-24.")
    shown = _sentences(app)
    assert expected.replace("_", "\\_") in shown
    assert sum("more than chance explains" in s for s in shown) == 3
    assert [h.value for h in app.subheader][:4] == [
        "Largest gaps", "Goals", "Groups the accountability view identifies", "Since the last term"]
    assert _links(app)[:4] == ["Gaps by group", "Goals", "Scorecard", "Trends"]


def test_an_uploaded_district_reads_its_own_answers_and_its_goal(app):
    goals.save(goals.Goal("Fewer absences", "chronic_absent", "Chronic Absent", Rule("boolean"), "2023-24", 6.9,
                          "2025-26", 5.0, direction=goals.LOWER))
    app.switch_page("pages/views/data.py").run()
    upload(app, district_csv(), "district.csv").run()
    next(b for b in app.button if b.label == "Confirm mapping").click().run()
    app.switch_page("pages/views/overview.py").run()
    assert not app.exception, [e.value for e in app.exception]
    shown = _sentences(app)
    assert ("Chronic absence, 2024-25: Hispanic/Latino at 25.0% against 10.9% for all students, 14.1 percentage "
            "points worse, more than chance explains; 11.0 percentage points wider than in 2023-24.") in shown
    assert "Chronic absence for all students: 6.9% in 2023-24, 10.9% in 2024-25 (worse by 4.0 percentage " \
           "points)." in shown
    # Straight from 6.9 to 5.0 over two years: 5.95 due in 2024-25, and all students are at 10.9%.
    assert any(s.startswith("Goal 'Fewer absences': off track, at 10.9% in 2024-25") for s in shown), shown
    assert not any("Suspensions, 2024-25" in s for s in shown)     # no suspension gap is larger than chance


def test_the_published_counts_sample_answers_without_an_error(app):
    app.switch_page(OVERVIEW).run()
    next(b for b in app.button if b.key == "sample_switch").click().run()
    assert not app.exception, [e.value for e in app.exception]
    assert [h.value for h in app.subheader][:2] == ["Largest gaps", "Goals"]
    assert not [s for s in _sentences(app) if re.search(r"(?<!^)\bNone\b|\bnan\b|\bNaN\b", s)]
