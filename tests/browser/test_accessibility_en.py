"""axe-core (WCAG 2.1 A and AA) on every page in English (the walk: accessibility.py)."""
from __future__ import annotations

import pytest

from .accessibility import every_page_passes_axe

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_every_page_passes_axe_in_english(live_server, new_context, logged_in, record_property):
    record_property("pages_checked", every_page_passes_axe(live_server, new_context, logged_in, "en"))
