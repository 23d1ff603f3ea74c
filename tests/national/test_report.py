"""The quarterly report: requested by an ESS advisor, rendered by a job on the reports queue (inline here
without Redis), stored and downloadable; it holds published figures only."""
from __future__ import annotations

from sleutelnet.blueprints.national import report
from sleutelnet.blueprints.national.models import Cell, Report
from sleutelnet.platform.extensions import db
from sleutelnet.workers.outbox import OutboxJob

from .conftest import PERIOD, populated


def test_report_is_rendered_by_a_job_and_downloadable(world, ess):
    populated(world, 14)
    assert "nog niet gemaakt" in ess.get("/ess/rapporten").get_data(as_text=True)
    r = ess.post("/ess/rapporten", {"kwartaal": PERIOD})
    assert r.status_code == 302 and r.headers["Location"].endswith(f"/ess/rapporten/{PERIOD}")
    job = db.session.scalar(db.select(OutboxJob).filter_by(func="sleutelnet.blueprints.national.report.render_report"))
    assert job.queue == "reports" and job.tenant_id is None
    row = db.session.scalar(db.select(Report).filter_by(period=PERIOD))
    db.session.refresh(row)
    assert row.status == "done" and row.progress == 100 and row.size > 1000
    page = ess.get(f"/ess/rapporten/{PERIOD}").get_data(as_text=True)
    assert "Download het rapport" in page
    pdf = ess._fresh("get", f"/ess/rapporten/{PERIOD}/pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf" and pdf.get_data().startswith(b"%PDF")
    # asking again for a report that is done renders it anew (after a new aggregation)
    assert ess.post("/ess/rapporten", {"kwartaal": PERIOD}).status_code == 302
    assert db.session.scalar(db.select(db.func.count()).select_from(Report)) == 1


def test_report_contains_published_cells_only(world, app):
    populated(world, 14)
    with app.test_request_context():
        html = report.render_html(PERIOD)
    suppressed = db.session.scalars(db.select(Cell).filter_by(period=PERIOD, status="suppressed")).all()
    assert suppressed and all(c.mean is None for c in suppressed)
    assert "Landelijk vergelijkingsrapport" in html and "Dunne regio" in html
    assert f"/g/{world.slugs['a']}/" not in html


def test_unknown_quarter_and_missing_report(world, ess):
    populated(world, 5)
    r = ess.post("/ess/rapporten", {"kwartaal": "2019-Q1"})
    assert r.status_code == 302 and not db.session.scalars(db.select(Report)).all()
    r = ess._fresh("get", f"/ess/rapporten/{PERIOD}/pdf")
    assert r.status_code == 302 and r.headers["Location"].endswith(f"/ess/rapporten/{PERIOD}")


def test_failed_render_is_recorded(world, ess, monkeypatch):
    populated(world, 5)

    def broken(html):
        raise RuntimeError("no fonts")

    monkeypatch.setattr(report, "to_pdf", broken)
    ess.post("/ess/rapporten", {"kwartaal": PERIOD})
    row = db.session.scalar(db.select(Report).filter_by(period=PERIOD))
    db.session.refresh(row)
    assert row.status == "failed" and row.error == "RuntimeError"  # the outbox will try again later
    assert "mislukt" in ess.get(f"/ess/rapporten/{PERIOD}").get_data(as_text=True)


def test_status_page_refreshes_and_offers_its_json_while_the_report_is_made(world, ess):
    populated(world, 5)
    db.session.add(Report(period=PERIOD, status="running", progress=40, file_token="t" * 32))
    db.session.commit()
    page = ess.get(f"/ess/rapporten/{PERIOD}").get_data(as_text=True)
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in page
    assert f'data-sn-job="/ess/rapporten/{PERIOD}/status.json"' in page and 'value="40"' in page
    status = ess.get(f"/ess/rapporten/{PERIOD}/status.json").get_json()
    assert status == {"label": "Het rapport wordt gemaakt: 40% klaar.", "finished": False, "progress": 40}
    row = db.session.scalar(db.select(Report).filter_by(period=PERIOD))
    row.status = "failed"
    db.session.commit()
    assert ess.get(f"/ess/rapporten/{PERIOD}/status.json").get_json()["finished"] is True
    page = ess.get(f"/ess/rapporten/{PERIOD}").get_data(as_text=True)
    assert "http-equiv" not in page and "data-sn-job-done" in page
    assert ess.get("/ess/rapporten/2026-Q9/status.json").status_code == 404
