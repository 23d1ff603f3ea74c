"""`features.once`: inside an indicator run a fact is computed once per key and tenant; outside it, every time."""
from __future__ import annotations

from sleutelnet.platform.features import indicator_run, once
from sleutelnet.platform.tenancy import tenant_context


def test_once_memoises_per_run_key_and_tenant():
    calls = []

    def fact(value):
        return lambda: calls.append(value) or value

    assert once(("k",), fact(1)) == 1 and once(("k",), fact(2)) == 2  # no run: always computed
    with indicator_run():
        with tenant_context(1):
            assert once(("k",), fact(3)) == 3
            assert once(("k",), fact(4)) == 3  # the same key: the first result
            assert once(("k", "2026-Q1"), fact(5)) == 5  # another key
            with indicator_run():  # nested: the same memo
                assert once(("k",), fact(6)) == 3
        with tenant_context(2):
            assert once(("k",), fact(7)) == 7  # another tenant never sees the first one's facts
    with indicator_run(), tenant_context(1):
        assert once(("k",), fact(8)) == 8  # a new run starts empty
    assert calls == [1, 2, 3, 5, 7, 8]
