"""gunicorn settings: `gunicorn -c infra/gunicorn.conf.py sleutelnet.wsgi:app`.

Everything comes from the environment, so one image fits every size of deployment:
  PORT or GUNICORN_BIND   where to listen (default 0.0.0.0:8000; behind a proxy e.g. 127.0.0.1:8000)
  WEB_CONCURRENCY         worker processes (default 2 x CPUs + 1, at most 9)
  GUNICORN_THREADS        threads per worker (default 1: plain sync workers)
  GUNICORN_TIMEOUT        seconds before a stuck worker is replaced (default 30)
  FORWARDED_ALLOW_IPS     proxies whose X-Forwarded-Proto is trusted (default 127.0.0.1)
  GUNICORN_ACCESS_LOG     "-" (stdout, default), a file path, or "" to switch the access log off

The access log records no query strings (search terms, `next=` URLs), no referrer and no user agent;
client addresses are truncated to their network (/24, /48) like in the audit log, and one-time
tokens in paths (invitation and password-reset links) are masked.
"""
from __future__ import annotations

import ipaddress
import multiprocessing
import os
import re

from gunicorn.glogging import Logger


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


bind = os.environ.get("GUNICORN_BIND") or f"0.0.0.0:{_int('PORT', 8000)}"
workers = _int("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 9))
threads = _int("GUNICORN_THREADS", 1)
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = 5
# Recycle workers now and then (memory growth); jitter so they don't all restart at once.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = max_requests // 10
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# No preload: every worker builds its own app and database pool after the fork (no shared sockets).
preload_app = False
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
# %(U)s is the path only; %(r)s (the request line) would include the query string.
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'

# A path segment that looks like a random token (secrets.token_urlsafe): long, and not a slug.
_TOKEN_SEGMENT = re.compile(r"(?<=/)(?=[A-Za-z0-9_-]*[A-Z0-9_])[A-Za-z0-9_-]{20,}(?=/|$)")


def truncate_ip(addr: str | None) -> str:
    try:
        ip = ipaddress.ip_address(addr or "")
    except ValueError:
        return "-"
    return str(ipaddress.ip_network(f"{ip}/{24 if ip.version == 4 else 48}", strict=False))


def mask_path(path: str | None) -> str:
    return _TOKEN_SEGMENT.sub("[token]", path or "-")


class PrivacyLogger(Logger):
    """gunicorn's logger with the access-log atoms that could carry personal data or secrets scrubbed,
    whatever `access_log_format` someone configures."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        path = mask_path(atoms.get("U"))
        atoms.update(h=truncate_ip(atoms.get("h")), U=path, q="-", f="-", a="-",
                     r=f"{atoms.get('m')} {path} {atoms.get('H')}")
        for key in [k for k in atoms if k.startswith("{")]:
            if key not in ("{x-request-id}i", "{content-type}o"):
                atoms[key] = "-"  # headers hold cookies, referrers, CSRF tokens
        return atoms


logger_class = PrivacyLogger
