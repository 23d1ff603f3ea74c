"""Fixed answer options of the privacy features: stored code -> translated label (labels.toml; dict order =
display order), and the codes other modules test for."""
from __future__ import annotations

from ...platform.i18n import label  # noqa: F401 - `choices.label(...)` in routes and templates
from ...platform.labels import catalogues

# CONSENT_SCOPES: what the person agreed to; LEGAL_BASES: AVG art. 6; CONSENT_CHANNELS: how consent was given
# (and, later, how it was withdrawn); CONSENT_END_REASONS: how a consent record ended
(CONSENT_SCOPES, LEGAL_BASES, CONSENT_CHANNELS, CONSENT_END_REASONS, EXPORT_STATUSES, ERASURE_REASONS,
 PERSON_RECORD_ORIGIN) = catalogues(__package__).tables(
    "CONSENT_SCOPES", "LEGAL_BASES", "CONSENT_CHANNELS", "CONSENT_END_REASONS", "EXPORT_STATUSES",
    "ERASURE_REASONS", "PERSON_RECORD_ORIGIN")

# `special_category` is the AVG art. 9 scope: it makes the person's migration background lawful to record,
# and withdrawing it erases that value
SPECIAL_CATEGORY_SCOPE = "special_category"
# Special-category data may only rest on explicit consent (art. 9(2)(a)).
CONSENT_BASIS = "consent"
# consents ticked on the key person's own form (and those carried over from the person's former consent
# flag by migration 0015) were not recorded with a channel
WITH_PERSON_RECORD = "person_record"
CONSENT_ORIGINS = {**CONSENT_CHANNELS, **PERSON_RECORD_ORIGIN}
