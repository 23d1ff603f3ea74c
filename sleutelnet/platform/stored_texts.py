"""System texts that were stored in the database in one language, shown in the reader's language.

Some texts are data written by the application itself rather than typed by a user: the name an erased
person gets ("Geanonimiseerd #270"), the reason of a status change an import recorded in an older version
("Geïmporteerd uit een bestand"). New code stores a code and translates on display; for texts that are
stored as words (or were, in existing rows), an area declares in its manifest
`stored_texts={regex: lazy msgid}`: a stored value that matches the whole regex is shown as the msgid in
the reader's language, with the regex's named groups as its parameters (`(?P<id>\\d+)` -> `%(id)s`).

`install(app)` applies them to every `{{ ... }}` of every template (Jinja's `finalize`), so a name or
reason is translated wherever a page shows it; Python code that composes a text calls `translate()`.
A text rendered now and shown later (a reminder title) is stored with `as_data()` next to it and shown
with `from_data()`.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Any

from flask import Flask
from flask_babel import format_date, gettext, ngettext

from .features import collect


class StoredTexts:
    def __init__(self, declared):
        self.patterns = [(re.compile(pattern), message) for pattern, message in declared]
        # one combined test first: most values are not a system text, and finalize sees every value
        combined = "|".join(f"(?:{re.sub(r'[(][?]P<[^>]+>', '(?:', p.pattern)})" for p, _m in self.patterns)
        self._any = re.compile(combined) if self.patterns else None

    def translate(self, value: Any) -> Any:
        """The value in the reader's language when it is a known stored system text, else unchanged."""
        if type(value) is not str or self._any is None or not self._any.fullmatch(value):
            return value
        for pattern, message in self.patterns:
            match = pattern.fullmatch(value)
            if match:
                return str(message) % match.groupdict() if match.groupdict() else str(message)
        return value


_current = StoredTexts(())


def install(app: Flask) -> StoredTexts:
    """Collect the manifests' declarations and translate them in every template of the app."""
    global _current
    _current = StoredTexts(collect("stored_texts"))
    app.jinja_env.finalize = _current.translate
    app.jinja_env.globals["stored_text"] = _current.translate
    return _current


def translate(value: Any) -> Any:
    return _current.translate(value)


# --------------------------------------------------------------------------------------------------
# texts made now, shown later: the msgid and parameters stored next to the text (e.g. reminder titles)
# --------------------------------------------------------------------------------------------------

class LongDate:
    """A date parameter of a stored text: written out ("29 november 2026" / "29 November 2026") in the
    language of whoever reads the text, when it is rendered — not when it was stored."""

    def __init__(self, value: date):
        self.value = value

    def __str__(self) -> str:
        return format_date(self.value, "long")


def _param(value):
    if isinstance(value, LongDate):
        return {"$date": value.value.isoformat()}
    return value if isinstance(value, (str, int, float, bool, type(None))) else str(value)


def _unparam(value):
    if isinstance(value, dict) and "$date" in value:
        return LongDate(date.fromisoformat(value["$date"]))
    return value


def as_data(text) -> dict | None:
    """A lazy gettext/ngettext string as JSON-able data (its msgids and parameters, dates as `LongDate`), or
    None for plain text. Store it next to the text rendered now; `from_data` renders it again in the
    reader's language."""
    func = getattr(text, "_func", None)
    kind = {gettext: "gettext", ngettext: "ngettext"}.get(func)
    if kind is None:
        return None
    kwargs = {k: _param(v) for k, v in text._kwargs.items()}
    return {"f": kind, "args": [_param(a) for a in text._args], "kwargs": kwargs}


def from_data(data, fallback: str) -> str:
    """The text of `as_data` in the current language; the stored text when there is no (valid) data."""
    if not isinstance(data, dict) or data.get("f") not in ("gettext", "ngettext"):
        return fallback
    func = gettext if data["f"] == "gettext" else ngettext
    try:
        return func(*map(_unparam, data.get("args", ())),
                    **{k: _unparam(v) for k, v in data.get("kwargs", {}).items()})
    except (TypeError, KeyError, ValueError):
        return fallback
