"""Route-walker factory: a post of tenant A visible only in A's province (Utrecht), so a user of tenant B
(Zwolle, Overijssel) must get 404 for it, in A's space and in B's own."""
from __future__ import annotations

MARKER = "MARKER-TENANT-A"


def post_id(world) -> int:
    from ...platform.extensions import db
    from . import services

    post = services.create_post(world.tenants["a"], world.ids["coordinator_a"], kind="worked",
                                title=f"Ervaring {MARKER}", body=f"Tekst {MARKER}", tags=["1.1"],
                                visibility="province", author_mode="municipality")
    db.session.commit()
    return post.id


ARG_FACTORIES = {"post_id": post_id}
