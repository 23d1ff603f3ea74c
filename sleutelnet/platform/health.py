"""`/healthz`: database, Redis, rate limiter and job backlog as JSON, for load balancers and monitoring.

503 only when the database is unreachable (this process cannot serve anything). Without Redis every page
still works — rate limits fall back to per-process counters and jobs wait in the outbox — so the answer
is 200 with `"status": "degraded"`: a load balancer keeps the process, monitoring sees the degradation.
"""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify
from sqlalchemy import text

from .extensions import db, limiter

health_bp = Blueprint("health", __name__)


def check_database() -> str:
    try:
        db.session.execute(text("SELECT 1"))
        db.session.rollback()
        return "ok"
    except Exception:  # noqa: BLE001 - any failure means unhealthy
        db.session.rollback()
        return "error"


def check_redis() -> str:
    from ..workers.queues import redis_connection, redis_enabled

    if not redis_enabled():
        return "not-configured"
    try:
        redis_connection().ping()
        return "ok"
    except Exception:  # noqa: BLE001
        return "error"


def check_rate_limits(redis_state: str) -> str:
    """Where the login rate-limit counters live now: `redis`, `memory` (no Redis configured) or
    `memory-fallback` (Redis configured but unreachable: counters are per process until it is back)."""
    uri = str(current_app.config.get("RATELIMIT_STORAGE_URI") or "memory://")
    if uri.startswith("memory"):
        return "memory"
    if getattr(limiter, "_storage_dead", False) or redis_state == "error":
        return "memory-fallback"
    return "redis"


def outbox_backlog() -> dict:
    """Jobs waiting for Redis and jobs given up on (both counts use the status index)."""
    from ..workers.queues import status_counts

    counts = status_counts(("pending", "failed"))
    db.session.rollback()
    return counts


@health_bp.get("/healthz")
def healthz():
    status = {"database": check_database(), "redis": check_redis()}
    if status["database"] != "ok":
        status["status"] = "error"
        return jsonify(status), 503
    status["rate_limits"] = check_rate_limits(status["redis"])
    status["jobs"] = outbox_backlog()
    degraded = status["redis"] == "error" or status["rate_limits"] == "memory-fallback"
    status["status"] = "degraded" if degraded else "ok"
    return jsonify(status), 200
