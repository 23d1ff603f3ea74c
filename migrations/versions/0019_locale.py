"""Locale: Dutch collation of key-person names (a stored sort key, accents and case folded, filled for existing
rows); reminder titles keep their msgid and parameters, to be shown in each reader's language

Revision ID: 0019
Revises: 0014
Create Date: 2026-11-29 20:00:00

"""
from alembic import op
import sqlalchemy as sa

from sleutelnet.platform.i18n import sort_key

# revision identifiers, used by Alembic.
revision = '0019'
down_revision = '0014'
branch_labels = None
depends_on = '0009'  # reminder_dispatches (another branch of the history)

key_persons = sa.table('key_persons', sa.column('id', sa.Integer()), sa.column('name', sa.String()),
                       sa.column('sort_name', sa.String()))


def upgrade():
    with op.batch_alter_table('key_persons', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sort_name', sa.String(length=160), nullable=False, server_default=''))
        batch_op.create_index('ix_key_persons_sort_name', ['tenant_id', 'network_id', 'sort_name', 'id'])
    with op.batch_alter_table('reminder_dispatches', schema=None) as batch_op:
        batch_op.add_column(sa.Column('title_data', sa.Text(), nullable=False, server_default='null'))
    connection = op.get_bind()
    rows = connection.execute(sa.select(key_persons.c.id, key_persons.c.name)).all()
    for person_id, name in rows:
        connection.execute(key_persons.update().where(key_persons.c.id == person_id)
                           .values(sort_name=sort_key(name)[:160]))


def downgrade():
    with op.batch_alter_table('reminder_dispatches', schema=None) as batch_op:
        batch_op.drop_column('title_data')
    with op.batch_alter_table('key_persons', schema=None) as batch_op:
        batch_op.drop_index('ix_key_persons_sort_name')
        batch_op.drop_column('sort_name')
