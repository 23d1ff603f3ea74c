"""Translations: every string has Dutch, placeholders survive translation, the compiled catalogs are
used (Dutch by default, English on request and remembered per user), and templates hold no
hard-coded user-visible text."""
from __future__ import annotations

import html
import os
import re
from collections import Counter
from pathlib import Path

import jinja2

from sleutelnet.platform.catalog import OUTPUT, build, extract, missing_translations, read_fragments

PACKAGE = Path(__file__).resolve().parents[2] / "sleutelnet"
FIX = ("Run `.venv/bin/python scripts/build_translations.py --missing /tmp/missing.po`, translate the "
       "messages of your area into your own fragment `sleutelnet/i18n/nl/<area>.po`, then run "
       "`.venv/bin/python scripts/build_translations.py`.")


# --- (a) completeness -------------------------------------------------------------------------------

def _where(source, msg_id):
    message = source.get(msg_id)
    return sorted({f for f, _ in message.locations}) if message else []


def _area(filename: str) -> str:
    parts = filename.split("/")
    return "/".join(parts[:2]) if parts[0] == "blueprints" else parts[0]


def test_every_message_has_a_dutch_translation():
    missing = missing_translations("nl")
    if missing:
        source = extract()
        areas = Counter(area for m in missing for area in {_area(f) for f in _where(source, m)})
        listed = "\n".join(f"  {m!r}  ({', '.join(_where(source, m))})" for m in missing[:20])
        more = f"\n  ... and {len(missing) - 20} more" if len(missing) > 20 else ""
        per_area = ", ".join(f"{a}: {n}" for a, n in sorted(areas.items()))
        raise AssertionError(f"{len(missing)} message(s) have no Dutch translation (by location: {per_area}):\n"
                             f"{listed}{more}\n{FIX}")


# --- (b) placeholders ------------------------------------------------------------------------------

PLACEHOLDER = re.compile(r"%\((\w+)\)[#0 +\-]*\d*(?:\.\d+)?([sdifr])")


def _placeholders(text: str) -> set:
    return set(PLACEHOLDER.findall(text))


def _pairs(msg_id, msg_str):
    """(source, translation) pairs to compare; plural forms: [0] singular, the rest plural."""
    if isinstance(msg_id, tuple):
        strings = msg_str if isinstance(msg_str, tuple) else (msg_str,)
        return [(msg_id[0] if i == 0 else msg_id[1], s) for i, s in enumerate(strings)]
    return [(msg_id, msg_str)]


def test_dutch_translations_keep_every_placeholder():
    problems = []
    for msg_id, msg_str in read_fragments("nl").items():
        for source, translation in _pairs(msg_id, msg_str):
            want, got = _placeholders(source), _placeholders(translation)
            if want != got:
                fmt = lambda s: sorted(f"%({n}){c}" for n, c in s)  # noqa: E731
                problems.append(f"{source!r}: missing {fmt(want - got)}, unexpected {fmt(got - want)}")
                continue
            if want:  # the translation must still format (e.g. no stray '%')
                try:
                    translation % {name: 1 for name, _ in want}
                except (ValueError, TypeError, KeyError) as exc:
                    problems.append(f"{source!r}: Dutch text does not format: {exc}")
    assert not problems, "Placeholders differ between English and Dutch:\n  " + "\n  ".join(problems)


# --- (c) English ------------------------------------------------------------------------------------

def test_english_catalog_covers_every_message():
    source = extract()
    catalog, missing = build("en", source)
    assert missing == []
    ids = {m.id for m in source if m.id}
    assert {m.id for m in catalog if m.id} == ids
    assert all(m.string == m.id for m in catalog if m.id)


# --- (d) the compiled catalogs are used --------------------------------------------------------------

def _require_compiled():
    for lang in ("nl", "en"):
        path = os.path.join(OUTPUT, lang, "LC_MESSAGES", "messages.mo")
        assert os.path.exists(path), f"{path} is missing: run `.venv/bin/python scripts/build_translations.py`"


def test_dutch_by_default_and_english_after_switching(browser):
    _require_compiled()
    page = browser.get("/inloggen").get_data(as_text=True)
    assert 'lang="nl"' in page
    assert "Inloggen" in page and "Wachtwoord vergeten?" in page
    assert "Forgot your password?" not in page

    r = browser.post("/taal", {"lang": "en", "next": "/inloggen"})
    assert r.status_code == 302 and r.headers["Location"].endswith("/inloggen")
    page = browser.get("/inloggen").get_data(as_text=True)
    assert 'lang="en"' in page
    assert "Log in" in page and "Forgot your password?" in page
    assert "Wachtwoord vergeten?" not in page

    browser.post("/taal", {"lang": "nl", "next": "/inloggen"})
    assert "Wachtwoord vergeten?" in browser.get("/inloggen").get_data(as_text=True)


def test_unknown_language_is_ignored(browser):
    browser.get("/inloggen")
    browser.post("/taal", {"lang": "xx", "next": "/inloggen"})
    assert 'lang="nl"' in browser.get("/inloggen").get_data(as_text=True)


def test_language_choice_is_remembered_on_the_user(login, world):
    from sleutelnet.platform.auth.models import User
    from sleutelnet.platform.extensions import db

    _require_compiled()
    b = login("coordinator_a")
    assert "Accountinstellingen" in b.get("/account/").get_data(as_text=True)
    r = b.post("/taal", {"lang": "en", "next": "/account/"})
    assert r.status_code == 302
    assert "Account settings" in b.get("/account/").get_data(as_text=True)

    db.session.expire_all()
    assert db.session.get(User, world.ids["coordinator_a"]).locale == "en"

    fresh = login("coordinator_a")  # a new browser: new cookie, new server-side session
    page = fresh.get("/account/").get_data(as_text=True)
    assert 'lang="en"' in page and "Account settings" in page
    assert "Accountinstellingen" not in page


def test_error_pages_are_translated(browser):
    _require_compiled()
    r = browser.get("/bestaat-niet")
    assert r.status_code == 404 and "Pagina niet gevonden" in r.get_data(as_text=True)
    r = browser.get("/uitloggen")  # POST only
    assert r.status_code == 405 and "Actie niet mogelijk" in r.get_data(as_text=True)


# --- (e) no hard-coded text in templates -----------------------------------------------------------

# Text allowed outside _(): the brand, the language names on the switch (shown in their own language)
# and the tenant URL prefix. Anything else without letters (punctuation, digits, symbols) is fine.
ALLOWED_TEXT = ("Sleutelnet", "English", "Nederlands", "/g/")
VISIBLE_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder", "aria-description", "aria-roledescription",
                      "aria-valuetext", "summary")
LETTER = re.compile(r"[^\W\d_]")
ATTRIBUTE = re.compile(r"""\s(%s)\s*=\s*("[^"]*"|'[^']*')""" % "|".join(VISIBLE_ATTRIBUTES), re.I)
TAG = re.compile(r"<[^>]*>")


def _static_markup(source: str) -> str:
    """The template with every Jinja construct ({{ }}, {% %}, {# #}) replaced by a space."""
    parts = []
    for _, token, value in jinja2.Environment(extensions=["jinja2.ext.do"]).lex(source):
        parts.append(value if token == "data" else " ")
    markup = re.sub(r"\s+", " ", "".join(parts))
    markup = re.sub(r"<!--.*?-->", " ", markup, flags=re.S)
    return re.sub(r"<(script|style)\b.*?</\1\s*>", " ", markup, flags=re.S | re.I)


def _has_words(text: str) -> bool:
    text = html.unescape(text)
    for allowed in ALLOWED_TEXT:
        text = text.replace(allowed, " ")
    return bool(LETTER.search(text))


def test_templates_have_no_untranslated_text():
    templates = sorted(PACKAGE.rglob("*.html"))
    assert templates, "no templates found"
    problems = []
    for path in templates:
        markup = _static_markup(path.read_text(encoding="utf-8"))
        for tag in TAG.findall(markup):
            for name, value in ATTRIBUTE.findall(tag):
                if _has_words(value[1:-1]):
                    problems.append(f"{path.relative_to(PACKAGE)}: {name}={value}")
        for text in TAG.split(markup):
            if _has_words(text):
                problems.append(f"{path.relative_to(PACKAGE)}: {text.strip()!r}")
    assert not problems, ("User-visible text outside _() in templates (wrap it in {{ _(\"...\") }}):\n  "
                          + "\n  ".join(problems))


def test_cached_labels_dates_and_row_links_follow_the_language_and_the_route(app):
    """`label`, `fmt_date` and `url_maker` keep work per process (a list or board repeats them on every row):
    the cached texts still follow the reader's language, a datetime is shown by its day in Europe/Amsterdam,
    and a row link equals `url_for` for any id."""
    from datetime import date, datetime, timezone

    from flask import url_for

    from sleutelnet.blueprints.keypersons import choices
    from sleutelnet.platform.i18n import fmt_date, in_language, label
    from sleutelnet.platform.urls import url_maker

    late_evening = datetime(2026, 3, 1, 23, 30, tzinfo=timezone.utc)  # already 2 March in Amsterdam
    with app.test_request_context("/"):
        with in_language("nl"):
            dutch = (label(choices.STATUSES, "active"), fmt_date(late_evening), fmt_date(date(2026, 3, 14)))
        with in_language("en"):
            english = (label(choices.STATUSES, "active"), fmt_date(late_evening), fmt_date(date(2026, 3, 14)))
        with in_language("nl"):
            assert label(choices.STATUSES, "active") == dutch[0]
        make = url_maker("tenant.keypersons.detail", "person_id", tenant_slug="utrecht")
        assert [make(i) for i in (1, 42, 123456)] == [
            url_for("tenant.keypersons.detail", tenant_slug="utrecht", person_id=i) for i in (1, 42, 123456)]
    assert dutch == ("Actief", "2 mrt 2026", "14 mrt 2026")
    assert english == ("Active", "2 Mar 2026", "14 Mar 2026")
