"""Settings shared by every environment. Deploy-specific values come from environment variables."""

from pathlib import Path

import dj_database_url

from .env import env_bool, env_int, env_list, env_str

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "home",
    "notices",
    "village_rules",
    "legal_aid",
    "consultations",
    "notifications",
    "council",
    "residents",
    "grid",
    "supervision",
    "search",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales, adds tree synchronisation
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "rest_framework",
    "modelcluster",
    "taggit",
    "django_filters",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",  # the sitemap.xml template of wagtail.contrib.sitemaps
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",  # first: its HTTPS redirect comes before any cached page
    # Before anything reads a parameter: NUL and other text PostgreSQL refuses get a 400 with a message.
    "portal.badinput.RejectUnstorableInputMiddleware",
    "portal.unavailable.DatabaseUnavailableMiddleware",
    # Inside the 503 handling: a request that fails after writing a photo leaves no orphan file behind.
    "portal.storage.MediaCleanupMiddleware",
    # A cached page is answered before the other middleware run (the language comes from the URL's prefix) and
    # carries the headers they added when it was stored; inside DatabaseUnavailable, whose 503 must not pre-empt
    # a stale copy.
    "portal.pagecache.middleware.PageCacheMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, renaming a session's backend path of before residents.auth (the user's resident joined).
    "residents.auth.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "portal.ratelimit.AllauthRateLimitedMiddleware",
    # A one-time password from the county is replaced before anything else (residents.onboarding).
    "residents.first_signin.FirstPasswordMiddleware",
    "portal.staff_security.StaffSecurityMiddleware",
    # A publish refused for personal data deep in an admin view: rolled back, and a message (home.privacy).
    "home.privacy.middleware.PersonalDataRefusalMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "home.context_processors.portal",
            ],
        },
    },
]

# Database: DATABASE_URL, or a SQLite file in the project folder so that a bare machine works.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache and sessions: Redis when REDIS_URL is set, local memory otherwise.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "portal.rediscache.ReusingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "village-commons",
        }
    }
    # Sessions survive a Redis restart because they are written through to the database. Django's engines with
    # the database read compiled once (portal/sessions).
    SESSION_ENGINE = "portal.sessions.cached_db"
else:
    # Per process: fine for one developer's server; with several workers each keeps its own page cache and
    # invalidations reach only the worker that made the change, so production sets REDIS_URL.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 5000}}}
    SESSION_ENGINE = "portal.sessions.db"

AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    # Django's and allauth's, each loading the user's resident with the user (one query, not two).
    "residents.auth.ModelBackend",
    "residents.auth.AuthenticationBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "portal.passwords.StaffPasswordValidator"},
]

LOGIN_URL = "account_login"
# The Wagtail admin signs staff in through allauth too, whose failed-login limits (ACCOUNT_RATE_LIMITS) then
# apply; /admin/login/ itself is replaced (portal/urls.py). Wagtail's unthrottled password reset is off:
# allauth's rate-limited one serves staff as well.
WAGTAILADMIN_LOGIN_URL = "portal_admin_login"
WAGTAIL_PASSWORD_RESET_ENABLED = False
LOGIN_REDIRECT_URL = "/"
# Residents sign in with their mobile number or e-mail; staff and the demo accounts also by account name.
ACCOUNT_ADAPTER = "residents.adapter.AccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "residents.forms.ResidentSignupForm"
ACCOUNT_LOGIN_METHODS = {"phone", "email", "username"}
# Mobile number or e-mail: each optional for allauth, and the sign-up form (residents.forms) asks for at least
# one. allauth's W001 wants one of them marked required, but a required phone would lock out every account
# without one (staff, e-mail-only residents), so the check is silenced on purpose.
ACCOUNT_SIGNUP_FIELDS = ["phone", "email", "password1*", "password2*"]
SILENCED_SYSTEM_CHECKS = ["account.W001"]
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PHONE_VERIFICATION_ENABLED = True
ACCOUNT_PHONE_VERIFICATION_SUPPORTS_RESEND = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
# Six digits, as Chinese text-message codes always are: easy to read out and type on a keypad.
ALLAUTH_USER_CODE_FORMAT = {"numeric": True, "length": 6, "dashed": False}
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
# On (issue 17): "no account uses this number" told anyone which neighbours have accounts, which helped take
# records over. The messages say kindly what happens instead ("if this number is registered, a code was sent").
ACCOUNT_PREVENT_ENUMERATION = True
# allauth's built-in rate limits (ACCOUNT_RATE_LIMITS defaults, cache-backed) stay on: failed logins per IP
# and per account, codes, password resets and sign-ups.
# Two-factor sign-in (allauth's MFA app, residents/mfa.py): an authenticator app (TOTP) and recovery codes.
# Required for every account that works in the admin (portal/staff_security.py), optional for residents.
MFA_ADAPTER = "residents.mfa.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "村务通"
MFA_REQUIRED_FOR_STAFF = env_bool("MFA_REQUIRED_FOR_STAFF", True)
# Staff e-mail addresses are set by the county's administrators, not confirmed by link: do not lock them out of MFA.
MFA_ALLOW_UNVERIFIED_EMAIL = True
# Sessions: staff are signed out after this many idle minutes; residents stay signed in for SESSION_COOKIE_AGE.
STAFF_SESSION_IDLE_MINUTES = env_int("STAFF_SESSION_IDLE_MINUTES", 30)
SESSION_COOKIE_AGE = env_int("RESIDENT_SESSION_DAYS", 30) * 24 * 60 * 60
# Staff passwords (portal/passwords.py): longer than residents', on every path where one is set.
STAFF_PASSWORD_MIN_LENGTH = env_int("STAFF_PASSWORD_MIN_LENGTH", 12)
# The county's own division code prefix (6 digits, or 9 for a township portal): the village register import
# refuses a village code outside it (residents.village_register). Empty: any 12-digit code.
COUNTY_DIVISION_CODE = env_str("COUNTY_DIVISION_CODE", "")
# Text messages (verification codes): the default sender writes them to the log.
RESIDENTS_SMS_SENDER = env_str("RESIDENTS_SMS_SENDER", "residents.sms.LogSender")
# Aliyun SMS (residents/sms_aliyun.py, docs/reach.md): used when RESIDENTS_SMS_SENDER names its sender.
ALIYUN_SMS = {
    "endpoint": env_str("ALIYUN_SMS_ENDPOINT", "https://dysmsapi.aliyuncs.com/"),
    "region": env_str("ALIYUN_SMS_REGION", "cn-hangzhou"),
    "access_key_id": env_str("ALIYUN_SMS_ACCESS_KEY_ID"),
    "access_key_secret": env_str("ALIYUN_SMS_ACCESS_KEY_SECRET"),
    "sign_name": env_str("ALIYUN_SMS_SIGN_NAME"),
    "templates": {
        "code": env_str("ALIYUN_SMS_TEMPLATE_CODE"),
        "notice": env_str("ALIYUN_SMS_TEMPLATE_NOTICE"),
        "plain": env_str("ALIYUN_SMS_TEMPLATE_PLAIN"),
    },
    "connect_timeout": env_int("ALIYUN_SMS_CONNECT_TIMEOUT", 3),
    "timeout": env_int("ALIYUN_SMS_TIMEOUT", 10),
}
# A text message the provider refused for its rate limit waits this long before it is tried again.
BROADCASTS_SMS_RETRY_MINUTES = env_int("BROADCASTS_SMS_RETRY_MINUTES", 30)

# Languages: Simplified Chinese first, then Traditional Chinese and English.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [
    ("zh-hans", "简体中文"),
    ("zh-hant", "繁體中文"),
    ("en", "English"),
]
# The project's catalogue first; then what Wagtail's and wagtail-localize's own zh catalogues lack or word in
# mainland terms for zh-hant (locale_wagtail/, kept by hand: `make messages` leaves it alone). Earlier paths win.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_wagtail"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Shanghai"
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# Static files and media.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "media")
# Private files (request photos) are sent by nginx from this internal location after the view checked who asks
# (home/private_media.py); empty: Django streams them itself (development).
PRIVATE_MEDIA_ACCEL_PREFIX = env_str("PRIVATE_MEDIA_ACCEL_PREFIX")
STORAGES = {
    "default": {"BACKEND": "portal.storage.PortalFileStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# E-mail: console by default so that a bare machine works.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "村务通 <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background tasks run at once unless a worker backend is configured.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Wagtail.
WAGTAIL_SITE_NAME = "村务通"
# A supervision committee's approval publishes the notice it approved (its members have no publish permission).
WAGTAIL_FINISH_WORKFLOW_ACTION = "supervision.finish.publish_workflow_state"
# The portal's public address: every link written outside a page (e-mails, texts, the API's html_url, feeds, the
# sitemap) starts with it (portal/public_url.py). WAGTAILADMIN_BASE_URL is still read, for older .env files.
PORTAL_BASE_URL = env_str("PORTAL_BASE_URL") or env_str("WAGTAILADMIN_BASE_URL") or "http://127.0.0.1:8000"
WAGTAILADMIN_BASE_URL = PORTAL_BASE_URL
# Site search (issue 8): Chinese cut into words and folded to Simplified before it reaches the backend.
# search.backends.database picks SQLite or PostgreSQL; search.backends.elasticsearch8 for Elasticsearch.
# The segmenting backends (search/backends); SEARCH_BACKEND=wagtail.search.backends.database is the stock one
# (bench/pages.py --layers compares them; Chinese words are then not cut in the admin's search).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": env_str("SEARCH_BACKEND", "search.backends.database")}}
# What the search page looks through, by dotted path to a search.registry.SearchType.
SEARCH_TYPES = [
    "search.types.NOTICES",
    "search.types.RULES",
    "search.types.REVISIONS",
    "search.types.LEGAL_EDUCATION",
    "search.types.CONTACTS",
    "search.types.CONSULTATIONS",
    "search.types.PROPOSALS",
]
# Simplified → Traditional in one click in the translation editor (English stays manual).
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {"CLASS": "search.translator.OpenCCTranslator", "OPTIONS": {}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "csv", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = env_int("DOCUMENT_MAX_UPLOAD_MB", 20) * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("IMAGE_MAX_UPLOAD_MB", 10) * 1024 * 1024
WAGTAILAPI_BASE_URL = PORTAL_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100
WAGTAIL_ALLOW_UNICODE_SLUGS = False
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

REST_FRAMEWORK = {
    # The open-data API is read-only and public: JSON only, no browsable forms.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}

# Whole-page cache for anonymous visitors (portal/pagecache): fresh for PAGE_CACHE_SECONDS, invalidated at once
# when a village's content changes, and served past that only while the database is unreachable.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE", True)
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
# Sites, locales and restricted page paths (home/lookups.py), cached for an hour and cleared by signals. That is
# only right when every process shares the cache: with per-process local memory a page restricted through one
# gunicorn worker would stay public in the others until the copy expired. So it follows REDIS_URL by default.
LOOKUP_CACHE_ENABLED = env_bool("LOOKUP_CACHE", bool(REDIS_URL))
PAGE_CACHE_STALE_SECONDS = env_int("PAGE_CACHE_STALE_SECONDS", 24 * 60 * 60)
# The layers over Wagtail's page serving (docs/wagtail-internals.md), on by default; off only to measure what
# each buys (bench/pages.py --layers): home/routing.py's one-query routing and home/treecache.py's cached tree.
ROUTING_SHORTCUT_ENABLED = env_bool("ROUTING_SHORTCUT", True)
TREE_CACHE_ENABLED = env_bool("TREE_CACHE", True)
DATABASE_RETRY_AFTER_SECONDS = 30

# The elder-mode preference lives in a cookie so that it works without JavaScript or an account.
ELDER_MODE_COOKIE = "elder_mode"
ELDER_MODE_COOKIE_AGE = 365 * 24 * 60 * 60
ELDER_MODE_COOKIE_SECURE = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Wagtail and the task runner log every page save and task at INFO: too chatty for a console.
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}

# Grid management: request deadlines count working days. Official holidays and make-up working days (调休) come
# from the chinese-calendar package (grid/deadlines.py); these lists are local overrides (ISO dates) that win over
# it: a county's own day off, or next year's State Council notice before the package has it.
GRID_HOLIDAYS: list[str] = []
GRID_MAKEUP_WORKDAYS: list[str] = []

# ==== Issue 10: production and security ====
# Rate limits on what residents post (portal.ratelimit): (requests, seconds) per signed-in user and per address.
# A household shares one address (and a village often one mobile carrier NAT), so the per-IP limits are wide.
RATE_LIMITS = {
    "ballot": {"user": (env_int("RATE_LIMIT_BALLOTS_PER_USER", 20), 600), "ip": (300, 600)},
    "proposal": {"user": (env_int("RATE_LIMIT_PROPOSALS_PER_USER", 5), 3600), "ip": (60, 3600)},
    # An author fixing a typo twice should not use up their new proposals: edits and withdrawals count apart.
    "proposal_edit": {"user": (30, 3600), "ip": (300, 3600)},
    "support": {"user": (60, 600), "ip": (600, 600)},
    "comment": {"user": (env_int("RATE_LIMIT_COMMENTS_PER_USER", 10), 600), "ip": (120, 600)},
    "report": {"user": (20, 3600), "ip": (200, 3600)},
    # Filing or rating a service request (grid): a resident reports a few problems a day, not dozens an hour.
    "request": {"user": (env_int("RATE_LIMIT_REQUESTS_PER_USER", 10), 3600), "ip": (120, 3600)},
    "question": {"user": (10, 600), "ip": (120, 600)},  # questions on a notice, like comments
    # Starting a demand for a meeting (council): a resident starts a few, never dozens an hour. Signing and
    # withdrawing count apart and wider: a whole village may sign from one carrier address on the evening of a call.
    "demand": {"user": (env_int("RATE_LIMIT_DEMANDS_PER_USER", 5), 3600), "ip": (60, 3600)},
    "demand_sign": {"user": (20, 3600), "ip": (600, 3600)},
    # A complaint to the supervision committee: its own budget, so that grid requests do not use it up.
    "complaint": {"user": (env_int("RATE_LIMIT_COMPLAINTS_PER_USER", 5), 3600), "ip": (60, 3600)},
    # Guesses at the shared password of a restricted page or document collection (every POST counts).
    "view_password": {"user": (10, 600), "ip": (10, 600)},
}
# nginx on the same machine (deploy/nginx) passes the visitor's address in X-Real-IP.
RATE_LIMIT_TRUSTED_PROXIES = env_list("RATE_LIMIT_TRUSTED_PROXIES", "127.0.0.1,::1")
# allauth, cache-backed: failed sign-ins per address and per account, codes, sign-ups, password resets.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "change_phone": "1/m/user",
    "manage_email": "10/m/user",
}

# Content Security Policy (django-csp): no inline script or style anywhere on the public site. The Wagtail
# admin still writes inline scripts and style attributes, so portal.security relaxes the policy for /admin/.
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
        "frame-ancestors": ["'self'"],
    }
}
CSP_ADMIN_RELAXED = {
    "script-src": ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "frame-src": ["'self'"],
}
# Browser features the portal never uses, switched off for every page (portal.security).
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), payment=(), usb=(), interest-cohort=()"
)
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
INSTALLED_APPS += ["csp", "audit", "backups", "django_tasks", "django_tasks_db"]
INSTALLED_APPS += ["county_seed"]  # manage.py seed_county: a generated county for benchmarks
# Inside the page cache: a cached page keeps the policy it was stored with (the public policy has no nonce).
MIDDLEWARE.insert(
    MIDDLEWARE.index("portal.pagecache.middleware.PageCacheMiddleware") + 1, "portal.security.SecurityHeadersMiddleware"
)
# Uploads: besides Wagtail's extension and size checks, documents are sniffed and images re-encoded (home.uploads).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "home.uploads.DocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.uploads.ImageForm"
# Backups (manage.py backup / restore).
BACKUP_DIR = Path(env_str("BACKUP_DIR") or BASE_DIR / "backup-archives")

# Complaints about late or untrue notices (supervision, VCOL art. 31): the township's reply deadline in working
# days (DOMAIN §4: 20 days), and how many working days before it the township is reminded.
SUPERVISION_COMPLAINT_REPLY_WORKING_DAYS = env_int("SUPERVISION_COMPLAINT_REPLY_WORKING_DAYS", 20)
SUPERVISION_COMPLAINT_REMIND_WORKING_DAYS = env_int("SUPERVISION_COMPLAINT_REMIND_WORKING_DAYS", 3)
