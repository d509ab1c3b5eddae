"""Settings for the CLAIR directory.

Environment variables are the only configuration channel; every one of them is listed
with its default in README.md. The defaults are safe: DEBUG is off, and without DEBUG a
SECRET_KEY must be given.
"""

import os
from pathlib import Path

import dj_database_url
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.strip().lower() in _TRUE:
        return True
    if value.strip().lower() in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off; got {value!r}"
    )


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {value!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment, or set DEBUG=1 for development."
        )
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])

# HTTPS: on by default in production. HTTPS=0 serves plain HTTP (local benchmarks).
HTTPS = env_bool("HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", HTTPS)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", HTTPS)
# Behind a proxy or load balancer that terminates TLS and says so in X-Forwarded-Proto.
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True
# How many proxies in front of the app append to X-Forwarded-For: the client is the
# address this many entries from the right (see clair_directory/proxies.py). Rate
# limits, sign-in lockouts and the request log all use it.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1 if BEHIND_PROXY else 0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured(f"TRUSTED_PROXY_COUNT must be 0 or more; got {TRUSTED_PROXY_COUNT}")
if TRUSTED_PROXY_COUNT and not BEHIND_PROXY:
    raise ImproperlyConfigured(
        "TRUSTED_PROXY_COUNT needs BEHIND_PROXY=1: without a proxy, "
        "X-Forwarded-For is whatever the client wrote."
    )
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# No inline scripts or styles anywhere: everything comes from our own static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "csp",
    "django_filters",
    "phonenumber_field",
    "django_countries",
    "simple_history",
    "axes",
    "import_export",
    "corsheaders",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "associations",
]

MIDDLEWARE = [
    "clair_directory.middleware.HealthCheckMiddleware",
    "clair_directory.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Outside the page cache, so that cached pages get the header as any other.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "clair_directory.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything that answers on its own, so that every /api/ answer carries CORS.
    "corsheaders.middleware.CorsMiddleware",
    "associations.api.throttling.RateLimitHeadersMiddleware",
    # Before the page cache, whose session look-up would send a NUL to the database.
    "clair_directory.errors.RejectNulMiddleware",
    # Before the page cache: whether `/` is the reader's page at all depends on the reader.
    "clair_directory.language.PreferredLanguageMiddleware",
    # Serves cached anonymous pages before the rest of the stack (see associations/caching.py).
    "associations.caching.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # After LocaleMiddleware, so that its error page speaks the reader's language.
    "clair_directory.errors.DatabaseUnavailableMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out user is refused before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Failed logins: after AXES_FAILURE_LIMIT failures for one username from one address, that
# pair is locked out for AXES_COOLOFF_HOURS. `manage.py axes_reset_username NAME` unlocks.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_HOURS", 1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# The client's address by the site's one rule, not the proxy's (which would lock out
# everyone behind it) nor the left-most X-Forwarded-For entry (which the client writes).
AXES_CLIENT_IP_CALLABLE = "clair_directory.proxies.client_address"

# Imports apply whole or not at all.
IMPORT_EXPORT_USE_TRANSACTIONS = True
# IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT stays off: it only drops a leading "=" (and turns
# every cell into text); the resource escapes every formula start itself (spreadsheets.py).
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
# The admin's import runs in a web request: files beyond these limits are refused with a
# message, and go through `manage.py import_associations FILE` instead.
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 500)
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 1024 * 1024)
# Between preview and confirm the file waits in the cache (shared by every instance when
# REDIS_URL is set), for at most this long.
IMPORT_EXPORT_TMP_STORAGE_CLASS = "associations.admin.importing.PreviewStorage"
IMPORT_PREVIEW_SECONDS = env_int("IMPORT_PREVIEW_SECONDS", 3600)

ROOT_URLCONF = "clair_directory.urls"
# The admin's path, configurable so that it is not where scanners look first.
ADMIN_PATH = os.environ.get("ADMIN_PATH", "admin/").strip("/") + "/"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "associations.context_processors.language_links",
            ],
        },
    },
]

WSGI_APPLICATION = "clair_directory.wsgi.application"

DATABASES = {
    # An empty DATABASE_URL (`DATABASE_URL=` in an env file) is the default too.
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache: Redis when REDIS_URL is set (shared by every worker and instance), else
# local memory, which is per process: run one worker, or set REDIS_URL.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": (
        {
            "BACKEND": "clair_directory.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            # Sites (or benchmark runs) sharing one Redis keep apart by their prefix.
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", ""),
            # A Redis that does not answer must not hold a request up: the site serves
            # without it (see associations/caching.py).
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
        if REDIS_URL
        # Room for the association cards (see associations/fragments.py) of a few
        # thousand associations in a language or two; the default keeps 300 entries.
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    )
}
# After the cache fails, it is left alone (and the failure logged once) for this long.
CACHE_RETRY_SECONDS = env_int("CACHE_RETRY_SECONDS", 30)
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
# Each association's card on the listings is kept rendered for at most this long (0: not
# kept); like a page, it is stale at once when the directory changes.
FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 3600)
# A page larger than this is served but not kept.
PAGE_CACHE_MAX_BYTES = env_int("PAGE_CACHE_MAX_BYTES", 512 * 1024)
CDN_MAX_AGE = env_int("CDN_MAX_AGE", 60)
# The sitemap is kept until the directory changes, and at most this long.
SITEMAP_CACHE_SECONDS = env_int("SITEMAP_CACHE_SECONDS", 24 * 3600)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: English and Japanese, and the languages of CLAIR's
# multilingual information (source document 002).
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("ja", _("Japanese")),
    ("zh-hans", _("Simplified Chinese")),
    ("ko", _("Korean")),
    ("pt", _("Portuguese")),
    ("tl", _("Tagalog")),
    ("vi", _("Vietnamese")),
    # Easy Japanese (やさしい日本語), as Japan's local governments write for foreign
    # residents. A private-use tag: untranslated strings fall back to plain Japanese.
    ("ja-x-easy", _("Easy Japanese")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Django ships no Tagalog locale; say how the language names itself.
LANG_INFO.setdefault(
    "tl", {"bidi": False, "code": "tl", "name": "Tagalog", "name_local": "Tagalog"}
)
LANG_INFO.setdefault(
    "ja-x-easy",
    {"bidi": False, "code": "ja-x-easy", "name": "Easy Japanese", "name_local": "やさしいにほんご"},
)
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Tokyo")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# Phone numbers in the documents are written in Japanese national form.
PHONENUMBER_DEFAULT_REGION = "JP"
PHONENUMBER_DB_FORMAT = "E164"

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PAGINATION_CLASS": "associations.api.pagination.Pagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["associations.api.throttling.APIRateThrottle"],
    "EXCEPTION_HANDLER": "associations.api.errors.handle",
    "UNAUTHENTICATED_USER": None,
}
# Requests per client address ("120/min"; s, min, hour, day), counted in the shared cache;
# empty: no limit.
API_RATE = os.environ.get("API_RATE", "120/min").strip()

# The open data may be read by browser apps on any site: /api/ only, reading only, no cookies.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_EXPOSE_HEADERS = (
    "Last-Modified",
    "RateLimit-Limit",
    "RateLimit-Remaining",
    "RateLimit-Reset",
    "Retry-After",
)
SPECTACULAR_SETTINGS = {
    "TITLE": "CLAIR directory API",
    "DESCRIPTION": (
        "Read-only data of Japan's international exchange associations, CLAIR's offices "
        "and the JET Programme. Every record carries its sources and an as_of date."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # Several models have a `kind`; the places' own gets a name of its own.
    "ENUM_NAME_OVERRIDES": {"PlaceKindEnum": "associations.models.places.Municipality.Kind"},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "associations.api.schema.declare_responses",
        "associations.api.schema.hsds_paths",
    ],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "clair_directory.middleware.RequestIdFilter"}},
    "formatters": {
        "line": {
            "format": "%(asctime)s %(levelname)s [%(request_id)s %(client_address)s] "
            "%(name)s: %(message)s"
        }
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request_id"],
            "formatter": "line",
        }
    },
    "root": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # The request log below says the same, with the request id.
        "django.server": {"level": "WARNING"},
        "django.request": {"level": "ERROR"},
    },
}
