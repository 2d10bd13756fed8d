"""Messages from `equity` to a person, in the reader's language.

A message is raised or returned deep in the package, far from the screen that knows the reader's language, and
is also printed by the command line and matched by tests in English. So a `Text` *is* its English words (a
`str`), and also remembers its catalogue key and parameters, which a page puts into the reader's language with
`words(message, lang)`. Parameters may themselves be `Text` (e.g. 'a PDF' inside "… it looks like a PDF") or
a `Message` (an error inside a note about it).
"""

from equity.words.i18n import DEFAULT, t


class Text(str):
    """A sentence as its English words that can be put into another language by its catalogue key."""

    key: str
    params: dict[str, object]

    def __new__(cls, key: str, /, **params: object) -> "Text":
        text = super().__new__(cls, _fill(key, DEFAULT, params))
        text.key, text.params = key, params
        return text

    def __reduce__(self):   # a str subclass with attributes: rebuilt from its key (it crosses processes)
        return _rebuild, (self.key, self.params)

    def words(self, lang: str = DEFAULT) -> str:
        return _fill(self.key, lang, self.params)


def _rebuild(key: str, params: dict[str, object]) -> Text:
    return Text(key, **params)


def _fill(key: str, lang: str, params: dict[str, object]) -> str:
    return t(key, lang, **{name: words(value, lang) if isinstance(value, Text | Message) else value
                           for name, value in params.items()})


class Message(Exception):
    """An error worded for the person using the app: `Error(key, **params)`, or `Error(text)` with a `Text`.
    `str(error)` is the English text; `words(error, lang)` the text in the reader's language."""

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


def words(message: object, lang: str = DEFAULT) -> str:
    """A message in `lang`: a `Text` or `Message` translated, anything else (an OSError, say) as it prints."""
    if isinstance(message, Message):
        return message.text.words(lang)
    if isinstance(message, Text):
        return message.words(lang)
    return str(message)
