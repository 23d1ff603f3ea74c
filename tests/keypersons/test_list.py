"""The list (filters, search, sort, pagination, empty states), the board and choosing a network."""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest

from sleutelnet.blueprints.keypersons import pipeline
from sleutelnet.blueprints.keypersons.models import KeyPerson
from sleutelnet.platform.extensions import db

ROW = re.compile(r'<th class="utrecht-table__header-cell" scope="row"><a class="utrecht-link" href="[^"]+/sleutelpersonen/(\d+)">([^<]+)</a>')


def names(response):
    assert response.status_code == 200
    return [n for _, n in ROW.findall(response.get_data(as_text=True))]


@pytest.fixture()
def data(reg, network_a):
    wijk = reg.neighbourhood("Zuidwest")
    buurt = reg.neighbourhood("Kanaleneiland", parent_id=wijk)
    other = reg.neighbourhood("Overvecht")
    mosque = reg.organisation("Moskee Al-Fath", kind="mosque")
    club = reg.organisation("VV Kanaleneiland", kind="sports_club")
    ids = {
        "amina": reg.person("Amina Abdullahi", network_id=network_a, status="active", roles=["connector"],
                            neighbourhood_id=buurt, organisation_ids=[mosque], recruitment_channel="outreach",
                            constituency="Somalische moeders"),
        "bilal": reg.person("Bilal Benali", network_id=network_a, status="intake", roles=["critic", "doer"],
                            neighbourhood_id=wijk, organisation_ids=[club], recruitment_channel="snowball"),
        "corrie": reg.person("Corrie de Boer", network_id=network_a, status="lead", roles=["representative"],
                             neighbourhood_id=other, recruitment_channel="walk_in",
                             constituency="Bewoners van de Lombokstraat"),
        "dewi": reg.person("Dewi Ramdin", network_id=network_a, status="active", roles=["connector", "doer"],
                           organisation_ids=[mosque, club], recruitment_channel="campaign"),
    }
    return {"ids": ids, "wijk": wijk, "buurt": buurt, "other": other, "mosque": mosque, "club": club}


def test_default_list_sorted_by_name(reg, login, data):
    b = login("official_a")
    assert names(b.get(reg.url("sleutelpersonen/"))) == ["Amina Abdullahi", "Bilal Benali", "Corrie de Boer",
                                                          "Dewi Ramdin"]


@pytest.mark.parametrize("query,expected", [
    ("status=active", ["Amina Abdullahi", "Dewi Ramdin"]),
    ("rol=connector", ["Amina Abdullahi", "Dewi Ramdin"]),
    ("rol=critic", ["Bilal Benali"]),
    ("kanaal=snowball", ["Bilal Benali"]),
    ("zoek=boer", ["Corrie de Boer"]),
    ("zoek=LOMBOK", ["Corrie de Boer"]),  # constituency, case-insensitive
    ("zoek=moeders", ["Amina Abdullahi"]),
    ("zoek=%25", []),  # a literal %, not a wildcard
    ("status=active&rol=doer", ["Dewi Ramdin"]),
    ("status=nonsense", ["Amina Abdullahi", "Bilal Benali", "Corrie de Boer", "Dewi Ramdin"]),  # ignored
])
def test_filters_and_search(reg, login, data, query, expected):
    b = login("official_a")
    assert names(b.get(reg.url(f"sleutelpersonen/?{query}"))) == expected


def test_neighbourhood_and_organisation_filters(reg, login, data):
    b = login("official_a")
    # a district includes its neighbourhoods
    assert names(b.get(reg.url(f"sleutelpersonen/?wijk={data['wijk']}"))) == ["Amina Abdullahi", "Bilal Benali"]
    assert names(b.get(reg.url(f"sleutelpersonen/?wijk={data['buurt']}"))) == ["Amina Abdullahi"]
    assert names(b.get(reg.url(f"sleutelpersonen/?organisatie={data['mosque']}"))) == ["Amina Abdullahi",
                                                                                        "Dewi Ramdin"]
    assert names(b.get(reg.url(f"sleutelpersonen/?organisatie={data['club']}&status=intake"))) == ["Bilal Benali"]


def test_sorting(reg, login, data):
    ids = data["ids"]
    with reg.tenant():
        base = datetime(2025, 1, 1, tzinfo=timezone.utc)
        for i, key in enumerate(("corrie", "amina", "dewi", "bilal")):
            db.session.get(KeyPerson, ids[key]).updated_at = base + timedelta(days=i)
        db.session.commit()
    b = login("official_a")
    assert names(b.get(reg.url("sleutelpersonen/?sorteer=status"))) == [
        "Corrie de Boer", "Bilal Benali", "Amina Abdullahi", "Dewi Ramdin"]
    assert names(b.get(reg.url("sleutelpersonen/?sorteer=changed"))) == [
        "Bilal Benali", "Dewi Ramdin", "Amina Abdullahi", "Corrie de Boer"]


def test_pagination_25_per_page(reg, login, network_a):
    for i in range(30):
        reg.person(f"Persoon {i:02d}", network_id=network_a)
    b = login("official_a")
    first = b.get(reg.url("sleutelpersonen/?status=lead"))
    assert names(first) == [f"Persoon {i:02d}" for i in range(25)]
    body = first.get_data(as_text=True)
    assert 'rel="next"' in body and "status=lead" in re.search(r'rel="next" href="([^"]+)"', body).group(1)
    assert names(b.get(reg.url("sleutelpersonen/?status=lead&page=2"))) == [f"Persoon {i:02d}" for i in range(25, 30)]
    assert names(b.get(reg.url("sleutelpersonen/?page=9"))) == []


def test_empty_states(reg, login, network_a):
    b = login("official_a")
    empty = b.get(reg.url("sleutelpersonen/"))
    assert empty.status_code == 200 and 'class="utrecht-table"' not in empty.get_data(as_text=True)
    reg.person("Iemand", network_id=network_a)
    none = b.get(reg.url("sleutelpersonen/?zoek=niemand")).get_data(as_text=True)
    assert 'class="utrecht-table"' not in none and "sleutelpersonen/?netwerk=" in none  # a "clear filters" link


def test_without_a_network(reg, login):
    b = login("coordinator_a")
    for path in ("sleutelpersonen/", "sleutelpersonen/bord", "sleutelpersonen/nieuw", "sleutelpersonen/aantallen"):
        r = b.get(reg.url(path))
        assert r.status_code == 200, path


def test_choosing_a_network(reg, login, network_a):
    second = reg.network("Netwerk Overvecht")
    reg.person("In het eerste netwerk", network_id=network_a)
    reg.person("In Overvecht", network_id=second)
    b = login("official_a")
    assert names(b.get(reg.url("sleutelpersonen/"))) == ["In het eerste netwerk"]
    assert names(b.get(reg.url(f"sleutelpersonen/?netwerk={second}"))) == ["In Overvecht"]
    # an unknown network id falls back to the user's current network (issue 6: remembered, no longer the
    # first network), and a page without a choice opens on it too
    assert names(b.get(reg.url("sleutelpersonen/?netwerk=999"))) == ["In Overvecht"]
    assert names(b.get(reg.url("sleutelpersonen/"))) == ["In Overvecht"]
    assert names(b.get(reg.url(f"sleutelpersonen/?netwerk={network_a}"))) == ["In het eerste netwerk"]
    board = b.get(reg.url(f"sleutelpersonen/bord?netwerk={second}")).get_data(as_text=True)
    assert "In Overvecht" in board and "In het eerste netwerk" not in board
    new = b.get(reg.url(f"sleutelpersonen/nieuw?netwerk={second}")).get_data(as_text=True)
    assert re.search(rf'<option selected value="{second}">', new)


def test_board_groups_by_status_with_counts(reg, login, data):
    with reg.tenant():
        pipeline.record_exit(reg.get(data["ids"]["dewi"]), exited_on=None, reason="no_time")
    b = login("official_a")
    body = b.get(reg.url("sleutelpersonen/bord")).get_data(as_text=True)
    sections = dict(re.findall(r'id="status-(\w+)">[^<]*<span class="sn-muted">\((\d+)\)', body))
    assert sections == {"lead": "1", "intake": "1", "active": "1", "paused": "0", "exited": "1", "returned": "0"}
    for name in ("Amina Abdullahi", "Bilal Benali", "Corrie de Boer", "Dewi Ramdin"):
        assert name in body


def test_board_columns_are_bounded_with_a_link_to_the_whole_column(reg, login, network_a):
    from sleutelnet.blueprints.keypersons.queries import BOARD_PER_COLUMN

    for i in range(BOARD_PER_COLUMN + 3):
        reg.person(f"Kandidaat {i:02d}", network_id=network_a)
    reg.person("Actief Een", network_id=network_a, status="active")
    body = login("official_a").get(reg.url("sleutelpersonen/bord")).get_data(as_text=True)
    assert f'<span class="sn-muted">({BOARD_PER_COLUMN + 3})</span>' in body  # the column's total
    shown = re.findall(r">Kandidaat (\d\d)</a>", body)
    assert shown == [f"{i:02d}" for i in range(BOARD_PER_COLUMN)]  # the first by name
    link = re.search(r'data-show-all="lead" href="([^"]+)"', body)
    assert link and "status=lead" in link.group(1) and f"netwerk={network_a}" in link.group(1)
    assert f"alle {BOARD_PER_COLUMN + 3}" in body
    assert 'data-show-all="active"' not in body and "Actief Een" in body
