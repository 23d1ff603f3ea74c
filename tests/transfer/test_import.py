"""Importing a list: upload, mapping, dry run with per-row errors, all-or-nothing commit."""
from __future__ import annotations

from datetime import timedelta

from sleutelnet.blueprints.keypersons.models import (KeyPerson, KeyPersonAccess, KeyPersonStatusChange, Neighbourhood,
                                                     Organisation)
from sleutelnet.blueprints.transfer import importing, storage
from sleutelnet.blueprints.transfer.models import TransferUpload
from sleutelnet.platform.audit import AuditEvent
from sleutelnet.platform.extensions import db
from sleutelnet.platform.models import utcnow
from sleutelnet.platform.tenancy import tenant_context

from .conftest import (DUTCH_HEADERS, commit, count_persons, csv_bytes, map_and_preview, people_rows, proposed, upload,
                       url, xlsx_bytes)


def _audit(world, key, action):
    with tenant_context(world.tenant_ids[key]):
        return db.session.scalars(db.select(AuditEvent).filter_by(action=action)).all()


def test_acceptance_sixty_people_from_dutch_excel(world, login, network_a):
    """A semicolon-separated Excel export of 60 people with two bad rows: the preview shows both errors
    with their row numbers and nothing is imported; after fixing the file, the commit imports all 60."""
    coord = login("coordinator_a")
    rows = people_rows(60)
    rows[11][1] = "fatima.at.voorbeeld.nl"  # spreadsheet row 13: invalid e-mail
    rows[40][5] = "Baas"                    # spreadsheet row 42: unknown role
    upload_id = upload(coord, world, "a", csv_bytes(DUTCH_HEADERS, rows), "Sleutelpersonen.csv")

    mapping = proposed(coord, world, "a", upload_id)
    assert mapping == {"kolom_0": "name", "kolom_1": "email", "kolom_2": "phone", "kolom_3": "neighbourhood",
                       "kolom_4": "organisations", "kolom_5": "roles", "kolom_6": "recruitment_channel",
                       "kolom_7": "status", "kolom_8": "constituency", "kolom_9": "known_to_municipality",
                       "kolom_10": "languages"}
    page = map_and_preview(coord, world, "a", upload_id).get_data(as_text=True)
    assert "Rij 13" in page and "“fatima.at.voorbeeld.nl” is geen geldig e-mailadres." in page
    assert "Rij 42" in page and "Onbekende waarde “Baas”" in page
    assert "E-mailadres" in page and "Rol(len)" in page  # the column as the file calls it
    assert "vastleggen" not in page  # no commit button while there are errors
    assert "José Brontë" in page  # é from Windows-1252 read correctly
    # committing anyway is refused, and nothing was written by the dry run
    r = commit(coord, world, "a", upload_id)
    assert r.status_code == 302 and r.headers["Location"].endswith("/controleren")
    assert count_persons(world, "a") == 0
    with tenant_context(world.tenant_ids["a"]):
        assert db.session.scalar(db.select(db.func.count(Neighbourhood.id))) == 0

    rows[11][1], rows[40][5] = "fatima@voorbeeld.nl", "Verbinder"
    fixed = upload(coord, world, "a", csv_bytes(DUTCH_HEADERS, rows), "Sleutelpersonen.csv")
    page = map_and_preview(coord, world, "a", fixed).get_data(as_text=True)
    assert "60 sleutelpersonen importeren" in page
    r = commit(coord, world, "a", fixed)
    assert r.status_code == 302 and "/sleutelpersonen/taken/" in r.headers["Location"]
    assert count_persons(world, "a") == 60  # the job ran after the request (inline: no Redis in the tests)
    done = coord.get(r.headers["Location"]).get_data(as_text=True)
    assert "60 sleutelpersonen zijn geïmporteerd." in done and "0 rijen overgeslagen." in done
    assert "4 wijken toegevoegd aan uw lijsten" in done and "3 organisaties toegevoegd aan uw lijsten" in done
    assert "http-equiv=\"refresh\"" not in done  # finished: no more reloading
    with tenant_context(world.tenant_ids["a"]):
        people = db.session.scalars(db.select(KeyPerson)).all()
        changes = db.session.scalars(db.select(KeyPersonStatusChange)).all()
        assert len(changes) == 60 and all(c.from_status is None for c in changes)
        assert {p.status for p in people} == {"active", "lead", "intake"}
        jose = next(p for p in people if p.name == "José Brontë")
        assert jose.email == "persoon0@voorbeeld.nl" and jose.neighbourhood.name == "Centrum"
        assert [o.name for o in jose.organisations] == ["Moskee Ulu"] and jose.role_codes == ["connector"]
        assert jose.known_to_municipality is False and jose.languages == "Nederlands, Arabisch"
        both = next(p for p in people if p.email == "persoon4@voorbeeld.nl")
        assert both.role_codes == ["connector", "representative"] and both.recruitment_channel is None
        assert db.session.scalar(db.select(db.func.count(Neighbourhood.id))) == 4
        assert db.session.scalar(db.select(db.func.count(Organisation.id))) == 3
        assert db.session.scalar(db.select(db.func.count(KeyPersonAccess.id)).filter_by(action="edit")) == 60
    events = _audit(world, "a", "transfer.import")
    assert len(events) == 1 and events[0].detail.startswith("count=60 ")
    assert events[0].actor_id == world.ids["coordinator_a"]
    assert len(_audit(world, "a", "keyperson.created")) == 60
    # the upload is gone after the import
    assert coord.get(url(world, "a", f"import/{fixed}/controleren")).status_code == 404


def test_failure_mid_commit_stores_nothing(world, login, network_a, monkeypatch):
    coord = login("coordinator_a")
    upload_id = upload(coord, world, "a", csv_bytes(DUTCH_HEADERS, people_rows(60)))
    assert "60 sleutelpersonen importeren" in map_and_preview(coord, world, "a", upload_id).get_data(as_text=True)
    real, calls = importing.create_person, []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == 31:
            raise RuntimeError("disk full")
        return real(*args, **kwargs)

    monkeypatch.setattr(importing, "create_person", failing)
    r = commit(coord, world, "a", upload_id)
    assert r.status_code == 302 and len(calls) == 31
    page = coord.get(r.headers["Location"]).get_data(as_text=True)
    assert "Het importeren is mislukt en er is niets opgeslagen" in page and "Mislukt" in page
    assert count_persons(world, "a") == 0
    with tenant_context(world.tenant_ids["a"]):
        assert db.session.scalar(db.select(db.func.count(Neighbourhood.id))) == 0
        assert db.session.scalar(db.select(db.func.count(Organisation.id))) == 0
        assert db.session.scalar(db.select(db.func.count(KeyPersonStatusChange.id))) == 0
    assert _audit(world, "a", "transfer.import") == [] and _audit(world, "a", "keyperson.created") == []
    # the file is kept: after the problem is solved the same upload can be imported
    monkeypatch.setattr(importing, "create_person", real)
    assert commit(coord, world, "a", upload_id).status_code == 302
    assert count_persons(world, "a") == 60


def test_simultaneous_commit_of_the_same_file_imports_once(world, login, network_a):
    """A double click (or a second tab) while the job waits for a worker reaches the same job; the job run
    twice (a redelivered or duplicated RQ job) imports once."""
    import fakeredis

    from sleutelnet.blueprints.transfer import jobs
    from sleutelnet.blueprints.transfer.models import TransferJob
    from sleutelnet.workers import queues
    from sleutelnet.workers.execution import execute

    coord = login("coordinator_a")
    upload_id = upload(coord, world, "a", csv_bytes(DUTCH_HEADERS, people_rows(5)))
    map_and_preview(coord, world, "a", upload_id)
    queues.set_redis_connection(fakeredis.FakeStrictRedis())  # a worker somewhere else: nothing runs inline
    try:
        first, second = commit(coord, world, "a", upload_id), commit(coord, world, "a", upload_id)
    finally:
        queues.set_redis_connection(None)
    assert first.headers["Location"] == second.headers["Location"]
    page = coord.get(first.headers["Location"]).get_data(as_text=True)
    assert "Wacht op verwerking" in page and '<meta http-equiv="refresh" content="3">' in page
    assert count_persons(world, "a") == 0
    tenant = world.tenant_ids["a"]
    with tenant_context(tenant):
        [job] = db.session.scalars(db.select(TransferJob)).all()
        job_id = job.id
    # as a worker runs it (workers.execution: the tenant's context, one unit of work)
    assert execute(jobs.IMPORT_JOB, {"job_id": job_id, "tenant_id": tenant}) == "done"
    assert execute(jobs.IMPORT_JOB, {"job_id": job_id, "tenant_id": tenant}) == "already-done"
    assert count_persons(world, "a") == 5
    with tenant_context(tenant):
        job = db.session.get(TransferJob, job_id, populate_existing=True)
        assert job.status == "done" and job.attempts == 1 and job.result["imported"] == 5
    assert len(_audit(world, "a", "transfer.import")) == 1
    assert coord.get(url(world, "a", f"import/{upload_id}/controleren")).status_code == 404  # the upload is gone


def test_unknown_neighbourhood_needs_the_explicit_checkbox(world, login, network_a):
    coord = login("coordinator_a")
    with tenant_context(world.tenant_ids["a"]):
        from sleutelnet.blueprints.keypersons import reference

        reference.save_neighbourhood(None, name="Centrum", parent_id=None)
        reference.save_organisation(None, name="Moskee Ulu", kind="mosque")
    upload_id = upload(coord, world, "a", csv_bytes(DUTCH_HEADERS, people_rows(8)))
    page = map_and_preview(coord, world, "a", upload_id, create_missing=False).get_data(as_text=True)
    assert "Onbekende wijk “Overvecht”" in page and "Onbekende organisatie “Sportclub Élan”" in page
    assert "Centrum" not in page.split("Fouten per rij")[1].split("</table>")[0]  # known wijk: no error
    page = map_and_preview(coord, world, "a", upload_id, create_missing=True).get_data(as_text=True)
    assert "Wordt toegevoegd aan uw lijsten" in page and "Onbekende wijk" not in page
    assert "Wijken: Overvecht, Kanaleneiland, Leidsche Rijn" in page
    assert commit(coord, world, "a", upload_id).status_code == 302
    with tenant_context(world.tenant_ids["a"]):
        assert sorted(db.session.scalars(db.select(Neighbourhood.name))) == [
            "Centrum", "Kanaleneiland", "Leidsche Rijn", "Overvecht"]
    assert len(_audit(world, "a", "neighbourhood.created")) == 4  # 1 by hand, 3 by the import


def test_duplicate_emails_in_file_and_register(world, login, network_a):
    from sleutelnet.blueprints.keypersons import services

    with tenant_context(world.tenant_ids["a"]):
        services.create_person({"network_id": network_a, "name": "Bestaand", "email": "Persoon3@Voorbeeld.nl"})
    coord = login("coordinator_a")
    rows = people_rows(6)
    rows[5][1] = "PERSOON1@voorbeeld.nl"
    upload_id = upload(coord, world, "a", csv_bytes(DUTCH_HEADERS, rows))
    page = map_and_preview(coord, world, "a", upload_id).get_data(as_text=True)
    assert "Rij 7" in page and "Dit e-mailadres staat ook in rij 3 van dit bestand." in page
    assert "Rij 5" in page and "Er staat al een sleutelpersoon met dit e-mailadres in het register." in page


def test_row_level_checks(world, login, network_a):
    coord = login("coordinator_a")
    headers = ["Voornaam", "Achternaam", "Telefoon", "Status", "Kanaal", "Kerngroep", "Status sinds",
               "Aangebracht door"]
    rows = [
        ["", "", "06 12345678", "Actief", "", "", "", ""],              # 2: name missing
        ["Ali", "Bakker", "bel me", "Vertrokken", "", "", "", ""],      # 3: phone, status that cannot be imported
        ["Sara", "de Wit", "", "Baas", "Telepathie", "misschien", "", ""],  # 4: status, channel, yes/no
        ["Tom", "Jansen", "", "", "", "", "31-13-2024", "Niemand Bekend"],  # 5: date, unknown referrer
        ["Eva", "Smit", "", "Gepauzeerd", "sneeuwbal", "ja", "01-02-2030", "Tom Jansen"],  # 6: future date
    ]
    upload_id = upload(coord, world, "a", csv_bytes(headers, rows, encoding="utf-8"))
    page = map_and_preview(coord, world, "a", upload_id).get_data(as_text=True)
    for expected in ("De naam ontbreekt.", "“bel me” is geen geldig telefoonnummer.",
                     "kunnen niet worden geïmporteerd", "Onbekende waarde “Baas”", "Onbekende waarde “Telepathie”",
                     "Vul ja of nee in (gevonden: “misschien”).", "“31-13-2024” is geen datum.",
                     "Er staat niemand met de naam “Niemand Bekend”", "De datum mag niet in de toekomst liggen"):
        assert expected in page, expected
    for n in (2, 3, 4, 5, 6):
        assert f"Rij {n}" in page
    assert count_persons(world, "a") == 0


def test_xlsx_with_split_names_paused_status_and_referrals(world, login, network_a):
    coord = login("coordinator_a")
    headers = ["Voornaam", "Tussenvoegsel", "Achternaam", "E-mail", "Status", "Status sinds", "Aangedragen door",
               "Rol"]
    rows = [["Noor", "van", "Dam", "noor@voorbeeld.nl", "Actief", "15-01-2024", "", "verbinder"],
            ["Bram", None, "Kok", "bram@voorbeeld.nl", "Gepauzeerd", "01-06-2024", "Noor van Dam", "doener"],
            ["Lina", None, "Haddou", None, "Kandidaat", None, "Bram Kok", None]]
    upload_id = upload(coord, world, "a", xlsx_bytes(headers, rows), "lijst.xlsx")
    page = map_and_preview(coord, world, "a", upload_id).get_data(as_text=True)
    assert "3 sleutelpersonen importeren" in page
    assert commit(coord, world, "a", upload_id).status_code == 302
    with tenant_context(world.tenant_ids["a"]):
        people = {p.name: p for p in db.session.scalars(db.select(KeyPerson))}
        assert set(people) == {"Noor van Dam", "Bram Kok", "Lina Haddou"}
        bram = people["Bram Kok"]
        assert bram.status == "paused" and str(bram.status_since) == "2024-06-01"
        assert [(c.from_status, c.to_status) for c in bram.status_changes] == [("active", "paused"), (None, "active")]
        assert bram.referred_by_id == people["Noor van Dam"].id and people["Lina Haddou"].referred_by_id == bram.id
        assert people["Lina Haddou"].status == "lead"


def test_referral_circle_is_an_error(world, login, network_a):
    coord = login("coordinator_a")
    rows = [["Anna", "Bert"], ["Bert", "Anna"], ["Cor", "Cor"]]
    upload_id = upload(coord, world, "a", csv_bytes(["Naam", "Aangebracht door"], rows, encoding="utf-8"))
    page = map_and_preview(coord, world, "a", upload_id).get_data(as_text=True)
    assert page.count("Deze verwijzingen vormen een kring") == 2
    assert "Rij 4" in page


def test_mapping_can_be_changed_and_name_is_required(world, login, network_a):
    coord = login("coordinator_a")
    upload_id = upload(coord, world, "a", csv_bytes(DUTCH_HEADERS, people_rows(3)))
    target = url(world, "a", f"import/{upload_id}/koppelen")
    r = coord.post(target, {"kolom_0": "", "kolom_1": "email", "default_status": "active"})
    assert r.status_code == 422 and "Kies in welke kolom de naam staat" in r.get_data(as_text=True)
    r = coord.post(target, {"kolom_0": "name", "kolom_1": "email", "kolom_2": "email", "default_status": "lead"})
    assert r.status_code == 422 and "is al gekozen voor kolom" in r.get_data(as_text=True)
    r = coord.post(target, {"kolom_0": "name", "default_status": "lead"})
    assert r.status_code == 302
    page = coord.get(url(world, "a", f"import/{upload_id}/controleren")).get_data(as_text=True)
    assert "3 sleutelpersonen importeren" in page
    assert commit(coord, world, "a", upload_id).status_code == 302
    with tenant_context(world.tenant_ids["a"]):
        assert {(p.status, p.email) for p in db.session.scalars(db.select(KeyPerson))} == {("lead", "")}


def test_upload_errors(app, world, login, network_a):
    coord = login("coordinator_a")
    r = upload(coord, world, "a", b"\xd0\xcf\x11\xe0" + b"\x00" * 64, "oud.xls", expect=422)
    assert "oud Excel-bestand (.xls)" in r.get_data(as_text=True)
    r = upload(coord, world, "a", b"Naam\r\nx\r\n", "foto.png", expect=422)
    assert "Upload een CSV-bestand of een Excel-werkmap" in r.get_data(as_text=True)
    app.config["TRANSFER_MAX_UPLOAD_BYTES"] = 1024 * 1024
    try:
        big = csv_bytes(["Naam", "Achterban"], [[f"p{i}", "x" * 300] for i in range(4000)])
        r = upload(coord, world, "a", big, "groot.csv", expect=422)
        assert "Het bestand is te groot: maximaal 1 MB" in r.get_data(as_text=True)
    finally:
        app.config.pop("TRANSFER_MAX_UPLOAD_BYTES")
    r = coord.post(url(world, "a", "import"), {})
    assert r.status_code == 422 and "Kies een bestand om te uploaden." in r.get_data(as_text=True)


def test_upload_is_kept_encrypted_per_tenant_and_user_and_expires(app, world, login, network_a):
    coord = login("coordinator_a")
    content = csv_bytes(DUTCH_HEADERS, people_rows(2))
    upload_id = upload(coord, world, "a", content)
    with tenant_context(world.tenant_ids["a"]):
        stored = db.session.scalar(db.select(TransferUpload.payload).filter_by(token=upload_id))
    assert b"Bront" not in stored and b"voorbeeld.nl" not in stored  # encrypted at rest
    with tenant_context(world.tenant_ids["a"]):
        assert storage.load_data(world.tenant_ids["a"], upload_id) == content
        assert storage.load_meta(world.tenant_ids["a"], upload_id, world.ids["coordinator_a"])["size"] == len(content)
    # only the uploader, only in this tenant
    for tenant, user in ((world.tenant_ids["a"], world.ids["official_a"]),
                         (world.tenant_ids["b"], world.ids["coordinator_a"])):
        with tenant_context(tenant):
            try:
                storage.load_meta(tenant, upload_id, user)
                raise AssertionError("another user or tenant could use the upload")
            except LookupError:
                pass
    assert storage.valid_id("../../etc/passwd") is False
    assert coord.get(url(world, "a", "import/..%2F..%2Fx/controleren")).status_code == 404
    # discard: confirmation page, then the POST deletes the file
    page = coord.get(url(world, "a", f"import/{upload_id}/verwijderen"))
    assert page.status_code == 200 and "Ja, verwijder het bestand" in page.get_data(as_text=True)
    assert coord.post(url(world, "a", f"import/{upload_id}/verwijderen")).status_code == 302
    assert _uploads(world, "a") == []
    # after 24 hours an upload is gone: unusable at once, deleted by the next visit
    old = upload(coord, world, "a", content)
    fresh = upload(coord, world, "a", content)
    _age(world, "a", old, hours=25)
    assert coord.get(url(world, "a", f"import/{old}/koppelen")).status_code == 404
    assert _uploads(world, "a") == [fresh]
    assert coord.get(url(world, "a", f"import/{fresh}/koppelen")).status_code == 200


def _uploads(world, key):
    with tenant_context(world.tenant_ids[key]):
        return db.session.scalars(db.select(TransferUpload.token).order_by(TransferUpload.id)).all()


def _age(world, key, token, hours):
    with tenant_context(world.tenant_ids[key]):
        db.session.execute(db.update(TransferUpload).filter_by(token=token)
                           .values(created_at=utcnow() - timedelta(hours=hours)))
        db.session.commit()


def test_scheduled_purge_removes_expired_uploads_choices_and_export_files_of_every_tenant(world, login, network_a,
                                                                                          network_b):
    from sleutelnet.blueprints.transfer import jobs
    from sleutelnet.blueprints.transfer.models import TransferChoices, TransferJob

    content = csv_bytes(["Naam"], [["Jan"]], encoding="utf-8")
    old_a = upload(login("coordinator_a"), world, "a", content)
    old_b = upload(login("coordinator_b"), world, "b", content)
    kept_b = upload(login("coordinator_b"), world, "b", content)
    _age(world, "a", old_a, hours=25)
    _age(world, "b", old_b, hours=25)
    with tenant_context(world.tenant_ids["a"]):
        storage.save_choices(world.tenant_ids["a"], world.ids["coordinator_a"], {"columns": {}, "options": {}})
        db.session.execute(db.update(TransferChoices).values(updated_at=utcnow() - timedelta(hours=25)))
        done = TransferJob(kind="export", status="done", requested_by_id=world.ids["coordinator_a"], payload=b"x",
                           finished_at=utcnow() - timedelta(hours=25))
        db.session.add(done)
        db.session.commit()
        done_id = done.id
    assert jobs.purge_expired_all() == 4
    assert _uploads(world, "a") == [] and _uploads(world, "b") == [kept_b]
    with tenant_context(world.tenant_ids["a"]):
        assert storage.load_choices(world.tenant_ids["a"], world.ids["coordinator_a"]) == {}
        assert db.session.scalar(db.select(db.func.count(TransferChoices.id))) == 0
        job = db.session.get(TransferJob, done_id, populate_existing=True)
        assert job.status == "expired" and job.payload is None


def test_import_into_a_tenant_without_network_creates_the_default(world, login):
    coord = login("coordinator_b")
    upload_id = upload(coord, world, "b", csv_bytes(["Naam"], [["Jan"], ["Piet"]], encoding="utf-8"))
    page = map_and_preview(coord, world, "b", upload_id).get_data(as_text=True)
    assert "Een nieuw netwerk voor deze gemeente" in page
    assert commit(coord, world, "b", upload_id).status_code == 302
    from sleutelnet.blueprints.network.models import Network

    with tenant_context(world.tenant_ids["b"]):
        assert db.session.scalars(db.select(Network.name)).all() == ["Sleutelpersonennetwerk Zwolle"]
    assert count_persons(world, "b") == 2 and count_persons(world, "a") == 0


def test_the_purge_is_scheduled_hourly():
    import fakeredis
    from rq.cron import CronScheduler

    from sleutelnet.blueprints.transfer.jobs import purge_expired_all

    scheduler = CronScheduler(connection=fakeredis.FakeStrictRedis(), logging_level="WARNING")
    scheduler.load_config_from_file("sleutelnet.workers.cron_config")
    [job] = [j for j in scheduler.get_jobs() if j.func is purge_expired_all]
    assert job.queue_name == "default" and job.cron == "17 * * * *" and job.job_options["job_timeout"]
