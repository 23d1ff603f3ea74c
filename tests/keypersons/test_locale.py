"""Locale done right (issue 10, item 6): Dutch collation of names, counts with ngettext, stored system texts
in the reader's language, dates and times per locale in Europe/Amsterdam."""
from __future__ import annotations

import re
from datetime import datetime, timezone

from sleutelnet.blueprints.keypersons.models import KeyPerson, KeyPersonStatusChange
from sleutelnet.platform.extensions import db

from .test_list import names

DUTCH_ORDER = ["Bakker", "Çelik", "Dekker", "Élodie Smit", "Ng", "Öztürk", "Peters", "Zwart"]


def _in(browser, language):
    browser.post("/taal", {"lang": language, "next": "/"})
    return browser


def test_names_sort_with_their_base_letter_in_lists_pickers_and_exports(reg, network_a, login):
    for name in ("Zwart", "Öztürk", "Peters", "Çelik", "Ng", "Bakker", "Élodie Smit", "Dekker"):
        reg.person(name, network_id=network_a)
    coord = login("coordinator_a")
    assert names(coord.get(reg.url("sleutelpersonen/"))) == DUTCH_ORDER  # the paginated list: sorted in SQL
    with reg.tenant():
        from sleutelnet.blueprints.keypersons import queries, services

        assert [name for _id, name in services.person_choices()] == DUTCH_ORDER  # the "referred by" picker
        board = queries.board(network_a)
        assert [row.name for row in board["lead"].people] == DUTCH_ORDER
        # the stored key follows every change of the name
        person = db.session.scalar(db.select(KeyPerson).filter_by(name="Zwart"))
        person.name = "Çağlar"
        db.session.commit()
        assert db.session.scalar(db.select(KeyPerson.sort_name).filter_by(id=person.id)) == "caglar"
    job_page = coord.post(reg.url("sleutelpersonen/export"), {"format": "csv"}).headers["Location"]  # a job
    export = coord.get(job_page + "/bestand").get_data().decode("utf-8-sig")
    order = [line.split(";")[0].strip('"') for line in export.splitlines()[1:]]
    assert order == ["Bakker", "Çağlar", "Çelik", "Dekker", "Élodie Smit", "Ng", "Öztürk", "Peters"]


def test_counts_use_singular_and_plural_in_both_languages(reg, network_a, login):
    coord = login("coordinator_a")
    reg.organisation("Moskee Ulu")
    page = coord.get(reg.url("organisaties/")).get_data(as_text=True)
    assert "1 organisatie<" in page
    assert "1 organisation<" in _in(coord, "en").get(reg.url("organisaties/")).get_data(as_text=True)
    reg.organisation("Sportclub Élan")
    assert "2 organisations<" in coord.get(reg.url("organisaties/")).get_data(as_text=True)
    assert "2 organisaties<" in _in(coord, "nl").get(reg.url("organisaties/")).get_data(as_text=True)
    reg.person("Bakker", network_id=network_a)
    caption = re.compile(r"\s*(1 sleutelpersoon of kandidaat|1 key person or candidate)\s*</caption>")
    assert caption.search(coord.get(reg.url("sleutelpersonen/")).get_data(as_text=True))
    assert caption.search(_in(coord, "en").get(reg.url("sleutelpersonen/")).get_data(as_text=True))


def test_stored_system_texts_are_shown_in_the_readers_language(reg, network_a, login, world):
    from sleutelnet.blueprints.keypersons import pipeline
    from sleutelnet.blueprints.privacy import erasure

    erased = reg.person("Fatima El Amrani", network_id=network_a, status="active")
    imported = reg.person("Bram Kok", network_id=network_a, status="active")
    with reg.tenant():
        # a status change an import recorded in words (before the reason became a code)
        db.session.add(KeyPersonStatusChange(person_id=imported, changed_on=datetime(2025, 1, 6).date(),
                                             from_status="active", to_status="active",
                                             reason="Geïmporteerd uit een bestand"))
        person = db.session.get(KeyPerson, erased)
        pipeline.record_exit(person, exited_on=None, reason="no_time", actor_id=world.ids["coordinator_a"])
        erasure.erase_person(erased, actor_id=world.ids["coordinator_a"])
        assert db.session.get(KeyPerson, erased).name == f"Geanonimiseerd #{erased}"  # stored the same always
    coord = login("coordinator_a")
    listing = f"{reg.url('sleutelpersonen/')}?status=exited"
    assert f"Geanonimiseerd #{erased}" in names(coord.get(listing))
    detail = coord.get(reg.url(f"sleutelpersonen/{imported}")).get_data(as_text=True)
    assert "Geïmporteerd uit een bestand" in detail
    _in(coord, "en")
    assert f"Anonymised #{erased}" in names(coord.get(listing))
    detail = coord.get(reg.url(f"sleutelpersonen/{imported}")).get_data(as_text=True)
    assert "Imported from a file" in detail and "Geïmporteerd" not in detail
    from sleutelnet.blueprints.keypersons import services
    from sleutelnet.platform.i18n import in_language

    with reg.tenant(), in_language("en"):  # the "referred by" picker, built in Python
        assert (erased, f"Anonymised #{erased}") in services.person_choices()


def test_dates_and_times_per_locale_in_amsterdam_time(reg, network_a, login, world):
    from sleutelnet.platform.audit import AuditEvent

    with reg.tenant():
        db.session.add(AuditEvent(tenant_id=world.tenant_ids["a"], actor_id=world.ids["coordinator_a"],
                                  action="keyperson.created", object_type="keyperson", object_id="1", result="ok",
                                  origin="web", at=datetime(2026, 11, 29, 15, 8, tzinfo=timezone.utc)))
        db.session.commit()
    coord = login("coordinator_a")
    dutch = coord.get(reg.url("auditlog/")).get_data(as_text=True)
    assert "29 nov 2026 16:08" in dutch
    english = _in(coord, "en").get(reg.url("auditlog/")).get_data(as_text=True)
    assert "29 Nov 2026, 16:08" in english
    for page in (dutch, english):
        assert "Nov 29, 2026" not in page and "4:08 PM" not in page and "16:08:00" not in page


def test_jobs_writing_for_an_english_reader_use_british_formats(app):
    from flask_babel import format_date

    from sleutelnet.platform.i18n import format_datetime, in_language

    with app.test_request_context():
        with in_language("en"):
            assert format_date(datetime(2026, 11, 29), "medium") == "29 Nov 2026"
            assert format_datetime(datetime(2026, 11, 29, 15, 8, tzinfo=timezone.utc)) == "29 Nov 2026, 16:08"
        with in_language("nl"):
            assert format_datetime(datetime(2026, 11, 29, 15, 8, tzinfo=timezone.utc)) == "29 nov 2026 16:08"
