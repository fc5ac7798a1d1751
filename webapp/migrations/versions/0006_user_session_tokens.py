"""Users have a session token: part of what the session cookie holds, so a new one
signs them out everywhere (sign-out, password change, a reset by their admin)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24 10:00:00

"""
import secrets

from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_token', sa.String(length=64), nullable=True))
    # A random token for every existing account, each its own: made here rather than
    # with a database function, so SQLite and PostgreSQL do the same. Sessions from
    # before the upgrade hold no token and are signed out.
    connection = op.get_bind()
    user = sa.table('user', sa.column('id', sa.Integer), sa.column('session_token', sa.String))
    for (user_id,) in connection.execute(sa.select(user.c.id)).all():
        connection.execute(
            sa.update(user).where(user.c.id == user_id).values(session_token=secrets.token_urlsafe(32))
        )
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.alter_column('session_token', existing_type=sa.String(length=64), nullable=False)


def downgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('session_token')
