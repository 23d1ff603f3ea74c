"""`/healthz`: database and Redis status as JSON, for load balancers and monitoring."""
from __future__ import annotations

from flask import Blueprint, jsonify
from sqlalchemy import text

from .extensions import db

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


@health_bp.get("/healthz")
def healthz():
    status = {"database": check_database(), "redis": check_redis()}
    healthy = status["database"] == "ok" and status["redis"] != "error"
    status["status"] = "ok" if healthy else "degraded"
    return jsonify(status), 200 if healthy else 503
