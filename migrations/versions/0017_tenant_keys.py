"""ready for a distributed PostgreSQL: tenant tables keyed by (tenant_id, id); invitation tokens unique per tenant

On PostgreSQL every tenant-owned table's primary key becomes (tenant_id, id), so the schema can be
sharded by tenant_id (Citus: infra/postgresql.md) without another migration. The id column keeps its
sequence and stays the ORM identity. The tables are found generically (every tenant-owned table that
exists and has a tenant_id column; sleutelnet/platform/distribution.py); the migration environment runs
the same step after every upgrade, so tables added later get the composite key too.

On SQLite the keys stay `id INTEGER PRIMARY KEY`: that makes id the rowid, which is what gives it its
automatic value, and a composite key would lose it. SQLite is never distributed.

invitations.token_hash was unique on its own, which a table sharded by tenant_id cannot enforce; it is
now unique per tenant, with a plain index for the invitee's lookup (a random 256-bit token).

Revision ID: 0017
Revises: 0014
"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '0017'
down_revision = '0014'
branch_labels = None
depends_on = None


def _tenant_tables():
    from sleutelnet.platform.extensions import db
    from sleutelnet.platform.rls import tenant_owned_tables

    return tenant_owned_tables(db.metadata)


def upgrade():
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_invitations_token_hash'), type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_invitations_tenant_id_token_hash'), ['tenant_id', 'token_hash'])
        batch_op.create_index(batch_op.f('ix_invitations_token_hash'), ['token_hash'], unique=False)

    from sleutelnet.platform.distribution import ensure_tenant_primary_keys

    ensure_tenant_primary_keys(op.get_bind(), _tenant_tables())


def downgrade():
    from sleutelnet.platform.distribution import restore_id_primary_keys

    restore_id_primary_keys(op.get_bind(), _tenant_tables())
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_invitations_token_hash'))
        batch_op.drop_constraint(batch_op.f('uq_invitations_tenant_id_token_hash'), type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_invitations_token_hash'), ['token_hash'])
