"""advice-request inbox with SLA and the regional exchange of experiences (issue 8, points 5 and 6):
platform-level tables holding only what municipalities explicitly shared; encrypted free text
(EncryptedText in the models, Text here)

Revision ID: 0013
Revises: 0006 (parallel to the other heads; `upgrade heads` applies all)
Create Date: 2026-11-29 16:44:11.497037

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('exchange_reminders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('subject_type', sa.String(length=10), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('queued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exchange_reminders')),
    sa.UniqueConstraint('subject_type', 'subject_id', 'queued_at', name=op.f('uq_exchange_reminders_subject_type_subject_id_queued_at')),
    info={'kind': 'platform', 'why': 'moderation reminders, sent once'}
    )
    op.create_table('advice_advisor_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('absent_from', sa.Date(), nullable=True),
    sa.Column('absent_until', sa.Date(), nullable=True),
    sa.Column('substitute_id', sa.Integer(), nullable=True),
    sa.Column('last_assigned_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['substitute_id'], ['users.id'], name=op.f('fk_advice_advisor_settings_substitute_id_users')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_advice_advisor_settings_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_advice_advisor_settings')),
    sa.UniqueConstraint('user_id', name=op.f('uq_advice_advisor_settings_user_id')),
    info={'kind': 'platform', 'why': 'settings of an ESS advisor (a platform user)'}
    )
    op.create_table('advice_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('topic', sa.String(length=10), nullable=False),
    sa.Column('subject', sa.String(length=160), nullable=False),
    sa.Column('question', sa.Text(), nullable=False),
    sa.Column('urgency', sa.String(length=10), nullable=False),
    sa.Column('context_json', sa.Text(), nullable=True),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('asked_by_id', sa.Integer(), nullable=True),
    sa.Column('assignee_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('first_response_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('clock_seconds', sa.Integer(), nullable=False),
    sa.Column('clock_started_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('share_consent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('share_consent_by_id', sa.Integer(), nullable=True),
    sa.Column('promoted_post_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['asked_by_id'], ['users.id'], name=op.f('fk_advice_requests_asked_by_id_users')),
    sa.ForeignKeyConstraint(['assignee_id'], ['users.id'], name=op.f('fk_advice_requests_assignee_id_users')),
    sa.ForeignKeyConstraint(['share_consent_by_id'], ['users.id'], name=op.f('fk_advice_requests_share_consent_by_id_users')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_advice_requests_tenant_id_tenants')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_advice_requests')),
    info={'kind': 'platform', 'why': 'a question and context shared explicitly by the municipality with the ESS (owning tenant_id on the row)'}
    )
    with op.batch_alter_table('advice_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_advice_requests_assignee_id'), ['assignee_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_advice_requests_state'), ['state'], unique=False)
        batch_op.create_index(batch_op.f('ix_advice_requests_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('exchange_posts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=160), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('event_on', sa.Date(), nullable=True),
    sa.Column('visibility', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('queued_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('moderated_by_id', sa.Integer(), nullable=True),
    sa.Column('moderated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('author_mode', sa.String(length=20), nullable=False),
    sa.Column('province', sa.String(length=60), nullable=True),
    sa.Column('safety_region_code', sa.String(length=4), nullable=True),
    sa.Column('author_identity', sa.Text(), nullable=True),
    sa.Column('tenant_id', sa.Integer(), nullable=True),
    sa.Column('author_user_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['author_user_id'], ['users.id'], name=op.f('fk_exchange_posts_author_user_id_users')),
    sa.ForeignKeyConstraint(['moderated_by_id'], ['users.id'], name=op.f('fk_exchange_posts_moderated_by_id_users')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_exchange_posts_tenant_id_tenants')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exchange_posts')),
    info={'kind': 'platform', 'why': 'posts a municipality chose to share with other municipalities and the ESS'}
    )
    with op.batch_alter_table('exchange_posts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exchange_posts_author_user_id'), ['author_user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_exchange_posts_province'), ['province'], unique=False)
        batch_op.create_index(batch_op.f('ix_exchange_posts_safety_region_code'), ['safety_region_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_exchange_posts_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_exchange_posts_tenant_id'), ['tenant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_exchange_posts_visibility'), ['visibility'], unique=False)

    op.create_table('advice_effects',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('message_id', sa.Integer(), nullable=False),
    sa.Column('recipient_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('read_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('emailed', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['recipient_id'], ['users.id'], name=op.f('fk_advice_effects_recipient_id_users')),
    sa.ForeignKeyConstraint(['request_id'], ['advice_requests.id'], name=op.f('fk_advice_effects_request_id_advice_requests')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_advice_effects_tenant_id_tenants')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_advice_effects')),
    sa.UniqueConstraint('request_id', 'kind', 'round', 'message_id', name=op.f('uq_advice_effects_request_id_kind_round_message_id')),
    info={'kind': 'platform', 'why': 'effects of advice requests (warnings, notifications), sent once'}
    )
    with op.batch_alter_table('advice_effects', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_advice_effects_request_id'), ['request_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_advice_effects_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('advice_internal_notes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_advice_internal_notes_author_id_users')),
    sa.ForeignKeyConstraint(['request_id'], ['advice_requests.id'], name=op.f('fk_advice_internal_notes_request_id_advice_requests')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_advice_internal_notes')),
    info={'kind': 'platform', 'why': 'ESS-internal notes on an advice request; never shown to the municipality'}
    )
    with op.batch_alter_table('advice_internal_notes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_advice_internal_notes_request_id'), ['request_id'], unique=False)

    op.create_table('advice_messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('side', sa.String(length=12), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_advice_messages_author_id_users')),
    sa.ForeignKeyConstraint(['request_id'], ['advice_requests.id'], name=op.f('fk_advice_messages_request_id_advice_requests')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_advice_messages_tenant_id_tenants')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_advice_messages')),
    info={'kind': 'platform', 'why': 'a question and context shared explicitly by the municipality with the ESS (owning tenant_id on the row)'}
    )
    with op.batch_alter_table('advice_messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_advice_messages_request_id'), ['request_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_advice_messages_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('advice_state_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('from_state', sa.String(length=20), nullable=True),
    sa.Column('to_state', sa.String(length=20), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_advice_state_changes_actor_id_users')),
    sa.ForeignKeyConstraint(['request_id'], ['advice_requests.id'], name=op.f('fk_advice_state_changes_request_id_advice_requests')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_advice_state_changes')),
    info={'kind': 'platform', 'why': 'history of an advice request (ids and codes only)'}
    )
    with op.batch_alter_table('advice_state_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_advice_state_changes_request_id'), ['request_id'], unique=False)

    op.create_table('exchange_follows',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['post_id'], ['exchange_posts.id'], name=op.f('fk_exchange_follows_post_id_exchange_posts')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_exchange_follows_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exchange_follows')),
    sa.UniqueConstraint('post_id', 'user_id', name=op.f('uq_exchange_follows_post_id_user_id')),
    info={'kind': 'platform', 'why': 'a user follows a shared post'}
    )
    with op.batch_alter_table('exchange_follows', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exchange_follows_post_id'), ['post_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_exchange_follows_user_id'), ['user_id'], unique=False)

    op.create_table('exchange_post_tags',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('tag', sa.String(length=10), nullable=False),
    sa.ForeignKeyConstraint(['post_id'], ['exchange_posts.id'], name=op.f('fk_exchange_post_tags_post_id_exchange_posts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exchange_post_tags')),
    sa.UniqueConstraint('post_id', 'tag', name=op.f('uq_exchange_post_tags_post_id_tag')),
    info={'kind': 'platform', 'why': 'posts a municipality chose to share with other municipalities and the ESS'}
    )
    with op.batch_alter_table('exchange_post_tags', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exchange_post_tags_post_id'), ['post_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_exchange_post_tags_tag'), ['tag'], unique=False)

    op.create_table('exchange_replies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('queued_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('moderated_by_id', sa.Integer(), nullable=True),
    sa.Column('moderated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('author_mode', sa.String(length=20), nullable=False),
    sa.Column('province', sa.String(length=60), nullable=True),
    sa.Column('safety_region_code', sa.String(length=4), nullable=True),
    sa.Column('author_identity', sa.Text(), nullable=True),
    sa.Column('tenant_id', sa.Integer(), nullable=True),
    sa.Column('author_user_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['author_user_id'], ['users.id'], name=op.f('fk_exchange_replies_author_user_id_users')),
    sa.ForeignKeyConstraint(['moderated_by_id'], ['users.id'], name=op.f('fk_exchange_replies_moderated_by_id_users')),
    sa.ForeignKeyConstraint(['post_id'], ['exchange_posts.id'], name=op.f('fk_exchange_replies_post_id_exchange_posts')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_exchange_replies_tenant_id_tenants')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exchange_replies')),
    info={'kind': 'platform', 'why': 'posts a municipality chose to share with other municipalities and the ESS'}
    )
    with op.batch_alter_table('exchange_replies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exchange_replies_author_user_id'), ['author_user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_exchange_replies_post_id'), ['post_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_exchange_replies_province'), ['province'], unique=False)
        batch_op.create_index(batch_op.f('ix_exchange_replies_safety_region_code'), ['safety_region_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_exchange_replies_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_exchange_replies_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('exchange_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.String(length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['post_id'], ['exchange_posts.id'], name=op.f('fk_exchange_reports_post_id_exchange_posts')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_exchange_reports_tenant_id_tenants')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_exchange_reports_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exchange_reports')),
    sa.UniqueConstraint('post_id', 'tenant_id', name=op.f('uq_exchange_reports_post_id_tenant_id')),
    info={'kind': 'platform', 'why': 'reports on shared posts, by municipality'}
    )
    with op.batch_alter_table('exchange_reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exchange_reports_post_id'), ['post_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_exchange_reports_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('exchange_sanctions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('until', sa.Date(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('via_post_id', sa.Integer(), nullable=True),
    sa.Column('anonymous', sa.Boolean(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('lifted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_exchange_sanctions_created_by_id_users')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_exchange_sanctions_user_id_users')),
    sa.ForeignKeyConstraint(['via_post_id'], ['exchange_posts.id'], name=op.f('fk_exchange_sanctions_via_post_id_exchange_posts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exchange_sanctions')),
    info={'kind': 'platform', 'why': 'moderation sanctions on platform users'}
    )
    with op.batch_alter_table('exchange_sanctions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exchange_sanctions_user_id'), ['user_id'], unique=False)

    op.create_table('exchange_notifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('reply_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('read_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['post_id'], ['exchange_posts.id'], name=op.f('fk_exchange_notifications_post_id_exchange_posts')),
    sa.ForeignKeyConstraint(['reply_id'], ['exchange_replies.id'], name=op.f('fk_exchange_notifications_reply_id_exchange_replies')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_exchange_notifications_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exchange_notifications')),
    sa.UniqueConstraint('user_id', 'reply_id', name=op.f('uq_exchange_notifications_user_id_reply_id')),
    info={'kind': 'platform', 'why': 'notifications of a platform user'}
    )
    with op.batch_alter_table('exchange_notifications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exchange_notifications_user_id'), ['user_id'], unique=False)

    op.create_table('exchange_reveals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('reply_id', sa.Integer(), nullable=True),
    sa.Column('moderator_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['moderator_id'], ['users.id'], name=op.f('fk_exchange_reveals_moderator_id_users')),
    sa.ForeignKeyConstraint(['post_id'], ['exchange_posts.id'], name=op.f('fk_exchange_reveals_post_id_exchange_posts')),
    sa.ForeignKeyConstraint(['reply_id'], ['exchange_replies.id'], name=op.f('fk_exchange_reveals_reply_id_exchange_replies')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exchange_reveals')),
    info={'kind': 'platform', 'why': 'log of unmasking anonymous authors'}
    )
    with op.batch_alter_table('exchange_reveals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exchange_reveals_post_id'), ['post_id'], unique=False)



def downgrade():
    with op.batch_alter_table('exchange_reveals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exchange_reveals_post_id'))

    op.drop_table('exchange_reveals')
    with op.batch_alter_table('exchange_notifications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exchange_notifications_user_id'))

    op.drop_table('exchange_notifications')
    with op.batch_alter_table('exchange_sanctions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exchange_sanctions_user_id'))

    op.drop_table('exchange_sanctions')
    with op.batch_alter_table('exchange_reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exchange_reports_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_exchange_reports_post_id'))

    op.drop_table('exchange_reports')
    with op.batch_alter_table('exchange_replies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exchange_replies_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_exchange_replies_status'))
        batch_op.drop_index(batch_op.f('ix_exchange_replies_safety_region_code'))
        batch_op.drop_index(batch_op.f('ix_exchange_replies_province'))
        batch_op.drop_index(batch_op.f('ix_exchange_replies_post_id'))
        batch_op.drop_index(batch_op.f('ix_exchange_replies_author_user_id'))

    op.drop_table('exchange_replies')
    with op.batch_alter_table('exchange_post_tags', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exchange_post_tags_tag'))
        batch_op.drop_index(batch_op.f('ix_exchange_post_tags_post_id'))

    op.drop_table('exchange_post_tags')
    with op.batch_alter_table('exchange_follows', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exchange_follows_user_id'))
        batch_op.drop_index(batch_op.f('ix_exchange_follows_post_id'))

    op.drop_table('exchange_follows')
    with op.batch_alter_table('advice_state_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_advice_state_changes_request_id'))

    op.drop_table('advice_state_changes')
    with op.batch_alter_table('advice_messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_advice_messages_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_advice_messages_request_id'))

    op.drop_table('advice_messages')
    with op.batch_alter_table('advice_internal_notes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_advice_internal_notes_request_id'))

    op.drop_table('advice_internal_notes')
    with op.batch_alter_table('advice_effects', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_advice_effects_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_advice_effects_request_id'))

    op.drop_table('advice_effects')
    with op.batch_alter_table('exchange_posts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exchange_posts_visibility'))
        batch_op.drop_index(batch_op.f('ix_exchange_posts_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_exchange_posts_status'))
        batch_op.drop_index(batch_op.f('ix_exchange_posts_safety_region_code'))
        batch_op.drop_index(batch_op.f('ix_exchange_posts_province'))
        batch_op.drop_index(batch_op.f('ix_exchange_posts_author_user_id'))

    op.drop_table('exchange_posts')
    with op.batch_alter_table('advice_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_advice_requests_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_advice_requests_state'))
        batch_op.drop_index(batch_op.f('ix_advice_requests_assignee_id'))

    op.drop_table('advice_requests')
    op.drop_table('advice_advisor_settings')
    op.drop_table('exchange_reminders')
