"""The gaps page gives an average's groups Hedges' g and the pooled SD it divides by, and says how, in both
languages; a share has neither."""

import pytest

from tests.app.test_pages import _texts

SIZE = "Students with a result"        # the gaps table's size column


def _averages(app, show: str):
    app.switch_page("pages/views/gaps.py").run()
    next(r for r in app.radio if r.label == show).set_value("Average").run()
    assert not app.exception, [e.value for e in app.exception]
    return app.dataframe[0].value.iloc[1:]          # the groups, after all students' row


def test_hedges_g_beside_the_gap(app):
    table = _averages(app, "Show")
    everyone = table[SIZE].sum()            # no group of the sample is hidden by race
    assert "All students: n = " + f"{everyone:,}" in _texts(app)
    for _, row in table.iterrows():
        correction = 1 - 3 / (4 * (row[SIZE] + everyone) - 9)
        assert row["Hedges' g"] == pytest.approx(row["Gap vs all students (points)"] / row["Pooled SD"] * correction)
    asian = table.set_index("Group").loc["Asian"]
    assert 0.2 < asian["Hedges' g"] < 0.3 and 10 < asian["Pooled SD"] < 11
    assert any(c.value.startswith("Hedges' g: the gap in standard deviations") for c in app.caption)


def test_in_spanish_and_not_for_shares(app):
    app.session_state["lang"] = "es"
    table = _averages(app, "Mostrar")
    assert {"g de Hedges", "DE combinada"} <= set(table.columns)
    assert any(c.value.startswith("g de Hedges: la brecha en desviaciones estándar") for c in app.caption)
    next(r for r in app.radio if r.label == "Mostrar").set_value("Share at or above a threshold").run()
    assert not {"g de Hedges", "DE combinada"} & set(app.dataframe[0].value.columns)
