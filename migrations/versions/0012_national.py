"""national benchmarks (issue 8): opt-ins and notes (tenant-owned); indicator values, published cells,
similar-10 positions, quarters and reports (platform tables, see sleutelnet/blueprints/national/models.py)

Revision ID: 0012
Revises: 0006
Create Date: 2026-11-29

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('national_cells',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('period', sa.String(length=7), nullable=False),
    sa.Column('indicator', sa.String(length=60), nullable=False),
    sa.Column('group_kind', sa.String(length=20), nullable=False),
    sa.Column('group_code', sa.String(length=40), nullable=False),
    sa.Column('group_name', sa.String(length=120), nullable=False),
    sa.Column('n_municipalities', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('reason', sa.String(length=30), nullable=True),
    sa.Column('mean', sa.Float(), nullable=True),
    sa.Column('median', sa.Float(), nullable=True),
    sa.Column('p25', sa.Float(), nullable=True),
    sa.Column('p75', sa.Float(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_national_cells')),
    sa.UniqueConstraint('period', 'indicator', 'group_kind', 'group_code', name='uq_national_cells_cell'),
    info={'kind': 'platform', 'why': "published national statistics after disclosure control; no municipality's own value"}
    )
    op.create_table('national_periods',
    sa.Column('code', sa.String(length=7), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('closed', sa.Boolean(), nullable=False),
    sa.Column('aggregated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('municipalities', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_national_periods')),
    info={'kind': 'platform', 'why': 'the quarters of the national benchmarks and whether they are closed'}
    )
    op.create_table('national_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('period', sa.String(length=7), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('progress', sa.Integer(), nullable=False),
    sa.Column('file_token', sa.String(length=32), nullable=False),
    sa.Column('size', sa.Integer(), nullable=True),
    sa.Column('error', sa.String(length=200), nullable=True),
    sa.Column('requested_by_id', sa.Integer(), nullable=True),
    sa.Column('requested_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('completed_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['requested_by_id'], ['users.id'], name=op.f('fk_national_reports_requested_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_national_reports')),
    sa.UniqueConstraint('period', name=op.f('uq_national_reports_period')),
    info={'kind': 'platform', 'why': 'the quarterly national report for the ESS (published cells only)'}
    )
    op.create_table('benchmark_notes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('indicator', sa.String(length=60), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_benchmark_notes_tenant_id_tenants')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_benchmark_notes_updated_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_benchmark_notes')),
    sa.UniqueConstraint('tenant_id', 'indicator', name='uq_benchmark_notes_indicator')
    )
    with op.batch_alter_table('benchmark_notes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_benchmark_notes_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('benchmark_opt_ins',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('indicator', sa.String(length=60), nullable=False),
    sa.Column('opted_in', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_benchmark_opt_ins_tenant_id_tenants')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_benchmark_opt_ins_updated_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_benchmark_opt_ins')),
    sa.UniqueConstraint('tenant_id', 'indicator', name='uq_benchmark_opt_ins_indicator')
    )
    with op.batch_alter_table('benchmark_opt_ins', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_benchmark_opt_ins_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('national_indicator_values',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('period', sa.String(length=7), nullable=False),
    sa.Column('indicator', sa.String(length=60), nullable=False),
    sa.Column('value', sa.Float(), nullable=False),
    sa.Column('n_persons', sa.Integer(), nullable=False),
    sa.Column('computed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_national_indicator_values_tenant_id_tenants')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_national_indicator_values')),
    sa.UniqueConstraint('tenant_id', 'period', 'indicator', name='uq_national_indicator_values_cell'),
    info={'kind': 'platform', 'why': "the national boundary: each municipality's job writes its own indicator values here (numbers only); read by the national aggregation, never by an ESS page"}
    )
    with op.batch_alter_table('national_indicator_values', schema=None) as batch_op:
        batch_op.create_index('ix_national_indicator_values_period', ['period', 'indicator'], unique=False)

    op.create_table('national_positions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('period', sa.String(length=7), nullable=False),
    sa.Column('indicator', sa.String(length=60), nullable=False),
    sa.Column('third', sa.String(length=10), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_national_positions_tenant_id_tenants')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_national_positions')),
    sa.UniqueConstraint('tenant_id', 'period', 'indicator', name='uq_national_positions_cell'),
    info={'kind': 'platform', 'why': "where a municipality's value falls among its 10 most similar ones; read by that municipality only"}
    )


def downgrade():
    op.drop_table('national_positions')
    with op.batch_alter_table('national_indicator_values', schema=None) as batch_op:
        batch_op.drop_index('ix_national_indicator_values_period')

    op.drop_table('national_indicator_values')
    with op.batch_alter_table('benchmark_opt_ins', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_benchmark_opt_ins_tenant_id'))

    op.drop_table('benchmark_opt_ins')
    with op.batch_alter_table('benchmark_notes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_benchmark_notes_tenant_id'))

    op.drop_table('benchmark_notes')
    op.drop_table('national_reports')
    op.drop_table('national_periods')
    op.drop_table('national_cells')
