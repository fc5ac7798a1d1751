"""Organisation wording rules and dismissed findings

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 20:30:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('wording_version', sa.Integer(), server_default='0', nullable=False))

    op.create_table('organisation_wording',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('phrase', sa.String(length=200), nullable=False),
    sa.Column('category', sa.String(length=40), nullable=True),
    sa.Column('suggestions', sa.JSON(), nullable=False),
    sa.Column('explanation', sa.Text(), nullable=False),
    sa.Column('added_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['added_by_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('organisation_wording', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organisation_wording_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('dismissal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('draft_id', sa.Integer(), nullable=False),
    sa.Column('finding_key', sa.String(length=300), nullable=False),
    sa.Column('text', sa.String(length=200), nullable=False),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('dismissed_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['dismissed_by_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['draft_id'], ['draft.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('draft_id', 'finding_key')
    )
    with op.batch_alter_table('dismissal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dismissal_draft_id'), ['draft_id'], unique=False)


def downgrade():
    with op.batch_alter_table('dismissal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dismissal_draft_id'))
    op.drop_table('dismissal')
    with op.batch_alter_table('organisation_wording', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_organisation_wording_organisation_id'))
    op.drop_table('organisation_wording')
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.drop_column('wording_version')
