"""Moved to `sleutelnet.platform.disclosure` (shared with the national benchmarks); kept as a re-export."""
from ...platform.disclosure import (COMPLEMENTARY, SMALL, THRESHOLD, Cell, shares_allowed,  # noqa: F401
                                    suppress_small_counts)
