"""The application factory."""
from __future__ import annotations

import os

import click

from flask import Flask, g
from flask_login import current_user

from .config import load_config
from .extensions import babel, csrf, db, limiter, login_manager


def create_app(overrides: dict | None = None) -> Flask:
    app = Flask(
        "sleutelnet",
        instance_path=os.environ.get("SLEUTELNET_INSTANCE", os.path.join(os.getcwd(), "instance")),
        template_folder=os.path.join(os.path.dirname(__file__), "..", "templates"),
        static_folder=os.path.join(os.path.dirname(__file__), "..", "static"),
    )
    os.makedirs(app.instance_path, exist_ok=True)
    app.config.update(load_config(app.instance_path, overrides))
    if app.config.get("PASSWORD_HASH_FAST"):
        from .auth.passwords import use_fast_hashing_for_tests

        use_fast_hashing_for_tests()

    db.init_app(app)
    app.extensions["migrate"] = _LazyMigrate(os.path.join(os.path.dirname(__file__), "..", "..", "migrations"))
    app.cli.add_command(_LazyMigrateCommands("db", help="Database migrations (Flask-Migrate, loaded when used)."))
    csrf.init_app(app)
    limiter.init_app(app)
    _limit_only_where_declared(app)
    login_manager.init_app(app)
    from .i18n import select_locale

    babel.init_app(app, locale_selector=select_locale,
                   default_translation_directories=os.path.join(os.path.dirname(__file__), "..", "translations"))

    _init_login(app)
    from .tenancy import install_guard

    install_guard()
    from sqlalchemy.orm import Session

    from ..tenants import cache as tenant_cache

    tenant_cache.install(Session)
    from .security import init_security_headers
    from .errors import init_error_handlers

    init_security_headers(app)
    init_error_handlers(app)
    from ..workers.queues import init_outbox

    init_outbox(app)
    from . import uow

    uow.init_app(app)  # after the outbox: its after_request hook must run after the commit (reverse order)
    _register_models()
    _register_blueprints(app)
    _init_templates(app)
    from .cli import register_cli

    register_cli(app)
    return app


def _limit_only_where_declared(app: Flask) -> None:
    """Every rate limit of ours is a route decorator (login, two-factor, password reset, the public meeting
    links), and a decorated view checks its limits itself when it runs. The limiter's per-request hook only
    adds default, application or blueprint limits, of which there are none, and costs ~0.1 ms on every
    request; it is left out. `tests/platform/test_auth.py` checks both: the login limit holds, and no limit
    is declared that only the hook would apply."""
    hooks = app.before_request_funcs.get(None, [])
    if limiter._check_request_limit in hooks:  # absent when RATELIMIT_ENABLED is off
        hooks.remove(limiter._check_request_limit)


def _init_login(app: Flask) -> None:
    from flask_babel import lazy_gettext as _l

    from .auth.sessions import load_user_for_request

    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Log in to continue.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = None  # our server-side sessions do this job
    login_manager.user_loader(load_user_for_request)


def _register_models() -> None:
    """Import every model module so metadata (and the schema tests) see all tables."""
    from ..tenants import models as _tenants  # noqa: F401
    from .auth import models as _auth  # noqa: F401
    from . import audit as _audit  # noqa: F401
    from ..workers import outbox as _outbox  # noqa: F401
    from ..workers import effects as _effects  # noqa: F401
    from ..blueprints import registry  # importing the manifests imports every area's models
    from . import features

    features.install(registry.FEATURES)


def _register_blueprints(app: Flask) -> None:
    from ..tenants.resolution import create_tenant_space
    from . import navigation
    from .features import collect
    from .health import health_bp
    from .i18n import i18n_bp

    app.register_blueprint(health_bp)
    app.register_blueprint(i18n_bp)
    tenant_space = create_tenant_space()
    for blueprint in collect("blueprints"):
        app.register_blueprint(blueprint)
    for blueprint in collect("tenant_blueprints"):
        tenant_space.register_blueprint(blueprint)
    app.register_blueprint(tenant_space)
    navigation.init_app(app)


def _init_templates(app: Flask) -> None:
    from flask_babel import get_locale

    from . import fields, policy

    from flask_babel import format_date, format_number

    from .i18n import format_datetime

    app.jinja_env.add_extension("jinja2.ext.do")
    from . import stored_texts

    stored_texts.install(app)
    app.jinja_env.filters["reject_page"] = lambda args: {k: v for k, v in args.items() if k != "page"}
    from flask_wtf.csrf import generate_csrf
    from markupsafe import Markup

    def csrf_field():
        return Markup('<input type="hidden" name="csrf_token" value="%s">') % generate_csrf()

    from .audit_labels import action_label, object_label
    app.jinja_env.globals.update(audit_action=action_label, audit_object=object_label)
    from .urls import url_maker

    app.jinja_env.globals.update(role_label=policy.role_label, format_number=format_number, csrf_field=csrf_field,
                                format_datetime=format_datetime, format_date=format_date, url_maker=url_maker)

    def _user_tenants():
        from ..tenants.services import switcher_tenants

        return switcher_tenants(current_user.id) if current_user.is_authenticated else []

    @app.context_processor
    def inject():
        return {
            "can": policy.can,
            "field_visible": fields.visible,
            "Permission": policy.Permission,
            "current_tenant": g.get("tenant"),
            "current_membership": g.get("membership"),
            "current_locale": get_locale().language,  # "nl" / "en": the html lang and the switch
            "user_tenants": _user_tenants,
            "redis_enabled": bool(app.config.get("REDIS_URL")),
        }


class _LazyMigrateCommands(click.Group):
    """`flask db ...`: Flask-Migrate's command group, imported when a `db` command is asked for."""

    @staticmethod
    def _real() -> click.Group:
        from flask_migrate.cli import db as commands

        return commands

    def make_context(self, info_name, args, parent=None, **extra):
        return self._real().make_context(info_name, args, parent=parent, **extra)  # its options and commands


class _LazyMigrate:
    """Flask-Migrate's `app.extensions["migrate"]`, set up at the first use by a `flask db` command: importing
    Flask-Migrate loads Alembic, Mako and Pygments (about 170 modules), which a web or job process never
    needs."""

    def __init__(self, directory: str):
        self.directory = directory

    def __getattr__(self, name):
        from flask import current_app
        from flask_migrate import Migrate

        Migrate().init_app(current_app, db, directory=self.directory)  # replaces this placeholder
        return getattr(current_app.extensions["migrate"], name)
