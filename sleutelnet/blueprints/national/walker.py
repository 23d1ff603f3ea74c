"""URL-argument factories for the route walkers (tests/platform/test_isolation.py, the browser walk)."""


def indicator(world) -> str:
    """`<indicator>` of the note page: an indicator code (notes are per municipality, no row needed)."""
    return "network_size"
