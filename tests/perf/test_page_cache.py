"""The page cache (tenants/pages.py) and the tenant version it rests on (tenants/cache.py): a page served from
the cache shows every change of its municipality at the next request, whatever wrote it (a form, a service,
a bulk statement of a job); a person's page logs every view, cached or not; a served page carries the reader's
own CSRF token; flash messages and pages whose rendering wrote something are never stored; the cache is
bounded."""
from __future__ import annotations

import re

from sqlalchemy import update

from sleutelnet.platform.extensions import db
from sleutelnet.tenants import pages
from sleutelnet.tenants.models import Tenant
from tests.conftest import counted_statements
from tests.keypersons.conftest import Register


def _version(world, key="a") -> int:
    db.session.expire_all()
    return db.session.get(Tenant, world.tenant_ids[key]).cache_version


def _served(browser, url) -> tuple[str, int]:
    """(page, number of SQL statements) of a GET."""
    with counted_statements() as seen:
        response = browser.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True), len(seen)


def test_a_served_page_shows_every_kind_of_change_at_the_next_request(world, login):
    from sleutelnet.blueprints.keypersons.models import KeyPerson

    reg = Register(world)
    network_id = reg.network()
    pid = reg.person("Noor Bakker", network_id=network_id, status="active")
    b = login("coordinator_a")
    url = reg.url("sleutelpersonen/")
    first, rendered = _served(b, url)
    again, served = _served(b, url)
    assert "Noor Bakker" in first and again == first.replace(_token(first), _token(again))
    assert served < rendered

    reg.person("Sem de Vries", network_id=network_id)  # a service, as a form would call it
    assert "Sem de Vries" in _served(b, url)[0]

    with reg.tenant():  # a bulk statement, as a job writes (no ORM objects, no flush)
        db.session.execute(update(KeyPerson).where(KeyPerson.id == pid).values(name="Noor Bakker-Visser"))
        db.session.commit()
    assert "Noor Bakker-Visser" in _served(b, url)[0]

    assert {key[1] for key in pages._pages if key[0] == world.tenant_ids["a"]} == {_version(world, "a")}  # older gone
    other = Register(world)
    before = _version(world, "a")
    other.network(key="b")  # another municipality's change leaves this one's pages alone
    assert _version(world, "a") == before and _version(world, "b") > 0


def _token(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def test_the_version_is_raised_once_at_the_commit_and_not_by_a_rollback(world):
    from sleutelnet.blueprints.keypersons import services

    reg = Register(world)
    network_id = reg.network()
    start = _version(world)

    def two_flushed_persons(first, second):
        for name in (first, second):
            services.create_person({"network_id": network_id, "name": name}, actor_id=world.ids["coordinator_a"],
                                   commit=False)
            db.session.flush()

    with reg.tenant():
        two_flushed_persons("Een", "Twee")
        db.session.rollback()
    assert _version(world) == start
    with reg.tenant():
        two_flushed_persons("Drie", "Vier")
        db.session.commit()
    assert _version(world) == start + 1


def test_a_person_page_from_the_cache_still_logs_every_view(world, login):
    from sleutelnet.blueprints.keypersons.models import KeyPersonAccess

    reg = Register(world)
    pid = reg.person("Noor Bakker", network_id=reg.network(), status="active")
    b = login("coordinator_a")
    url = reg.url(f"sleutelpersonen/{pid}")
    start = _version(world)
    pages_seen = [_served(b, url) for _ in range(3)]
    assert pages_seen[2][1] < pages_seen[0][1]  # served from the cache
    with reg.tenant():
        views = db.session.scalars(db.select(KeyPersonAccess).filter_by(person_id=pid, action="view")).all()
    assert len(views) == 3 and {v.user_id for v in views} == {world.ids["coordinator_a"]}
    assert _version(world) == start  # an access-log row changes no page


def test_a_served_page_carries_the_readers_own_csrf_token(world, login):
    reg = Register(world)
    reg.network()
    first, second = login("coordinator_a"), login("coordinator_a")  # one user, two sessions
    url = reg.url("sleutelpersonen/")
    page_one, _ = _served(first, url)
    page_two, statements = _served(second, url)
    assert statements <= 3  # served
    assert _token(page_one) != _token(page_two)
    response = second.post("/taal", data={"lang": "en", "next": url, "csrf_token": _token(page_two)})
    assert response.status_code == 302
    assert "\x00" not in page_two


def test_flash_messages_are_shown_once_and_never_stored(world, login):
    reg = Register(world)
    reg.network()
    b = login("coordinator_a")
    url = reg.url("sleutelpersonen/")
    _served(b, url)
    with b.client.session_transaction() as session:
        session["_flashes"] = [("success", "Opgeslagen, dank je")]
    assert "Opgeslagen, dank je" in _served(b, url)[0]
    assert "Opgeslagen, dank je" not in _served(b, url)[0]


def test_a_page_whose_rendering_writes_is_not_stored_unless_it_repeats_the_write(app, world, login):
    from sleutelnet.blueprints.keypersons import services

    reg = Register(world)
    pid = reg.person("Noor Bakker", network_id=reg.network(), status="active")
    b = login("coordinator_a")
    url = reg.url(f"sleutelpersonen/{pid}")
    endpoint = "tenant.keypersons.detail"
    original = app.view_functions[endpoint]
    renders = []

    def logging_view(person_id):
        services.log_access(person_id, "view")
        renders.append(person_id)
        return f"<p>render {len(renders)}</p>"

    try:
        app.view_functions[endpoint] = pages.cached_page(logging_view)
        assert [b.get(url).get_data(as_text=True) for _ in range(2)] == ["<p>render 1</p>", "<p>render 2</p>"]
        pages.forget()
        renders.clear()
        app.view_functions[endpoint] = pages.cached_page(
            logging_view, on_serve=lambda person_id: services.log_access(person_id, "view"))
        assert [b.get(url).get_data(as_text=True) for _ in range(2)] == ["<p>render 1</p>", "<p>render 1</p>"]
    finally:
        app.view_functions[endpoint] = original
        pages.forget()


def test_each_user_role_and_language_has_its_own_page(world, login):
    from sleutelnet.platform.auth.models import User
    from sleutelnet.tenants.models import Membership

    reg = Register(world)
    reg.network()
    second = User(email="tweede@utrecht.example", name="Tweede Coördinator",
                  password_hash=world.users["coordinator_a"].password_hash)
    db.session.add(second)
    db.session.flush()
    db.session.add(Membership(tenant_id=world.tenant_ids["a"], user_id=second.id, role="coordinator"))
    db.session.commit()
    world.users["coordinator_a2"], world.ids["coordinator_a2"] = second, second.id
    url = reg.url("sleutelpersonen/")
    coordinator, colleague, official = login("coordinator_a"), login("coordinator_a2"), login("official_a")
    assert world.users["coordinator_a"].name in _served(coordinator, url)[0]
    for browser, name in ((colleague, "Tweede Coördinator"), (official, world.users["official_a"].name)):
        page = _served(browser, url)[0]
        assert name in page and world.users["coordinator_a"].name not in page
    coordinator.post("/taal", data={"lang": "en", "next": url})
    assert 'lang="en"' in _served(coordinator, url)[0]


def test_the_cache_is_bounded(monkeypatch):
    pages.forget()
    monkeypatch.setattr(pages, "MAX_BYTES", 8_000)
    from flask import Flask

    with Flask("bounded").test_request_context():
        for i in range(50):
            pages._store(("key", i), "x" * 900)
    assert pages._size <= 8_000 and len(pages._pages) == 8
    assert ("key", 49) in pages._pages and ("key", 0) not in pages._pages
    pages.forget()
