"""the consent register is the only record of consent (issue 6, item 2): a key person's former consent
flag for the migration background becomes a consent-register row, then the flag's columns go

Data first: every person whose flag is set and who has no current special-category consent in the
register gets one (basis "consent", given on the flag's date — or, if that was never filled in, the date
of the person's current status — obtained "with the key person's details"). Then
`key_persons.migration_background_consent` and `migration_background_consent_on` are dropped.
Downgrade puts the columns back and sets them from the register's current special-category consents.

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-29 19:45:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None

SCOPE = "special_category"
ORIGIN = "person_record"  # privacy.choices.WITH_PERSON_RECORD

key_persons = sa.table(
    "key_persons", sa.column("id", sa.Integer), sa.column("tenant_id", sa.Integer),
    sa.column("status_since", sa.Date), sa.column("migration_background_consent", sa.Boolean),
    sa.column("migration_background_consent_on", sa.Date))
consents = sa.table(
    "privacy_consents", sa.column("id", sa.Integer), sa.column("tenant_id", sa.Integer),
    sa.column("person_id", sa.Integer), sa.column("scope", sa.String), sa.column("basis", sa.String),
    sa.column("given_on", sa.Date), sa.column("text_version", sa.String), sa.column("obtained_via", sa.String),
    sa.column("recorded_at", sa.DateTime(timezone=True)), sa.column("ended_on", sa.Date))


def _current_consent(person):
    return sa.exists().where(consents.c.tenant_id == person.c.tenant_id, consents.c.person_id == person.c.id,
                             consents.c.scope == SCOPE, consents.c.ended_on.is_(None))


def upgrade():
    flagged = (sa.select(key_persons.c.tenant_id, key_persons.c.id, sa.literal(SCOPE), sa.literal("consent"),
                         sa.func.coalesce(key_persons.c.migration_background_consent_on, key_persons.c.status_since),
                         sa.literal(""), sa.literal(ORIGIN), sa.func.current_timestamp())
               .where(key_persons.c.migration_background_consent == sa.true(), ~_current_consent(key_persons)))
    op.execute(consents.insert().from_select(
        ["tenant_id", "person_id", "scope", "basis", "given_on", "text_version", "obtained_via", "recorded_at"],
        flagged))
    with op.batch_alter_table('key_persons', schema=None) as batch_op:
        batch_op.drop_column('migration_background_consent_on')
        batch_op.drop_column('migration_background_consent')


def downgrade():
    with op.batch_alter_table('key_persons', schema=None) as batch_op:
        batch_op.add_column(sa.Column('migration_background_consent', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
        batch_op.add_column(sa.Column('migration_background_consent_on', sa.Date(), nullable=True))
    given_on = (sa.select(sa.func.max(consents.c.given_on))
                .where(consents.c.tenant_id == key_persons.c.tenant_id, consents.c.person_id == key_persons.c.id,
                       consents.c.scope == SCOPE, consents.c.ended_on.is_(None))
                .scalar_subquery())
    op.execute(key_persons.update().where(_current_consent(key_persons))
               .values(migration_background_consent=sa.true(), migration_background_consent_on=given_on))
