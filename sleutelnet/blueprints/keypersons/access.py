"""`access_person(person_id, purpose)`: the one way a page gets hold of a key person.

In one call (after Zulip's `access_stream_by_id`): the permission the purpose needs is checked first (403,
so a response never tells whether a person exists), then the person of the current tenant is fetched (404
for an unknown id or one of another tenant: the tenancy guard scopes the query), then the access is written
to the person's access log (ESS guide §3.1: every access is logged) when the purpose says so. The log row is
added to the session only; the unit of work (platform/uow.py) commits it with the rest of the request, so
the page data loaded here is never expired by a commit halfway.

Other areas import this module (a public module of the register, like `services`).
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import abort

from ...platform.policy import Permission, can
from . import permissions as perms, services
from .models import KeyPerson


@dataclass(frozen=True)
class Purpose:
    """Why a page opens a person's record: the permission it needs and the access-log action it writes
    (`"view"`, `"edit"`, `"export"`; None when the page shows no more than the name)."""

    permission: Permission
    log: str | None = None


VIEW = Purpose(perms.VIEW_KEYPERSONS, "view")  # the detail page
EDIT_FORM = Purpose(perms.EDIT_KEYPERSONS, "view")  # the edit form shows the whole record
EDIT = Purpose(perms.EDIT_KEYPERSONS)  # a change: the service logs "edit" with the change itself
ACCESS_LOG = Purpose(perms.VIEW_KEYPERSON_ACCESS_LOG)


def access_person(person_id: int, purpose: Purpose, *, full: bool = False, with_special: bool = False,
                  visible_only: bool = False) -> KeyPerson:
    """The person `person_id` of the current tenant, for `purpose`: 403 without its permission, 404 when
    there is no such person here, an access-log row when the purpose logs. `full`/`with_special`/`visible_only`: see
    `services.get_person`."""
    if not can(purpose.permission):
        abort(403)
    try:
        person = services.get_person(person_id, full=full, with_special=with_special,
                                     visible_only=visible_only)
    except LookupError:
        abort(404)
    if purpose.log is not None:
        services.log_access(person.id, purpose.log)
    return person
