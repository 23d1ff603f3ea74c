"""Who may do what: coordinators everything, officials the register and pipeline, administrators
(viewers) only counts without names, ESS advisors nothing."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from sleutelnet.blueprints.keypersons import pipeline
from sleutelnet.platform.policy import TENANT_ROLES, Permission, Role, grants_for

NAME = "Noura Ouali"


@pytest.fixture()
def setup(reg, network_a):
    pid = reg.person(NAME, network_id=network_a, status="active")
    with reg.tenant():
        successor = pipeline.record_exit(reg.get(pid), exited_on=None, reason="personal",
                                         successors=[("Selin Demir", "")]).successors[0].id
    return {"pid": pid, "successor": successor, "nb": reg.neighbourhood("Overvecht"),
            "org": reg.organisation("Stichting Buurtvaders")}


def _pages(s):
    p = s["pid"]
    return {
        "list": "sleutelpersonen/",
        "board": "sleutelpersonen/bord",
        "counts": "sleutelpersonen/aantallen",
        "new": "sleutelpersonen/nieuw",
        "detail": f"sleutelpersonen/{p}",
        "edit": f"sleutelpersonen/{p}/bewerken",
        "status": f"sleutelpersonen/{p}/status",
        "intake": f"sleutelpersonen/{p}/kennismaking",
        "access": f"sleutelpersonen/{p}/inzage",
        "neighbourhoods": "wijken/",
        "neighbourhood_new": "wijken/nieuw",
        "neighbourhood_edit": f"wijken/{s['nb']}/bewerken",
        "neighbourhood_delete": f"wijken/{s['nb']}/verwijderen",
        "organisations": "organisaties/",
        "organisation_new": "organisaties/nieuw",
        "organisation_edit": f"organisaties/{s['org']}/bewerken",
        "organisation_delete": f"organisaties/{s['org']}/verwijderen",
    }


EXPECTED = {
    "coordinator": {name: 200 for name in (
        "list", "board", "counts", "new", "detail", "edit", "status", "intake", "access", "neighbourhoods",
        "neighbourhood_new", "neighbourhood_edit", "neighbourhood_delete", "organisations", "organisation_new",
        "organisation_edit", "organisation_delete")},
    "official": {"list": 200, "board": 200, "counts": 200, "new": 200, "detail": 200, "edit": 200, "status": 200,
                 "intake": 302, "access": 403, "neighbourhoods": 403, "neighbourhood_new": 403,
                 "neighbourhood_edit": 403, "neighbourhood_delete": 403, "organisations": 403,
                 "organisation_new": 403, "organisation_edit": 403, "organisation_delete": 403},
    "viewer": {"counts": 200},
}
# the person has left: the intake page sends everyone back to the person
EXPECTED["coordinator"]["intake"] = 302


@pytest.mark.parametrize("role", ["coordinator", "official", "viewer"])
def test_access_per_role(reg, login, setup, role):
    b = login(f"{role}_a")
    failures = []
    for name, path in _pages(setup).items():
        want = EXPECTED[role].get(name, 403)
        got = b.get(reg.url(path)).status_code
        if got != want:
            failures.append((name, want, got))
    assert not failures, failures


def test_viewer_sees_counts_but_never_a_name(reg, login, setup):
    b = login("viewer_a")
    page = b.get(reg.url("sleutelpersonen/aantallen")).get_data(as_text=True)
    assert NAME not in page and "Selin Demir" not in page
    assert ">1<" in page  # one person who left
    nav = b.get(reg.url("")).get_data(as_text=True)
    assert "sleutelpersonen/aantallen" in nav and f'href="{reg.url("sleutelpersonen/")}"' not in nav


def test_viewer_cannot_change_anything(reg, login, setup):
    b = login("viewer_a")
    p = setup["pid"]
    for path in ("sleutelpersonen/nieuw", f"sleutelpersonen/{p}/bewerken", f"sleutelpersonen/{p}/status",
                 f"sleutelpersonen/{p}/uitstroom", f"sleutelpersonen/{p}/opvolgers/{setup['successor']}/toevoegen",
                 "wijken/nieuw", "organisaties/nieuw"):
        assert b.post(reg.url(path), {"name": "X"}).status_code == 403, path


def test_ess_advisor_and_other_tenants_get_nothing(reg, login, setup):
    for who in ("ess_advisor", "coordinator_b"):
        b = login(who)
        for path in _pages(setup).values():
            r = b.get(reg.url(path))
            # the ESS advisor is fully logged in (two-factor done) but no member: not found
            assert r.status_code == 404 and NAME not in r.get_data(as_text=True), (who, path)


def test_official_works_the_pipeline(reg, login, network_a):
    pid = reg.person("Omar Tahiri", network_id=network_a)
    day = lambda n: (date.today() - timedelta(days=n)).isoformat()  # noqa: E731
    b = login("official_a")
    r = b.post(reg.url(f"sleutelpersonen/{pid}/kennismaking"),
               {"held_on": day(20), "motivation_assessment": "strong", "expectations_discussed": "y"})
    assert r.status_code == 302
    r = b.post(reg.url(f"sleutelpersonen/{pid}/status"), {"to_status": "active", "changed_on": day(10)})
    assert r.status_code == 302
    r = b.post(reg.url(f"sleutelpersonen/{pid}/uitstroom"),
               {"exited_on": day(1), "reason": "disappointment", "interview_held": "y",
                "successors": "Zeynep Kaya - kent de vrouwengroep\nDaan Mulder", "create_leads": "y"})
    assert r.status_code == 302
    with reg.tenant():
        person = reg.get(pid, full=True)
        assert person.status == "exited"
        assert [c.to_status for c in reversed(person.status_changes)] == ["lead", "intake", "active", "exited"]
        assert {(s.name, s.note) for s in person.exits[0].successors} == {
            ("Zeynep Kaya", "kent de vrouwengroep"), ("Daan Mulder", "")}
        assert all(s.lead_id for s in person.exits[0].successors)
        assert sorted(p.name for p in person.referrals) == ["Daan Mulder", "Zeynep Kaya"]


def test_one_click_successor_route(reg, login, setup):
    b = login("official_a")
    r = b.post(reg.url(f"sleutelpersonen/{setup['pid']}/opvolgers/{setup['successor']}/toevoegen"))
    assert r.status_code == 302
    with reg.tenant():
        lead = reg.get(setup["pid"], full=True).referrals[0]
        assert (lead.name, lead.status, lead.recruitment_channel) == ("Selin Demir", "lead", "snowball")
        assert r.headers["Location"].endswith(f"/sleutelpersonen/{lead.id}")
    # a successor id that does not belong to this person's exits is not found
    other = reg.person("Ander", network_id=reg.network("Tweede netwerk"))
    assert b.post(reg.url(f"sleutelpersonen/{other}/opvolgers/{setup['successor']}/toevoegen")).status_code == 404


def test_grants_match_the_brief():
    grants = {role: {p for p in perms if p.name in {
        "VIEW_KEYPERSONS", "EDIT_KEYPERSONS", "VIEW_SPECIAL_CATEGORY", "VIEW_KEYPERSON_ACCESS_LOG",
        "VIEW_KEYPERSON_COUNTS", "MANAGE_REFERENCE_LISTS"}} for role, perms in ((r, grants_for(r)) for r in TENANT_ROLES)}
    assert grants[Role.COORDINATOR] == {Permission.VIEW_KEYPERSONS, Permission.EDIT_KEYPERSONS,
                                        Permission.VIEW_SPECIAL_CATEGORY, Permission.VIEW_KEYPERSON_ACCESS_LOG,
                                        Permission.VIEW_KEYPERSON_COUNTS, Permission.MANAGE_REFERENCE_LISTS}
    assert grants[Role.OFFICIAL] == {Permission.VIEW_KEYPERSONS, Permission.EDIT_KEYPERSONS,
                                     Permission.VIEW_KEYPERSON_COUNTS}
    assert grants[Role.VIEWER] == {Permission.VIEW_KEYPERSON_COUNTS}
