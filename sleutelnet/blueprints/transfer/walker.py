"""Route-walker factories of import and export (see platform/walker.py)."""
from __future__ import annotations

from ...platform.walker import MARKER


def upload_id(world):
    """An uploaded import file of tenant A's coordinator (kept server-side between the import steps)."""
    from ...platform.extensions import db
    from ...platform.walker import in_tenant_a
    from . import storage

    content = f"Naam;Achterban\r\n{MARKER};{MARKER}\r\n".encode()
    with in_tenant_a(world):
        token = storage.save(world.tenant_ids["a"], world.ids["coordinator_a"], "lijst.csv", content)
        db.session.commit()
    return token


def job_id(world):
    """A finished export of tenant A's coordinator, its file ready for download."""
    import json

    from ...platform.crypto import key_ring
    from ...platform.extensions import db
    from ...platform.models import utcnow
    from ...platform.walker import in_tenant_a
    from .models import DONE, EXPORT, TransferJob

    with in_tenant_a(world):
        job = TransferJob(kind=EXPORT, status=DONE, requested_by_id=world.ids["coordinator_a"],
                          options_json=json.dumps({"format": "csv", "columns": ["name"]}),
                          result_json=json.dumps({"count": 1}), payload=key_ring().encrypt(f"Naam\r\n{MARKER}\r\n".encode()),
                          filename=f"{MARKER}.csv", mimetype="text/csv; charset=utf-8", size=20, finished_at=utcnow())
        db.session.add(job)
        db.session.commit()
        return job.id


ARG_FACTORIES = {"upload_id": upload_id, "job_id": job_id}
