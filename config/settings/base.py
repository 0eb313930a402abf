"""Every setting is defined here and varied only by environment variables.

The settings table in README.md lists each variable; keep the two in step.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


VAR_DIR = Path(env("GONGKAI_VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env("GONGKAI_SECRET_KEY", "insecure-local-development-key-change-me")
DEBUG = env_bool("GONGKAI_DEBUG", False)
ALLOWED_HOSTS = env_list("GONGKAI_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],::1")
CSRF_TRUSTED_ORIGINS = env_list("GONGKAI_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "gongkai.orgs",
    "gongkai.core",
    "gongkai.library",
    "gongkai.inforequests",
    "gongkai.workplan",
    "gongkai.reports",
    "gongkai.portal",
    "gongkai.workspace",
    "gongkai.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "gongkai.core.logging.RequestLogMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "gongkai.orgs.middleware.RegionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "gongkai" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.portal.context_processors.site",
            ],
        },
    }
]

# SQLite under var/ by default; PostgreSQL (or any URL dj-database-url knows) via DATABASE_URL.
DATABASE_URL = env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'gongkai.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Our backend sets WAL and a busy timeout on every connection (see ADR 0004).
    DATABASES["default"]["ENGINE"] = "gongkai.core.db.sqlite"
    # A database file keeps its connection across requests, as PostgreSQL's does: opening one
    # (the file, WAL, pragmas, the schema read on first use) was a sixth of a web worker's time
    # on document pages (docs/benchmarks.md, session 5). An in-memory one (tests) opens per use.
    _name = str(DATABASES["default"]["NAME"])
    _memory = _name in ("", ":memory:") or "mode=memory" in _name
    DATABASES["default"]["CONN_MAX_AGE"] = 0 if _memory else 60
    DATABASES["default"]["OPTIONS"] = {"timeout": 20}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "orgs.User"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "workspace:login"
LOGIN_REDIRECT_URL = "workspace:inbox"
LOGOUT_REDIRECT_URL = "portal:home"

# Login lockout (see gongkai/orgs/lockout.py): this many failures within the window lock the
# account name (and separately the client address) for the window.
GONGKAI_LOGIN_MAX_FAILURES = int(env("GONGKAI_LOGIN_MAX_FAILURES", "5"))
GONGKAI_LOGIN_LOCK_MINUTES = int(env("GONGKAI_LOGIN_LOCK_MINUTES", "15"))

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = env("GONGKAI_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "gongkai" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("GONGKAI_MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
GONGKAI_ATTACHMENT_MAX_MB = int(env("GONGKAI_ATTACHMENT_MAX_MB", "50"))  # per library attachment

# Cache: the database by default so that rate limits and lockouts hold across worker
# processes; Redis when REDIS_URL is set.
# "pages" keeps whole public pages (gongkai.core.pagecache) apart, so that thousands of them
# never push a lockout or a rate limit out of "default".
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "pages",
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "gongkai_cache",
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "gongkai_page_cache",
            "OPTIONS": {"MAX_ENTRIES": int(env("GONGKAI_PAGE_CACHE_ENTRIES", "20000"))},
        },
    }

if env("GONGKAI_PAGE_CACHE", "1") == "0":  # build every public page afresh (measurements)
    CACHES["pages"] = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 8
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

EMAIL_BACKEND = env("GONGKAI_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("GONGKAI_FROM_EMAIL", "gongkai@localhost")

# Reminder channels (gongkai/core/notify.py). In-app is always on; others by dotted path.
GONGKAI_NOTIFY_CHANNELS = env_list("GONGKAI_NOTIFY_CHANNELS", "inapp")
GONGKAI_SMS_BACKEND = env("GONGKAI_SMS_BACKEND", "gongkai.core.notify.LogSmsBackend")

# How many reverse proxies in front of the app may be trusted for X-Forwarded-For (lockout,
# rate limits and the audit trail's client address). 0 = use REMOTE_ADDR only.
GONGKAI_PROXY_COUNT = int(env("GONGKAI_PROXY_COUNT", "0"))
# The public address of the site, for absolute links in e-mails ("https://gk.example.gov.cn").
GONGKAI_SITE_URL = env("GONGKAI_SITE_URL", "http://127.0.0.1:8000")

# The worker's heartbeat counts as alive for this many seconds (healthz).
GONGKAI_WORKER_STALE_SECONDS = int(env("GONGKAI_WORKER_STALE_SECONDS", "180"))
# Run background jobs in-process right after commit instead of by the worker (tests, tiny sites).
GONGKAI_JOBS_EAGER = env_bool("GONGKAI_JOBS_EAGER", False)

LOG_LEVEL = env("GONGKAI_LOG_LEVEL", "INFO")
LOG_FORMAT = env("GONGKAI_LOG_FORMAT", "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "gongkai.core.logging.JsonFormatter"},
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
