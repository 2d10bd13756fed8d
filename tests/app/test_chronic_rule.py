"""Chronic absence states the federal rule and the students it leaves out on the gaps and scorecard pages, in
both languages, and the days-enrolled setting changes the figures at once."""

from tests.app.conftest import choose, upload
from tests.files import csv_bytes


def _attendance() -> bytes:
    """60 students each missing one day: 6 with 9 days enrolled (11%), then 27 with 10 (10%) and 27 with 11
    (9.1%), alternating."""
    rows = [["Student ID", "Race", "Days Enrolled", "Days Absent"]]
    rows += [[f"{i:04d}", ("White", "Asian")[i % 2], str(9 if i < 6 else 10 + (i + 1) % 2), "1"] for i in range(60)]
    return csv_bytes(rows)


def _gaps(app):
    app.switch_page("pages/views/data.py").run()
    upload(app, _attendance(), "attendance.csv").run()
    next(b for b in app.button if b.label in ("Confirm mapping", "Confirmar mapeo")).click().run()
    app.switch_page("pages/views/gaps.py").run()
    choose(app, "gaps_outcome", "Chronically absent")
    assert not app.exception, [e.value for e in app.exception]
    return app


def _captions(app) -> str:
    return "\n".join(c.value for c in app.caption)


def test_the_rule_and_the_students_left_out_on_the_gaps_page(app):
    _gaps(app)
    # Six students left out: fewer than the 10 a group needs to be shown, so a band, never the six.
    assert ("Chronic absence by the federal rule: a student counts with at least 10 days enrolled, and is "
            "chronically absent when missing 10% or more of them. Fewer than 10 students with fewer than 10 days "
            "enrolled are left out.") in _captions(app)
    # 54 students counted: the 27 with 10 days (10% missed) are chronically absent, the 27 with 11 are not.
    assert "All students: n = 54, value 50.0" in _captions(app)
    app.number_input(key="gaps_min_days").set_value(11).run()
    assert "33 students with fewer than 11 days enrolled are left out." in _captions(app)
    assert "All students: n = 27, value 0.0" in _captions(app)
    app.number_input(key="gaps_min_days").set_value(9).run()
    assert "No student has fewer than 9 days enrolled." in _captions(app)
    assert "All students: n = 60, value 55.0" in _captions(app)


def test_on_the_scorecard_in_spanish(app):
    _gaps(app)
    app.session_state["lang"] = "es"
    app.switch_page("pages/views/scorecard.py").run()
    assert not app.exception, [e.value for e in app.exception]
    assert "Se dejan fuera menos de 10 estudiantes con menos de 10 días de matrícula." in _captions(app)
    app.number_input(key="card_min_days").set_value(11).run()
    assert ("Ausentismo crónico según la regla federal: un estudiante cuenta con al menos 11 días de matrícula, y "
            "tiene ausentismo crónico si falta al 10% o más de ellos. Se dejan fuera 33 estudiantes con menos de 11 "
            "días de matrícula.") in _captions(app)
