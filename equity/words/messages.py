"""Messages from `equity` to a person, in the reader's language.

A message is raised or returned deep in the package, far from the screen that knows the reader's language, and
is also printed by the command line and matched by tests in English. So a `Text` *is* its English words (a
`str`), and also remembers its catalogue key and parameters, which a page puts into the reader's language with
`words(message)`, whole numbers among its parameters written that language's way (1,200 / 1.200).
Parameters may themselves be `Text` (e.g. 'a PDF' inside "… it looks like a PDF") or
a `Message` (an error inside a note about it).
"""

from equity.words.i18n import DEFAULT, t, tn
from equity.words.numbers import count
from equity.words.reader import reading


class Text(str):
    """A sentence as its English words that can be put into another language by its catalogue key."""

    key: str
    params: dict[str, object]
    number: int | None

    def __new__(cls, key: str, /, **params: object) -> "Text":
        return cls._made(key, None, params)

    @classmethod
    def counted(cls, key: str, number: int, /, **params: object) -> "Text":
        """A sentence about `number` things, in the plural form each language takes for that number."""
        return cls._made(key, number, params)

    @classmethod
    def _made(cls, key: str, number: int | None, params: dict[str, object]) -> "Text":
        with reading(DEFAULT):
            english = _fill(key, number, params)
        text = super().__new__(cls, english)
        text.key, text.number, text.params = key, number, params
        return text

    def __reduce__(self):   # a str subclass with attributes: rebuilt from its key (it crosses processes)
        return Text._made, (self.key, self.number, self.params)

    def words(self) -> str:
        return _fill(self.key, self.number, self.params)


def _fill(key: str, number: int | None, params: dict[str, object]) -> str:
    """The sentence in the reader's language: parameters that are messages put into it too, whole numbers
    written its way."""
    filled = {name: words(value) if isinstance(value, Text | Message) else
              count(value) if isinstance(value, int) and not isinstance(value, bool) else value
              for name, value in params.items()}
    return t(key, **filled) if number is None else tn(key, number, **filled)


class Message(Exception):
    """An error worded for the person using the app: `Error(key, **params)`, or `Error(text)` with a `Text`.
    `str(error)` is the English text; `words(error)` the text in the reader's language."""

    def __init__(self, key: str | Text, /, **params: object):
        text = key if isinstance(key, Text) else Text(key, **params)
        super().__init__(text)
        self.text = text

    @property
    def key(self) -> str:
        return self.text.key

    @property
    def params(self) -> dict[str, object]:
        return self.text.params


def words(message: object) -> str:
    """A message in the reader's language: a `Text` or `Message` translated, anything else (an OSError, say)
    as it prints."""
    if isinstance(message, Message):
        return message.text.words()
    if isinstance(message, Text):
        return message.words()
    return str(message)
