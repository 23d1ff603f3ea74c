"""A flusher process for the concurrency fault test: waits for a common start time (FAULT_START, epoch
seconds), then runs `queues.flush()` — what `flask outbox flush` runs — until nothing is pending."""
from __future__ import annotations

import os
import time

from sleutelnet.platform.app import create_app
from sleutelnet.platform.extensions import db
from sleutelnet.workers.queues import flush, pending_count

if __name__ == "__main__":
    app = create_app()
    with app.app_context():
        time.sleep(max(0.0, float(os.environ["FAULT_START"]) - time.time()))
        deadline, total = time.monotonic() + 20, 0
        while time.monotonic() < deadline:
            total += flush(limit=5)["dispatched"]
            db.session.commit()
            if not pending_count():
                break
        print(f"FLUSHER dispatched {total}", flush=True)
