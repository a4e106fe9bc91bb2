"""A minimal Django project reproducing authentik 2024.6's invitation PATCH endpoint.

Everything lives in code: call ``refapp.boot()`` once per process before using Django.
"""
import os
import sys

_BOOTED = False


def boot(db_name=":memory:"):
    """Configure settings, set up Django and create the tables (idempotent)."""
    global _BOOTED
    if _BOOTED:
        return
    import django
    from django.conf import settings

    settings.configure(
        DEBUG=False,
        SECRET_KEY="reference-harness-not-secret",
        ALLOWED_HOSTS=["*"],
        ROOT_URLCONF="refapp.urls",
        INSTALLED_APPS=["rest_framework", "refapp"],
        MIDDLEWARE=[],
        TEMPLATES=[],
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": db_name}},
        DEFAULT_AUTO_FIELD="django.db.models.AutoField",
        LANGUAGE_CODE="en-us",
        TIME_ZONE="UTC",
        USE_I18N=True,
        USE_TZ=True,
        LOGGING_CONFIG=None,
        REST_FRAMEWORK={
            "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
            "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
            # authentik: token or session authentication and RBAC permissions; here every request
            # comes from the user the harness names (refapp.reference), allowed everything.
            "DEFAULT_AUTHENTICATION_CLASSES": ["refapp.reference.ReferenceAuthentication"],
            "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
            "UNAUTHENTICATED_USER": None,
            "UNAUTHENTICATED_TOKEN": None,
            # authentik/root/settings.py: its pagination class, 100 a page, then ordering by the
            # viewset's `ordering` (filtering and search by name etc. are not reproduced).
            "DEFAULT_PAGINATION_CLASS": "refapp.pagination.Pagination",
            "PAGE_SIZE": 100,
            "DEFAULT_FILTER_BACKENDS": ["refapp.pgemu.PostgresOrderingFilter"],
            # DRF's own handler; the harness's wrapper only records get_codes() in a header.
            "EXCEPTION_HANDLER": "refapp.reference.exception_handler",
        },
    )
    django.setup()
    create_tables()
    _BOOTED = True


def create_tables():
    from django.db import connection

    from refapp.models import Flow, Invitation, User

    existing = set(connection.introspection.table_names())
    with connection.schema_editor() as editor:
        for model in (Flow, User, Invitation):
            if model._meta.db_table not in existing:
                editor.create_model(model)


def check_versions():
    import django
    import rest_framework

    assert django.get_version() == "5.0.6", django.get_version()
    assert rest_framework.VERSION == "3.14.0", rest_framework.VERSION
