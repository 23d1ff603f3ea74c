"""Redirect targets taken from the client (`next`): only a path on this host is ever followed."""
from __future__ import annotations

from urllib.parse import urlsplit


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
