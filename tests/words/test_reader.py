"""The reader's language: switched for a block, and kept by a widget's words for when they are called later."""

from equity.words.i18n import t
from equity.words.labels import figure
from equity.words.reader import bound, language, reading


def test_a_block_reads_in_its_language_and_the_reader_gets_theirs_back():
    assert language() == "en"
    with reading("es"):
        assert (t("word.yes"), figure(72.94, True)) == ("sí", "72,9\u00a0%")
        with reading("en"):
            assert t("word.yes") == "yes"
        assert language() == "es"
    assert (language(), t("word.yes")) == ("en", "yes")


def test_words_bound_in_a_rerun_keep_its_language_when_called_after_it():
    with reading("es"):
        answer = bound(lambda value: t("word.yes" if value else "word.no"))
    assert (answer(True), answer(False)) == ("sí", "no")       # called outside the block, as a test harness does
    assert t("word.yes") == "yes"                               # and the caller's language is untouched
