"""Readable audit log: every action code as a translated sentence, and kinds of events with names.

The platform's own codes and those of the phase 1–2 areas are listed here; a feature area adds its own
with `Feature(audit_actions={code: _l("…")})`. An unknown code is shown as the code itself (and a test
fails, so it never reaches a user that way). Object references are readable where the reader may see them:
the object kind is translated, the id stays a reference number (names are never copied into the log).
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

ACTIONS = {
    "auth.login": _l("Logged in"),
    "auth.login_failed": _l("Failed login attempt"),
    "auth.totp_failed": _l("Wrong two-step verification code"),
    "auth.password_changed": _l("Password changed"),
    "auth.password_reset": _l("Password reset through an e-mailed link"),
    "auth.reset_requested": _l("Password reset requested"),
    "tenant.provision": _l("Municipality provisioned"),
    "tenant.activate": _l("Municipality activated"),
    "tenant.deactivate": _l("Municipality deactivated"),
    "team.invite": _l("Team member invited"),
    "team.invite_accepted": _l("Invitation accepted"),
    "team.invite_revoked": _l("Invitation withdrawn"),
    "team.member_activated": _l("Team member reactivated"),
    "team.member_deactivated": _l("Team member deactivated"),
    "team.role_changed": _l("Role of a team member changed"),
    "network.create": _l("Network created"),
    "network.created": _l("Network created"),
    "network.rename": _l("Network renamed"),
    "network.purpose_saved": _l("Purpose of the network saved (§1.1)"),
    "network.support_saved": _l("Administrative support saved (§1.2)"),
    "network.support_entry_added": _l("Support log entry added (§1.2)"),
    "network.support_entry_deleted": _l("Support log entry deleted (§1.2)"),
    "network.frameworks_saved": _l("Frameworks saved (§1.3)"),
    "network.role_changed": _l("Role of the municipality changed (§1.3)"),
    "network.official_linked": _l("Official linked to the network"),
    "network.official_unlinked": _l("Official unlinked from the network"),
    "keyperson.created": _l("Key person added"),
    "keyperson.updated": _l("Key person's details changed"),
    "keyperson.status_changed": _l("Key person moved to another stage"),
    "keyperson.intake_recorded": _l("Intake conversation recorded"),
    "keyperson.exited": _l("Key person left the network"),
    "keyperson.successor_added": _l("Possible successor suggested"),
    "keyperson.special_category_changed": _l("Special-category data changed (with consent)"),
    "neighbourhood.created": _l("Neighbourhood added"),
    "neighbourhood.updated": _l("Neighbourhood changed"),
    "neighbourhood.deleted": _l("Neighbourhood deleted"),
    "organisation.created": _l("Organisation added"),
    "organisation.updated": _l("Organisation changed"),
    "organisation.deleted": _l("Organisation deleted"),
    "composition.targets_saved": _l("Composition targets saved"),
    "composition.targets_reset": _l("Composition targets reset"),
    "disruptor.assessed": _l("Disruptor assessment recorded (§2.2)"),
    "disruptor.viewed": _l("Disruptor assessment viewed"),
    "privacy.consent_recorded": _l("Consent recorded"),
    "privacy.consent_withdrawn": _l("Consent withdrawn"),
    "privacy.erased": _l("Key person anonymised on request"),
    "privacy.special_category_cleared": _l("Special-category data removed"),
    "privacy.export_requested": _l("Subject-access export requested"),
    "privacy.export_generated": _l("Subject-access export generated"),
    "privacy.export_failed": _l("Subject-access export failed"),
    "privacy.export_downloaded": _l("Subject-access export downloaded"),
    "privacy.retention_changed": _l("Retention periods changed"),
    "privacy.retention_applied": _l("Retention periods applied"),
    "transfer.import": _l("Key persons imported from a file"),
    "transfer.export": _l("Register exported"),
}

# the first part of a code: the kind of event in the filter
KINDS = {
    "auth": _l("Logging in and passwords"),
    "tenant": _l("Municipalities"),
    "team": _l("Team"),
    "network": _l("Networks"),
    "keyperson": _l("Key persons"),
    "neighbourhood": _l("Neighbourhoods"),
    "organisation": _l("Organisations"),
    "composition": _l("Composition"),
    "disruptor": _l("Disruptor assessment"),
    "privacy": _l("Privacy (AVG)"),
    "transfer": _l("Import and export"),
}

OBJECTS = {
    "user": _l("user"), "tenant": _l("municipality"), "invitation": _l("invitation"),
    "membership": _l("team member"), "network": _l("network"), "keyperson": _l("key person"),
    "key_person": _l("key person"), "neighbourhood": _l("neighbourhood"), "organisation": _l("organisation"),
    "consent": _l("consent"), "export": _l("export"), "assessment": _l("assessment"),
    "retention": _l("retention"), "support_entry": _l("support log entry"), "official_link": _l("official link"),
}


def _merged(attr: str, base: dict) -> dict:
    from .features import collect

    merged = dict(base)
    merged.update(collect(attr))
    return merged


def action_label(code: str) -> str:
    return str(_merged("audit_actions", ACTIONS).get(code, code))


def kind_label(prefix: str) -> str:
    return str(_merged("audit_kinds", KINDS).get(prefix, prefix))


def object_label(object_type: str | None, object_id) -> str:
    if not object_type:
        return ""
    name = str(_merged("audit_objects", OBJECTS).get(object_type, object_type.replace("_", " ")))
    return f"{name} #{object_id}" if object_id not in (None, "") else name
