"""Redirect targets taken from the client (`next`): only a path on this host is ever followed; links to many
rows of one kind (`url_maker`)."""
from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from flask import url_for

_MARKER = 2_147_483_647  # accepted by an `int` route converter; never a real id on a page


def safe_next(target: str | None, default: str = "/") -> str:
    """`target` if it is a plain local path ("/g/utrecht/?x=1"), else `default`.

    Parsed, not prefix-matched: browsers drop tabs and newlines inside URLs (so "/\\t/evil.example" would
    become "//evil.example") and treat a backslash like a slash; a newline would also break the Location
    header. Anything with a control character, a backslash, a scheme or a host is refused."""
    if not target or not isinstance(target, str) or len(target) > 2000:
        return default
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in target) or "\\" in target:
        return default
    try:
        parts = urlsplit(target)
    except ValueError:
        return default
    if parts.scheme or parts.netloc or not parts.path.startswith("/") or parts.path.startswith("//"):
        return default
    return target


def url_maker(endpoint: str, key: str, **values) -> Callable[[int], str]:
    """`make(id)` == `url_for(endpoint, **values, key=id)` for integer ids, at the cost of one `url_for` per
    page instead of one per row (a list or board links dozens of persons; each `url_for` costs ~15 µs)."""
    head, _, tail = url_for(endpoint, **values, **{key: _MARKER}).partition(str(_MARKER))

    def make(value: int) -> str:
        return f"{head}{int(value)}{tail}"

    return make
