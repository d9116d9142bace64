"""Settings for placetrain: one file, driven by environment variables.

``PLACETRAIN_ENV=development`` is the developer's explicit choice (``make run``, ``make test``);
anything else runs with production's settings and refuses to start with DEBUG on or without a
real secret.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
ENVIRONMENTS = ("development", "production")
PLACETRAIN_ENV = os.environ.get("PLACETRAIN_ENV", "").strip()
if PLACETRAIN_ENV and PLACETRAIN_ENV not in ENVIRONMENTS:
    raise ImproperlyConfigured(
        "Refusing to start: PLACETRAIN_ENV must be 'development' or 'production'."
    )
# Development is chosen (`make run` and `make test` choose it), never fallen into: unset, the
# settings are production's, with DEBUG off and a real secret required.
PRODUCTION = PLACETRAIN_ENV != "development"
DEBUG = env_bool("DJANGO_DEBUG", not PRODUCTION)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", DEV_SECRET_KEY)


def weak_secret(key: str) -> bool:
    """Django's deploy check's test of a secret: short, few distinct characters, or a
    generated development key."""
    return (
        key == DEV_SECRET_KEY
        or len(key) < 50
        or len(set(key)) < 5
        or key.startswith("django-insecure-")
    )


if PRODUCTION:
    if DEBUG:
        raise ImproperlyConfigured("Refusing to start: DEBUG is on in production.")
    if weak_secret(SECRET_KEY):
        raise ImproperlyConfigured(
            "Refusing to start: set DJANGO_SECRET_KEY to a random value of 50+ characters "
            "(or PLACETRAIN_ENV=development on a developer's machine)."
        )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "auditlog",
    "axes",
    "django_filters",
    "placetrain.accounts",
    "placetrain.classifications",
    "placetrain.participants",
    "placetrain.employers",
    "placetrain.activities",
    "placetrain.employment",
    "placetrain.language",
    "placetrain.placements",
    "placetrain.matching",
    "placetrain.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "placetrain.accounts.middleware.SessionRenewalMiddleware",
    "placetrain.accounts.middleware.UserLanguageMiddleware",
    "placetrain.accounts.middleware.NoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "placetrain.urls"
WSGI_APPLICATION = "placetrain.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "placetrain" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "placetrain.accounts.context_processors.menu",
            ],
            # Panels that higher apps contribute to lower apps' pages (lib/registry.py).
            "builtins": ["placetrain.lib.templatetags.panels"],
        },
    }
]

FORM_RENDERER = "placetrain.lib.forms.FormRenderer"

# --- Database --------------------------------------------------------------
# SQLite by default (WAL + busy timeout + immediate transactions so concurrent writers
# queue instead of failing); PostgreSQL when DATABASE_URL points at it.
# In production a worker keeps its connection for a minute (checked before reuse): opening one
# per request cost a fifth of the throughput in bench/load.py.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60" if PRODUCTION else "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
        "PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 5,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts, login safety, sessions ----------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "activities:my-day"
LOGOUT_REDIRECT_URL = "accounts:login"

# Idle timeout: the session is renewed on every request and dies after this many idle minutes.
SESSION_IDLE_MINUTES = int(os.environ.get("SESSION_IDLE_MINUTES", "30"))
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
# Renewed by accounts.middleware.SessionRenewalMiddleware when older than this, not written on
# every request.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_RENEW_SECONDS = int(os.environ.get("SESSION_RENEW_SECONDS", "60"))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

# --- Internationalisation ------------------------------------------------------
LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norwegian Bokmål")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["placetrain.formats"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "placetrain" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- Audit --------------------------------------------------------------------------
# Change history records who changed which fields, never the values: every registered
# field is masked completely (see placetrain.lib.audit).
AUDITLOG_MASK_CALLABLE = "placetrain.lib.audit.mask_value"
AUDITLOG_STORE_JSON_CHANGES = True
AUDITLOG_DISABLE_REMOTE_ADDR = env_bool("AUDITLOG_DISABLE_REMOTE_ADDR", False)

# --- Domain settings -----------------------------------------------------------------
# Days without contact before a participant is highlighted on "Min dag".
CONTACT_STALE_DAYS = int(os.environ.get("CONTACT_STALE_DAYS", "14"))

# Check-ins proposed after a hire: w = weeks, m = months, d = days (Snart Ansatt, Jobbsjansen:
# follow-up for at least a year).
FOLLOW_UP_SCHEDULE = env_list("FOLLOW_UP_SCHEDULE", "1w,2w,4w,2m,3m,6m,9m,12m")

# --- Security (production) -----------------------------------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Logs carry no personal data: request paths hold only numeric ids, and we never log
# form values or object representations.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
