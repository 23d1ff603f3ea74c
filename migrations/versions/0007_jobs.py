"""jobs: outbox rows remember their RQ job, runs and claims (reaper); job_effects records every external
effect (mail) before it happens

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 17:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('outbox_jobs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('rq_job_id', sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column('runs', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('failures', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('claimed_by', sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True))
    # rows dispatched before this revision were pushed as `outbox-<id>`
    op.execute("UPDATE outbox_jobs SET rq_job_id = 'outbox-' || id WHERE status = 'dispatched'")
    with op.batch_alter_table('outbox_jobs', schema=None) as batch_op:
        batch_op.alter_column('runs', server_default=None)
        batch_op.alter_column('failures', server_default=None)

    op.create_table('job_effects',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=60), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=True),
    sa.Column('outbox_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('token', sa.String(length=32), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('claimed_by', sa.String(length=120), nullable=True),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('detail', sa.String(length=200), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_job_effects')),
    sa.UniqueConstraint('key', name=op.f('uq_job_effects_key')),
    info={'kind': 'platform', 'why': 'external effects of jobs (mails) across tenants; keys are hashes, no personal data'}
    )
    with op.batch_alter_table('job_effects', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_job_effects_tenant_id'), ['tenant_id'], unique=False)


def downgrade():
    with op.batch_alter_table('job_effects', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_job_effects_tenant_id'))
    op.drop_table('job_effects')
    with op.batch_alter_table('outbox_jobs', schema=None) as batch_op:
        batch_op.drop_column('finished_at')
        batch_op.drop_column('claimed_by')
        batch_op.drop_column('claimed_at')
        batch_op.drop_column('failures')
        batch_op.drop_column('runs')
        batch_op.drop_column('rq_job_id')
