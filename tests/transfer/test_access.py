"""Who may import and export: coordinators import; coordinators and officials export; viewers neither."""
from __future__ import annotations

import pytest

from .conftest import DUTCH_HEADERS, csv_bytes, people_rows, upload, url


@pytest.mark.parametrize("user,import_status,export_status", [
    ("coordinator_a", 200, 200),
    ("official_a", 403, 200),
    ("viewer_a", 403, 403),
])
def test_pages_per_role(world, login, network_a, user, import_status, export_status):
    b = login(user)
    assert b.get(url(world, "a", "import")).status_code == import_status
    assert b.get(url(world, "a", "export")).status_code == export_status
    r = b.post(url(world, "a", "export"), {"format": "csv"})
    if export_status == 200:  # the export runs as a job: on to its status page
        assert r.status_code == 302 and "/sleutelpersonen/taken/" in r.headers["Location"]
        assert b.get(r.headers["Location"]).status_code == 200
    else:
        assert r.status_code == export_status
    nav = b.get(f"/g/{world.slugs['a']}/").get_data(as_text=True)
    assert (url(world, "a", "export") in nav) == (export_status == 200)


def test_official_cannot_use_any_import_step(world, login, network_a):
    upload_id = upload(login("coordinator_a"), world, "a", csv_bytes(DUTCH_HEADERS, people_rows(2)))
    official = login("official_a")
    for path in ("koppelen", "controleren", "verwijderen"):
        assert official.get(url(world, "a", f"import/{upload_id}/{path}")).status_code == 403
    assert official.post(url(world, "a", f"import/{upload_id}/vastleggen")).status_code == 403
    assert official.post(url(world, "a", "import"), {}).status_code == 403


def test_other_tenant_cannot_reach_an_upload(world, login, network_a):
    upload_id = upload(login("coordinator_a"), world, "a", csv_bytes(DUTCH_HEADERS, people_rows(2)))
    coord_b = login("coordinator_b")
    for path in ("koppelen", "controleren", "verwijderen"):
        assert coord_b.get(url(world, "a", f"import/{upload_id}/{path}")).status_code == 404
        assert coord_b.get(url(world, "b", f"import/{upload_id}/{path}")).status_code == 404
    assert coord_b.post(url(world, "b", f"import/{upload_id}/vastleggen")).status_code == 404


def test_anonymous_goes_to_login(world, browser):
    for path in ("import", "export"):
        r = browser.get(url(world, "a", path))
        assert r.status_code == 302 and "/inloggen" in r.headers["Location"]
