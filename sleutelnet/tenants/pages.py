"""Rendered pages of a tenant, kept per process until the tenant's data changes.

A read page of a municipality (the register list, the board, the home page …) is the same HTML for the same
user, path, language and day as long as nothing of the municipality changed, and `tenants.cache_version`
(loaded with the tenant on every request, raised by every write: `tenants/cache.py`) says exactly that. A
view decorated with `cached_page` renders once per such key and process; later requests get the stored
HTML after the same prelude (session, user, tenant, membership, permission check), so a repeat visit
costs a few statements instead of the page's queries and template.

What makes it safe:
- The key holds everything the page depends on besides the tenant's rows: tenant and version, user (id,
  name, e-mail, shown in the header), membership and role, language, full path with query, the day in
  Europe/Amsterdam. Entries also expire after `MAX_AGE` seconds (for the few things outside the tenant's
  rows, like the municipality switcher).
- A page is stored only when rendering it wrote nothing (no flush, no INSERT/UPDATE/DELETE, nothing added
  to the session), so no side effect is skipped — unless the view names the side effect it has on every
  request (`on_serve`: a person's page writes its access-log row whether it is rendered or served). Nor
  when flash messages were shown, the answer is not a 200 page, or the request changed its tenant's data.
- The CSRF token is session-bound: it is stored as a placeholder and the current request's token is put
  in when the page is served.
- Bounded: at most `MAX_BYTES` of HTML per process, least recently used first out; a municipality's pages of
  an older version leave memory at its next request in the process.
"""
from __future__ import annotations

import functools
import threading
import time
from collections import OrderedDict
from datetime import datetime
from zoneinfo import ZoneInfo

from flask import current_app, g, request, session
from flask.globals import request_ctx
from flask_babel import get_locale
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from . import cache

MAX_AGE = 300  # seconds
MAX_BYTES = 4 * 1024 * 1024
_TOKEN = "\x00csrf\x00"  # cannot occur in rendered HTML (control characters are escaped or refused)
_AMSTERDAM = ZoneInfo("Europe/Amsterdam")

_pages: OrderedDict[tuple, tuple[float, str, bool]] = OrderedDict()
_size = 0
_latest: dict[int, int] = {}  # tenant id -> the newest version this process has seen
_lock = threading.Lock()  # threaded servers (flask run, gunicorn --threads) share the cache between threads


def forget() -> None:
    global _size
    with _lock:
        _pages.clear()
        _latest.clear()
        _size = 0


def _drop_older(tenant_id: int, version: int) -> None:
    """A newer version of the tenant was seen: its older pages can never be served again, so they leave
    memory now (an erased person's page included), not when they age out."""
    global _size
    if _latest.get(tenant_id, version) >= version:
        _latest.setdefault(tenant_id, version)
        return
    with _lock:
        for key in [k for k in _pages if k[0] == tenant_id and k[1] < version]:
            _size -= len(_pages.pop(key)[1])
        _latest[tenant_id] = max(version, _latest.get(tenant_id, version))


cache.on_forget(forget)


def _key() -> tuple | None:
    if not current_app.config["PAGE_CACHE"] or request.method != "GET" or session.get("_flashes"):
        return None
    version = cache.current_version()
    membership = g.get("membership")
    if version is None or membership is None or not current_user.is_authenticated:
        return None
    _drop_older(*version)
    return (*version, current_user.id, current_user.name, current_user.email, membership.id, membership.role,
            get_locale().language, request.full_path, datetime.now(_AMSTERDAM).date())


def _store(key: tuple, body: str) -> None:
    global _size
    token = g.get(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"))
    has_token = bool(token) and token in body
    if has_token:
        body = body.replace(token, _TOKEN)
    size = len(body)
    if size > MAX_BYTES // 8:
        return
    with _lock:
        old = _pages.pop(key, None)
        if old is not None:
            _size -= len(old[1])
        while _pages and _size + size > MAX_BYTES:
            _size -= len(_pages.popitem(last=False)[1][1])
        _pages[key] = (time.monotonic() + MAX_AGE, body, has_token)
        _size += size


def _serve(key: tuple) -> str | None:
    with _lock:
        hit = _pages.get(key)
        if hit is None or hit[0] < time.monotonic():
            return None
        _pages.move_to_end(key)
    expires, body, has_token = hit
    return body.replace(_TOKEN, generate_csrf()) if has_token else body


def cached_page(view=None, *, on_serve=None):
    """Serve the view's HTML from the per-process page cache while the tenant's data is unchanged.

    `on_serve(*args, **kwargs)` repeats the side effect the view has on every request (the access-log row
    of a person's page, ESS guide §3.1) when the page comes from the cache; with it the page is stored even
    though rendering wrote such a row. Without it, a page whose rendering wrote anything is never stored.
    """
    if view is None:
        return functools.partial(cached_page, on_serve=on_serve)

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        key = _key()
        if key is None:
            return view(*args, **kwargs)
        body = _serve(key)
        if body is not None:
            if on_serve is not None:
                on_serve(*args, **kwargs)
            return body
        cache.watch_writes()
        result = view(*args, **kwargs)
        if (isinstance(result, str) and (on_serve is not None or not cache.wrote()) and not request_ctx.flashes
                and _key() == key):
            _store(key, result)
        return result

    return wrapper
