"""Counts for everyone without need-to-know (small counts shown as "< 5") and the national indicators."""
from __future__ import annotations

from datetime import date, timedelta

from sleutelnet.platform.extensions import db

from .conftest import SECRET


def test_counts_page_hides_small_numbers(sw, login, world):
    for i in range(6):
        sw.record(reported_on=date.today() - timedelta(days=i + 1), readers=())
    sw.record(reported_on=date.today() - timedelta(days=3), topic="youth", readers=())
    page = login("viewer_a").get(sw.url("aantallen"))
    body = page.get_data(as_text=True)
    assert page.status_code == 200 and SECRET not in body
    # youth (1) and the empty topics are small ("< 5"); tension (6) is hidden too, or 7 - the rest would
    # reveal the small ones; the total (7) is published
    assert "&lt; 5" in body and ">6<" not in body and ">1<" not in body
    assert ": 7" in body
    empty = login("viewer_a").get(sw.url("aantallen?periode=year&netwerk=99999")).get_data(as_text=True)
    assert SECRET not in empty


def test_counts_query_suppresses_each_table(sw):
    from sleutelnet.blueprints.signals import queries

    for _ in range(3):
        sw.record(readers=())
    with sw.tenant():
        data = queries.counts()
    assert data["total"] == 3 and str(data["total_cell"]) == "< 5"
    assert all(cell.hidden for cell in data["topics"].values())
    assert data["statuses"]["reported"].small


def test_per_topic_indicator_per_10000_inhabitants(sw, world):
    from sleutelnet.blueprints.signals import indicators, manifest
    from sleutelnet.tenants.models import Tenant

    codes = {i.code: i for i in manifest.FEATURE.indicators}
    assert {f"signals_{t}" for t in ("tension", "youth", "polarisation", "safety", "other")} <= set(codes)
    assert all(not codes[f"signals_{t}"].opt_in_default for t in ("tension", "youth", "polarisation", "safety",
                                                                      "other"))
    start, end = date(2026, 1, 1), date(2026, 4, 1)
    with sw.tenant():
        assert codes["signals_tension"].compute(sw.tenant_id, start, end) is None  # never recorded: no data
    for day in (date(2026, 1, 5), date(2026, 2, 5), date(2026, 3, 31), date(2026, 4, 1)):
        sw.record(reported_on=day, readers=())
    with sw.tenant():
        population = db.session.get(Tenant, sw.tenant_id).population
        result = codes["signals_tension"].compute(sw.tenant_id, start, end)
        assert result == {"value": round(3 * 10000 / population, 3), "n_persons": 3}
        assert codes["signals_youth"].compute(sw.tenant_id, start, end) == {"value": 0.0, "n_persons": 0}
        assert indicators.per_topic("tension")(sw.tenant_id, date(2025, 1, 1), date(2025, 4, 1)) is None


def test_follow_up_on_time_indicator(sw):
    from sleutelnet.blueprints.signals import indicators

    on_time = sw.record(reported_on=date(2026, 1, 5))  # due 19 January
    late = sw.record(reported_on=date(2026, 1, 5))
    sw.record(reported_on=date(2026, 1, 5))  # never followed up: late once the deadline passed
    sw.move(on_time, "forwarded", on=date(2026, 1, 19))
    sw.move(late, "in_progress", on=date(2026, 1, 6))
    sw.move(late, "feedback_given", on=date(2026, 1, 20))
    with sw.tenant():
        result = indicators.follow_up_on_time(sw.tenant_id, date(2026, 1, 1), date(2026, 4, 1), today=date(2026, 2, 1))
        assert result == {"value": 33.3, "n_persons": 3}
        # before the deadline, the signal that was not followed up is not judged yet
        early = indicators.follow_up_on_time(sw.tenant_id, date(2026, 1, 1), date(2026, 4, 1),
                                             today=date(2026, 1, 10))
        assert early == {"value": 50.0, "n_persons": 2}
        assert indicators.follow_up_on_time(sw.tenant_id, date(2025, 1, 1), date(2025, 4, 1)) is None
