"""The 'On track in 9th grade' page on the cohort of tests/ontrack_files.py (figures by hand there)."""

from tests.app.conftest import upload
from tests.files import csv_bytes
from tests.ontrack_files import ENTRY, LEFT, ROWS

PAGE = "pages/views/ontrack.py"


def _loaded(app, rows):
    upload(app, csv_bytes(rows), "cohort.csv")
    app.switch_page("pages/views/data.py").run()
    next(b for b in app.button if b.label == "Confirm mapping").click().run()
    return app


def _n_size(app, n: int):
    box = app.selectbox(key="preset")
    box.select_index(next(i for i, p in enumerate(box.options) if f"< {n}" in p or f"<{n}" in p)).run()


def test_on_track_and_graduation_on_the_cohort(app):
    _loaded(app, ROWS)
    _n_size(app, 5)            # survey tools' n-size: the class's groups are 12 and 10 students
    app.switch_page(PAGE).run()
    assert not app.exception, [e.value for e in app.exception]
    assert app.selectbox(key="ontrack_term").value == ENTRY
    frame = app.dataframe[0].value.set_index("Group")
    assert frame.loc["All students"].iloc[1] == "68.2%"           # 15 of 22
    assert frame.loc["Hispanic/Latino"].iloc[1] == "58.3%"        # 7 of 12
    assert frame.loc["White"].iloc[1] == "80.0%"                  # 8 of 10
    grads = app.dataframe[1].value.set_index("In 9th grade")
    assert list(grads.loc["On track"][:2]) == ["15", "93.3%"]     # 14 of 15 graduated
    assert list(grads.loc["Off track"][:2]) == ["7", "28.6%"]     # 2 of 7
    # by group (figures shown in tests/app/test_ontrack_cli.py at n-size 2): White's 2 off track are under 5, its
    # other row would give them, and each column's other row then too
    assert any(m.value.endswith("Who graduated, by race/ethnicity") for m in app.markdown)
    by_group = app.dataframe[2].value
    assert list(by_group.columns[:4]) == ["Group", "In 9th grade", "Students with a later record", "Graduated"]
    assert by_group.iloc[:, 3].tolist() == ["—"] * 4 and all(by_group["Note"])
    app.number_input(key="ontrack_credits").set_value(6.0).run()
    app.number_input(key="ontrack_failures").set_value(0.0).run()
    frame = app.dataframe[0].value.set_index("Group")
    assert frame.loc["Hispanic/Latino"].iloc[1] == "50.0%"        # 101-106 of 12


def test_the_sample_has_no_credits_and_says_so(app):
    app.switch_page(PAGE).run()
    assert not app.exception, [e.value for e in app.exception]
    assert any("credits earned" in i.value for i in app.info)


def test_a_few_students_without_a_later_record_hide_their_rows(app):
    _loaded(app, LEFT)
    _n_size(app, 5)
    app.switch_page(PAGE).run()
    grads = app.dataframe[1].value.set_index("In 9th grade")
    # one on-track student left (the on-track count less the row's would say so), and the off-track row with the
    # two who left: both hidden, and the number who left too
    assert list(grads["Graduated"]) == ["—", "—"] and all(grads["Note"])
    assert any("Fewer than 5 students of the cohort" in c.value for c in app.caption)
