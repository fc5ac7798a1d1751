"""Drafts have the hours, a contact for an informal chat, the post's line manager and
its staff and budget (job evaluation), and how each person-specification criterion
is assessed

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24 12:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

TEXT_COLUMNS = ('hours', 'contact', 'reports_to', 'staff_and_budget')
ASSESSMENT_COLUMNS = ('essential_assessment', 'desirable_assessment')


def upgrade():
    with op.batch_alter_table('draft', schema=None) as batch_op:
        for name in TEXT_COLUMNS:
            batch_op.add_column(sa.Column(name, sa.Text(), nullable=False, server_default=''))
        for name in ASSESSMENT_COLUMNS:
            # Empty for existing drafts: no criterion has a method chosen yet.
            batch_op.add_column(sa.Column(name, sa.JSON(), nullable=True))
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('standard_statements', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.drop_column('standard_statements')
    with op.batch_alter_table('draft', schema=None) as batch_op:
        for name in (*ASSESSMENT_COLUMNS, *TEXT_COLUMNS):
            batch_op.drop_column(name)
