"""Route-walker factories of import and export (see platform/walker.py)."""
from __future__ import annotations

from ...platform.walker import MARKER


def upload_id(world):
    """An uploaded import file of tenant A's coordinator (kept server-side between the import steps)."""
    from . import storage

    content = f"Naam;Achterban\r\n{MARKER};{MARKER}\r\n".encode()
    return storage.save(world.tenant_ids["a"], world.ids["coordinator_a"], "lijst.csv", content)


ARG_FACTORIES = {"upload_id": upload_id}
