"""The reader's language, carried in a context variable rather than passed down every call: the page shell sets
it once per rerun and the command line once per call, and anything that puts words or figures on a page reads
it. `reading(lang)` switches it for a block, as the report page does for a report in another language. Words a
widget shows through a `format_func` are looked up during the rerun, not inside the function: Streamlit's test
harness calls it outside the rerun, where the language is the default."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

DEFAULT = "en"
_LANGUAGE: ContextVar[str] = ContextVar("reader_language", default=DEFAULT)


def language() -> str:
    """The language of the page, report or command being made now."""
    return _LANGUAGE.get()


def read_in(lang: str) -> None:
    """Make `lang` the reader's language from here on (in this thread's context: one Streamlit rerun)."""
    _LANGUAGE.set(lang)


@contextmanager
def reading(lang: str) -> Iterator[None]:
    """The reader's language is `lang` inside the block, and what it was afterwards."""
    token = _LANGUAGE.set(lang)
    try:
        yield
    finally:
        _LANGUAGE.reset(token)
