"""composition targets per network (phase 2, ESS guide §2.2): role minimums and diversity target shares

Revision ID: 0005
Revises: 0004 (the key-person register)
Create Date: 2026-11-22

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('composition_dimension_targets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('network_id', sa.Integer(), nullable=False),
    sa.Column('dimension', sa.String(length=30), nullable=False),
    sa.Column('category', sa.String(length=30), nullable=False),
    sa.Column('target_share', sa.Integer(), nullable=False),
    sa.Column('tolerance', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id', 'network_id'], ['networks.tenant_id', 'networks.id'], name=op.f('fk_composition_dimension_targets_tenant_id_networks')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_composition_dimension_targets_tenant_id_tenants')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_composition_dimension_targets_updated_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_composition_dimension_targets')),
    sa.UniqueConstraint('tenant_id', 'network_id', 'dimension', 'category', name='uq_composition_dimension_targets_category')
    )

    with op.batch_alter_table('composition_dimension_targets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_composition_dimension_targets_network_id'), ['network_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_composition_dimension_targets_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('composition_role_targets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('network_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('min_count', sa.Integer(), nullable=True),
    sa.Column('min_share', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id', 'network_id'], ['networks.tenant_id', 'networks.id'], name=op.f('fk_composition_role_targets_tenant_id_networks')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_composition_role_targets_tenant_id_tenants')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_composition_role_targets_updated_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_composition_role_targets')),
    sa.UniqueConstraint('tenant_id', 'network_id', 'role', name='uq_composition_role_targets_role')
    )

    with op.batch_alter_table('composition_role_targets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_composition_role_targets_network_id'), ['network_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_composition_role_targets_tenant_id'), ['tenant_id'], unique=False)


def downgrade():
    with op.batch_alter_table('composition_role_targets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_composition_role_targets_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_composition_role_targets_network_id'))
    op.drop_table('composition_role_targets')
    with op.batch_alter_table('composition_dimension_targets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_composition_dimension_targets_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_composition_dimension_targets_network_id'))
    op.drop_table('composition_dimension_targets')
