"""Locale selection (user preference, then session, then browser; Dutch by default), the switch, and the
display helpers every area shares: `label()` of a stored code and `fmt_date()`."""
from __future__ import annotations

import functools
import unicodedata
from datetime import date, datetime

from babel.dates import format_date as babel_format_date
from flask import Blueprint, current_app, has_request_context, redirect, request, session
from flask_babel import force_locale, format_datetime as babel_format_datetime, get_locale, to_user_timezone
from flask_login import current_user

from .extensions import db
from .urls import safe_next

i18n_bp = Blueprint("i18n", __name__)


# Formats follow the reader's own conventions: English is British English (29 Nov 2026, 16:08), not the US
# default of Babel's plain "en" (Nov 29, 2026, 4:08 PM). Translations still come from the "en" catalog
# (gettext falls back from en_GB to en).
REGIONAL = {"en": "en_GB", "nl": "nl_NL"}


# A date with a time, without seconds, as each language writes it: "29 nov 2026 16:08", "29 Nov 2026, 16:08".
MEDIUM_DATETIME = {"nl": "d MMM y HH:mm", "en": "d MMM y, HH:mm"}


def select_locale() -> str:
    return REGIONAL.get(_language(), _language())


def in_language(language: str | None):
    """`force_locale` for a user's or a report's language ("en", "nl"), with that language's regional formats:
    a job writing for an English reader formats "29 Nov 2026", never the US "Nov 29, 2026"."""
    language = language or current_app.config["BABEL_DEFAULT_LOCALE"]
    return force_locale(REGIONAL.get(language, language))


def format_datetime(value, format: str = "medium", rebase: bool = True) -> str:
    """Flask-Babel's format_datetime (Europe/Amsterdam), with "medium" as MEDIUM_DATETIME of the language."""
    if format == "medium":
        format = MEDIUM_DATETIME.get(get_locale().language, MEDIUM_DATETIME["en"])
    return babel_format_datetime(value, format, rebase)


def _language() -> str:
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # jobs and CLI: the default (Dutch) unless wrapped in force_locale
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    if session.get("lang") in languages:
        return session["lang"]
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]


@i18n_bp.post("/taal")
def switch_language():
    lang = request.form.get("lang")
    if lang in current_app.config["LANGUAGES"]:
        session["lang"] = lang
        if current_user.is_authenticated:
            current_user.locale = lang
            db.session.commit()
    return redirect(safe_next(request.form.get("next")))


# Letters that Unicode does not decompose into a base letter and an accent, sorted as Dutch readers expect.
_BASE_LETTERS = str.maketrans({"ı": "i", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe",
                               "ĳ": "ij"})


def sort_key(text) -> str:
    """Dutch collation of a name: accents and case ignored, so Çelik sorts with C and Öztürk with O (not after
    Z, as byte order and the databases' default collations put them). The same in Python and, stored next to
    the name (KeyPerson.sort_name), in SQL on SQLite and PostgreSQL alike."""
    decomposed = unicodedata.normalize("NFKD", str(text or "").strip())
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(base.casefold().translate(_BASE_LETTERS).split())


# --------------------------------------------------------------------------------------------------
# display helpers every area uses (an area's `choices.label` is this one)
# --------------------------------------------------------------------------------------------------

def label(options: dict, code: str | None) -> str:
    """The translated label of a stored code: '' for none, the code itself when it is unknown. A value
    that is a tuple (label, description) gives its label. Translated once per label and language in a
    process (a list shows the same few labels on every row)."""
    if not code:
        return ""
    value = options.get(code, code)
    value = value[0] if isinstance(value, tuple) else value
    if isinstance(value, str):
        return value
    key = (id(value), _language_tag())
    hit = _label_texts.get(key)
    if hit is not None and hit[0] is value:
        return hit[1]
    if len(_label_texts) > 20_000:  # the catalogues hold a few thousand; labels made on the fly are not kept long
        _label_texts.clear()
    text = str(value)
    _label_texts[key] = (value, text)  # the object itself is kept: its id cannot be reused while cached
    return text


_label_texts: dict[tuple[int, str], tuple[object, str]] = {}


def _language_tag() -> str:
    return str(get_locale())


def labels(options: dict, codes) -> list[str]:
    """The labels of `codes`, in the order of `options`."""
    return [label(options, c) for c in options if c in (codes or [])]


def fmt_date(value) -> str:
    """A date as the reader writes it (14 Mar 2025 / 14 mrt 2025), or '' for none; a datetime by its day in
    Europe/Amsterdam. Formatted once per day and language in a process (a board or list shows the same
    few dates many times; Babel's formatting costs tens of microseconds each)."""
    if not value:
        return ""
    if isinstance(value, datetime):
        value = to_user_timezone(value).date()
    return _medium_date(value, _language_tag())


@functools.lru_cache(maxsize=4096)
def _medium_date(value: date, locale: str) -> str:
    return babel_format_date(value, "medium", locale=locale)
