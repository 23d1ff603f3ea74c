"""Recruitment: the funnel per channel from a constructed status history, and the referral forest."""
from __future__ import annotations

import html
from datetime import date, datetime, timedelta

from sleutelnet.blueprints.composition import queries, recruitment, referrals
from sleutelnet.platform.tenancy import tenant_context

from .conftest import section

D = date(2025, 1, 1)


def _days(n):
    return D + timedelta(days=n)


def _history(people):
    make = people.make
    # outreach: A active after 20 days; B stopped after the conversation; C stopped as candidate;
    # D active after 30 days, paused, active again
    make("A", channel="outreach", history=[("lead", _days(0)), ("intake", _days(10)), ("active", _days(20))])
    make("B", channel="outreach", history=[("lead", _days(31)), ("intake", _days(35)), ("exited", _days(40))])
    make("C", channel="outreach", history=[("lead", _days(59)), ("exited", _days(70))])
    make("D", channel="outreach", history=[("lead", _days(0)), ("intake", _days(5)), ("active", _days(30)),
                                           ("paused", _days(60)), ("active", _days(90))])
    # snowball: E active after 10 days, left, came back; F entered directly as active (imported)
    make("E", channel="snowball", history=[("lead", _days(0)), ("intake", _days(3)), ("active", _days(10)),
                                           ("exited", _days(50)), ("returned", _days(80)), ("active", _days(85))])
    make("F", channel="snowball", history=[("active", _days(0))])
    # no channel: G entered in conversation and is still there
    make("G", history=[("intake", _days(0))])


def _funnel(world, people):
    with tenant_context(world.tenant_ids["a"]):
        return recruitment.compute(queries.funnel_rows(people.network_id))


def test_funnel_numbers_from_the_history(world, people):
    _history(people)
    funnel = _funnel(world, people)
    rows = {r.channel: r for r in funnel.rows}
    assert list(rows) == ["outreach", "snowball", ""]  # the channels' own order, not recorded last

    out = rows["outreach"]
    assert out.reached == {"lead": 4, "intake": 3, "active": 2}
    assert out.conversion("intake") == 75.0
    assert round(out.conversion("active"), 1) == 66.7
    assert out.overall == 50.0
    assert out.median_days == 25  # 20 and 30 days
    assert out.active_now == 2

    snow = rows["snowball"]
    assert snow.reached == {"lead": 2, "intake": 2, "active": 2}
    assert snow.median_days == 10  # F has no candidate date: not in the median

    none = rows[""]
    assert none.reached == {"lead": 1, "intake": 1, "active": 0}
    assert none.overall == 0.0 and none.median_days is None

    total = funnel.total
    assert total.reached == {"lead": 7, "intake": 6, "active": 4}
    assert total.median_days == 20  # 10, 20, 30
    assert total.active_now == 4


def test_funnel_on_the_page(login, world, people):
    _history(people)
    page = html.unescape(login("viewer_a").get(f"/g/{world.slugs['a']}/werving/").get_data(as_text=True))
    table = section(page, "<caption", "</table>")
    assert "Wervingstrechter per kanaal" in table
    row = section(table, "Outreach", "</tr>") if "Outreach" in table else section(table, "Outreachend", "</tr>")
    cells = [c.split("<")[0] for c in row.split('utrecht-table__cell">')[1:]]
    assert cells[:5] == ["4", "3", "2", "75%", "67%"]
    assert cells[5] == "50%" and cells[6] == "25 dagen"
    assert 'id="chart-funnel-title"' in page and 'id="chart-conversion-title"' in page


def test_empty_funnel(login, world, people):
    page = html.unescape(login("coordinator_a").get(f"/g/{world.slugs['a']}/werving/").get_data(as_text=True))
    assert "nog geen kandidaten of sleutelpersonen vastgelegd" in page
    assert "chart-funnel" not in page


def _row(i, parent=None, minutes=None, status="active", name=None):
    created = datetime(2025, 1, 1) + timedelta(minutes=i if minutes is None else minutes)
    return (i, name or f"P{i}", status, parent, created)


def test_forest_layout():
    rows = [_row(1), _row(2, 1), _row(3, 1), _row(4, 3), _row(5, 99),  # 5's referrer is not in the chain set
            _row(6, 7, 60), _row(7, 6, 61)]  # a cycle, by a data error
    forest = referrals.build_forest(rows)
    assert forest.total_chains == 2 and forest.total_persons == 6
    by_id = {p.id: p for p in forest.nodes}
    assert 5 not in by_id  # alone: not a chain
    # newest chain first: the cycle (cut at its oldest member, 6)
    assert [c.root.id for c in forest.chains] == [6, 1]
    assert by_id[6].parent is None and by_id[7].parent is by_id[6]
    assert (by_id[1].depth, by_id[2].depth, by_id[3].depth, by_id[4].depth) == (0, 1, 1, 2)
    # leaves on their own rows, a parent midway between its children
    assert by_id[2].row + 1 == by_id[4].row and by_id[3].row == by_id[4].row
    assert by_id[1].row == (by_id[2].row + by_id[3].row) / 2
    assert {(a.id, b.id) for a, b in forest.edges} == {(1, 2), (1, 3), (3, 4), (6, 7)}
    assert not forest.truncated


def test_forest_is_limited_to_the_most_recent_chains():
    rows = []
    for i in range(70):
        rows += [_row(1000 + i, minutes=i), _row(2000 + i, 1000 + i, minutes=i)]
    forest = referrals.build_forest(rows)
    assert forest.total_chains == 70 and len(forest.chains) == referrals.MAX_TREES == 60
    assert forest.truncated and forest.shown_persons == 120
    assert forest.chains[0].root.id == 1069  # the newest first
    small = referrals.build_forest(rows, max_nodes=10)
    assert len(small.chains) == 5


def test_referral_graph_and_table_on_the_page(login, world, people):
    root = people.make("Fatima Aanbrenger", channel="outreach")
    child = people.make("Youssef Kind", channel="snowball", referred_by=root, status="lead",
                        history=[("lead", date(2025, 3, 1))])
    people.make("Lotte Kleinkind", channel="snowball", referred_by=child, status="intake",
                history=[("lead", date(2025, 3, 1)), ("intake", date(2025, 3, 5))])
    people.make("Zonder Keten", channel="campaign")
    page = html.unescape(login("official_a").get(f"/g/{world.slugs['a']}/werving/").get_data(as_text=True))
    graph = section(page, 'id="chart-referrals-title"', "</svg>")
    for name in ("Fatima Aanbrenger", "Youssef Kind", "Lotte Kleinkind"):
        assert name in graph
    assert "Zonder Keten" not in graph
    assert "Kandidaat" in graph or "Candidate" in graph  # the status is written in the node
    table = section(page, "Aanbrengers in het diagram", "</table>")
    assert "Aangebracht door" in table
    youssef_row = section(table, "Fatima Aanbrenger", "</tr>")
    assert "Youssef Kind" in youssef_row
    assert "Lotte Kleinkind" in section(table, "Youssef Kind</td>", "</tr>")
    assert f"/sleutelpersonen/{child}" in table  # officials may follow the link into the register
