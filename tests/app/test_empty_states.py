"""Pages that can be empty say what to do, in the reader's language: the intervention log before its first entry
and matched students with one term (on-track without credits: tests/app/test_ontrack_page.py)."""

import pytest

from equity.app.session import Entry
from tests.app.conftest import upload
from tests.district import district_csv

EMPTY = {"en": "Nothing logged yet. Record the first entry under “New entry” below",
         "es": "Todavía no hay entradas. Registre la primera en “Nueva entrada”, abajo"}


def _shown(app) -> str:
    return " ".join(e.value for kind in ("info", "caption", "markdown") for e in getattr(app, kind))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_empty_log_says_how_to_start_and_the_form_is_open(app, lang):
    app.session_state["lang"] = lang
    app.switch_page("pages/views/log.py").run()
    assert not app.exception, [e.value for e in app.exception]
    assert any(i.value.startswith(EMPTY[lang]) for i in app.info)
    assert app.expander[0].proto.expanded       # the "New entry" the sentence points to is open


def test_the_note_goes_once_there_is_an_entry(app):
    app.session_state["bench"].log_book.save(Entry("2025-01-15", "diagnose", "Attendance review", "", "", "", "",
                                                   ""))
    app.switch_page("pages/views/log.py").run()
    assert not any(i.value.startswith(EMPTY["en"]) for i in app.info)
    assert len(app.dataframe) == 1


def test_matching_one_term_says_what_file_it_needs(app):
    one_term = b"\n".join(line for line in district_csv().splitlines() if b"2023-24" not in line)
    app.switch_page("pages/views/data.py").run()
    upload(app, one_term, "one term.csv").run()
    next(b for b in app.button if b.label == "Confirm mapping").click().run()
    app.switch_page("pages/views/cohort.py").run()
    assert not app.exception, [e.value for e in app.exception]
    assert "Load a file with a term or school-year column covering two terms." in _shown(app)
