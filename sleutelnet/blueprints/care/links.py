"""Single-use signed links for "we spoke" check-ins (RSVP-style, §3.2): key persons have no account.

The token is signed with the app's secret key (itsdangerous) and carries only the tenant id, the check-in
id and which side of the pair uses it; it expires after `MAX_AGE_DAYS`. Single use comes from the check-in
row itself: once `spoke_on` is set, the link only says that it was already recorded.
"""
from __future__ import annotations

from flask import current_app, has_request_context, url_for
from itsdangerous import BadSignature, URLSafeTimedSerializer

SALT = "sleutelnet.care.checkin"
MAX_AGE_DAYS = 120


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def make_token(tenant_id: int, checkin_id: int, side: str) -> str:
    return _serializer().dumps({"t": int(tenant_id), "c": int(checkin_id), "s": side})


def read_token(token: str) -> dict | None:
    try:
        data = _serializer().loads(token, max_age=MAX_AGE_DAYS * 86400)
    except BadSignature:  # includes SignatureExpired
        return None
    if not isinstance(data, dict) or not {"t", "c", "s"} <= data.keys() or data["s"] not in ("buddy", "mentee"):
        return None
    return data


def external_url(endpoint: str, **values) -> str:
    """An absolute link for a mail: BASE_URL + path, also from a job (no request) — reminders run there."""
    base = current_app.config.get("BASE_URL", "http://127.0.0.1:5000").rstrip("/")
    if has_request_context():
        return base + url_for(endpoint, **values)
    with current_app.test_request_context(base_url=base):
        return base + url_for(endpoint, **values)


def checkin_url(tenant_id: int, checkin_id: int, side: str) -> str:
    return external_url("care_public.checkin", token=make_token(tenant_id, checkin_id, side))
