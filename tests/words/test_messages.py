"""Messages from equity: English words wherever they are printed or compared, the reader's language on screen,
and the same after crossing a process boundary."""

import pickle
import re
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from equity.app.sql_console import QueryError, checked_statement
from equity.app.sql_download import for_download
from equity.data import ingest, limits
from equity.data.dataset import DataError
from equity.data.ingest import IngestError, read_upload
from equity.data.mapping import ROLES
from equity.store.archive import import_workspace
from equity.store.records import WorkspaceError
from equity.words.i18n import catalogue
from equity.words.messages import Message, Text, words
from equity.words.reader import reading


def test_a_text_is_its_english_words_and_remembers_its_key():
    note = Text.counted("ingest.note.skipped_title", 3)
    assert note == "Skipped 3 title rows above the header." and isinstance(note, str)
    assert (note.key, note.number, note.params) == ("ingest.note.skipped_title", 3, {})
    with reading("es"):
        assert words(note) == "Se omitieron 3 filas de título encima del encabezado."
    one = Text.counted("ingest.note.skipped_title", 1)
    with reading("es"):
        assert words(one) == "Se omitió 1 fila de título encima del encabezado."


def test_a_text_inside_a_text_is_translated_too():
    refused = Text("ingest.not_spreadsheet", filename="a.csv", what=Text("ingest.kind.html"))
    assert refused.startswith("'a.csv' is not a spreadsheet: it looks like a web page (HTML).")
    with reading("es"):
        assert words(refused).startswith("'a.csv' no es una hoja de cálculo: parece una página web (HTML).")


def test_an_error_prints_in_english_and_shows_in_spanish():
    error = DataError("library.choose_one")
    assert str(error) == "Choose at least one saved dataset to open."
    with reading("es"):
        assert words(error) == "Elija al menos un conjunto de datos guardado para abrir."
    assert isinstance(error, ValueError) and isinstance(error, Message)


def test_an_error_inside_a_message_is_translated():
    start = Text("session.start_failed", problem=WorkspaceError("records.busy"))
    with reading("es"):
        assert words(start) == ("Los datos guardados elegidos para abrir al inicio no se pudieron abrir: El "
                                "espacio de trabajo está ocupado: otra ventana está guardando la misma entrada. "
                                "Inténtelo de nuevo en un momento. Se muestran los datos de ejemplo.")


def test_texts_and_errors_survive_pickling_with_their_keys():
    error = pickle.loads(pickle.dumps(IngestError("ingest.empty", filename="x.csv")))
    assert (type(error), error.key, error.params, str(error)) == (
        IngestError, "ingest.empty", {"filename": "x.csv"},
        "'x.csv' is empty. Check that you picked the right file, or export it again.")
    note = pickle.loads(pickle.dumps(Text.counted("ingest.note.nul", 1200)))
    with reading("es"):
        assert words(note) == ("Se quitaron 1.200 caracteres NUL (invisibles, a menudo los deja una exportación "
                               "dañada).")


def test_anything_else_shows_as_it_prints():
    with reading("es"):
        assert words(OSError("disk full")) == "disk full"


def test_an_unknown_key_is_a_programming_error():
    with pytest.raises(KeyError):
        IngestError("ingest.no_such_message")


def test_an_empty_upload_in_spanish():
    with pytest.raises(IngestError) as refused:
        read_upload(b"   ", "notas.csv")
    assert refused.value.key == "ingest.empty"
    with reading("es"):
        assert words(refused.value) == ("'notas.csv' está vacío. Compruebe que eligió el archivo correcto o "
                                        "expórtelo de nuevo.")


def test_a_bad_row_names_its_place_and_row_in_spanish():
    text = b"ID,Name\n1,Ann\n2,Smith, John\n3,Cy\n" + b"".join(b"%d,x\n" % i for i in range(4, 60))
    with pytest.raises(IngestError) as refused:
        read_upload(text, "notas.csv")
    # the header is row 1, so 'Smith, John' (two values for one column) is on row 3
    with reading("es"):
        assert words(refused.value) == ("'notas.csv' no se puede leer: una fila cerca de la fila 3 tiene más "
                                        "valores que el encabezado. Corrija esa fila, o vuelva a guardar el "
                                        "archivo desde Excel como CSV, y súbalo.")


def test_the_limits_say_what_to_do_in_both_languages():
    too_large = limits.upload_problem(300 * limits.MIB, "grande.csv")
    assert too_large == ("'grande.csv' is too large (300 MB; the most this app reads is 200 MB). Upload only the rows "
                         "and columns you need, or save the sheet as .csv, which is read more cheaply.")
    with reading("es"):
        assert words(too_large).startswith("'grande.csv' es demasiado grande (300 MB; lo máximo que lee esta "
                                           "aplicación es 200 MB). Suba solo las filas")


def test_sql_refusals_in_spanish():
    with pytest.raises(QueryError) as refused:
        checked_statement("SELECT 1; SELECT 2")
    with reading("es"):
        assert words(refused.value) == "Una instrucción a la vez: este texto tiene 2. Ejecútelas de una en una."
    with pytest.raises(QueryError) as refused:
        checked_statement("DROP TABLE students")
    with reading("es"):
        assert words(refused.value).startswith("Esta consola solo lee: aquí no se pueden ejecutar instrucciones "
                                               "DROP.")


def test_a_download_refusal_in_spanish():
    con = duckdb.connect()
    refusal = for_download(con, "SELECT race_ethnicity, count(student_id) FROM students GROUP BY ALL",
                           pa.table({"race_ethnicity": ["A"]}), 10).refusal
    with reading("es"):
        assert words(refusal) == ("Los identificadores de estudiantes no se descargan desde esta consola, ni "
                                  "siquiera dentro de un agregado. Quite student_id y descargue cifras por "
                                  "grupo.")


def test_a_workspace_import_refusal_in_spanish():
    with pytest.raises(WorkspaceError) as refused:
        import_workspace(b"not a zip")
    with reading("es"):
        assert words(refused.value).startswith("Este archivo no es una exportación del espacio de trabajo")


def test_every_mapping_role_has_a_label_in_both_languages():
    for lang in ("en", "es"):
        assert all(f"role.{role}" in catalogue(lang) for role in ROLES)


def test_every_key_a_message_names_exists():
    """Keys given to Text(...) or an error(...) across the package and the pages (test_i18n looks at t(...) only),
    and the kinds of file a non-spreadsheet is named as."""
    root = Path(__file__).resolve().parents[2]
    used = set()
    for path in [*root.glob("equity/**/*.py"), *root.glob("pages/**/*.py")]:
        source = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"""\b(?:Text(?:\.counted)?|\w*Error)\(\s*["']([a-z_]+\.[a-z_.]+)["']""", source))
    assert len(used) > 100, "the pattern no longer matches how messages are made"
    kinds = {f"ingest.kind.{what}" for _, what in (*ingest._SIGNATURES, *ingest._ZIP_PARTS, *ingest._OLE_STREAMS)}
    kinds |= {f"ingest.kind.{what}" for what in re.findall(r'_not_spreadsheet\(filename, "(\w+)"',
                                                          (root / "equity" / "data" / "ingest.py").read_text())}
    assert not (used | kinds) - set(catalogue("en"))
