"""Extension objects, created here and bound to the app in ``create_app``."""

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect

db = SQLAlchemy()
csrf = CSRFProtect()
migrate = Migrate()
login_manager = LoginManager()
login_manager.login_view = "auth.sign_in"
login_manager.login_message = "Sign in to see your drafts."
login_manager.login_message_category = "info"


def new_limiter() -> Limiter:
    """A Flask-Limiter for one app. Flask-Limiter keeps its storage and its on/off switch
    on the Limiter object itself, so one shared object would let the last app built (the
    tests build many in one process) decide for all; each app gets its own, kept in
    ``app.extensions["rate_limiter"]`` by ``rate_limits.init_rate_limits``. Its settings
    are the RATELIMIT_* ones in config.py."""
    return Limiter(key_func=get_remote_address)
