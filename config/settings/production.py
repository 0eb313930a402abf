"""Production: PostgreSQL via DATABASE_URL, secrets from the environment, HTTPS behind nginx."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import SECRET_KEY, env, env_bool

DEBUG = False
if SECRET_KEY.startswith("insecure") or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("生产环境必须设置 GONGKAI_SECRET_KEY（至少 50 个字符的随机串）。")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("GONGKAI_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(env("GONGKAI_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("GONGKAI_HSTS_PRELOAD", True)
EMAIL_BACKEND = env("GONGKAI_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
