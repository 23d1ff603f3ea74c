"""The error privacy services raise when input breaks a rule; its message is translated, fit to show."""
from __future__ import annotations

from ...platform.kernel import ServiceError


class PrivacyError(ServiceError):
    pass
