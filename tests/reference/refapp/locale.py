"""authentik 2024.6's two locale middlewares, as the reference runs them.

A case may say who is asking (harness case fields, README "Languages"):
  brand_locale  the brand's attributes.settings.locale; absent: the brand has no such setting ("")
  user_locale   the session user's attributes.settings.locale; absent: no session user (anonymous,
                or authenticated by an API token, which ImpersonateMiddleware does not see)
Either may be any JSON value, as authentik stores it; a string is what its UI and API write.
"""
from django.utils.translation import activate, deactivate

# authentik/root/settings.py runs BrandMiddleware early and ImpersonateMiddleware late; the ones
# between them do not touch the language.
MIDDLEWARE = ["refapp.locale.BrandMiddleware", "refapp.locale.ImpersonateMiddleware"]

BRAND = "reference.brand_attributes"
USER = "reference.user_attributes"  # absent: no session user


def wants_locale(case):
    return "brand_locale" in case or "user_locale" in case


def attributes_for(case):
    """The WSGI environ entries for a case's locale fields."""
    extra = {BRAND: {}}
    if "brand_locale" in case:
        extra[BRAND] = {"settings": {"locale": case["brand_locale"]}}
    if "user_locale" in case:
        extra[USER] = {"settings": {"locale": case["user_locale"]}}
    return extra


def _settings_locale(attributes):
    # authentik/brands/models.py Brand.default_locale and authentik/core/models.py User.locale:
    # attributes.get("settings", {}).get("locale", ""), "" if that raises.
    try:
        return attributes.get("settings", {}).get("locale", "")
    except Exception:  # noqa: BLE001 - as authentik: any failure reads as ""
        return ""


class BrandMiddleware:
    """authentik/brands/middleware.py BrandMiddleware (2024.6): activates the brand's locale."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        locale = _settings_locale(request.META.get(BRAND, {}))
        if locale != "":
            activate(locale)  # None (a JSON null) passes this test; activate(None) does nothing
        return self.get_response(request)


class ImpersonateMiddleware:
    """authentik/core/middleware.py ImpersonateMiddleware (2024.6): the session user's locale."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if USER in request.META:  # request.user.is_authenticated
            locale = _settings_locale(request.META[USER])
            if locale != "":
                activate(locale)
        return self.get_response(request)


def reset():
    """After each request. authentik 2024.6 calls activate() and never deactivates, so a worker
    thread keeps the last language it activated (authentik issue #12088, fixed with override() in
    later versions); the reference answers each case as a fresh thread would."""
    deactivate()
