"""The gaps page gives an average's groups Hedges' g and the pooled SD it divides by, and says how, in both
languages; a share has neither."""

import pytest

from tests.app.conftest import counts
from tests.app.test_pages import _texts

SIZE = "Students with a result"        # the gaps table's size column


def _averages(app, show: str):
    app.switch_page("pages/views/gaps.py").run()
    next(r for r in app.radio if r.label == show).set_value("Average").run()
    assert not app.exception, [e.value for e in app.exception]
    return app.dataframe[0].value.iloc[1:]          # the groups, after all students' row


def test_hedges_g_beside_the_gap(app):
    table = _averages(app, "Show")
    sizes = counts(table[SIZE])
    everyone = int(sizes.sum())            # no group of the sample is hidden by race
    assert "All students: n = " + f"{everyone:,}" in _texts(app)
    for (_, row), n in zip(table.iterrows(), sizes, strict=True):
        correction = 1 - 3 / (4 * (n + everyone) - 9)
        # As printed: the gap and the SD to a tenth, g to a hundredth, so g is checked to that precision.
        g = float(row["Gap vs all students (points)"]) / float(row["Pooled SD"]) * correction
        assert float(row["Hedges' g"]) == pytest.approx(g, abs=0.015)
    asian = table.set_index("Group").loc["Asian"]
    assert 0.2 < float(asian["Hedges' g"]) < 0.3 and 10 < float(asian["Pooled SD"]) < 11
    assert any(c.value.startswith("Hedges' g: the gap in standard deviations") for c in app.caption)


def test_in_spanish_and_not_for_shares(app):
    app.session_state["lang"] = "es"
    table = _averages(app, "Mostrar")
    assert {"g de Hedges", "DE combinada"} <= set(table.columns)
    assert any(c.value.startswith("g de Hedges: la brecha en desviaciones estándar") for c in app.caption)
    next(r for r in app.radio if r.label == "Mostrar").set_value("Share at or above a threshold").run()
    assert not {"g de Hedges", "DE combinada"} & set(app.dataframe[0].value.columns)
