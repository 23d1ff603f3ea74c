"""Regression tests for the defects hostile testing found (issue 6, item 8). Each failed before its fix."""
from __future__ import annotations

import io
import re
import zipfile

import pytest

from sleutelnet.platform.extensions import db
from sleutelnet.platform.urls import safe_next

from ..conftest import PASSWORD, Browser

HOSTILE_NEXT = ["/\t/evil.example", "//evil.example", "/\\evil.example", "https://evil.example/", "/\n/evil.example",
                "/x\r\nSet-Cookie: a=b", "javascript:alert(1)", "\\\\evil.example", " //evil.example",
                "/\x7f/evil.example", "evil.example"]


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_safe_next_refuses_anything_but_a_local_path(target):
    assert safe_next(target, "/home") == "/home"
    assert safe_next(target) == "/"


def test_safe_next_keeps_local_paths():
    assert safe_next("/g/utrecht/sleutelpersonen/?status=active#x") == "/g/utrecht/sleutelpersonen/?status=active#x"
    assert safe_next(None, "/d") == "/d" and safe_next("", "/d") == "/d"


def _location(response):
    return response.headers.get("Location", "")


@pytest.mark.parametrize("raw", ["/%09/evil.example", "/%0a/evil.example", "/%0d%0a/evil.example",
                                 "%2F%2Fevil.example", "/%5Cevil.example"])
def test_login_next_never_leaves_the_host(app, world, raw):
    b = Browser(app.test_client())
    b.get("/inloggen")
    r = b.post(f"/inloggen?next={raw}", {"email": world.users["coordinator_a"].email, "password": PASSWORD})
    assert r.status_code == 302, r.status_code  # never a 500 (a newline in the Location header)
    location = _location(r)
    assert "evil.example" not in location and not location.startswith("//")


def test_login_next_still_returns_to_a_local_page(app, world):
    b = Browser(app.test_client())
    b.get("/inloggen")
    target = f"/g/{world.slugs['a']}/netwerken/"
    r = b.post(f"/inloggen?next={target}", {"email": world.users["coordinator_a"].email, "password": PASSWORD})
    assert _location(r).endswith(target)


@pytest.mark.parametrize("target", ["/\t/evil.example", "/\n/evil.example", "//evil.example", "/\\evil.example"])
def test_language_switch_next_never_leaves_the_host(browser, target):
    browser.get("/inloggen")
    r = browser.post("/taal", {"lang": "en", "next": target})
    assert r.status_code == 302
    assert "evil.example" not in _location(r)


# --- whitespace in required dates ------------------------------------------------------------------

@pytest.fixture()
def network_id(world):
    from sleutelnet.blueprints.network import services
    from sleutelnet.platform.tenancy import tenant_context

    with tenant_context(world.tenant_ids["a"]):
        network = services.create_network("Netwerk")
        db.session.commit()
        return network.id


@pytest.mark.parametrize("path,data", [
    ("kaders/rol", {"role": "director", "effective_on": "   "}),
    ("draagvlak/logboek", {"occurred_on": " \t ", "body": "mayor", "involvement": "informed"}),
])
def test_whitespace_in_a_required_date_is_a_field_error_not_a_500(login, world, network_id, path, data):
    b = login("coordinator_a")
    r = b.post(f"/g/{world.slugs['a']}/netwerken/{network_id}/{path}", data)
    assert r.status_code == 422
    assert "utrecht-form-field-error-message" in r.get_data(as_text=True) or "Vul" in r.get_data(as_text=True)


def test_whitespace_target_size_is_a_field_error(login, world, network_id):
    b = login("coordinator_a")
    r = b.post(f"/g/{world.slugs['a']}/netwerken/{network_id}/kaders",
               {"meeting_mode": "ad_hoc", "target_size": "  ", "has_core_group": "no", "recruitment": "municipality",
                "ambition": "x", "location_types": "community_centre", "reciprocity": "training"})
    assert r.status_code == 422
    assert "Vul het aantal sleutelpersonen in" in r.get_data(as_text=True) or "target" in r.get_data(as_text=True)


# --- XLSX decompression bomb ----------------------------------------------------------------------

def _rezip(data: bytes, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, change(info.filename, source.read(info.filename)))
    return out.getvalue()


def _bomb(cell_chars: int) -> bytes:
    """A workbook whose cell B2 unpacks to `cell_chars` characters (it compresses to almost nothing).
    Written by hand: openpyxl itself cuts strings at Excel's 32,767 characters."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Naam", "Achterban"])
    sheet.append(["Jan", "PLACEHOLDER"])
    out = io.BytesIO()
    workbook.save(out)
    return _rezip(out.getvalue(), lambda name, body: body.replace(b"PLACEHOLDER", b"A" * cell_chars))


def test_xlsx_that_unpacks_too_large_is_refused_before_parsing(monkeypatch):
    from sleutelnet.blueprints.transfer import reading

    data = _bomb(3_000_000)
    assert len(data) < 100_000
    parsed = []
    monkeypatch.setattr("openpyxl.load_workbook", lambda *a, **k: parsed.append(1))
    monkeypatch.setattr(reading, "MAX_XLSX_UNPACKED_BYTES", 1_000_000)
    with pytest.raises(reading.ReadError, match="unpacked|uitgepakt"):
        reading.read_table(data, "x.xlsx")
    assert not parsed


def test_xlsx_with_a_huge_declared_sheet_is_refused():
    from sleutelnet.blueprints.transfer import reading

    data = _rezip(_bomb(10), lambda name, body: re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:XFD1048576"',
                                                        body))
    with pytest.raises(reading.ReadError):
        reading.read_table(data, "x.xlsx")


def test_overlong_cell_is_refused_and_never_echoed(login, world):
    from ..transfer.conftest import upload

    b = login("coordinator_a")
    b.get(f"/g/{world.slugs['a']}/sleutelpersonen/import")
    r = upload(b, world, "a", _bomb(200_000), filename="lijst.xlsx", expect=422)
    page = r.get_data(as_text=True)
    assert "B2" in page and len(page) < 100_000 and "A" * 100 not in page


def test_samples_shown_back_are_short():
    from sleutelnet.blueprints.transfer.reading import SAMPLE_CHARS, Table, sample

    assert len(sample("x" * 5000)) == SAMPLE_CHARS
    table = Table(headers=["a"], rows=[(2, ["y" * 4000])])
    assert all(len(s) <= SAMPLE_CHARS for s in table.samples(0))


# --- platform admin: set-to-state -------------------------------------------------------------------

def test_activate_deactivate_is_set_to_state_so_a_double_submit_keeps_it(world, login):
    from sleutelnet.tenants.models import Tenant

    from .test_admin_audit import login_platform

    admin = login_platform(login, world)
    slug = world.slugs["b"]
    url = f"/beheer/gemeenten/{slug}/status"
    page = admin.get(url).get_data(as_text=True)
    assert 'name="active" value="0"' in page
    for _ in range(2):  # the double submit
        assert admin.post(url, {"active": "0"}).status_code == 302
        db.session.expire_all()
        assert db.session.scalar(db.select(Tenant.active).filter_by(slug=slug)) is False
    for _ in range(2):
        assert admin.post(url, {"active": "1"}).status_code == 302
        db.session.expire_all()
        assert db.session.scalar(db.select(Tenant.active).filter_by(slug=slug)) is True
    assert admin.post(url, {"active": "maybe"}).status_code == 400


# --- password reset: every other reset link dies ---------------------------------------------------

def test_password_reset_invalidates_the_other_reset_links(app, world, browser):
    from .test_auth import _clear_mail, _mails

    _clear_mail(app)
    email = world.users["viewer_a"].email
    for _ in range(2):
        assert browser.post("/wachtwoord-vergeten", {"email": email}).status_code == 302
    first, second = [re.search(r"(/wachtwoord-herstellen/\S+)", m.get_content()).group(1) for m in _mails(app)]
    assert browser.get(first).status_code == 200 and browser.get(second).status_code == 200
    r = browser.post(second, {"password": "Another-Horse-Battery-7", "confirm": "Another-Horse-Battery-7"})
    assert r.status_code == 302
    assert browser.get(first).status_code == 410  # the older link died with the reset
    r = browser.post(first, {"password": "Third-Horse-Battery-5", "confirm": "Third-Horse-Battery-5"})
    assert r.status_code == 410


# --- demo data never in production ------------------------------------------------------------------

def test_demo_seed_refuses_to_run_in_production(app, ctx):
    from sleutelnet.platform.auth.models import User

    app.config["ENV_NAME"] = "production"
    try:
        result = app.test_cli_runner().invoke(args=["demo", "seed"])
    finally:
        app.config["ENV_NAME"] = "testing"
    assert result.exit_code != 0 and "production" in result.output
    assert db.session.scalar(db.select(db.func.count(User.id))) == 0


# --- /dev/mail ---------------------------------------------------------------------------------------

def test_dev_mail_is_not_public(app, world, login):
    from .test_admin_audit import login_platform

    remote = {"REMOTE_ADDR": "203.0.113.9"}
    anonymous = Browser(app.test_client())
    assert anonymous.get("/dev/mail", environ_base=remote).status_code == 404
    coordinator = login("coordinator_a")
    assert coordinator.get("/dev/mail", environ_base=remote).status_code == 404
    admin = login_platform(login, world)
    assert admin.get("/dev/mail", environ_base=remote).status_code == 200
    assert anonymous.get("/dev/mail").status_code == 200  # from this machine (make run)
    assert anonymous.get("/dev/mail", headers={"X-Forwarded-For": "203.0.113.9"}).status_code == 404
    app.config["ENV_NAME"] = "production"
    try:
        assert admin.get("/dev/mail").status_code == 404
    finally:
        app.config["ENV_NAME"] = "testing"


# --- export content type -------------------------------------------------------------------------------

def test_export_content_type_names_its_charset_once(login, world):
    from sleutelnet.blueprints.network.services import create_network
    from sleutelnet.platform.tenancy import tenant_context

    with tenant_context(world.tenant_ids["a"]):
        network_id = create_network("Netwerk").id
        db.session.commit()
    b = login("coordinator_a")
    url = f"/g/{world.slugs['a']}/sleutelpersonen/export"
    b.get(url)
    r = b.post(url, {"format": "csv", "network_id": network_id})  # the export runs as a job (inline here)
    assert r.status_code == 302
    with b.client.application.app_context():
        r = b.client.get(r.headers["Location"] + "/bestand")
    assert r.status_code == 200
    assert r.headers["Content-Type"] == "text/csv; charset=utf-8"
