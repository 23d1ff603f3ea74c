"""Platform job functions (feature areas keep theirs next to their services)."""
from __future__ import annotations


def flush_outbox(limit: int = 200) -> dict:
    """Periodic job (see cron_config.py): dispatch outbox rows that are still pending — Redis was down
    at commit time, or the process died between its commit and the dispatch. Runs in its own app
    context, so it works from a worker, from `rq cron` or called directly."""
    from .queues import flush
    from .execution import app_instance

    with app_instance().app_context():
        return flush(limit)


def reap_outbox() -> dict:
    """Periodic job (see cron_config.py): the recovery pass — flush, push lost jobs again, prune old
    effects (recovery.py). Every worker also runs it at start and every JOB_RECOVERY_SECONDS."""
    from .recovery import recover
    from .runtime import app_instance

    with app_instance().app_context():
        return recover()
