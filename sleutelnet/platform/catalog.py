"""Building the translation catalogs.

Source strings are English. Dutch translations live in small per-area files `sleutelnet/i18n/nl/*.po`
(so feature areas never edit one shared file); the build extracts every string from the code and
templates, fills the Dutch catalog from those files, writes an English catalog (source = English) and
compiles both. `missing_translations()` is what the test uses to fail on an untranslated string.
"""
from __future__ import annotations

import glob
import os

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PACKAGE = os.path.join(ROOT, "sleutelnet")
FRAGMENTS = os.path.join(PACKAGE, "i18n")
OUTPUT = os.path.join(PACKAGE, "translations")
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None,
            "lazy_ngettext": (1, 2), "_n": (1, 2)}
# labels.toml: the labelled code lists of an area (platform/labels.py); every string in them is a msgid
METHODS = [("**.py", "python"), ("**/templates/**.html", "jinja2"), ("**/labels.toml", "sleutelnet.platform.labels:extract")]
OPTIONS = {"**/templates/**.html": {"extensions": "jinja2.ext.do"}}


def extract() -> Catalog:
    catalog = Catalog(project="Sleutelnet")
    for filename, lineno, message, comments, context in extract_from_dir(
            PACKAGE, METHODS, keywords=KEYWORDS, options_map=OPTIONS, strip_comment_tags=True):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def read_fragments(lang: str) -> dict:
    found = {}
    for path in sorted(glob.glob(os.path.join(FRAGMENTS, lang, "*.po"))):
        with open(path, "rb") as fh:
            for msg in read_po(fh, locale=lang):
                if msg.id and msg.string and (not isinstance(msg.string, tuple) or all(msg.string)):
                    found[msg.id] = msg.string
    return found


def build(lang: str, source: Catalog) -> tuple[Catalog, list]:
    catalog = Catalog(locale=lang, project="Sleutelnet", fuzzy=False)
    translations = read_fragments(lang) if lang != "en" else {}
    missing = []
    for msg in source:
        if not msg.id:
            continue
        if lang == "en":
            string = msg.id
        else:
            key = msg.id
            string = translations.get(key)
            if string is None:
                missing.append(msg.id)
                continue
        catalog.add(msg.id, string, msg.locations, context=msg.context)
    return catalog, missing


def compile_all() -> dict:
    source = extract()
    report = {}
    for lang in ("nl", "en"):
        catalog, missing = build(lang, source)
        folder = os.path.join(OUTPUT, lang, "LC_MESSAGES")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "messages.po"), "wb") as fh:
            write_po(fh, catalog)
        with open(os.path.join(folder, "messages.mo"), "wb") as fh:
            write_mo(fh, catalog)
        report[lang] = missing
    return report


def missing_translations(lang: str = "nl") -> list:
    return build(lang, extract())[1]


def write_missing(path: str, lang: str = "nl") -> int:
    """Write a fragment with every untranslated message (msgstr empty) for a translator to fill in."""
    source = extract()
    catalog = Catalog(locale=lang)
    for msg_id in build(lang, source)[1]:
        catalog.add(msg_id, "" if not isinstance(msg_id, tuple) else ("", ""))
    with open(path, "wb") as fh:
        write_po(fh, catalog, omit_header=True, width=0)
    return len(catalog)
