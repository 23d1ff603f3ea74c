"""Route walker: every tenant endpoint, requested by a user of another tenant, answers 404 and shows
none of the other tenant's data. A new route is covered the day it is added: a URL parameter without a
factory in some area's manifest (`arg_factories`, see sleutelnet/platform/walker.py) makes this test fail.
"""
from __future__ import annotations

import pytest

from sleutelnet.platform import walker

MARKER = walker.MARKER


def _factories():
    """URL parameter -> factory(world): what the feature manifests declare (`Feature.arg_factories`, kept in
    each area's `walker.py`); a factory creates the object in tenant A and returns the value to use."""
    return walker.all_factories()


def tenant_rules(app):
    return sorted((r for r in app.url_map.iter_rules() if r.rule.startswith("/g/<tenant_slug>")),
                  key=lambda r: r.rule)


def test_every_tenant_route_has_an_argument_factory(app):
    factories = _factories()
    missing = {(r.endpoint, a) for r in tenant_rules(app) for a in r.arguments - {"tenant_slug"}
               if a not in factories}
    assert not missing, f"add arg_factories to the area's manifest (its walker.py) for: {sorted(missing)}"


def test_walker_sees_the_routes(app):
    endpoints = {r.endpoint for r in tenant_rules(app)}
    assert {"tenant.home.index", "tenant.team.index", "tenant.audit.index"} <= endpoints


def _build(app, rule, slug, values):
    with app.test_request_context():
        from flask import url_for

        return url_for(rule.endpoint, tenant_slug=slug, **values)


@pytest.mark.parametrize("as_user", ["coordinator_b", "official_b", "viewer_b"])
def test_other_tenant_user_gets_404_everywhere(app, world, login, as_user):
    values_cache = {}
    factories = _factories()
    b = login(as_user)
    failures = []
    for rule in tenant_rules(app):
        values = {}
        for arg in rule.arguments - {"tenant_slug"}:
            if arg not in values_cache:
                values_cache[arg] = factories[arg](world)
            values[arg] = values_cache[arg]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            # 1. tenant A's space, as a user of tenant B: always 404
            url = _build(app, rule, world.slugs["a"], values)
            r = b.get(url) if method == "GET" else b.post(url)
            body = r.get_data(as_text=True)
            if r.status_code != 404 or MARKER in body or "Coordinator Utrecht" in body:
                failures.append((method, url, r.status_code))
            # 2. tenant B's own space with tenant A's object ids: never A's data
            if values:
                url_b = _build(app, rule, world.slugs["b"], values)
                r = b.get(url_b) if method == "GET" else b.post(url_b)
                body = r.get_data(as_text=True)
                if r.status_code not in (400, 403, 404, 422) or MARKER in body or "Coordinator Utrecht" in body:
                    failures.append((method, url_b, r.status_code))
    assert not failures, failures


def test_anonymous_is_sent_to_login(app, world, browser):
    for rule in tenant_rules(app):
        if "GET" not in rule.methods or rule.arguments - {"tenant_slug"}:
            continue
        r = browser.get(_build(app, rule, world.slugs["a"], {}))
        assert r.status_code == 302 and "/inloggen" in r.headers["Location"], rule.rule


def test_inactive_tenant_is_unreachable_but_kept(app, world, login):
    from sleutelnet.tenants.services import set_active

    set_active(world.slugs["a"], False)
    b = login("coordinator_a")
    assert b.get(f"/g/{world.slugs['a']}/").status_code == 404
    set_active(world.slugs["a"], True)
    assert b.get(f"/g/{world.slugs['a']}/").status_code == 200
