"""The bell, the notifications page and the preferences, for every role; only one's own notifications."""
from __future__ import annotations

import pytest

from sleutelnet.blueprints.reminders.models import Notification, NotificationPreference
from sleutelnet.platform.extensions import db
from sleutelnet.platform.tenancy import tenant_context

from .conftest import KIND


def _notify(world, user_key, n=1, tenant="a", url="/g/x/contactmomenten/1"):
    with tenant_context(world.tenant_ids[tenant]):
        items = [Notification(user_id=world.ids[user_key], kind=KIND, title=f"Herinnering {i}", url=url)
                 for i in range(n)]
        db.session.add_all(items)
        db.session.commit()
        return [i.id for i in items]


def url(world, path="", key="a"):
    return f"/g/{world.slugs[key]}/meldingen/{path}"


@pytest.mark.parametrize("role", ("coordinator_a", "official_a", "viewer_a"))
def test_every_member_has_notifications_and_preferences(world, login, role, test_kind):
    b = login(role)
    assert b.get(url(world)).status_code == 200
    page = b.get(url(world, "voorkeuren"))
    assert page.status_code == 200 and "Test meeting reminder" in page.get_data(as_text=True)


def test_the_ess_advisor_has_no_bell_in_a_municipality(world, login):
    r = login("ess_advisor").get(url(world))
    # first two-factor set-up (a redirect outside the municipality), then no member (404)
    assert r.status_code in (302, 404) and "/g/" not in r.headers.get("Location", "")


def test_bell_shows_the_unread_count(world, login):
    _notify(world, "official_a", 3)
    _notify(world, "coordinator_a", 1)
    b = login("official_a")
    home = b.get(f"/g/{world.slugs['a']}/").get_data(as_text=True)
    assert 'class="utrecht-link sn-bell"' in home and ">3<span class=\"sn-visually-hidden\"> ongelezen" in home
    page = b.get(url(world)).get_data(as_text=True)
    assert "Je hebt 3 ongelezen meldingen." in page and "Herinnering 2" in page


def test_the_bell_follows_bulk_notifications_and_reading_them(world, login):
    """The count is cached per municipality (tenants/cache.py) and the home page may come from the page cache:
    a bulk insert as the reminder sweep does it, and "all read", both show at the next request."""
    from sqlalchemy import insert

    _notify(world, "official_a", 3)
    b = login("official_a")
    home = f"/g/{world.slugs['a']}/"
    assert ">3<span" in b.get(home).get_data(as_text=True)
    with tenant_context(world.tenant_ids["a"]):
        db.session.execute(insert(Notification.__table__), [
            {"tenant_id": world.tenant_ids["a"], "user_id": world.ids["official_a"], "kind": KIND,
             "title": f"Bulk {i}", "url": "/"} for i in range(2)])
        db.session.commit()
    assert ">5<span" in b.get(home).get_data(as_text=True)
    assert b.post(url(world, "alles-gelezen"), {}).status_code == 302
    assert "sn-bell__count" not in b.get(home).get_data(as_text=True)


def test_open_marks_read_and_follows_only_local_links(world, login):
    (local,) = _notify(world, "official_a", url=f"/g/{world.slugs['a']}/contactmomenten/")
    (evil,) = _notify(world, "official_a", url="https://evil.example/phish")
    b = login("official_a")
    response = b.post(url(world, f"{local}/openen"), {})
    assert response.status_code == 302 and response.headers["Location"].endswith("/contactmomenten/")
    response = b.post(url(world, f"{evil}/openen"), {})
    assert "evil.example" not in response.headers["Location"]
    with tenant_context(world.tenant_ids["a"]):
        assert db.session.scalar(db.select(db.func.count()).select_from(Notification)
                                 .where(Notification.read_at.is_(None))) == 0


def test_someone_elses_notification_is_not_found(world, login):
    (theirs,) = _notify(world, "coordinator_a")
    (other_tenant,) = _notify(world, "coordinator_b", tenant="b")
    b = login("official_a")
    assert b.post(url(world, f"{theirs}/openen"), {}).status_code == 404
    assert b.post(url(world, f"{theirs}/gelezen"), {}).status_code == 404
    assert b.post(url(world, f"{other_tenant}/gelezen"), {}).status_code == 404


def test_mark_one_and_all_read_and_paginate(world, login):
    ids = _notify(world, "official_a", 30)
    b = login("official_a")
    page = b.get(url(world)).get_data(as_text=True)
    assert "Pagina 1 van 2" in page
    assert b.get(url(world) + "?page=2").status_code == 200
    b.post(url(world, f"{ids[0]}/gelezen"), {})
    assert "29 ongelezen meldingen" in b.get(url(world)).get_data(as_text=True)
    b.post(url(world, "alles-gelezen"), {})
    assert "0 ongelezen meldingen" in b.get(url(world)).get_data(as_text=True)


def test_empty_state(world, login):
    assert "Je hebt nog geen meldingen." in login("viewer_a").get(url(world)).get_data(as_text=True)


def test_preferences_are_saved_per_kind_and_validated(world, login, test_kind):
    b = login("official_a")
    page = b.get(url(world, "voorkeuren")).get_data(as_text=True)
    names = sorted(set(__import__("re").findall(r'name="(kind_\d+)"', page)))
    assert names
    data = {name: "digest" for name in names}
    assert b.post(url(world, "voorkeuren"), data).status_code == 302
    with tenant_context(world.tenant_ids["a"]):
        prefs = dict(db.session.execute(db.select(NotificationPreference.kind, NotificationPreference.delivery)
                                        .filter_by(user_id=world.ids["official_a"])).all())
    assert prefs[KIND] == "digest" and set(prefs.values()) == {"digest"}
    bad = b.post(url(world, "voorkeuren"), {**data, names[0]: "pigeon"})
    assert bad.status_code == 422 and "Kies een van de mogelijkheden" in bad.get_data(as_text=True)
    missing = b.post(url(world, "voorkeuren"), {n: "digest" for n in names[1:]})
    assert missing.status_code == 422 and "Kies hoe je dit wilt ontvangen" in missing.get_data(as_text=True)
