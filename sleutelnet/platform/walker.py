"""Support for the route walker (tests/platform/test_isolation.py and the browser walk).

Every tenant route with a URL parameter needs a factory for it: `Feature.arg_factories` maps the
parameter name to `factory(world) -> id`, which creates an object in tenant A (`world.tenant_ids["a"]`,
users in `world.ids`, e.g. "coordinator_a") whose text contains `MARKER`. The walker then requests every
route as users of tenant B and fails if any answer is not a 404 or shows the marker. Factories live in
each area's `walker.py` (they run only in tests and the browser walk); one that needs another area's
object (an assessment needs a key person) asks for that area's factory with `factory("person_id")`."""
from __future__ import annotations

MARKER = "MARKER-TENANT-A"


def in_tenant_a(world):
    from .tenancy import tenant_context

    return tenant_context(world.tenant_ids["a"])


def factory(arg: str):
    """The factory some installed feature declares for URL parameter `arg`."""
    from .features import collect

    for name, found in collect("arg_factories"):
        if name == arg:
            return found
    raise LookupError(f"no feature declares a factory for <{arg}>")


def all_factories() -> dict:
    from .features import collect

    return dict(collect("arg_factories"))
