"""Contacts: recording (with validation), the list with filters, the timeline with access log, the panel."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from sleutelnet.blueprints.contacts.models import Contact, ContactPerson
from sleutelnet.blueprints.keypersons.models import KeyPersonAccess
from sleutelnet.platform.extensions import db


def _form(persons, **over):
    data = {"person_ids": [str(p) for p in persons], "contacted_on": (date.today() - timedelta(days=1)).isoformat(),
            "channel": "visit_home", "topics": ["youth", "safety"], "note": "Bezoek thuis, goed gesprek.",
            "follow_up": "", "follow_up_due": ""}
    data.update(over)
    return data


def test_official_records_a_contact_with_two_persons(setup, net, login, world):
    network, fatima, youssef = net
    b = login("official_a")
    page = b.get(setup.url(f"contactmomenten/nieuw?netwerk={network}"))
    assert page.status_code == 200 and "Fatima El Amrani" in page.get_data(as_text=True)
    response = b.post(setup.url(f"contactmomenten/nieuw?netwerk={network}"),
                      _form([fatima, youssef], follow_up="Terugbellen over de activiteit",
                            follow_up_due=(date.today() + timedelta(days=5)).isoformat()))
    assert response.status_code == 302
    with setup.tenant():
        contact = db.session.scalars(db.select(Contact)).one()
        assert contact.person_ids == [fatima, youssef]
        assert contact.topic_codes == ["youth", "safety"] and contact.channel == "visit_home"
        assert contact.note == "Bezoek thuis, goed gesprek." and contact.follow_up_open
        assert contact.recorded_by_id == world.ids["official_a"]
        # encrypted at rest
        raw = db.session.execute(db.text("SELECT note FROM contacts")).scalar()
        assert "Bezoek" not in raw
        assert db.session.scalar(db.select(db.func.count()).select_from(KeyPersonAccess)
                                 .filter_by(action="edit", person_id=fatima)) >= 1
    show = b.get(response.headers["Location"])
    assert "Bezoek thuis, goed gesprek." in show.get_data(as_text=True)


@pytest.mark.parametrize("over, field_message", [
    ({"contacted_on": (date.today() + timedelta(days=1)).isoformat()}, "toekomst"),
    ({"contacted_on": "31-02-2026"}, "geldige datum"),
    ({"contacted_on": ""}, "datum van het contact"),
    ({"channel": ""}, "Kies hoe het contact"),
    ({"channel": "pigeon"}, "Kies een van de mogelijkheden"),
    ({"person_ids": []}, "minstens één sleutelpersoon"),
    ({"follow_up": "Bellen", "follow_up_due": ""}, "wanneer de vervolgactie"),
    ({"follow_up": "", "follow_up_due": date.today().isoformat()}, "Beschrijf de vervolgactie"),
    ({"note": "x" * 2001}, "te lang"),
])
def test_invalid_input_gets_a_dutch_message(setup, net, login, over, field_message):
    network, fatima, _ = net
    b = login("coordinator_a")
    response = b.post(setup.url(f"contactmomenten/nieuw?netwerk={network}"), _form([fatima], **over))
    assert response.status_code == 422
    assert field_message in response.get_data(as_text=True)
    with setup.tenant():
        assert db.session.scalar(db.select(db.func.count()).select_from(Contact)) == 0


def test_whitespace_only_optional_texts_are_stored_as_empty(setup, net, login):
    network, fatima, _ = net
    response = login("official_a").post(setup.url(f"contactmomenten/nieuw?netwerk={network}"),
                                         _form([fatima], note="   \n ", follow_up="  "))
    assert response.status_code == 302
    with setup.tenant():
        contact = db.session.scalars(db.select(Contact)).one()
        assert contact.note is None and contact.follow_up is None and contact.follow_up_due is None


def test_persons_of_another_network_or_tenant_are_refused(setup, net, login):
    from sleutelnet.blueprints.contacts import services

    network, fatima, _ = net
    other = setup.network("Tweede netwerk")
    stranger = setup.person("Anna de Vries", other)
    elsewhere = setup.person("Piet Jansen", setup.network(key="b"), key="b")
    with setup.tenant():
        for ids in ([fatima, stranger], [elsewhere]):
            with pytest.raises(services.ContactError):
                services.record_contact({"contacted_on": date.today(), "channel": "phone"}, ids)
    b = login("coordinator_a")
    response = b.post(setup.url(f"contactmomenten/nieuw?netwerk={network}"), _form([fatima, stranger]))
    assert response.status_code == 422  # not a choice of this network's form


def test_list_filters_and_pagination(setup, net, login):
    network, fatima, youssef = net
    for i in range(27):
        setup.contact([fatima], channel="phone" if i % 3 else "online", contacted_on=date.today() - timedelta(days=i))
    setup.contact([youssef], channel="event", topics=["tension"], follow_up="Nabellen",
                  follow_up_due=date.today() - timedelta(days=2))
    b = login("official_a")
    page1 = b.get(setup.url(f"contactmomenten/?netwerk={network}")).get_data(as_text=True)
    assert "28 contactmomenten" in page1 and "Pagina 1 van 2" in page1
    assert b.get(setup.url(f"contactmomenten/?netwerk={network}&page=2")).status_code == 200
    online = b.get(setup.url(f"contactmomenten/?netwerk={network}&kanaal=online")).get_data(as_text=True)
    assert "9 contactmomenten" in online
    tension = b.get(setup.url(f"contactmomenten/?netwerk={network}&onderwerp=tension")).get_data(as_text=True)
    assert "1 contactmoment" in tension and "Youssef Bakkali" in tension
    overdue = b.get(setup.url(f"contactmomenten/?netwerk={network}&opvolging=overdue")).get_data(as_text=True)
    assert "1 contactmoment" in overdue
    none = b.get(setup.url(f"contactmomenten/?netwerk={network}&van=2001-01-01&tot=2001-02-01"))
    assert "Geen contactmomenten gevonden" in none.get_data(as_text=True)
    # nonsense in the query string is ignored, never a 500
    assert b.get(setup.url("contactmomenten/?netwerk=abc&kanaal=x&van=gisteren&page=-3")).status_code == 200


def test_empty_state(setup, net, login):
    body = login("coordinator_a").get(setup.url("contactmomenten/")).get_data(as_text=True)
    assert "Er zijn nog geen contactmomenten vastgelegd." in body


def test_timeline_shows_contacts_and_writes_the_access_log(setup, net, login, world):
    network, fatima, youssef = net
    setup.contact([fatima], contacted_on=date.today() - timedelta(days=40))
    setup.contact([fatima, youssef], contacted_on=date.today() - timedelta(days=4), channel="meeting")
    b = login("official_a")
    with setup.tenant():
        before = db.session.scalar(db.select(db.func.count()).select_from(KeyPersonAccess)
                                   .filter_by(person_id=fatima, action="view"))
    body = b.get(setup.url(f"contactmomenten/sleutelpersoon/{fatima}")).get_data(as_text=True)
    assert "Contactmomenten met Fatima El Amrani" in body
    assert body.count('href="/g/') and "Bijeenkomst" in body
    with setup.tenant():
        after = db.session.scalar(db.select(db.func.count()).select_from(KeyPersonAccess)
                                  .filter_by(person_id=fatima, action="view", user_id=world.ids["official_a"]))
    assert after == before + 1
    # the key-person page shows the panel with the last contact
    detail = b.get(setup.url(f"sleutelpersonen/{fatima}")).get_data(as_text=True)
    assert "Laatste contact" in detail and "2 contactmomenten vastgelegd" in detail


def test_official_changes_only_own_contacts_coordinator_all(setup, net, login):
    network, fatima, _ = net
    own = setup.contact([fatima], actor="official")
    theirs = setup.contact([fatima], actor="coordinator")
    b = login("official_a")
    assert b.get(setup.url(f"contactmomenten/{own}/bewerken")).status_code == 200
    assert b.get(setup.url(f"contactmomenten/{theirs}/bewerken")).status_code == 403
    assert b.post(setup.url(f"contactmomenten/{theirs}/bewerken"), _form([fatima])).status_code == 403
    assert b.get(setup.url(f"contactmomenten/{own}/verwijderen")).status_code == 403
    response = b.post(setup.url(f"contactmomenten/{own}/bewerken"), _form([fatima], channel="online"))
    assert response.status_code == 302
    with setup.tenant():
        assert db.session.get(Contact, own).channel == "online"
    c = login("coordinator_a")
    assert c.get(setup.url(f"contactmomenten/{own}/bewerken")).status_code == 200
    confirm = c.get(setup.url(f"contactmomenten/{own}/verwijderen"))
    assert confirm.status_code == 200 and "kan niet ongedaan" in confirm.get_data(as_text=True)
    assert c.post(setup.url(f"contactmomenten/{own}/verwijderen"), {}).status_code == 302
    with setup.tenant():
        assert db.session.get(Contact, own) is None
        assert db.session.scalar(db.select(db.func.count()).select_from(ContactPerson).filter_by(contact_id=own)) == 0


def test_follow_up_done_and_reopened(setup, net, login):
    network, fatima, _ = net
    cid = setup.contact([fatima], follow_up="Nabellen", follow_up_due=date.today())
    b = login("official_a")
    assert b.post(setup.url(f"contactmomenten/{cid}/opvolging"), {"done": "1"}).status_code == 302
    with setup.tenant():
        assert db.session.get(Contact, cid).follow_up_done_on == date.today()
    b.post(setup.url(f"contactmomenten/{cid}/opvolging"), {"done": "0"})
    with setup.tenant():
        db.session.expire_all()
        assert db.session.get(Contact, cid).follow_up_open
    plain = setup.contact([fatima])
    response = b.post(setup.url(f"contactmomenten/{plain}/opvolging"), {"done": "1"})
    assert response.status_code == 302  # with a message, nothing changed
    with setup.tenant():
        assert db.session.get(Contact, plain).follow_up_done_on is None


def test_counts_page_has_numbers_only(setup, net, login):
    network, fatima, _ = net
    setup.contact([fatima], note="Vertrouwelijke notitie")
    body = login("viewer_a").get(setup.url("contactmomenten/aantallen")).get_data(as_text=True)
    assert "Telefoon" in body and "Fatima" not in body and "Vertrouwelijke" not in body


def test_engagement_source_gives_last_contact(setup, net):
    from sleutelnet.blueprints.contacts.manifest import FEATURE

    network, fatima, youssef = net
    setup.contact([fatima], contacted_on=date.today() - timedelta(days=30))
    setup.contact([fatima], contacted_on=date.today() - timedelta(days=2))
    (source,) = FEATURE.engagement_sources
    with setup.tenant():
        facts = source([fatima, youssef], date.today())
        assert facts == {fatima: {"last_contact_on": date.today() - timedelta(days=2)}}
        assert source([fatima], date.today() - timedelta(days=10)) == {
            fatima: {"last_contact_on": date.today() - timedelta(days=30)}}
