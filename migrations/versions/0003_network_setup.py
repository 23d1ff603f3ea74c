"""network setup (phase 1: purpose, support, frameworks, role history, linked officials)

Only this area's tables; the key-person register has its own branch (0004) on top of 0002.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 23:14:59.158014

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('network_frameworks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('network_id', sa.Integer(), nullable=False),
    sa.Column('meeting_mode', sa.String(length=20), nullable=True),
    sa.Column('meeting_cadence', sa.String(length=20), nullable=True),
    sa.Column('location_types', sa.JSON(), nullable=False),
    sa.Column('location_note', sa.String(length=300), nullable=False),
    sa.Column('target_size', sa.Integer(), nullable=True),
    sa.Column('has_core_group', sa.Boolean(), nullable=True),
    sa.Column('core_group_size', sa.Integer(), nullable=True),
    sa.Column('plenary_per_year', sa.Integer(), nullable=True),
    sa.Column('reciprocity', sa.JSON(), nullable=False),
    sa.Column('reciprocity_note', sa.Text(), nullable=False),
    sa.Column('recruitment', sa.String(length=20), nullable=True),
    sa.Column('recruitment_partner', sa.String(length=200), nullable=False),
    sa.Column('scout', sa.String(length=200), nullable=False),
    sa.Column('ambition', sa.Text(), nullable=False),
    sa.Column('budget_eur', sa.Integer(), nullable=True),
    sa.Column('hours', sa.Integer(), nullable=True),
    sa.Column('hours_per', sa.String(length=10), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id', 'network_id'], ['networks.tenant_id', 'networks.id'], name=op.f('fk_network_frameworks_tenant_id_networks')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_network_frameworks_tenant_id_tenants')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_network_frameworks')),
    sa.UniqueConstraint('tenant_id', 'network_id', name=op.f('uq_network_frameworks_tenant_id_network_id'))
    )
    with op.batch_alter_table('network_frameworks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_network_frameworks_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('network_officials',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('network_id', sa.Integer(), nullable=False),
    sa.Column('membership_id', sa.Integer(), nullable=False),
    sa.Column('portfolio', sa.String(length=120), nullable=False),
    sa.Column('added_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['added_by'], ['users.id'], name=op.f('fk_network_officials_added_by_users')),
    sa.ForeignKeyConstraint(['membership_id'], ['memberships.id'], name=op.f('fk_network_officials_membership_id_memberships')),
    sa.ForeignKeyConstraint(['tenant_id', 'network_id'], ['networks.tenant_id', 'networks.id'], name=op.f('fk_network_officials_tenant_id_networks')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_network_officials_tenant_id_tenants')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_network_officials')),
    sa.UniqueConstraint('tenant_id', 'network_id', 'membership_id', name=op.f('uq_network_officials_tenant_id_network_id_membership_id'))
    )
    with op.batch_alter_table('network_officials', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_network_officials_membership_id'), ['membership_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_network_officials_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('network_purposes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('network_id', sa.Integer(), nullable=False),
    sa.Column('social_issue', sa.Text(), nullable=False),
    sa.Column('goals', sa.JSON(), nullable=False),
    sa.Column('goals_other', sa.Text(), nullable=False),
    sa.Column('answer_issue_policy', sa.Text(), nullable=False),
    sa.Column('answer_fitting_means', sa.Text(), nullable=False),
    sa.Column('answer_existing_sufficient', sa.Text(), nullable=False),
    sa.Column('answer_relation_existing', sa.Text(), nullable=False),
    sa.Column('existing_networks', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id', 'network_id'], ['networks.tenant_id', 'networks.id'], name=op.f('fk_network_purposes_tenant_id_networks')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_network_purposes_tenant_id_tenants')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_network_purposes')),
    sa.UniqueConstraint('tenant_id', 'network_id', name=op.f('uq_network_purposes_tenant_id_network_id'))
    )
    with op.batch_alter_table('network_purposes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_network_purposes_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('network_role_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('network_id', sa.Integer(), nullable=False),
    sa.Column('effective_on', sa.Date(), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('recorded_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['recorded_by'], ['users.id'], name=op.f('fk_network_role_changes_recorded_by_users')),
    sa.ForeignKeyConstraint(['tenant_id', 'network_id'], ['networks.tenant_id', 'networks.id'], name=op.f('fk_network_role_changes_tenant_id_networks')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_network_role_changes_tenant_id_tenants')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_network_role_changes')),
    sa.UniqueConstraint('tenant_id', 'id', name=op.f('uq_network_role_changes_tenant_id_id'))
    )
    with op.batch_alter_table('network_role_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_network_role_changes_network_id'), ['network_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_network_role_changes_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('network_support_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('network_id', sa.Integer(), nullable=False),
    sa.Column('occurred_on', sa.Date(), nullable=False),
    sa.Column('body', sa.String(length=30), nullable=False),
    sa.Column('body_detail', sa.String(length=200), nullable=False),
    sa.Column('involvement', sa.String(length=30), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['created_by'], ['users.id'], name=op.f('fk_network_support_entries_created_by_users')),
    sa.ForeignKeyConstraint(['tenant_id', 'network_id'], ['networks.tenant_id', 'networks.id'], name=op.f('fk_network_support_entries_tenant_id_networks')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_network_support_entries_tenant_id_tenants')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_network_support_entries')),
    sa.UniqueConstraint('tenant_id', 'id', name=op.f('uq_network_support_entries_tenant_id_id'))
    )
    with op.batch_alter_table('network_support_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_network_support_entries_network_id'), ['network_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_network_support_entries_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('network_supports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('network_id', sa.Integer(), nullable=False),
    sa.Column('budget_moment', sa.String(length=30), nullable=True),
    sa.Column('budget_year', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id', 'network_id'], ['networks.tenant_id', 'networks.id'], name=op.f('fk_network_supports_tenant_id_networks')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_network_supports_tenant_id_tenants')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_network_supports')),
    sa.UniqueConstraint('tenant_id', 'network_id', name=op.f('uq_network_supports_tenant_id_network_id'))
    )
    with op.batch_alter_table('network_supports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_network_supports_tenant_id'), ['tenant_id'], unique=False)



def downgrade():
    with op.batch_alter_table('network_supports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_network_supports_tenant_id'))

    op.drop_table('network_supports')
    with op.batch_alter_table('network_support_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_network_support_entries_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_network_support_entries_network_id'))

    op.drop_table('network_support_entries')
    with op.batch_alter_table('network_role_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_network_role_changes_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_network_role_changes_network_id'))

    op.drop_table('network_role_changes')
    with op.batch_alter_table('network_purposes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_network_purposes_tenant_id'))

    op.drop_table('network_purposes')
    with op.batch_alter_table('network_officials', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_network_officials_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_network_officials_membership_id'))

    op.drop_table('network_officials')
    with op.batch_alter_table('network_frameworks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_network_frameworks_tenant_id'))

    op.drop_table('network_frameworks')
