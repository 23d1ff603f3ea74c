"""The comparison page, the settings and notes forms, the CSV downloads, provisional marks, empty states."""
from __future__ import annotations

import csv
import io

from sleutelnet.blueprints.national.models import Note, OptIn, Period
from sleutelnet.platform.audit import AuditEvent
from sleutelnet.platform.extensions import db
from sleutelnet.platform.tenancy import tenant_context

from .conftest import PERIOD, populated

COLUMNS = "indicator;period;group_kind;group_code;group_name;n_municipalities;statistic;value;status"


def _base(world):
    return f"/g/{world.slugs['a']}/vergelijking/"


def test_empty_states(world, login, ess):
    page = login("coordinator_a").get(_base(world)).get_data(as_text=True)
    assert "Er zijn nog geen vergelijkingscijfers" in page
    assert "Er zijn nog geen vergelijkingscijfers" in ess.get("/ess/").get_data(as_text=True)
    assert ess._fresh("get", "/ess/export.csv").status_code == 404


def test_comparison_page_shows_own_value_groups_and_suppression(world, login):
    populated(world, 14)  # Utrecht and Zwolle plus 14 others: Utrecht's size class (250,000+) stays thin
    page = login("coordinator_a").get(_base(world)).get_data(as_text=True)
    assert "Uw waarde:" in page and "Nederland" in page and "Veiligheidsregio" in page
    assert "250.000 inwoners of meer" in page and "minder dan 5 gemeenten" in page  # a suppressed cell
    assert "<svg" in page and 'role="img"' in page and "<table" in page  # chart with its table
    assert "Voorlopig." in page  # the quarter is not closed
    assert "middelste helft" in page


def test_closed_quarter_is_not_provisional(world, login):
    populated(world, 14)
    db.session.get(Period, PERIOD).closed = True
    db.session.commit()
    page = login("coordinator_a").get(_base(world)).get_data(as_text=True)
    assert "Voorlopig." not in page and "definitief" in page


def test_settings_opt_out_and_back_in(world, login):
    populated(world, 5)
    b = login("coordinator_a")
    page = b.get(_base(world) + "instellingen").get_data(as_text=True)
    assert 'value="network_size" checked' in page or 'checked id' in page or "checked" in page
    everything_but_size = [c for c in ("network_growth", "role_mix", "diversity_balance", "active_share", "churn")]
    r = b.post(_base(world) + "instellingen", {"indicators": everything_but_size})
    assert r.status_code == 302
    with tenant_context(world.tenant_ids["a"]):
        rows = {o.indicator: o.opted_in for o in db.session.scalars(db.select(OptIn))}
        assert rows["network_size"] is False and rows["churn"] is True
        assert db.session.scalars(db.select(AuditEvent).filter_by(action="benchmarks.opt_out")).all()
    assert "volgende berekening" in b.get(_base(world) + "instellingen").get_data(as_text=True)
    r = b.post(_base(world) + "instellingen", {"indicators": ["bogus"]})
    assert r.status_code == 422 and "Kies uit de lijst." in r.get_data(as_text=True)


def test_note_validation_and_removal(world, login):
    populated(world, 5)
    b = login("coordinator_a")
    url = _base(world) + "notitie"
    assert '<option selected value="network_size">' in b.get(url + "?indicator=network_size").get_data(as_text=True)
    r = b.post(url, {"indicator": "network_size", "body": "x" * 281})
    assert r.status_code == 422 and "hoogstens 280 tekens" in r.get_data(as_text=True)
    assert b.post(url, {"indicator": "network_size", "body": "  Netwerk gestart in mei.  "}).status_code == 302
    with tenant_context(world.tenant_ids["a"]):
        assert db.session.scalar(db.select(Note.body)) == "Netwerk gestart in mei."
    assert "Netwerk gestart in mei." in b.get(_base(world)).get_data(as_text=True)
    assert b.post(url, {"indicator": "network_size", "body": "   "}).status_code == 302  # whitespace only: the note is removed
    with tenant_context(world.tenant_ids["a"]):
        assert db.session.scalar(db.select(db.func.count()).select_from(Note)) == 0
    r = b.post(url, {"indicator": "bestaat-niet", "body": "x"})
    assert r.status_code == 422
    assert b._fresh("get", url + "?indicator=bestaat-niet").status_code == 200  # falls back to the first
    # another municipality never sees the note
    with tenant_context(world.tenant_ids["b"]):
        assert db.session.scalar(db.select(db.func.count()).select_from(Note)) == 0


def _csv(response):
    raw = response.get_data()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte-order mark"
    text = raw.decode("utf-8-sig")
    assert text.splitlines()[0] == COLUMNS
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def test_csv_downloads(world, login, ess):
    populated(world, 14)
    rows = _csv(ess._fresh("get", "/ess/export.csv"))
    assert {r["status"] for r in rows} == {"published", "suppressed"}
    assert all(r["value"] == "" for r in rows if r["status"] == "suppressed")
    assert all(r["value"] for r in rows if r["status"] == "published")
    assert {r["statistic"] for r in rows} == {"mean", "median", "p25", "p75"}
    assert "min" not in {r["statistic"] for r in rows} and "max" not in {r["statistic"] for r in rows}
    mine = _csv(login("coordinator_a")._fresh("get", _base(world) + "export.csv"))
    kinds = {(r["group_kind"], r["group_code"]) for r in mine}
    assert kinds == {("national", "NL"), ("province", "utrecht"), ("safety_region", "VR09"),
                     ("size_class", "ge250k")}  # only its own peer groups
    again = _csv(ess._fresh("get", "/ess/export.csv"))
    assert again == rows  # the same request gives the same answer


def test_ess_pages_show_thin_regions_and_trends(world, ess):
    populated(world, 14)
    page = ess.get("/ess/").get_data(as_text=True)
    assert "Dunne regio" in page and "Overijssel" in page  # only Zwolle takes part there
    assert "Nederland" in ess.get("/ess/trends?indicator=churn").get_data(as_text=True)
    regional = ess.get("/ess/regionaal?indicator=network_size").get_data(as_text=True)
    assert "Provincies" in regional and "<svg" in regional
    assert ess._fresh("get", "/ess/rapporten/2026-Q9").status_code == 404


def test_note_is_encrypted_at_rest(world, login, owner_engine):
    from sqlalchemy import text

    populated(world, 5)
    login("coordinator_a").post(_base(world) + "notitie", {"indicator": "churn", "body": "Nieuwe coördinator sinds mei"})
    with owner_engine.connect() as conn:
        stored = conn.execute(text("SELECT body FROM benchmark_notes")).scalar()
    assert stored and "coördinator" not in stored
