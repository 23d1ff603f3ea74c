"""Alembic environment for Sleutelnet.

Migrations run as the table owner (MIGRATION_DATABASE_URL, else DATABASE_URL). On PostgreSQL every
upgrade ends with `ensure_tenant_primary_keys` (primary key `(tenant_id, id)`, ready for Citus) and
`ensure_rls`, which puts row-level security on every tenant-owned table and grants the non-owner
application role its DML rights — new tables are covered without anyone remembering.
"""
import logging
from logging.config import fileConfig

from alembic import context
from flask import current_app
from sqlalchemy import create_engine, text

config = context.config
fileConfig(config.config_file_name, disable_existing_loggers=False)
logger = logging.getLogger("alembic.env")
target_db = current_app.extensions["migrate"].db


def get_metadata():
    return target_db.metadata


def owner_engine():
    """(engine, whether we created it and must dispose of it)."""
    url = current_app.config.get("MIGRATION_DATABASE_URL")
    return (create_engine(url), True) if url else (target_db.engine, False)


def tenant_keys_applied() -> bool:
    """Whether the revision that made tenant primary keys (tenant_id, id) is in the database's history."""
    from alembic.script import ScriptDirectory

    from sleutelnet.platform.distribution import TENANT_KEYS_REVISION

    heads = context.get_context().get_current_heads()
    if not heads:
        return False
    script = ScriptDirectory.from_config(config)
    return any(r.revision == TENANT_KEYS_REVISION for r in script.iterate_revisions(heads, "base"))


def run_migrations_offline():
    url = current_app.config.get("MIGRATION_DATABASE_URL") or str(target_db.engine.url)
    context.configure(url=url, target_metadata=get_metadata(), literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    def process_revision_directives(context_, revision, directives):
        if getattr(config.cmd_opts, "autogenerate", False) and directives[0].upgrade_ops.is_empty():
            directives[:] = []
            logger.info("No changes in schema detected.")

    conf_args = dict(current_app.extensions["migrate"].configure_args)
    conf_args.setdefault("process_revision_directives", process_revision_directives)
    conf_args.setdefault("render_as_batch", True)  # SQLite ALTER TABLE support
    engine, own_engine = owner_engine()
    try:
        with engine.connect() as connection:
            is_pg = connection.dialect.name == "postgresql"
            if is_pg:
                # Data migrations may touch tenant tables; the owner is subject to FORCEd RLS too.
                # SET LOCAL: this statement opens the one transaction all migrations run
                # in, and the setting ends with it. A session-wide setting would stay on the pooled
                # connection when migrating through the app's own engine, switching RLS off for it.
                # A SET LOCAL statement rather than set_config(): Citus carries it to its workers too.
                connection.execute(text("SET LOCAL app.cross_tenant = 'on'"))
            context.configure(connection=connection, target_metadata=get_metadata(), **conf_args)
            with context.begin_transaction():
                context.run_migrations()
                if is_pg:
                    from sleutelnet.platform.distribution import ensure_tenant_primary_keys
                    from sleutelnet.platform.rls import ensure_rls, tenant_owned_tables

                    if tenant_keys_applied():  # not after a downgrade below 0017, which undoes them
                        keyed = ensure_tenant_primary_keys(connection, tenant_owned_tables(get_metadata()))
                        logger.info("primary key (tenant_id, id) on %d more tenant tables", len(keyed))
                    done = ensure_rls(connection, get_metadata(), current_app.config["DB_APP_ROLE"])
                    logger.info("row-level security on %d tenant tables", len(done))
            connection.commit()
    finally:
        if own_engine:
            engine.dispose()  # don't leave an idle owner connection behind in every process that migrates


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
