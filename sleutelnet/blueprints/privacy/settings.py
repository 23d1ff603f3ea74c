"""The tenant's retention settings (read by the export, the retention job and the privacy pages)."""
from __future__ import annotations

from ...platform.extensions import db
from .models import DEFAULT_ACCESS_LOG_MONTHS, DEFAULT_ANONYMISE_AFTER_MONTHS, RetentionSetting


def get_settings() -> RetentionSetting:
    """The tenant's settings; an unsaved row with the defaults when it has none."""
    found = db.session.scalar(db.select(RetentionSetting))
    if found is not None:
        return found
    return RetentionSetting(anonymise_exited_after_months=DEFAULT_ANONYMISE_AFTER_MONTHS,
                            access_log_months=DEFAULT_ACCESS_LOG_MONTHS)
