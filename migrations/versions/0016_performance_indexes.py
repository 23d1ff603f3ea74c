"""performance (issue 11): composite indexes led by tenant_id for the register's filters and sorts, and the
tenant's cache version (per-process caches of reference lists, tenants/cache.py)

Revision ID: 0016
Revises: 0014
Create Date: 2026-11-29 20:15:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0016'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('tenants', sa.Column('cache_version', sa.Integer(), server_default='0', nullable=False))
    op.drop_index('ix_key_persons_network_status', table_name='key_persons')
    op.create_index('ix_key_persons_network_status', 'key_persons',
                    ['tenant_id', 'network_id', 'status', 'updated_at'])
    op.create_index('ix_key_persons_network_updated', 'key_persons', ['tenant_id', 'network_id', 'updated_at', 'id'])
    op.create_index('ix_key_persons_network_channel', 'key_persons',
                    ['tenant_id', 'network_id', 'recruitment_channel'])
    op.create_index('ix_key_person_roles_role', 'key_person_roles', ['tenant_id', 'role', 'person_id'])


def downgrade():
    op.drop_index('ix_key_person_roles_role', table_name='key_person_roles')
    op.drop_index('ix_key_persons_network_channel', table_name='key_persons')
    op.drop_index('ix_key_persons_network_updated', table_name='key_persons')
    op.drop_index('ix_key_persons_network_status', table_name='key_persons')
    op.create_index('ix_key_persons_network_status', 'key_persons', ['tenant_id', 'network_id', 'status'])
    with op.batch_alter_table('tenants') as batch:
        batch.drop_column('cache_version')
