"""Revisions say what made them (created, saved, autosaved, restored, marked final,
reopened), in place of the autosave flag, and how many edits their editor had made

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 23:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('revision', schema=None) as batch_op:
        batch_op.add_column(sa.Column('change', sa.String(length=20), server_default='saved', nullable=False))
        batch_op.add_column(sa.Column('edit_sequence', sa.BigInteger(), nullable=True))
    op.execute("UPDATE revision SET change = 'autosaved' WHERE autosave")
    op.execute("UPDATE revision SET change = 'created' WHERE version = 1")
    with op.batch_alter_table('revision', schema=None) as batch_op:
        batch_op.drop_column('autosave')


def downgrade():
    with op.batch_alter_table('revision', schema=None) as batch_op:
        batch_op.add_column(sa.Column('autosave', sa.Boolean(), server_default=sa.false(), nullable=False))
    op.execute("UPDATE revision SET autosave = (change = 'autosaved')")
    with op.batch_alter_table('revision', schema=None) as batch_op:
        batch_op.drop_column('edit_sequence')
        batch_op.drop_column('change')
