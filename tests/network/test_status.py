"""Phase-1 progress: when each section counts as done, in progress or not started."""
from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from sleutelnet.blueprints.network import services, status

from .conftest import membership_id

ANSWERS = dict(answer_issue_policy="a", answer_fitting_means="b", answer_existing_sufficient="c",
               answer_relation_existing="d")


def _purpose(**kw):
    base = dict(social_issue="", goals=[], goals_other="", answer_issue_policy="", answer_fitting_means="",
                answer_existing_sufficient="", answer_relation_existing="")
    base.update(kw)
    return SimpleNamespace(**base)


def _fw(**kw):
    base = dict(meeting_mode="periodic", meeting_cadence="monthly", location_types=["library"], target_size=20,
                has_core_group=False, plenary_per_year=None, reciprocity=["knowledge"], recruitment="own",
                ambition="Realistisch")
    base.update(kw)
    return SimpleNamespace(**base)


def _state(fn, *args):
    missing, started = fn(*args)
    return status._state(missing, started), [str(m) for m in missing]


def test_purpose_done_needs_issue_a_goal_and_all_four_answers():
    assert _state(status.purpose_missing, None)[0] == status.OPEN
    assert _state(status.purpose_missing, _purpose(social_issue="x", goals=["policy"], **ANSWERS))[0] == status.DONE
    # another goal in free text counts as a goal
    assert _state(status.purpose_missing, _purpose(social_issue="x", goals_other="eigen doel", **ANSWERS))[0] == status.DONE
    state, missing = _state(status.purpose_missing, _purpose(social_issue="x", goals=["policy"],
                                                             answer_issue_policy="a", answer_fitting_means=" "))
    assert state == status.IN_PROGRESS
    assert len(missing) == 1 and "3" in missing[0]
    state, missing = _state(status.purpose_missing, _purpose(goals=["policy"], **ANSWERS))
    assert state == status.IN_PROGRESS and len(missing) == 1


def test_support_done_needs_a_log_entry():
    assert _state(status.support_missing, None, 0)[0] == status.OPEN
    notes = SimpleNamespace(budget_moment="budget", notes="")
    assert _state(status.support_missing, notes, 0)[0] == status.IN_PROGRESS
    assert _state(status.support_missing, None, 1)[0] == status.DONE


def test_frameworks_done_needs_required_answers_and_a_role():
    role = SimpleNamespace(role="director")
    assert _state(status.frameworks_missing, None, None)[0] == status.OPEN
    assert _state(status.frameworks_missing, _fw(), role)[0] == status.DONE
    assert _state(status.frameworks_missing, _fw(meeting_mode="flexible", meeting_cadence=None), role)[0] == status.DONE
    state, missing = _state(status.frameworks_missing, _fw(), None)
    assert state == status.IN_PROGRESS and len(missing) == 1
    assert _state(status.frameworks_missing, None, role)[0] == status.IN_PROGRESS
    for broken in (dict(meeting_cadence=None), dict(location_types=[]), dict(target_size=None),
                   dict(has_core_group=None), dict(has_core_group=True, plenary_per_year=None),
                   dict(reciprocity=[]), dict(recruitment=None), dict(ambition="  ")):
        state, missing = _state(status.frameworks_missing, _fw(**broken), role)
        assert state == status.IN_PROGRESS and len(missing) == 1, broken


def test_officials_done_needs_one_linked_official():
    assert _state(status.officials_missing, 0)[0] == status.OPEN
    assert _state(status.officials_missing, 2)[0] == status.DONE


def test_phase_one_from_the_database(world, in_a, network_a):
    with in_a():
        net = services.get_network(network_a)
        sections = status.phase_one(net)
        assert [s.key for s in sections] == ["purpose", "support", "frameworks", "officials"]
        assert [s.guide_ref for s in sections] == ["§1.1", "§1.2", "§1.3", "§1.3"]
        assert [s.state for s in sections] == [status.OPEN] * 4 and status.done_count(sections) == 0

        services.save_purpose(net, social_issue="Polarisatie", goals=["awareness"], **ANSWERS)
        services.add_support_entry(net, occurred_on=date(2025, 2, 1), body="mayor", involvement="informed")
        services.save_frameworks(net, meeting_mode="flexible", location_types=["online"], target_size=15,
                                 has_core_group=False, reciprocity=["networks"], recruitment="own", ambition="x")
        sections = status.phase_one(net)
        assert [s.state for s in sections] == [status.DONE, status.DONE, status.IN_PROGRESS, status.OPEN]

        services.record_role_change(net, role="participant", effective_on=date(2025, 2, 1))
        services.link_official(net, membership_id(world, "coordinator_a"))
        sections = status.phase_one(net)
        assert all(s.done for s in sections) and status.done_count(sections) == 4
