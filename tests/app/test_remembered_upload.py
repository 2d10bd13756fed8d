"""State that never lies: after an upload whose layout was remembered, the sidebar, the data page and the saved-data
page all name the file just loaded, in the same run that loaded it (the sidebar is drawn before the page reads
the upload)."""

from tests.district import district_csv


def _upload(app, name: str):
    app.file_uploader(key="upload").set_value((name, district_csv(), "text/csv")).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def test_every_place_names_the_file_loaded_under_a_remembered_layout(app):
    app.switch_page("pages/views/data.py").run()
    _upload(app, "district.csv")
    next(b for b in app.button if b.label == "Confirm mapping").click().run()
    _upload(app, "district 2025.csv")           # the same columns: the confirmed mapping is applied at once
    assert not [b for b in app.button if b.label == "Confirm mapping"]
    rows = f"{len(district_csv().splitlines()) - 1:d}"     # one line per student and term, under the header
    assert [c.value for c in app.sidebar.caption if c.value.startswith("Data:")] == \
        [f"Data: **district 2025.csv** · {rows} rows"]
    page = " ".join(m.value for m in (*app.markdown, *app.caption, *app.success, *app.info))
    assert "district 2025.csv" in page and "sample" not in page.lower()
    app.switch_page("pages/views/workspace.py").run()
    assert any("district 2025.csv" in c.value for c in app.sidebar.caption)
    assert app.text_input(key="save_name").value == "district 2025.csv"
