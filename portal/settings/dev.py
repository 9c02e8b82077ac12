"""Local development: `make run`. Never used in production."""

from .base import *  # noqa: F403
from .env import env_str

DEBUG = True
# A fixed key is fine on a developer's machine and nowhere else; production has its own.
SECRET_KEY = env_str("SECRET_KEY") or "dev-only-insecure-key-village-commons"
ALLOWED_HOSTS = ["*"]
# Static files straight from the apps' folders, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
