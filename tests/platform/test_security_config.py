"""Security headers, CSRF, cookie flags, production config, /healthz, error pages."""
from __future__ import annotations

import pytest

from sleutelnet.platform.app import create_app
from sleutelnet.platform.config import ConfigError


def test_security_headers_on_every_page(browser):
    r = browser.get("/inloggen")
    h = r.headers
    assert "default-src 'self'" in h["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in h["Content-Security-Policy"]
    assert h["X-Content-Type-Options"] == "nosniff"
    assert h["X-Frame-Options"] == "DENY"
    assert h["Cache-Control"] == "no-store"


def test_post_without_csrf_token_is_refused_in_dutch(app, ctx):
    client = app.test_client()
    with app.app_context():
        r = client.post("/inloggen", data={"email": "a@example.org", "password": "x"})
    assert r.status_code == 400
    assert "Formulier verlopen" in r.get_data(as_text=True) or "Form expired" in r.get_data(as_text=True)


def test_every_post_form_carries_a_csrf_token(world, login):
    import re

    coord = login("coordinator_a")
    for url in (f"/g/{world.slugs['a']}/team/", "/account/"):
        html = coord.get(url).get_data(as_text=True)
        for form in re.findall(r"<form[^>]*method=\"post\"[^>]*>(.*?)</form>", html, re.S):
            assert 'name="csrf_token"' in form


@pytest.mark.parametrize("env,expect", [
    ({"SECRET_KEY": "", "DATABASE_URL": "postgresql://x/y"}, "SECRET_KEY"),
    ({"SECRET_KEY": "s" * 40, "DATABASE_URL": "postgresql://x/y"}, "DATA_ENCRYPTION_KEY"),
    ({"SECRET_KEY": "s" * 40, "DATA_ENCRYPTION_KEY": "k" * 44}, "DATABASE_URL"),
])
def test_production_refuses_unsafe_defaults(monkeypatch, tmp_path, env, expect):
    for key in ("SECRET_KEY", "DATA_ENCRYPTION_KEY", "DATABASE_URL"):
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("SLEUTELNET_ENV", "production")
    monkeypatch.setenv("SLEUTELNET_INSTANCE", str(tmp_path))
    with pytest.raises(ConfigError, match=expect):
        create_app()


def test_production_cookie_flags_and_hsts(monkeypatch, tmp_path):
    from cryptography.fernet import Fernet

    monkeypatch.setenv("SLEUTELNET_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "p" * 48)
    monkeypatch.setenv("DATA_ENCRYPTION_KEY", Fernet.generate_key().decode())
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://u@127.0.0.1:1/none")
    monkeypatch.setenv("SLEUTELNET_INSTANCE", str(tmp_path))
    app = create_app()
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["SESSION_COOKIE_HTTPONLY"]
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert app.config["SESSION_COOKIE_NAME"].startswith("__Host-")
    assert app.config["MAIL_BACKEND"] == "smtp"
    with app.test_client() as c:
        r = c.get("/healthz")
        assert r.status_code == 503 and r.get_json()["database"] == "error"
        assert "max-age" in r.headers["Strict-Transport-Security"]
        assert c.get("/dev/mail").status_code == 404  # never in production


def test_healthz_reports_database_and_redis(app, ctx):
    r = app.test_client().get("/healthz")
    assert r.status_code == 200
    assert r.get_json() == {"database": "ok", "redis": "not-configured", "rate_limits": "memory",
                            "jobs": {"pending": 0, "failed": 0}, "status": "ok"}


def test_healthz_reports_unreachable_redis(app, ctx):
    from redis import Redis

    from sleutelnet.workers import queues

    queues.set_redis_connection(Redis(host="127.0.0.1", port=1, socket_connect_timeout=0.2))
    try:
        r = app.test_client().get("/healthz")
    finally:
        queues.set_redis_connection(None)
    # the site works without Redis (issue 12): degraded, not down, so a load balancer keeps it
    assert r.status_code == 200 and r.get_json()["redis"] == "error" and r.get_json()["status"] == "degraded"


def test_error_pages_are_dutch_by_default(browser):
    r = browser.get("/bestaat-niet")
    assert r.status_code == 404
    body = r.get_data(as_text=True)
    assert 'lang="nl"' in body and ("Pagina niet gevonden" in body or "Page not found" in body)


def test_403_page(world, login):
    r = login("viewer_a").get(f"/g/{world.slugs['a']}/team/")
    assert r.status_code == 403


def test_500_page_rolls_back_and_renders(app, ctx):
    def boom():
        raise RuntimeError("boom")

    original = app.view_functions["health.healthz"]
    app.view_functions["health.healthz"] = boom
    app.config["PROPAGATE_EXCEPTIONS"] = False
    try:
        r = app.test_client().get("/healthz")
    finally:
        app.config["PROPAGATE_EXCEPTIONS"] = None
        app.view_functions["health.healthz"] = original
    assert r.status_code == 500 and 'lang="nl"' in r.get_data(as_text=True)
