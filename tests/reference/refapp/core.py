"""Storing a case's state and sending one PATCH through Django's real request path."""
import base64
import datetime
import io
import json
import sys
import uuid

from refapp.pgemu import NumberLiteral, jsonb_roundtrip

ENDPOINT = "/api/v3/stages/invitation/invitations/"
DEFAULT_PK = "00000000-0000-4000-8000-000000000001"  # when a case gives no invitation pk
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


def store_state(invitation, flows):
    """Create the Users, Flows and the Invitation a case describes. Returns the invitation pk."""
    from django.utils.dateparse import parse_datetime

    from refapp.models import Flow, Invitation, User

    flow_objs = {}
    for f in flows or []:
        if isinstance(f, str):
            f = {"pk": f}
        flow_objs.setdefault(_flow_pk(f), f)
    inv_flow = invitation.get("flow")
    if inv_flow is not None:
        inv_flow = str(uuid.UUID(str(inv_flow)))
        given = invitation.get("flow_obj")
        if inv_flow not in flow_objs:
            flow_objs[inv_flow] = given if isinstance(given, dict) else {"pk": inv_flow}
    Flow.objects.bulk_create([Flow(flow_uuid=uuid.UUID(k), api=v) for k, v in flow_objs.items()])

    user = invitation.get("created_by")
    if not isinstance(user, dict) or "pk" not in user:
        user = DEFAULT_USER
    User.objects.create(id=int(user["pk"]), api=user)

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
        created_by_id=int(user["pk"]),
    )
    inv.save(force_insert=True)
    return str(inv.invite_uuid)


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


def patch_environ(pk, body, content_type):
    """A WSGI environ for PATCH /api/v3/stages/invitation/invitations/<pk>/."""
    environ = {
        "REQUEST_METHOD": "PATCH",
        "PATH_INFO": ENDPOINT + pk + "/",
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
    return environ


def call_wsgi(app, environ):
    """(status code, body bytes) from a WSGI app."""
    status = []

    def start_response(s, headers, exc_info=None):
        status.append(s)

    result = app(environ, start_response)
    try:
        data = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    return int(status[0].split(" ", 1)[0]), data


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
                        pk = store_state(first.get("invitation") or {}, first.get("flows") or [])
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
        with transaction.atomic():
            try:
                status, data = call_wsgi(self.app, patch_environ(pk, body, content_type))
            finally:
                transaction.set_rollback(True)
        text = "" if status >= 500 else data.decode("utf-8")
        return {"id": case.get("id"), "status": status, "body": text}


def state_key(case):
    """Cases with equal keys store the same state. Number literals only matter in fixed_data."""
    from jsontext import dumps

    inv = case.get("invitation")
    fixed = dumps(inv.get("fixed_data")) if isinstance(inv, dict) else ""
    return json.dumps([inv, case.get("flows")]) + "\x00" + fixed
