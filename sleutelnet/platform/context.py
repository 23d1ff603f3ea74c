"""Who is acting, for which tenant: one object for services, the same in a request and in a job.

Services read `current()` instead of `g.tenant` / `current_user`: in a request it is the logged-in user
in the tenant of the URL; in a job (or the CLI) it is the tenant of `tenant_context(...)` and no user
(`actor_id` None: "the system"), unless the job passes one explicitly."""
from __future__ import annotations

from dataclasses import dataclass

from flask import g, has_request_context

from .tenancy import current_tenant_id


@dataclass(frozen=True)
class Context:
    tenant_id: int | None
    actor_id: int | None
    role: str | None  # the actor's tenant role (Membership.role) or None

    def can(self, permission) -> bool:
        from .policy import can

        return self.actor_id is not None and can(permission)


def current() -> Context:
    actor_id = role = None
    if has_request_context():
        from flask_login import current_user

        if current_user and current_user.is_authenticated:
            actor_id = current_user.id
        membership = g.get("membership")
        role = membership.role if membership is not None else None
    return Context(tenant_id=current_tenant_id(), actor_id=actor_id, role=role)


def actor_id() -> int | None:
    """The acting user's id, or None in a job or the CLI."""
    return current().actor_id
