"""Network services: networks, purpose, support log, frameworks, role history, linked officials, audit."""
from __future__ import annotations

from datetime import date

import pytest

from sleutelnet.blueprints.network import services
from sleutelnet.blueprints.network.models import NetworkOfficial, SupportEntry
from sleutelnet.platform.kernel import find
from sleutelnet.platform.extensions import db
from sleutelnet.platform.tenancy import TenantContextError, tenant_context

from .conftest import audit_actions, membership_id


def _net(network_id):
    return services.get_network(network_id)


def test_networks_are_created_listed_and_renamed_per_tenant(world, in_a):
    with in_a():
        first = services.create_network("Netwerk Overvecht")
        services.create_network("Netwerk Kanaleneiland")
        assert [n.name for n in services.list_networks()] == ["Netwerk Kanaleneiland", "Netwerk Overvecht"]
        services.rename_network(first, "Netwerk Overvecht-Noord")
        first_id = first.id  # read in A's context: on PostgreSQL, RLS hides the row from B
        assert services.get_network(first_id).name == "Netwerk Overvecht-Noord"
    # another municipality may use the same name and does not see tenant A's networks
    with tenant_context(world.tenant_ids["b"]):
        assert services.list_networks() == []
        services.create_network("Netwerk Overvecht")
        with pytest.raises(LookupError):
            services.get_network(first_id)
    assert audit_actions(world.tenant_ids["a"]) == ["network.create", "network.create", "network.rename"]


def test_network_names_are_unique_within_a_tenant_case_insensitively(world, in_a):
    with in_a():
        services.create_network("Netwerk Zuid")
        other = services.create_network("Netwerk Noord")
        with pytest.raises(services.NetworkError, match="bestaat al|already exists"):
            services.create_network("netwerk zuid")
        with pytest.raises(services.NetworkError):
            services.rename_network(other, "NETWERK ZUID")
        services.rename_network(other, "Netwerk Noord")  # unchanged name: allowed, nothing audited
    assert audit_actions(world.tenant_ids["a"]).count("network.rename") == 0


def test_tenant_owned_setup_cannot_be_used_without_a_tenant(world, network_a):
    with pytest.raises(TenantContextError):
        services.list_networks()


def test_purpose_keeps_known_goal_codes_in_guide_order(world, in_a, network_a):
    with in_a():
        purpose = services.save_purpose(_net(network_a), social_issue="  Spanningen in de wijk  ",
                                        goals=["policy", "nonsense", "awareness", "policy"])
        assert purpose.goals == ["awareness", "policy"]
        assert purpose.social_issue == "Spanningen in de wijk"
        # saving again updates the same row
        services.save_purpose(_net(network_a), social_issue="Polarisatie", goals=["de_escalation"])
        assert services.get_purpose(_net(network_a)).goals == ["de_escalation"]
        from sleutelnet.blueprints.network.models import NetworkPurpose
        assert db.session.scalar(db.select(db.func.count()).select_from(NetworkPurpose)) == 1
    assert audit_actions(world.tenant_ids["a"])[-2:] == ["network.purpose_saved", "network.purpose_saved"]


def test_support_log_newest_first_and_delete(world, in_a, network_a):
    with in_a():
        net = _net(network_a)
        old = services.add_support_entry(net, occurred_on=date(2024, 5, 1), body="mayor", involvement="informed")
        new = services.add_support_entry(net, occurred_on=date(2025, 1, 10), body="council",
                                         body_detail="commissie Bestuur", involvement="presented")
        assert [e.id for e in services.support_entries(net)] == [new.id, old.id]
        with pytest.raises(services.NetworkError):
            services.add_support_entry(net, occurred_on=date(2025, 1, 1), body="king", involvement="informed")
        services.delete_support_entry(find(SupportEntry, id=old.id, network_id=net.id))
        assert [e.id for e in services.support_entries(net)] == [new.id]
        with pytest.raises(LookupError):
            find(SupportEntry, id=old.id, network_id=net.id)
        services.save_support(net, budget_moment="budget", budget_year=2026, notes="Raadsbrief in oktober")
        assert services.get_support(net).budget_moment == "budget"
    assert audit_actions(world.tenant_ids["a"])[1:] == [
        "network.support_entry_added", "network.support_entry_added", "network.support_entry_deleted",
        "network.support_saved"]


def test_frameworks_drop_answers_that_no_longer_apply(world, in_a, network_a):
    with in_a():
        net = _net(network_a)
        fw = services.save_frameworks(net, meeting_mode="periodic", meeting_cadence="monthly",
                                      location_types=["library", "bogus", "town_hall"], target_size=40,
                                      has_core_group=True, core_group_size=8, plenary_per_year=2,
                                      reciprocity=["knowledge"], recruitment="external",
                                      recruitment_partner="Bureau X", ambition="Bescheiden", hours=8,
                                      hours_per="week", budget_eur="")
        assert fw.location_types == ["town_hall", "library"]
        assert fw.budget_eur is None
        fw = services.save_frameworks(net, meeting_mode="flexible", meeting_cadence="monthly",
                                      has_core_group=False, core_group_size=8, plenary_per_year=2,
                                      recruitment="own", recruitment_partner="Bureau X", hours=None,
                                      hours_per="week")
        assert (fw.meeting_cadence, fw.core_group_size, fw.plenary_per_year) == (None, None, None)
        assert fw.recruitment_partner == "" and fw.hours_per is None
        assert fw.target_size == 40  # fields not given are kept
    assert audit_actions(world.tenant_ids["a"]).count("network.frameworks_saved") == 2


def test_role_history_is_ordered_by_date_then_recording_order(world, in_a, network_a):
    with in_a():
        net = _net(network_a)
        assert services.current_role(net) is None
        a = services.record_role_change(net, role="director", effective_on=date(2024, 1, 1))
        c = services.record_role_change(net, role="participant", effective_on=date(2025, 6, 1))
        # recorded later, but effective earlier: a correction of the past, not the current role
        b = services.record_role_change(net, role="facilitator", effective_on=date(2024, 9, 1),
                                        user_id=world.ids["coordinator_a"], note="Meer zelfsturing")
        d = services.record_role_change(net, role="facilitator", effective_on=date(2025, 6, 1))
        assert [r.id for r in services.role_history(net)] == [d.id, c.id, b.id, a.id]
        assert services.current_role(net).id == d.id
        assert b.recorder.id == world.ids["coordinator_a"]
        with pytest.raises(services.NetworkError):
            services.record_role_change(net, role="king", effective_on=date(2025, 1, 1))
    from sleutelnet.platform.audit import AuditEvent
    with in_a():
        details = [e.detail for e in db.session.scalars(
            db.select(AuditEvent).filter_by(action="network.role_changed").order_by(AuditEvent.id))]
    assert details == ["-->director", "director->participant", "participant->facilitator",
                       "participant->facilitator"]


def test_linking_officials(world, in_a, network_a):
    with in_a():
        net = _net(network_a)
        candidates = {m.user_id for m in services.candidate_members(net)}
        # coordinators and officials of this tenant; administrators (viewers) and other tenants are not offered
        assert candidates == {world.ids["coordinator_a"], world.ids["official_a"]}
        link = services.link_official(net, membership_id(world, "official_a"), " Sociaal domein ")
        assert link.portfolio == "Sociaal domein"
        assert {m.user_id for m in services.candidate_members(net)} == {world.ids["coordinator_a"]}
        assert services.official_count(net) == 1
        with pytest.raises(services.NetworkError):
            services.link_official(net, membership_id(world, "official_a"))  # twice
        with pytest.raises(services.NetworkError):
            services.link_official(net, membership_id(world, "viewer_a"))
        with pytest.raises(services.NetworkError):
            services.link_official(net, membership_id(world, "official_b"))  # another municipality
        with pytest.raises(services.NetworkError):
            services.link_official(net, 999999)
        services.unlink_official(find(NetworkOfficial, id=link.id, network_id=net.id))
        assert services.linked_officials(net) == []
    assert audit_actions(world.tenant_ids["a"])[1:] == ["network.official_linked", "network.official_unlinked"]


def test_audit_detail_holds_no_personal_data(world, in_a, network_a):
    from sleutelnet.platform.audit import AuditEvent

    with in_a():
        net = _net(network_a)
        services.add_support_entry(net, occurred_on=date(2025, 1, 1), body="alderman",
                                   body_detail="wethouder Jansen", involvement="informed", note="Gesprek met Jansen")
        services.link_official(net, membership_id(world, "official_a"), "Veiligheid")
        details = " ".join(e.detail or "" for e in db.session.scalars(db.select(AuditEvent)))
    assert "Jansen" not in details and "Official" not in details and "Veiligheid" not in details
