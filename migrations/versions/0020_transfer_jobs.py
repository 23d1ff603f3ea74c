"""transfer: uploads and remembered import choices in the database (no longer in the instance folder), and the
import and export jobs (transfer_jobs), so a worker on any machine can carry them out

Uploads still in instance/transfer/ are not carried over: they expire after 24 hours anyway, a user uploads
the file again. On PostgreSQL the primary keys become (tenant_id, id) and row-level security is switched on
by the migration environment after the upgrade, as for every tenant table.

Revision ID: 0020
Revises: 0019
Create Date: 2026-11-29 22:40:00

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None


def _tenant_table(name, *columns, unique=()):
    op.create_table(
        name,
        sa.Column('id', sa.Integer(), nullable=False),
        *columns,
        sa.Column('tenant_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f(f'fk_{name}_tenant_id_tenants')),
        sa.PrimaryKeyConstraint('id', name=op.f(f'pk_{name}')),
        sa.UniqueConstraint('tenant_id', 'id', name=op.f(f'uq_{name}_tenant_id_id')),
        *[sa.UniqueConstraint('tenant_id', col, name=op.f(f'uq_{name}_tenant_id_{col}')) for col in unique],
    )
    with op.batch_alter_table(name, schema=None) as batch_op:
        batch_op.create_index(batch_op.f(f'ix_{name}_tenant_id'), ['tenant_id'], unique=False)


def upgrade():
    _tenant_table(
        'transfer_uploads',
        sa.Column('token', sa.String(length=24), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('filename', sa.String(length=200), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('payload', sa.LargeBinary(), nullable=False),
        sa.Column('mapping_json', sa.Text(), nullable=False),
        sa.Column('options_json', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_transfer_uploads_user_id_users')),
        unique=('token',))
    with op.batch_alter_table('transfer_uploads', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_transfer_uploads_user_id'), ['user_id'], unique=False)
    _tenant_table(
        'transfer_choices',
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('choices_json', sa.Text(), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_transfer_choices_user_id_users')),
        unique=('user_id',))
    _tenant_table(
        'transfer_jobs',
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('requested_by_id', sa.Integer(), nullable=False),
        sa.Column('language', sa.String(length=5), nullable=False),
        sa.Column('upload_token', sa.String(length=24), nullable=True),
        sa.Column('options_json', sa.Text(), nullable=False),
        sa.Column('result_json', sa.Text(), nullable=False),
        sa.Column('payload', sa.LargeBinary(), nullable=True),
        sa.Column('filename', sa.String(length=200), nullable=True),
        sa.Column('mimetype', sa.String(length=100), nullable=True),
        sa.Column('size', sa.Integer(), nullable=True),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('error', sa.String(length=200), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('started_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['requested_by_id'], ['users.id'], name=op.f('fk_transfer_jobs_requested_by_id_users')),
        unique=('upload_token',))
    with op.batch_alter_table('transfer_jobs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_transfer_jobs_status'), ['status'], unique=False)


def downgrade():
    for name in ('transfer_jobs', 'transfer_choices', 'transfer_uploads'):
        op.drop_table(name)
