"""Configuration from environment variables.

Everything has a laptop-friendly default (SQLite in the instance folder, no Redis, mail written to a
folder) except in production, where a default secret or encryption key refuses to start.
"""
from __future__ import annotations

import os
from datetime import timedelta

DEV_SECRET = "dev-only-secret-change-me"
# A fixed Fernet key for development and tests only; production must set DATA_ENCRYPTION_KEY.
DEV_DATA_KEY = "ZGV2LW9ubHktZGF0YS1rZXktY2hhbmdlLW1lLTAwMDA="


class ConfigError(RuntimeError):
    """Raised when the configuration is unsafe for the chosen environment."""


def _bool(value: str | None, default: bool = False) -> bool:
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def load_config(instance_path: str, overrides: dict | None = None) -> dict:
    env = os.environ
    environment = (overrides or {}).get("ENV_NAME") or env.get("SLEUTELNET_ENV", "development")
    production = environment == "production"
    sqlite_default = "sqlite:///" + os.path.join(instance_path, "sleutelnet.db")
    cfg = {
        "ENV_NAME": environment,
        "SECRET_KEY": env.get("SECRET_KEY", DEV_SECRET),
        "DATA_ENCRYPTION_KEYS": env.get("DATA_ENCRYPTION_KEY", DEV_DATA_KEY),
        "SQLALCHEMY_DATABASE_URI": env.get("DATABASE_URL", sqlite_default),
        # Migrations run as the table owner; the app itself connects as a non-owner role (RLS applies).
        "MIGRATION_DATABASE_URL": env.get("MIGRATION_DATABASE_URL") or None,
        "DB_APP_ROLE": env.get("DB_APP_ROLE", "sleutelnet_app"),
        # Citus propagates the tenant scope to its workers only as SET LOCAL statements, not as
        # set_config() calls (infra/postgresql.md, "Distributing by tenant")
        "DB_SET_LOCAL_STATEMENTS": _bool(env.get("DB_SET_LOCAL_STATEMENTS")),
        "REDIS_URL": env.get("REDIS_URL") or None,
        "MAIL_BACKEND": env.get("MAIL_BACKEND", "smtp" if production else "file"),
        "MAIL_SERVER": env.get("MAIL_SERVER", "localhost"),
        "MAIL_PORT": int(env.get("MAIL_PORT", "25")),
        "MAIL_USE_TLS": _bool(env.get("MAIL_USE_TLS"), False),
        "MAIL_USERNAME": env.get("MAIL_USERNAME") or None,
        "MAIL_PASSWORD": env.get("MAIL_PASSWORD") or None,
        "MAIL_FROM": env.get("MAIL_FROM", "Sleutelnet <no-reply@sleutelnet.example>"),
        "MAIL_FOLDER": env.get("MAIL_FOLDER", os.path.join(instance_path, "mail")),
        "BASE_URL": env.get("BASE_URL", "http://127.0.0.1:5000"),
        "SESSION_IDLE_MINUTES": int(env.get("SESSION_IDLE_MINUTES", "30")),
        "SESSION_ABSOLUTE_HOURS": int(env.get("SESSION_ABSOLUTE_HOURS", "12")),
        "LOGIN_RATE_LIMIT": env.get("LOGIN_RATE_LIMIT", "10 per minute"),
        "RATELIMIT_STORAGE_URI": env.get("REDIS_URL") or "memory://",
        "RATELIMIT_HEADERS_ENABLED": True,
        "REQUIRE_2FA_PLATFORM_ROLES": True,
        "DEMO_PASSWORD": env.get("DEMO_PASSWORD", "Sleutelnet-demo-2026"),
        # No ping per checkout (a round trip on every request): a connection that broke (a database restart)
        # fails its request once, and SQLAlchemy then drops every pooled connection of that worker.
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": _bool(env.get("DB_POOL_PRE_PING"))},
        "WTF_CSRF_TIME_LIMIT": None,  # bound to the session instead, which has its own timeouts
        "BABEL_DEFAULT_LOCALE": "nl",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Amsterdam",
        "LANGUAGES": ("nl", "en"),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": production or _bool(env.get("SESSION_COOKIE_SECURE")),
        "SESSION_COOKIE_NAME": "__Host-sleutelnet" if production else "sleutelnet",
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=int(env.get("SESSION_ABSOLUTE_HOURS", "12"))),
        # The cookie lives as long as the absolute timeout and only carries the session id; re-signing and
        # re-sending it on every response would refresh nothing the server does not decide itself.
        "SESSION_REFRESH_EACH_REQUEST": False,
        "REMEMBER_COOKIE_DURATION": timedelta(seconds=0),
        "PREFERRED_URL_SCHEME": "https" if production else "http",
        "SHOW_DEV_MAIL": not production,
        # rendered read pages of a tenant kept per process until its data changes (tenants/pages.py)
        "PAGE_CACHE": _bool(env.get("PAGE_CACHE"), True),
    }
    if overrides:
        cfg.update(overrides)
    if cfg["ENV_NAME"] == "production":
        check_production(cfg)
    return cfg


def check_production(cfg: dict) -> None:
    problems = []
    if not cfg["SECRET_KEY"] or cfg["SECRET_KEY"] == DEV_SECRET or len(cfg["SECRET_KEY"]) < 32:
        problems.append("SECRET_KEY must be set to a random value of at least 32 characters")
    if cfg["DATA_ENCRYPTION_KEYS"] == DEV_DATA_KEY:
        problems.append("DATA_ENCRYPTION_KEY must be set (Fernet key, see README)")
    if cfg["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        problems.append("DATABASE_URL must point to PostgreSQL in production")
    if problems:
        raise ConfigError("Refusing to start in production: " + "; ".join(problems))
