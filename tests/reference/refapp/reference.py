"""The harness's own hooks into the request path. None of this is authentik's; each hook only
supplies what a real deployment has and the harness must choose: who is asking, and which uuid a
POST's new invitation gets. And it records DRF's error codes next to the answer.

- ``X-Reference-User: <pk>``: the requesting user (authentik authenticates a token or session).
- ``X-Reference-New-Pk: <uuid>``: the ``invite_uuid`` a POST creates (the model default is uuid4).
- Every error answer carries ``X-Reference-Codes``: ``get_codes()`` of the exception, as JSON,
  shaped like the body (``{"detail": "parse_error"}`` for a string detail).
"""
import json

from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication


class ReferenceAuthentication(BaseAuthentication):
    """Authenticates every request as the User whose pk ``X-Reference-User`` gives."""

    def authenticate(self, request):
        from refapp.models import User

        pk = request.META.get("HTTP_X_REFERENCE_USER")
        if not pk:
            return None
        return (User.objects.get(pk=int(pk)), None)


def codes_of(exc, data):
    if isinstance(exc, Http404):
        codes = exceptions.NotFound.default_code
    elif isinstance(exc, PermissionDenied):
        codes = exceptions.PermissionDenied.default_code
    else:
        codes = exc.get_codes()
    if isinstance(codes, str) and isinstance(data, dict) and "detail" in data:
        codes = {"detail": codes}
    return codes


def exception_handler(exc, context):
    """DRF's default handler; only adds the X-Reference-Codes header to its answer."""
    # (imported here: rest_framework.views reads the settings that name this module)
    from rest_framework.views import exception_handler as drf_exception_handler

    response = drf_exception_handler(exc, context)
    if response is not None:
        response["X-Reference-Codes"] = json.dumps(codes_of(exc, response.data))
    return response
