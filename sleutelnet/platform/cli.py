"""Flask CLI commands: `flask tenants …`, `flask demo seed`, `flask outbox flush|reap|status`, `flask users …`."""
from __future__ import annotations

import click
from flask.cli import AppGroup

from .extensions import db


def register_cli(app) -> None:
    tenants = AppGroup("tenants", help="Provision and manage municipalities (tenants).")

    @tenants.command("create")
    @click.argument("cbs_code")
    def tenants_create(cbs_code):
        """Provision a tenant from the municipality reference list, e.g. GM0344."""
        from ..tenants.services import ProvisioningError, provision_tenant

        try:
            tenant = provision_tenant(cbs_code.upper(), origin="cli")
        except ProvisioningError as exc:
            raise click.ClickException(str(exc)) from exc
        click.echo(f"Provisioned {tenant.name} at /g/{tenant.slug}/")

    @tenants.command("list")
    def tenants_list():
        from ..tenants.models import Tenant

        for t in db.session.scalars(db.select(Tenant).order_by(Tenant.name)):
            click.echo(f"{t.cbs_code}\t{t.slug}\t{'active' if t.active else 'inactive'}\t{t.name}")

    @tenants.command("deactivate")
    @click.argument("slug")
    def tenants_deactivate(slug):
        from ..tenants.services import set_active

        set_active(slug, False, origin="cli")
        click.echo(f"Deactivated {slug}")

    app.cli.add_command(tenants)

    demo = AppGroup("demo", help="Demo data for a local installation.")

    @demo.command("seed")
    def demo_seed():
        """Create the demo tenants and accounts once (idempotent). Refused in production."""
        from .demo import seed_demo

        if app.config["ENV_NAME"] == "production":
            raise click.ClickException("demo data (with known passwords) is never seeded in production")

        created = seed_demo()
        password = app.config["DEMO_PASSWORD"]
        click.echo("Demo data " + ("created." if created else "already present."))
        click.echo(f"Demo accounts (password: {password}):")
        for email in demo_accounts():
            click.echo(f"  {email}")

    app.cli.add_command(demo)

    outbox = AppGroup("outbox", help="The transactional job outbox.")

    @outbox.command("flush")
    def outbox_flush():
        from ..workers.queues import flush

        click.echo(flush())

    @outbox.command("reap")
    def outbox_reap():
        """Push lost jobs again (what every worker does at start and every JOB_RECOVERY_SECONDS)."""
        from ..workers.recovery import recover

        click.echo(recover())

    @outbox.command("status")
    def outbox_status():
        """Rows per status; `failed` rows need a look (their last_error says why)."""
        from ..workers.queues import status_counts

        click.echo(status_counts())

    app.cli.add_command(outbox)

    refdata = AppGroup("refdata", help="Reference data.")

    @refdata.command("load")
    def refdata_load():
        from ..tenants.reference import load_municipalities

        click.echo(f"{load_municipalities()} municipalities loaded")

    app.cli.add_command(refdata)


def demo_accounts() -> list[str]:
    from .demo import DEMO_TENANTS, demo_emails

    return demo_emails(DEMO_TENANTS)
