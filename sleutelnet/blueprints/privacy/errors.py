"""The error privacy services raise when input breaks a rule; its message is translated, fit to show."""
from __future__ import annotations


class PrivacyError(ValueError):
    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field
