"""The import moves people along the pipeline through the same service as a manual status change
(issue 6, item 5): same transition rules, same audit trail."""
from __future__ import annotations

from .conftest import commit, map_and_preview, upload, xlsx_bytes


def test_paused_rows_go_through_the_pipeline_service(world, login, network_a, monkeypatch):
    from sleutelnet.blueprints.keypersons import pipeline

    calls = []
    original = pipeline.transition

    def spy(person, to_status, **kwargs):
        calls.append((person.name, to_status))
        return original(person, to_status, **kwargs)

    monkeypatch.setattr(pipeline, "transition", spy)
    coord = login("coordinator_a")
    rows = [["Bram Kok", "Gepauzeerd", "01-06-2024"], ["Noor van Dam", "Actief", "15-01-2024"]]
    upload_id = upload(coord, world, "a", xlsx_bytes(["Naam", "Status", "Status sinds"], rows), "lijst.xlsx")
    map_and_preview(coord, world, "a", upload_id)
    assert commit(coord, world, "a", upload_id).status_code == 302
    assert calls == [("Bram Kok", "paused")]
