"""Labelled code lists are data, not code: each feature area keeps its catalogues (stored code -> translated
label, in display order) in one file `<area>/labels.toml`, a TOML table per catalogue:

    # §1.1 "Mogelijke doelen van het lokale netwerk"
    [GOALS]
    awareness = "Information and awareness"

`catalogues(__package__)` reads the area's file once per process and gives each table as a dict of lazy
strings (`lazy_gettext`), so `label()`, `labels()`, form choices and templates see exactly what a hand-written
`{"awareness": _l("Information and awareness")}` gave. A value may also be an array, e.g. a label and its
description, or a number of days and a label: it becomes a tuple, its strings lazy. Every string of the file
is an English msgid; `extract` below is the Babel extraction method that puts them in the catalog with their
line numbers (platform/catalog.py), and the Dutch translations stay in `sleutelnet/i18n/nl/<area>.po`.

A malformed file fails at import (the first `catalogues()` call of the area), never at the first render.
"""
from __future__ import annotations

import functools
import importlib.resources
import re
import tomllib
from collections.abc import Iterator, Mapping
from typing import Any

from flask_babel import lazy_gettext

FILENAME = "labels.toml"


class LabelFileError(ValueError):
    """A labels.toml that is not a set of tables of code -> label (or -> array of labels and numbers)."""


class Catalogues(Mapping):
    """The catalogues of one file: table name -> {code: lazy label}, in the file's order."""

    def __init__(self, source: str, tables: dict[str, dict]):
        self.source = source
        self._tables = tables

    def __getitem__(self, name: str) -> dict:
        try:
            return self._tables[name]
        except KeyError:
            raise KeyError(f"{self.source} has no table [{name}]") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._tables)

    def __len__(self) -> int:
        return len(self._tables)

    def tables(self, *names: str) -> tuple[dict, ...]:
        """Several catalogues at once, for `GOALS, BODIES = catalogues(__package__).tables("GOALS", "BODIES")`."""
        return tuple(self[name] for name in names)


def _value(raw: Any, where: str):
    if isinstance(raw, str):
        return lazy_gettext(raw)
    if isinstance(raw, list) and raw and all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in raw) \
            and any(isinstance(v, str) for v in raw):
        return tuple(lazy_gettext(v) if isinstance(v, str) else v for v in raw)
    raise LabelFileError(f"{where}: a label is a string, or an array of strings and whole numbers; got {raw!r}")


def parse(text: str, source: str = FILENAME) -> Catalogues:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LabelFileError(f"{source}: {exc}") from exc
    tables = {}
    for name, table in data.items():
        if not isinstance(table, dict) or not table:
            raise LabelFileError(f"{source}: [{name}] must be a table of code = label, got {table!r}")
        tables[name] = {code: _value(raw, f"{source} [{name}] {code}") for code, raw in table.items()}
    return Catalogues(source, tables)


def load(path) -> Catalogues:
    return parse(path.read_text(encoding="utf-8"), str(path))


def catalogues(package: str, missing_ok: bool = False) -> Catalogues:
    """The catalogues of a package's labels.toml (call with `__package__`), read once per process. A package
    without the file has none when `missing_ok`, else it is an error."""
    found = _read(package)
    if found is None:
        if not missing_ok:
            raise FileNotFoundError(f"{package} has no {FILENAME}")
        return Catalogues(f"{package} ({FILENAME} missing)", {})
    return found


@functools.cache
def _read(package: str) -> Catalogues | None:
    path = importlib.resources.files(package) / FILENAME
    return load(path) if path.is_file() else None


# --------------------------------------------------------------------------------------------------
# Babel extraction: METHODS entry ("**/labels.toml", "sleutelnet.platform.labels:extract")
# --------------------------------------------------------------------------------------------------

# a basic TOML string, or the rest of the line once a comment starts outside a string
_TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"|#.*')
_KEY_FOLLOWS = re.compile(r"\s*=")


def _strings(data) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for v in data.values() for s in _strings(v)]
    if isinstance(data, list):
        return [s for v in data for s in _strings(v)]
    return []


def extract(fileobj, keywords, comment_tags, options):
    """Yield (lineno, funcname, message, comments) for every string value of a labels.toml.

    The file is parsed first (a malformed one stops the build), then read line by line for the line numbers:
    a string followed by `=` is a quoted key (a code), any other is a label. Both readings must find the
    same strings, so a construct this reader does not know (a multi-line string) fails instead of being
    skipped silently."""
    text = fileobj.read().decode("utf-8")
    source = getattr(fileobj, "name", FILENAME)
    expected = _strings(tomllib.loads(text))
    found = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        for match in _TOKEN.finditer(line):
            token = match.group()
            if token.startswith("#"):
                break
            if _KEY_FOLLOWS.match(line, match.end()):
                continue
            found.append((lineno, tomllib.loads(f"s = {token}")["s"]))
    if [message for _, message in found] != expected:
        raise LabelFileError(f"{source}: could not find the line of every label (use one-line basic strings)")
    for lineno, message in found:
        yield lineno, None, message, []
