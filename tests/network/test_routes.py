"""Network pages per role: coordinators edit, officials read, administrators (viewers) see the overview."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from sleutelnet.blueprints.network import services
from sleutelnet.platform.extensions import db

from .conftest import audit_actions, membership_id


def _body(r):
    return r.get_data(as_text=True)


@pytest.fixture()
def filled(world, in_a, network_a):
    """Network in tenant A with a support entry, a role and a linked official; returns the ids."""
    with in_a():
        net = services.get_network(network_a)
        entry = services.add_support_entry(net, occurred_on=date(2025, 3, 1), body="mayor", involvement="informed",
                                           note="Eerste gesprek")
        services.record_role_change(net, role="director", effective_on=date(2025, 3, 1))
        link = services.link_official(net, membership_id(world, "official_a"), "Sociaal domein")
        return {"network_id": network_a, "support_entry_id": entry.id, "official_link_id": link.id}


# --- networks ----------------------------------------------------------------------------------------

def test_empty_state_then_create_and_rename(login, url, world):
    b = login("coordinator_a")
    page = _body(b.get(url("")))
    assert "Er is nog geen netwerk." in page and "Netwerk aanmaken" in page
    r = b.post(url(""), {"name": "Netwerk Overvecht"})
    assert r.status_code == 302 and r.headers["Location"].endswith("/voorbereiding")
    overview = _body(b.get(r.headers["Location"]))
    assert "Netwerk Overvecht" in overview and "0 van 4 onderdelen afgerond" in overview
    # duplicate name: Dutch message, input kept
    r = b.post(url(""), {"name": "netwerk overvecht"})
    assert r.status_code == 422
    assert "Er bestaat al een netwerk met deze naam." in _body(r) and 'value="netwerk overvecht"' in _body(r)
    r = b.post(url(""), {"name": "  "})
    assert r.status_code == 422 and "Vul een naam in voor het netwerk." in _body(r)
    network_id = int(overview.split("/netwerken/")[1].split("/")[0])
    r = b.post(url(f"{network_id}/naam"), {"name": "Netwerk Overvecht-Noord"})
    assert r.status_code == 302
    assert "Netwerk Overvecht-Noord" in _body(b.get(url("")))
    assert audit_actions(world.tenant_ids["a"]) == ["network.create", "network.rename"]


def test_navigation_shows_networks_for_every_tenant_role(login, url, world):
    for key in ("coordinator_a", "official_a", "viewer_a"):
        page = _body(login(key).get(f"/g/{world.slugs['a']}/"))
        assert f'href="{url("")}"' in page, key


# --- §1.1 purpose ------------------------------------------------------------------------------------

def test_purpose_validation_in_dutch_keeps_input(login, url, network_a):
    b = login("coordinator_a")
    r = b.post(url(f"{network_a}/doel"), {"social_issue": "", "answer_fitting_means": "Combinatie met jongerenwerk"})
    page = _body(r)
    assert r.status_code == 422
    assert "Beschrijf het maatschappelijke vraagstuk dat het netwerk aanpakt." in page
    assert "Kies minstens één doel, of beschrijf een ander doel." in page
    assert "Combinatie met jongerenwerk" in page
    assert 'id="error-summary"' in page


def test_purpose_saved_and_shown(login, url, network_a, world, in_a):
    b = login("coordinator_a")
    page = _body(b.get(url(f"{network_a}/doel")))
    # the guide's four guiding questions, in its own words
    assert "Wat is de sociaal-maatschappelijke opgave die je wilt aanpakken met het netwerk" in page
    assert "Kunnen bestaande netwerken (deels) al aan de behoefte voldoen" in page
    assert "Voorlichting en bewustwording" in page and "Bijdragen aan effectief beleid" in page
    r = b.post(url(f"{network_a}/doel"), {
        "social_issue": "Spanningen tussen groepen", "goals": ["awareness", "de_escalation"],
        "answer_issue_policy": "a", "answer_fitting_means": "b", "answer_existing_sufficient": "c",
        "answer_relation_existing": "d", "existing_networks": "Wijkplatform"})
    assert r.status_code == 302
    page = _body(b.get(url(f"{network_a}/doel")))
    assert "Spanningen tussen groepen" in page and 'checked' in page
    with in_a():
        assert services.get_purpose(services.get_network(network_a)).goals == ["awareness", "de_escalation"]
    assert "network.purpose_saved" in audit_actions(world.tenant_ids["a"])


# --- §1.2 administrative support ---------------------------------------------------------------------

def test_support_log_add_validate_and_delete_with_confirmation(login, url, network_a, world, in_a):
    b = login("coordinator_a")
    assert "Er zijn nog geen bestuurders vastgelegd." in _body(b.get(url(f"{network_a}/draagvlak")))
    future = (date.today() + timedelta(days=3)).isoformat()
    r = b.post(url(f"{network_a}/draagvlak/logboek"), {"occurred_on": future, "body": "other",
                                                        "involvement": "", "note": "Bewaar mij"})
    page = _body(r)
    assert r.status_code == 422
    assert "De datum mag niet in de toekomst liggen." in page
    assert "Beschrijf wie is geïnformeerd of betrokken." in page
    assert "Kies hoe zij betrokken zijn." in page
    assert "Bewaar mij" in page
    r = b.post(url(f"{network_a}/draagvlak/logboek"), {"occurred_on": "gisteren", "body": "mayor",
                                                        "involvement": "informed"})
    assert r.status_code == 422 and "Vul een geldige datum in" in _body(r)
    r = b.post(url(f"{network_a}/draagvlak/logboek"), {"occurred_on": "2025-02-03", "body": "council",
                                                        "body_detail": "commissie Bestuur",
                                                        "involvement": "presented", "note": "Positief"})
    assert r.status_code == 302
    page = _body(b.get(url(f"{network_a}/draagvlak")))
    assert "Gemeenteraad: commissie Bestuur" in page and "Positief" in page
    with in_a():
        entry_id = services.support_entries(services.get_network(network_a))[0].id
    confirm = b.get(url(f"{network_a}/draagvlak/{entry_id}/verwijderen"))
    assert confirm.status_code == 200 and "Ja, verwijderen" in _body(confirm)
    with in_a():
        assert len(services.support_entries(services.get_network(network_a))) == 1  # GET changes nothing
    r = b.post(url(f"{network_a}/draagvlak/{entry_id}/verwijderen"))
    assert r.status_code == 302
    with in_a():
        assert services.support_entries(services.get_network(network_a)) == []
    assert b.get(url(f"{network_a}/draagvlak/{entry_id}/verwijderen")).status_code == 404
    r = b.post(url(f"{network_a}/draagvlak"), {"budget_moment": "budget", "budget_year": "1999", "notes": "x"})
    assert r.status_code == 422 and "Vul een jaartal in tussen 2000 en 2100." in _body(r)
    r = b.post(url(f"{network_a}/draagvlak"), {"budget_moment": "budget", "budget_year": "2026", "notes": "x"})
    assert r.status_code == 302
    assert audit_actions(world.tenant_ids["a"])[1:] == [
        "network.support_entry_added", "network.support_entry_deleted", "network.support_saved"]


# --- §1.3 frameworks and role --------------------------------------------------------------------------

VALID_FRAMEWORKS = {
    "meeting_mode": "combination", "meeting_cadence": "six_weekly", "location_types": ["house_of_worship", "library"],
    "target_size": "60", "has_core_group": "yes", "core_group_size": "12", "plenary_per_year": "2",
    "reciprocity": ["knowledge", "activity_funds"], "recruitment": "own", "scout": "Welzijnswerk",
    "ambition": "Een divers netwerk in alle wijken", "budget_eur": "50000", "hours": "16", "hours_per": "week",
}


def test_frameworks_conditional_validation_in_dutch(login, url, network_a):
    b = login("coordinator_a")
    data = dict(VALID_FRAMEWORKS, meeting_mode="periodic", meeting_cadence="", location_types=["other"],
                plenary_per_year="", recruitment="external", target_size="veel", hours_per="", reciprocity=[],
                ambition="Mijn ambitie")
    r = b.post(url(f"{network_a}/kaders"), data)
    page = _body(r)
    assert r.status_code == 422
    for message in ("Kies hoe vaak het netwerk bijeenkomt.", "Beschrijf de andere locatie.",
                    "Vul in hoeveel grote bijeenkomsten er per jaar zijn.", "Vul de naam van de externe organisatie in.",
                    "Vul een heel getal in, zonder punten, komma&#39;s of letters.",
                    "Kies of de uren per week of per maand zijn.",
                    "Kies minstens één tegenprestatie van de gemeente."):
        assert message in page, message
    assert "Mijn ambitie" in page and 'value="veel"' in page
    r = b.post(url(f"{network_a}/kaders"), {"target_size": "1"})
    page = _body(r)
    assert "Kies hoe het netwerk bijeenkomt." in page and "Vul een getal in tussen 2 en 2000." in page
    assert "Kies minstens één soort locatie." in page and "Beschrijf het ambitieniveau." in page


def test_frameworks_saved_and_role_history(login, url, network_a, world, in_a):
    b = login("coordinator_a")
    r = b.post(url(f"{network_a}/kaders"), VALID_FRAMEWORKS)
    assert r.status_code == 302
    page = _body(b.get(url(f"{network_a}/kaders")))
    assert 'value="60"' in page and "De rol van de gemeente is nog niet vastgelegd." in page
    future = (date.today() + timedelta(days=1)).isoformat()
    r = b.post(url(f"{network_a}/kaders/rol"), {"role": "", "effective_on": future})
    assert r.status_code == 422
    assert "Kies de rol van de gemeente." in _body(r) and "De datum mag niet in de toekomst liggen." in _body(r)
    assert b.post(url(f"{network_a}/kaders/rol"), {"role": "director", "effective_on": "2024-01-15"}).status_code == 302
    assert b.post(url(f"{network_a}/kaders/rol"), {"role": "facilitator", "effective_on": "2025-05-01",
                                                   "note": "Netwerk stuurt zichzelf"}).status_code == 302
    page = _body(b.get(url(f"{network_a}/kaders")))
    assert "Huidige rol: Facilitator/stimulator" in page
    assert page.index("Netwerk stuurt zichzelf") < page.index("Regisseur</td>")  # newest first
    assert "Coordinator Utrecht" in page  # who recorded it
    with in_a():
        fw = services.get_frameworks(services.get_network(network_a))
        assert fw.has_core_group is True and fw.reciprocity == ["knowledge", "activity_funds"]
    actions = audit_actions(world.tenant_ids["a"])
    assert actions.count("network.role_changed") == 2 and "network.frameworks_saved" in actions


# --- linked officials --------------------------------------------------------------------------------

def test_link_and_unlink_official(login, url, network_a, world, in_a):
    b = login("coordinator_a")
    page = _body(b.get(url(f"{network_a}/ambtenaren")))
    assert "Er zijn nog geen ambtenaren aan dit netwerk gekoppeld." in page
    assert "Viewer Utrecht" not in page  # administrators are not offered
    r = b.post(url(f"{network_a}/ambtenaren"), {"membership_id": str(membership_id(world, "viewer_a"))})
    assert r.status_code == 422 and "Kies een teamlid uit de lijst." in _body(r)
    r = b.post(url(f"{network_a}/ambtenaren"), {"membership_id": str(membership_id(world, "official_b"))})
    assert r.status_code == 422
    r = b.post(url(f"{network_a}/ambtenaren"), {"membership_id": "x"})
    assert r.status_code == 422
    r = b.post(url(f"{network_a}/ambtenaren"), {"membership_id": str(membership_id(world, "official_a")),
                                                 "portfolio": "Veiligheid"})
    assert r.status_code == 302
    page = _body(b.get(url(f"{network_a}/ambtenaren")))
    assert "Official Utrecht" in page and "Veiligheid" in page
    with in_a():
        link_id = services.linked_officials(services.get_network(network_a))[0].id
    assert "Ja, ontkoppelen" in _body(b.get(url(f"{network_a}/ambtenaren/{link_id}/ontkoppelen")))
    assert b.post(url(f"{network_a}/ambtenaren/{link_id}/ontkoppelen")).status_code == 302
    assert "Er zijn nog geen ambtenaren" in _body(b.get(url(f"{network_a}/ambtenaren")))
    assert audit_actions(world.tenant_ids["a"])[1:] == ["network.official_linked", "network.official_unlinked"]


# --- permissions ---------------------------------------------------------------------------------------

def _tenant_network_rules(app):
    return [r for r in app.url_map.iter_rules() if r.endpoint.startswith("tenant.network.")]


def _build(app, rule, slug, ids):
    from flask import url_for

    with app.test_request_context():
        return url_for(rule.endpoint, tenant_slug=slug, **{a: ids[a] for a in rule.arguments - {"tenant_slug"}})


def test_official_reads_everything_but_every_post_is_forbidden(app, login, world, filled):
    b = login("official_a")
    before = audit_actions(world.tenant_ids["a"])
    for rule in _tenant_network_rules(app):
        target = _build(app, rule, world.slugs["a"], filled)
        if "POST" in rule.methods:
            assert b.post(target, {"name": "x", "social_issue": "x"}).status_code == 403, rule.endpoint
        if "GET" in rule.methods:
            r = b.get(target)
            if rule.endpoint in ("tenant.network.rename", "tenant.network.delete_support_entry",
                                 "tenant.network.unlink_official"):
                assert r.status_code == 403, rule.endpoint
            else:
                assert r.status_code == 200, rule.endpoint
                assert "<form method=\"post\" action=\"/g/" not in _body(r), rule.endpoint  # no edit forms
    assert audit_actions(world.tenant_ids["a"]) == before
    page = _body(b.get(f"/g/{world.slugs['a']}/netwerken/{filled['network_id']}/ambtenaren"))
    assert "Official Utrecht" in page and "Je kunt dit onderdeel lezen" in page


def test_viewer_sees_overview_without_officials(app, login, world, filled):
    b = login("viewer_a")
    base = f"/g/{world.slugs['a']}/netwerken/"
    assert b.get(base).status_code == 200
    overview = b.get(f"{base}{filled['network_id']}/voorbereiding")
    page = _body(overview)
    assert overview.status_code == 200
    assert "Gekoppelde ambtenaren" in page and "Afgerond" in page
    assert "Official Utrecht" not in page
    assert f"{base}{filled['network_id']}/ambtenaren" not in page  # no links to the sections
    for section in ("doel", "draagvlak", "kaders", "ambtenaren"):
        assert b.get(f"{base}{filled['network_id']}/{section}").status_code == 403, section
    for rule in _tenant_network_rules(app):
        if "POST" in rule.methods:
            assert b.post(_build(app, rule, world.slugs["a"], filled), {}).status_code == 403, rule.endpoint


def test_ess_advisor_and_other_tenants_see_nothing(login, world, filled):
    base = f"/g/{world.slugs['a']}/netwerken/"
    r = login("ess_advisor").get(base)  # logged in for real (2FA done), but no membership: not found
    assert r.status_code == 404 and "Sleutelpersonennetwerk" not in _body(r)
    b = login("coordinator_b")
    assert b.get(f"{base}{filled['network_id']}/voorbereiding").status_code == 404
    # tenant A's ids inside tenant B's space: not found either
    assert b.get(f"/g/{world.slugs['b']}/netwerken/{filled['network_id']}/voorbereiding").status_code == 404


def test_overview_links_each_section_and_names_the_guide(login, url, filled):
    page = _body(login("coordinator_a").get(url(f"{filled['network_id']}/voorbereiding")))
    for path, ref in (("doel", "§1.1"), ("draagvlak", "§1.2"), ("kaders", "§1.3"), ("ambtenaren", "§1.3")):
        assert f'href="{url(str(filled["network_id"]) + "/" + path)}"' in page
        assert ref in page
    assert "2 van 4 onderdelen afgerond." in page  # support + officials
    assert "Nog niet begonnen" in page and "Bezig" in page  # purpose open, frameworks has a role only


def test_english_interface(login, url, network_a):
    b = login("coordinator_a")
    b.post("/taal", {"lang": "en", "next": "/"})
    page = _body(b.get(url(f"{network_a}/voorbereiding")))
    assert "Purpose and right to exist" in page and "Not started" in page
    r = b.post(url(f"{network_a}/doel"), {"social_issue": ""})
    assert "Describe the social issue the network addresses." in _body(r)


def test_finished_preparation_links_to_phase_two(login, world, in_a, network_a):
    """When every section of phase 1 is done, the overview leads on to phase 2 (register, composition)."""
    from sleutelnet.blueprints.network import status

    base = f"/g/{world.slugs['a']}"
    coord = login("coordinator_a")
    url = f"{base}/netwerken/{network_a}/voorbereiding"
    assert f"/sleutelpersonen/?netwerk={network_a}" not in _body(coord.get(url))  # not done yet
    with in_a():
        net = services.get_network(network_a)
        services.save_purpose(net, social_issue="Polarisatie", goals=["awareness"], answer_issue_policy="a",
                              answer_fitting_means="b", answer_existing_sufficient="c", answer_relation_existing="d")
        services.add_support_entry(net, occurred_on=date(2025, 2, 1), body="mayor", involvement="informed")
        services.save_frameworks(net, meeting_mode="flexible", location_types=["online"], target_size=15,
                                 has_core_group=False, reciprocity=["networks"], recruitment="own", ambition="x")
        services.record_role_change(net, role="participant", effective_on=date(2025, 2, 1))
        services.link_official(net, membership_id(world, "coordinator_a"))
        assert status.done_count(status.phase_one(net)) == 4
        db.session.commit()
    page = _body(coord.get(url))
    assert "fase 2" in page
    assert f'href="{base}/sleutelpersonen/?netwerk={network_a}"' in page
    assert f'href="{base}/samenstelling/?netwerk={network_a}"' in page
