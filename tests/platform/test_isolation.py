"""Route walker: every tenant endpoint, requested by a user of another tenant, answers 404 and shows
none of the other tenant's data. A new route is covered the day it is added: a URL parameter without a
factory below makes this test fail.
"""
from __future__ import annotations

import pytest

from sleutelnet.platform.extensions import db
from sleutelnet.platform.tenancy import tenant_context

MARKER = "MARKER-TENANT-A"


def _membership(world):
    from sleutelnet.tenants.models import Membership

    return db.session.scalar(db.select(Membership).filter_by(user_id=world.ids["official_a"])).id


def _invitation(world):
    from sleutelnet.blueprints.team import services

    with tenant_context(world.tenant_ids["a"]):
        return services.invite(world.tenants["a"], f"{MARKER.lower()}@example.org", "official",
                               world.users["coordinator_a"]).id


def _network(world, suffix=""):
    from sleutelnet.blueprints.network import services

    with tenant_context(world.tenant_ids["a"]):
        return services.create_network(f"Netwerk {MARKER}{suffix}")


def _network_id(world):
    with tenant_context(world.tenant_ids["a"]):  # on PostgreSQL, RLS hides the row outside the context
        return _network(world).id


def _support_entry(world):
    from datetime import date

    from sleutelnet.blueprints.network import services

    network = _network(world, " (draagvlak)")
    with tenant_context(world.tenant_ids["a"]):
        return services.add_support_entry(network, occurred_on=date(2025, 3, 1), body="other",
                                          body_detail=MARKER, involvement="informed", note=MARKER).id


def _official_link(world):
    from sleutelnet.blueprints.network import services

    network = _network(world, " (ambtenaren)")
    with tenant_context(world.tenant_ids["a"]):
        return services.link_official(network, _membership(world), portfolio=MARKER).id


def _keyperson(world, suffix=""):
    """A key person (with its own network) in tenant A; the returned object is expired: merge it in a context."""
    from sleutelnet.blueprints.keypersons import services as kp
    from sleutelnet.blueprints.network.models import Network

    with tenant_context(world.tenant_ids["a"]):
        network = Network(name=f"Sleutelpersonen {MARKER}{suffix}")
        db.session.add(network)
        db.session.flush()
        return kp.create_person({"network_id": network.id, "name": f"{MARKER} persoon{suffix}",
                                 "constituency": MARKER}, status="active", actor_id=world.ids["coordinator_a"])


def _keyperson_id(world, suffix=""):
    person = _keyperson(world, suffix)
    with tenant_context(world.tenant_ids["a"]):  # read the id inside the context (PostgreSQL RLS)
        return db.session.merge(person).id


def _successor_id(world):
    from sleutelnet.blueprints.keypersons import pipeline, services as kp

    person_id = _keyperson_id(world, " (opvolger)")
    with tenant_context(world.tenant_ids["a"]):
        exit_record = pipeline.record_exit(kp.get_person(person_id), exited_on=None, reason="no_time",
                                           successors=[(f"{MARKER} opvolger", MARKER)])
        return exit_record.successors[0].id


def _neighbourhood_id(world):
    from sleutelnet.blueprints.keypersons import reference

    with tenant_context(world.tenant_ids["a"]):
        return reference.save_neighbourhood(None, name=f"Wijk {MARKER}", parent_id=None).id


def _organisation_id(world):
    from sleutelnet.blueprints.keypersons import reference

    with tenant_context(world.tenant_ids["a"]):
        return reference.save_organisation(None, name=f"Stichting {MARKER}", kind="foundation", address=MARKER).id


def _consent_id(world):
    from datetime import date

    from sleutelnet.blueprints.privacy import consents

    person = _keyperson(world, " (toestemming)")
    with tenant_context(world.tenant_ids["a"]):
        person = db.session.merge(person)
        return consents.record_consent(person, scope="publicity", basis="consent", given_on=date(2025, 3, 1),
                                       obtained_via="written", text_version=MARKER, note=MARKER,
                                       actor_id=world.ids["coordinator_a"]).id


def _export_id(world):
    from sleutelnet.blueprints.privacy import exports

    person = _keyperson(world, " (inzage)")
    with tenant_context(world.tenant_ids["a"]):
        person = db.session.merge(person)
        return exports.request_export(person, actor_id=world.ids["coordinator_a"]).id


def _assessment_id(world):
    from datetime import date

    from sleutelnet.blueprints.disruptors import services

    person = _keyperson(world, " (stoorzender)")
    with tenant_context(world.tenant_ids["a"]):
        person = db.session.merge(person)
        return services.save_assessment(person, assessed_on=date(2025, 3, 1),
                                        levels={"ties": "clearly", "status": "none", "interest": "none"},
                                        notes={"ties": MARKER}, overall_note=MARKER,
                                        actor_id=world.ids["coordinator_a"]).id


def _upload_id(world):
    """An uploaded import file of tenant A's coordinator (kept server-side between the import steps)."""
    from sleutelnet.blueprints.transfer import storage

    content = f"Naam;Achterban\r\n{MARKER};{MARKER}\r\n".encode()
    return storage.save(world.tenant_ids["a"], world.ids["coordinator_a"], "lijst.csv", content)


# URL parameter name -> factory(world) creating an object in tenant A and returning the value to use.
ARG_FACTORIES = {
    "membership_id": _membership,
    "invitation_id": _invitation,
    "network_id": _network_id,
    "support_entry_id": _support_entry,
    "official_link_id": _official_link,
    "person_id": _keyperson_id,
    "successor_id": _successor_id,
    "neighbourhood_id": _neighbourhood_id,
    "organisation_id": _organisation_id,
    "consent_id": _consent_id,
    "export_id": _export_id,
    "assessment_id": _assessment_id,
    "upload_id": _upload_id,
}


def _factories():
    """The factories above plus those the feature manifests declare (`Feature.arg_factories`)."""
    from sleutelnet.platform.features import installed

    merged = dict(ARG_FACTORIES)
    for feature in installed():
        merged.update(feature.arg_factories)
    return merged


def tenant_rules(app):
    return sorted((r for r in app.url_map.iter_rules() if r.rule.startswith("/g/<tenant_slug>")),
                  key=lambda r: r.rule)


def test_every_tenant_route_has_an_argument_factory(app):
    factories = _factories()
    missing = {(r.endpoint, a) for r in tenant_rules(app) for a in r.arguments - {"tenant_slug"}
               if a not in factories}
    assert not missing, f"add ARG_FACTORIES entries for: {sorted(missing)}"


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
