"""the current network per user and tenant (issue 6, item 4)

Revision ID: 0008
Revises: 0006
Create Date: 2026-11-29 17:10:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('network_current_choices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('network_id', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id', 'network_id'], ['networks.tenant_id', 'networks.id'], name=op.f('fk_network_current_choices_tenant_id_networks'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_network_current_choices_tenant_id_tenants')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_network_current_choices_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_network_current_choices')),
    sa.UniqueConstraint('tenant_id', 'user_id', name=op.f('uq_network_current_choices_tenant_id_user_id'))
    )
    with op.batch_alter_table('network_current_choices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_network_current_choices_tenant_id'), ['tenant_id'], unique=False)


def downgrade():
    with op.batch_alter_table('network_current_choices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_network_current_choices_tenant_id'))
    op.drop_table('network_current_choices')
