"""Settings. Production values come from the environment (see README: Configuration).

With nothing set, the site runs for local use: debug off, a random secret key per
process (nothing is signed or stored, so that is safe), and only local host names.
Setting DJANGO_SECRET_KEY marks a real deployment and turns on the HTTPS settings.
"""
import os
import secrets
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name, "")
    items = [item.strip() for item in raw.split(",") if item.strip()]
    return items or default


DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
DEPLOYED = bool(os.environ.get("DJANGO_SECRET_KEY"))
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(50)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])

# django_htmx is used for its middleware only: as an app it would publish its ~170 static
# files (the site vendors its own htmx in static/vendor/).
INSTALLED_APPS = [
    "django.contrib.staticfiles",
    "estimator",
]

# Compressing pages costs the app about 170 µs a result page; behind the proxy of deploy/
# nginx compresses them instead. So a deployment leaves it to the proxy unless told otherwise.
COMPRESS_IN_APP = os.environ.get("DJANGO_GZIP", "0" if DEPLOYED else "1") == "1"

MIDDLEWARE = [
    "estimator.middleware.NoStoreAnswersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Pages carry no secrets (no CSRF token: every form is GET), so compressing them is safe.
    *(["django.middleware.gzip.GZipMiddleware"] if COMPRESS_IN_APP else []),
    "estimator.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "estimator.middleware.PageLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "estimator.middleware.PageHtmxMiddleware",     # django-htmx's, but for the JSON door
]

ROOT_URLCONF = "estimator.urls"
WSGI_APPLICATION = "estimator.wsgi.application"

TEMPLATES = [
    {
        # Jinja2 through Django's own backend (see estimator/templating.py for why).
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "estimator.templating.environment",
            "context_processors": ["estimator.context.site"],
            "keep_trailing_newline": True,
            # Templates are compiled once per process, not checked on every request.
            "auto_reload": DEBUG,
        },
    },
]

# The site keeps no state: no database, no sessions, no users.
DATABASES = {}

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG else "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}
WHITENOISE_MAX_AGE = 31536000 if not DEBUG else 0

# Security. Headers that every response carries are set in estimator.middleware.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"  # the figures in reproduce links stay on this site
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
if DEPLOYED and os.environ.get("DJANGO_HTTPS", "1") == "1":
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    # Both bind every subdomain of the site's domain (preload for years, in the browsers'
    # own lists): only the domain's operator can decide that, so each is opt-in.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("DJANGO_HSTS_INCLUDE_SUBDOMAINS") == "1"
    SECURE_HSTS_PRELOAD = os.environ.get("DJANGO_HSTS_PRELOAD") == "1"
    # check --deploy would nag about a decision that is the operator's, not the app's.
    SILENCED_SYSTEM_CHECKS = ([] if SECURE_HSTS_INCLUDE_SUBDOMAINS else ["security.W005"]) + \
                             ([] if SECURE_HSTS_PRELOAD else ["security.W021"])
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

DATA_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 400

# Logs carry no personal figures: no request bodies, no query strings (see gunicorn.conf.py).
# Every line is made private (estimator.logging): no query string, control characters escaped.
# A request the client got wrong (bad Host, too many fields: django.security.*) is one
# WARNING line without a traceback, however many are sent.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(levelname)s %(name)s %(message)s"}},
    "filters": {"no_figures": {"()": "estimator.logging.DropRequestDetails"},
                "client_error": {"()": "estimator.logging.ClientErrorsAsWarnings"}},
    # Filters of a handler, not of a logger: a logger's own filters miss its children's records.
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain",
                             "filters": ["no_figures"]},
                 "client_errors": {"class": "logging.StreamHandler", "formatter": "plain",
                                   "filters": ["client_error", "no_figures"]}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"django": {"handlers": ["console"], "level": "WARNING", "propagate": False},
                "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
                "django.security": {"handlers": ["client_errors"], "level": "WARNING", "propagate": False},
                "django.server": {"handlers": ["console"], "level": "WARNING", "propagate": False}},
}
