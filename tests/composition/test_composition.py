"""The composition report: roles, balance warnings (default and own targets), special-category handling."""
from __future__ import annotations

from flask_babel import force_locale

from sleutelnet.blueprints.composition import services, targets
from sleutelnet.blueprints.network.models import Network
from sleutelnet.platform.extensions import db
from sleutelnet.platform.tenancy import tenant_context

ALL_ROLES = ["connector", "representative", "doer", "critic"]


def _report(world, net_id, include_special=True):
    with tenant_context(world.tenant_ids["a"]), force_locale("en"):
        network = db.session.get(Network, net_id)
        return services.composition_report(network, include_special=include_special)


def _messages(report):
    return [w.message for w in report.warnings]


def _dim(report, code):
    return next(d for d in report.dimensions if d.code == code)


def _balanced(people, n=8, **kwargs):
    """n active persons spread evenly over the categories of every plain dimension."""
    ages = ["under_25", "25_40", "40_65", "65_plus"]
    for i in range(n):
        people.make(f"P{i}", roles=[ALL_ROLES[i % 4]], age_group=ages[i % 4],
                    helping_profession=["with", "without"][i % 2], education=["theoretical", "practical"][i % 2],
                    known=bool(i % 2), **kwargs)


def test_missing_role_is_flagged(world, people):
    for i in range(6):
        people.make(f"P{i}", roles=["connector", "representative"] if i % 2 else ["doer"])
    report = _report(world, people.network_id)
    missing = [r.code for r in report.roles if r.missing]
    assert missing == ["critic"]
    assert any("Constructive critic" in m and "Role missing" in m for m in _messages(report))
    assert not any("Connector" in m for m in _messages(report))


def test_inactive_persons_do_not_count(world, people):
    people.make("Kritisch maar gestopt", roles=["critic"], status="exited")
    people.make("Kritische kandidaat", roles=["critic"], status="lead")
    _balanced(people, 4)
    report = _report(world, people.network_id)
    assert report.active_total == 4
    critic = next(r for r in report.roles if r.code == "critic")
    assert critic.count == 1  # only the balanced set's active critic


def test_balanced_network_has_no_warnings(world, people):
    _balanced(people, 8)
    report = _report(world, people.network_id, include_special=False)
    assert report.warnings == []
    assert all(not d.out_of_balance for d in report.dimensions)


def test_default_limit_flags_a_dominant_group(world, people):
    _balanced(people, 4)
    for i in range(8):
        people.make(f"Jong {i}", roles=["connector"], age_group="under_25")
    report = _report(world, people.network_id, include_special=False)
    age = _dim(report, "age_group")
    assert age.out_of_balance
    under_25 = next(r for r in age.rows if r.code == "under_25")
    assert under_25.out and round(under_25.share) == 75 and under_25.limit == 70
    assert any("Under 25" in m and "75%" in m for m in _messages(report))
    assert not _dim(report, "education").out_of_balance  # only recorded for the balanced four: 50/50


def test_own_target_with_tolerance(world, people):
    _balanced(people, 8)  # education 50/50
    with tenant_context(world.tenant_ids["a"]):
        targets.save(people.network_id, roles={},
                     dims={"education": ({"theoretical": 70, "practical": 30}, 10)}, actor_id=None)
    report = _report(world, people.network_id, include_special=False)
    edu = _dim(report, "education")
    assert edu.out_of_balance and not edu.default
    assert [r.out for r in edu.rows] == [True, True]  # 50 vs 70±10 and 50 vs 30±10
    assert any("the target is 70%" in m for m in _messages(report))
    # within the tolerance: not flagged
    with tenant_context(world.tenant_ids["a"]):
        targets.save(people.network_id, roles={},
                     dims={"education": ({"theoretical": 55, "practical": 45}, 10)}, actor_id=None)
    report = _report(world, people.network_id, include_special=False)
    assert not _dim(report, "education").out_of_balance
    # own targets replace the 70% default for that dimension only
    assert _dim(report, "age_group").default


def test_role_minimums_by_number_and_share(world, people):
    _balanced(people, 8)  # two of each role
    with tenant_context(world.tenant_ids["a"]):
        targets.save(people.network_id, roles={"connector": (3, None), "doer": (None, 50), "critic": (0, None)},
                     dims={}, actor_id=None)
    report = _report(world, people.network_id, include_special=False)
    rows = {r.code: r for r in report.roles}
    assert rows["connector"].below and rows["connector"].required == 3
    assert rows["doer"].below and rows["doer"].required == 4
    assert not rows["representative"].below  # still the default: at least one
    assert not rows["critic"].below
    assert any("Connector" in m and "at least 3" in m for m in _messages(report))


def test_migration_background_only_when_asked_and_suppressed(world, people):
    for i in range(3):
        people.make(f"M{i}", roles=ALL_ROLES, migration="with")
    for i in range(9):
        people.make(f"Z{i}", roles=ALL_ROLES, migration="without")
    people.make("Geen toestemming", roles=ALL_ROLES)
    official_view = _report(world, people.network_id, include_special=False)
    assert "migration_background" not in [d.code for d in official_view.dimensions]

    report = _report(world, people.network_id, include_special=True)
    mig = _dim(report, "migration_background")
    cells = {r.code: r.cell for r in mig.rows}
    assert cells["with"].small and cells["with"].value is None
    assert mig.not_recorded.cell.small  # 1 without consent
    assert cells["without"].hidden  # complementary: total 13 would otherwise reveal the others
    assert all(r.share is None for r in mig.rows) and mig.recorded is None and not mig.shares_shown
    # 3 of 12 (25%) with: not above the 70% default, but "without" is 75%: flagged without numbers
    assert mig.out_of_balance
    message = next(m for m in _messages(report) if "migration background" in m)
    assert "%" not in message and "3" not in message and "9" not in message


def test_no_active_persons_gives_one_notice(world, people):
    people.make("Kandidaat", status="lead")
    report = _report(world, people.network_id)
    assert report.warnings == [] and report.active_total == 0
    assert len(report.notices) == 1


def test_neighbourhood_and_organisation_coverage(world, people):
    from sleutelnet.blueprints.keypersons.models import Neighbourhood, Organisation

    with tenant_context(world.tenant_ids["a"]):
        north, south, west = Neighbourhood(name="Noord"), Neighbourhood(name="Zuid"), Neighbourhood(name="West")
        db.session.add_all([north, south, west])
        db.session.flush()
        buurt = Neighbourhood(name="Noord-Oost", parent_id=north.id)
        mosque, church, club = (Organisation(name="Moskee", kind="mosque"), Organisation(name="Kerk", kind="church"),
                                Organisation(name="Club", kind="sports_club"))
        db.session.add_all([buurt, mosque, church, club])
        db.session.commit()
        ids = (north.id, buurt.id, mosque.id, church.id, south.id)
    people.make("Vertrokken uit Zuid", roles=ALL_ROLES, status="exited", neighbourhood_id=ids[4])  # its area
    people.make("A", roles=ALL_ROLES, neighbourhood_id=ids[0], organisation_ids=[ids[2]])
    people.make("B", roles=ALL_ROLES, neighbourhood_id=ids[1], organisation_ids=[ids[2], ids[3]])
    people.make("C", roles=ALL_ROLES)
    report = _report(world, people.network_id)
    districts = {d.name: d for d in report.neighbourhoods.districts}
    assert districts["Noord"].persons == 2 and districts["Noord"].parts == 1 and districts["Noord"].parts_covered == 1
    assert districts["Zuid"].persons == 0 and districts["West"].persons == 0
    # West: the network never had anyone there, so it is not its area and no gap to warn about
    assert [d.name for d in report.neighbourhoods.uncovered] == ["Zuid"]
    assert report.neighbourhoods.not_recorded == 1
    assert any("Zuid" in m for m in _messages(report)) and not any("West" in m for m in _messages(report))
    orgs = {o.kind: o for o in report.organisations}
    assert (orgs["mosque"].organisations, orgs["mosque"].represented, orgs["mosque"].persons) == (1, 1, 2)
    assert (orgs["church"].represented, orgs["church"].persons) == (1, 1)
    assert (orgs["sports_club"].organisations, orgs["sports_club"].represented) == (1, 0)


def test_a_dimension_without_data_says_so(world, people, login):
    """Nobody's migration background recorded (or no consent): "no data recorded", not "within targets"."""
    _balanced(people, 8)
    report = _report(world, people.network_id)
    migration = next(d for d in report.dimensions if d.special)
    assert not migration.has_data and not migration.out_of_balance
    assert all(d.has_data for d in report.dimensions if not d.special)
    assert any("migration background" in n.message and "not assessed" in n.message for n in report.notices)
    page = login("coordinator_a").get(f"/g/{world.slugs['a']}/samenstelling/?netwerk={people.network_id}")
    body = page.get_data(as_text=True)
    assert "Beoordeling: geen gegevens vastgelegd." in body and "Beoordeling: binnen de doelen." not in body
    assert "elke groep met vastgelegde gegevens" in body

    people.make("Met toestemming", roles=["doer"], migration="with")
    report = _report(world, people.network_id)
    assert next(d for d in report.dimensions if d.special).has_data
    assert not any("not assessed" in n.message for n in report.notices)
