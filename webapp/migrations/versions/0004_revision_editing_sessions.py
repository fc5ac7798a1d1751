"""Revisions know the editing session that saved them, and whether it was an autosave

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 21:45:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('revision', schema=None) as batch_op:
        batch_op.add_column(sa.Column('editing_session', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('autosave', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table('revision', schema=None) as batch_op:
        batch_op.drop_column('autosave')
        batch_op.drop_column('editing_session')
