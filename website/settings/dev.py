from .base import *  # noqa: F403
from .base import SECRET_KEY as _SECRET_KEY

DEBUG = True
# A development-only key; production refuses to start without SECRET_KEY in the environment.
SECRET_KEY = _SECRET_KEY or "django-insecure-development-only-key-not-for-production"
