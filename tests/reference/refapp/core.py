"""Storing a case's state and sending one PATCH through Django's real request path."""
import base64
import datetime
import io
import json
import sys
import uuid

from refapp.pgemu import NumberLiteral, jsonb_roundtrip
from refapp.newpk import NEW_PK as NEW_PK_VAR

ENDPOINT = "/api/v3/stages/invitation/invitations/"
DEFAULT_PK = "00000000-0000-4000-8000-000000000001"  # when a case gives no invitation pk
NEW_PK = "00000000-0000-4000-8000-000000000002"  # a POST's new invitation, when the case gives no pk
DEFAULT_USER = {
    "pk": 1,
    "username": "akadmin",
    "name": "authentik Default Admin",
    "is_active": True,
    "last_login": None,
    "email": "admin@example.com",
    "attributes": {},
    "uid": "0000000000000000000000000000000000000000000000000000000000000000",
}


def loads_case(text):
    """Parse a case (JSON text), keeping the literal of every float (for jsonb numbers)."""
    return json.loads(text, parse_float=NumberLiteral)


def _flow_pk(obj):
    return str(uuid.UUID(str(obj["pk"])))


def store_state(invitation, flows, user=None):
    """Create the Users, Flows and the Invitation a case describes. Returns the invitation pk.

    ``invitation`` None stores none (a POST's state); ``user`` is the requesting user (a
    GroupMember object), created unless the invitation's creator has that pk already.
    """
    from django.utils.dateparse import parse_datetime

    from refapp.models import Flow, Invitation, User

    flow_objs = {}
    for f in flows or []:
        if isinstance(f, str):
            f = {"pk": f}
        flow_objs.setdefault(_flow_pk(f), f)
    inv_flow = invitation.get("flow") if invitation is not None else None
    if inv_flow is not None:
        inv_flow = str(uuid.UUID(str(inv_flow)))
        given = invitation.get("flow_obj")
        if inv_flow not in flow_objs:
            flow_objs[inv_flow] = given if isinstance(given, dict) else {"pk": inv_flow}
    # (already stored ones are kept: serve.py stores several invitations sharing flows and users)
    Flow.objects.bulk_create([Flow(flow_uuid=uuid.UUID(k), api=v) for k, v in flow_objs.items()],
                             ignore_conflicts=True)

    users = {}
    for u in ((invitation or {}).get("created_by"), user):
        if isinstance(u, dict) and "pk" in u:
            users.setdefault(int(u["pk"]), u)
    if not users or (invitation is not None and not isinstance(invitation.get("created_by"), dict)):
        users.setdefault(DEFAULT_USER["pk"], DEFAULT_USER)
    for pk, api in users.items():
        User.objects.get_or_create(id=pk, defaults={"api": api})
    if invitation is None:
        return None

    creator = invitation.get("created_by")
    if not isinstance(creator, dict) or "pk" not in creator:
        creator = DEFAULT_USER
    expires = invitation.get("expires")
    if expires is not None:
        parsed = parse_datetime(expires)
        if parsed is None:
            raise ValueError("invitation.expires is not a datetime: %r" % (expires,))
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=datetime.timezone.utc)
        expires = parsed
    pk = invitation.get("pk") or DEFAULT_PK
    inv = Invitation(
        invite_uuid=uuid.UUID(str(pk)),
        name=invitation.get("name", "invite"),
        expires=expires,
        expiring=invitation.get("expiring", True),
        fixed_data=jsonb_roundtrip(invitation.get("fixed_data", {})),
        single_use=bool(invitation.get("single_use", False)),
        flow_id=uuid.UUID(inv_flow) if inv_flow is not None else None,
        created_by_id=int(creator["pk"]),
    )
    inv.save(force_insert=True)
    return str(inv.invite_uuid)


def requesting_user_pk(case):
    """The pk of the user a case's request comes from: its ``user``, else the invitation's creator."""
    for u in (case.get("user"), (case.get("invitation") or {}).get("created_by"), DEFAULT_USER):
        if isinstance(u, dict) and "pk" in u:
            return int(u["pk"])


def clear_state():
    from refapp.models import Flow, Invitation, User

    Invitation.objects.all().delete()
    Flow.objects.all().delete()
    User.objects.all().delete()


def case_body_bytes(case):
    if "body_b64" in case:
        return base64.b64decode(case["body_b64"])
    body = case.get("body", "")
    return body.encode("utf-8")  # a lone surrogate cannot be sent: use body_b64


METHODS = ("PATCH", "PUT", "POST")


def patch_environ(pk, body, content_type, method="PATCH", headers=None):
    """A WSGI environ for PATCH or PUT /api/v3/stages/invitation/invitations/<pk>/, or (pk None)
    POST /api/v3/stages/invitation/invitations/. ``headers``: extra HTTP_* entries."""
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": ENDPOINT + (pk + "/" if pk is not None else ""),
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "testserver",
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }
    if content_type is not None:
        environ["CONTENT_TYPE"] = content_type
    environ.update(headers or {})
    return environ


def call_wsgi(app, environ):
    """(status code, body bytes, headers dict with lower-case names) from a WSGI app."""
    status = []
    got = {}

    def start_response(s, headers, exc_info=None):
        status.append(s)
        got.update((k.lower(), v) for k, v in headers)

    result = app(environ, start_response)
    try:
        data = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    return int(status[0].split(" ", 1)[0]), data, got


# Recursion budget, for CPython 3.12 (the server's). 3.12 bounds C recursion (the json scanner and
# encoder, repr of nested lists and dicts) by a fixed limit of 1,500 that sys.setrecursionlimit does
# not move; sys.getrecursionlimit() only counts Python frames. The only Python recursion a body can
# drive is Query.resolve_lookup_value on a `flow` list (two frames a level). Counted from the frame
# that sends the request, this budget makes that a RecursionError (500) from 488 levels, the
# server's (SPEC Part C), whatever the entry point. Measured with measure_depth.py; README.md.
RECURSION_BUDGET = 998


def frame_depth():
    f = sys._getframe(1)
    n = 0
    while f is not None:
        n += 1
        f = f.f_back
    return n


def set_recursion_limit(depth):
    """Set the limit for requests sent from a frame at ``depth`` (as frame_depth() counts)."""
    sys.setrecursionlimit(depth + RECURSION_BUDGET)


def quiet_django_logging(verbose=False):
    import logging

    log = logging.getLogger("django")
    log.propagate = verbose
    if not verbose:
        log.addHandler(logging.NullHandler())


class Runner:
    """Answers cases one by one, each inside a transaction that is rolled back."""

    def __init__(self):
        from django.core import signals
        from django.core.handlers.wsgi import WSGIHandler
        from django.db import close_old_connections

        # The production WSGI entry point. Connection recycling is turned off: every case runs
        # inside a transaction on the one in-memory connection.
        signals.request_started.disconnect(close_old_connections)
        signals.request_finished.disconnect(close_old_connections)
        self.app = WSGIHandler()
        # Cases with a brand or user locale go through authentik's two locale middlewares
        # (refapp/locale.py). The others keep a handler without them: each middleware adds frames
        # to the stack, and the recursion budget above is calibrated without any.
        from django.conf import settings

        from refapp.locale import MIDDLEWARE

        plain = settings.MIDDLEWARE
        settings.MIDDLEWARE = MIDDLEWARE
        try:
            self.locale_app = WSGIHandler()
        finally:
            settings.MIDDLEWARE = plain

    def answer(self, case):
        """Answer one case: store its state, PATCH, roll everything back."""
        return self.answer_many([case])[0]

    def answer_many(self, cases, on_error=None):
        """Answer cases in order. Cases sharing a state (same invitation and flows) share one
        stored state; each request runs in a savepoint that is rolled back afterwards."""
        from django.db import transaction

        set_recursion_limit(frame_depth())
        groups = {}
        for i, case in enumerate(cases):
            groups.setdefault(state_key(case), []).append(i)
        answers = [None] * len(cases)
        for indexes in groups.values():
            first = cases[indexes[0]]
            with transaction.atomic():
                try:
                    try:
                        pk = store_state(case_invitation(first), first.get("flows") or [], first.get("user"))
                    except Exception as exc:
                        if on_error is None:
                            raise
                        for i in indexes:
                            answers[i] = on_error(cases[i], exc)
                        continue
                    for i in indexes:
                        try:
                            answers[i] = self._request(pk, cases[i])
                        except Exception as exc:
                            if on_error is None:
                                raise
                            answers[i] = on_error(cases[i], exc)
                finally:
                    transaction.set_rollback(True)
        return answers

    def _request(self, pk, case):
        from django.db import transaction

        body = case_body_bytes(case)
        content_type = case.get("content_type", "application/json")
        method = case.get("method", "PATCH")
        if method not in METHODS:
            raise ValueError("method must be one of %s" % (METHODS,))
        headers = {"HTTP_X_REFERENCE_USER": str(requesting_user_pk(case))}
        if method == "POST":
            pk = None
            headers["HTTP_X_REFERENCE_NEW_PK"] = str(uuid.UUID(case.get("pk") or NEW_PK))
        from refapp.locale import attributes_for, reset, wants_locale

        environ = patch_environ(pk, body, content_type, method, headers)
        app = self.app
        if wants_locale(case):
            environ.update(attributes_for(case))
            app = self.locale_app
        with transaction.atomic():
            try:
                # (the POST pk set here, not through a wrapper: one more frame would shift the budget)
                token = NEW_PK_VAR.set(headers.get("HTTP_X_REFERENCE_NEW_PK"))
                try:
                    status, data, got = call_wsgi(app, environ)
                finally:
                    NEW_PK_VAR.reset(token)
            finally:
                transaction.set_rollback(True)
                reset()
        text = "" if status >= 500 else data.decode("utf-8")
        answer = {"id": case.get("id"), "status": status, "body": text}
        if status < 500 and "x-reference-codes" in got:
            answer["codes"] = json.loads(got["x-reference-codes"])
        return answer


def case_invitation(case):
    """The invitation a case stores: none for a POST that gives none."""
    inv = case.get("invitation")
    if inv is None and case.get("method") == "POST":
        return None
    return inv or {}


def state_key(case):
    """Cases with equal keys store the same state. Number literals only matter in fixed_data."""
    from jsontext import dumps

    inv = case_invitation(case)
    fixed = dumps(inv.get("fixed_data")) if isinstance(inv, dict) else ""
    return json.dumps([inv, case.get("flows"), case.get("user")]) + "\x00" + fixed
