"""The reader's language, carried in a context variable rather than passed down every call: the page shell sets
it once per rerun and the command line once per call, and anything that puts words or figures on a page reads
it. `reading(lang)` switches it for a block, as the report page does for a report in another language. Words a
widget shows through a `format_func` are looked up in the rerun's language, not the caller's: Streamlit's test
harness calls it outside the rerun, where the language is the default (`bound`)."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

DEFAULT = "en"
T = TypeVar("T")
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


def bound(words: Callable[[T], str]) -> Callable[[T], str]:
    """`words`, always in the language read now, whenever it is called: a widget's `format_func`, which may be
    called after the rerun that drew the widget."""
    lang = language()

    def worded(option: T) -> str:
        with reading(lang):
            return words(option)
    return worded
