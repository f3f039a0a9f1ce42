"""Settings for Kaohe, read from the environment (django-environ).

With nothing set it runs on an SQLite file in the project and runs Celery tasks eagerly
after commit — the one-command default for trying it out. Production sets DATABASE_URL
(PostgreSQL), CELERY_BROKER_URL (Redis), SECRET_KEY, ALLOWED_HOSTS and DEBUG=False.
"""

import os
import sys
from pathlib import Path

import environ
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env(
    DEBUG=(bool, False),
    ALLOWED_HOSTS=(list, ["127.0.0.1", "localhost"]),
    CSRF_TRUSTED_ORIGINS=(list, []),
    SECURE_SSL_REDIRECT=(bool, True),
)
# Development defaults written by `make run` (DEBUG=True, so `manage.py runserver` serves plain HTTP); the
# environment wins over the file. KAOHE_ENV_FILE names another file (the tests of `make run` use it).
ENV_FILE = Path(os.environ.get("KAOHE_ENV_FILE") or BASE_DIR / ".env")
environ.Env.read_env(ENV_FILE, overwrite=False) if ENV_FILE.exists() else None

DEBUG = env("DEBUG")
# A development key is only acceptable while DEBUG is on (and under pytest, which runs with DEBUG off so tests see
# production behaviour); production must set SECRET_KEY, else Django refuses the first request.
_TESTING = "pytest" in sys.modules
SECRET_KEY = env("SECRET_KEY", default="dev-insecure-kaohe-key" if (DEBUG or _TESTING) else None)
ALLOWED_HOSTS = env("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "csp",
    "units",
    "cadres",
    "targets",
    "assessment",
    "assessment.supervision",
    "assessment.api",
    "assessment.notifications",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Axes must be last so it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Persistent connections: a fresh PostgreSQL connection reloads its catalogue caches for every table a page reads,
# which costs more than rendering the page (docs/PERFORMANCE.md, Pages).
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Recompute and imports write while pages read; WAL keeps readers from blocking.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL;"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles"))
# Evidence and archived result workbooks are private: never under a URL the web server serves.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private_media")))
MEDIA_ROOT = PRIVATE_MEDIA_ROOT
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": PRIVATE_MEDIA_ROOT}},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Cache: Redis when a URL is given (shared between web and workers), else process-local.
CACHE_URL = env("CACHE_URL", default=env("CELERY_BROKER_URL", default=""))
if CACHE_URL.startswith("redis"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Celery: no broker configured means tasks run eagerly, in-process, after commit.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2}
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "sweep-stale-cycles": {"task": "assessment.recompute.tasks.sweep_stale_cycles", "schedule": 30.0},
    # The daily supervision job (assessment/supervision/daily.py): every morning; safe on several beats at once.
    "supervision-daily": {
        "task": "assessment.supervision.tasks.supervision_daily",
        "schedule": crontab(hour=env.int("SUPERVISION_DAILY_HOUR", default=6), minute=0),
    },
    # The day's time-based notifications (appeal deadline reminders), early in the office's morning.
    "notifications-daily": {
        "task": "assessment.notifications.tasks.notifications_daily_task",
        "schedule": crontab(hour=7, minute=0),
    },
}

# E-mail of notifications (Django's mail framework). EMAIL_URL: smtp+tls://user:password@host:587 and the like;
# unset, messages are printed to the console. SITE_URL makes the links in e-mails absolute.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="考核管理系统 <kaohe@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

# Upload limits for evidence (佐证材料) and workbooks.
EVIDENCE_MAX_BYTES = env.int("EVIDENCE_MAX_BYTES", default=10 * 1024 * 1024)
EVIDENCE_EXTENSIONS = ["pdf", "jpg", "jpeg", "png", "docx", "xlsx", "doc", "xls", "zip"]
DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Login throttling (django-axes): five failures lock the username+IP pair for an hour; the IP is the client's as
# the trusted proxies saw it (config/client_ip.py).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The number of reverse proxies in front of gunicorn that append to X-Forwarded-For (nginx: proxy_add_x_forwarded_for).
# 0: the client is REMOTE_ADDR and X-Forwarded-For is never trusted. Too high a number lets a client choose its
# address, so set it to exactly the proxies you run.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "config.client_ip.client_ip"

# Content security policy: everything from our own origin; ECharts is vendored under static/.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# The HTTP API (/api/v1/): requests per token (per user for the pages' session calls), "N/s|min|hour|day".
API_THROTTLE_RATE = env("API_THROTTLE_RATE", default="300/min")

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
# Nothing of this site is meant to be framed (admin popups open windows, not frames).
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# An unattended office PC should not stay signed in for weeks.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # The test client and the browser tests' live server speak plain HTTP.
    SECURE_SSL_REDIRECT = env("SECURE_SSL_REDIRECT") and not _TESTING
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}
