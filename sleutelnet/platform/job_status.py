"""The small JSON answer the status page of a background job polls (static/js/job-status.js)."""
from __future__ import annotations

from flask import jsonify


def job_status_response(label, finished: bool, progress: int | None = None):
    """{"label": readable status, "finished": no longer pending or running, "progress": 0–100 or null}."""
    response = jsonify({"label": str(label), "finished": bool(finished), "progress": progress})
    response.headers["Cache-Control"] = "no-store"
    return response
