"""On screen, an outcome rule that matches no student in the whole file is said above the figures."""

from tests.app.conftest import upload
from tests.files import csv_bytes


def _zero_one() -> bytes:
    """40 Hispanic students, 14 with a 1; 60 White, 36 with a 1."""
    rows = [["Ethnicity", "Transfer"]]
    rows += [["Hispanic", 1 if i < 14 else 0] for i in range(40)]
    rows += [["White", 1 if i < 36 else 0] for i in range(60)]
    return csv_bytes(rows)


def _warnings(at) -> list[str]:
    return [w.value for w in at.warning]


def test_threshold_above_every_value_is_said_on_the_gaps_page(app):
    app.switch_page("pages/views/data.py").run()
    upload(app, _zero_one(), "transfer.csv").run()
    next(b for b in app.button if b.label == "Confirm mapping").click().run()
    app.switch_page("pages/views/gaps.py").run()
    threshold = app.number_input(key="gaps_threshold_transfer")
    threshold.set_value(1.0).run()
    assert not app.exception
    assert not any("No student in the whole file" in w for w in _warnings(app))
    table = app.dataframe[0].value.set_index("Group")
    assert table.loc["Hispanic/Latino", "Share (%)"] == "35.0%"        # 14 of 40 at or above 1
    app.number_input(key="gaps_threshold_transfer").set_value(2.0).run()
    assert any("No student in the whole file meets 'Transfer'" in w and "from 0 to 1" in w
               for w in _warnings(app))
    app.session_state["lang"] = "es"
    app.run()
    assert any("Ningún estudiante de todo el archivo" in w for w in _warnings(app))
