#!/usr/bin/env python3
"""The reference app as a real HTTP server on 127.0.0.1 (threaded wsgiref + Django's WSGIHandler).

Usage:
  .venv/bin/python serve.py [--port N] [--state FILE]     (port 0 = any free port; default 0)
  .venv/bin/python harness.py serve [--port N]

Prints "listening on http://127.0.0.1:PORT" once ready. Routes:
  PATCH (etc.) /api/v3/stages/invitation/invitations/<pk>/   the real DRF endpoint; changes persist
  POST /__reference__/setup        body {"invitation": {...} | "invitations": [...], "flows": [...],
                                   "user": {...}}: empties the DB and stores that state (as the
                                   harness stores a case's state); answers {"pk": "<first pk>",
                                   "pks": [...]}. "user" (default: the first invitation's
                                   creator) is who every later request comes from, unless it sends
                                   X-Reference-User: <pk>. A POST creates the pk that
                                   X-Reference-New-Pk names, else a random one.
  GET  /__reference__/stats        {"patch_requests": n}: requests (any method) that reached the
                                   invitation endpoint since start or the last reset
  POST /__reference__/reset-stats  sets the count to 0; answers {"patch_requests": 0}
Requests are handled one at a time (a lock), each in its own thread with a large stack.
A request body needs a Content-Length header (wsgiref does not read chunked bodies).
"""
import argparse
import json
import os
import sys
import threading
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

# Python frames between the wrapper below and the view differ from the harness's path; this keeps
# a `flow` list's boundary where the harness has it (a 500 from 488 levels). The C recursion
# limit cannot be shifted: bodies break from 1,479 levels here (tests/reference/README.md).
SERVE_BUDGET_SHIFT = -2
THREAD_STACK = 64 << 20


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass

    def get_environ(self):
        env = super().get_environ()
        # wsgiref puts "text/plain" in CONTENT_TYPE when the request has no Content-Type
        # header; a real deployment (ASGI/gunicorn) leaves it out, and DRF then answers 415 "".
        if self.headers.get("content-type") is None:
            env.pop("CONTENT_TYPE", None)
        return env


class ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class ReferenceApp:
    def __init__(self):
        from django.core.handlers.wsgi import WSGIHandler

        from refapp.core import ENDPOINT

        self.django = WSGIHandler()
        self.endpoint = ENDPOINT
        self.lock = threading.Lock()
        self.patch_requests = 0
        self.user_pk = None

    def json(self, start_response, status, obj):
        data = json.dumps(obj).encode("utf-8")
        start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(data)))])
        return [data]

    def setup(self, environ, start_response):
        from django.db import transaction

        from refapp.core import clear_state, loads_case

        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
            state = loads_case(environ["wsgi.input"].read(length).decode("utf-8"))
            with transaction.atomic():
                clear_state()
                pks, self.user_pk = store_states(state)
        except Exception as exc:
            return self.json(start_response, "400 Bad Request", {"error": "%s: %s" % (type(exc).__name__, exc)})
        return self.json(start_response, "200 OK", {"pk": pks[0] if pks else None, "pks": pks})

    def __call__(self, environ, start_response):
        from refapp.core import frame_depth, set_recursion_limit
        from refapp.newpk import NEW_PK

        path = environ.get("PATH_INFO", "")
        method = environ.get("REQUEST_METHOD", "GET")
        with self.lock:
            if path == "/__reference__/setup" and method == "POST":
                return self.setup(environ, start_response)
            if path == "/__reference__/stats" and method == "GET":
                return self.json(start_response, "200 OK", {"patch_requests": self.patch_requests})
            if path == "/__reference__/reset-stats" and method == "POST":
                self.patch_requests = 0
                return self.json(start_response, "200 OK", {"patch_requests": 0})
            if path.startswith(self.endpoint):
                self.patch_requests += 1
            if self.user_pk is not None and "HTTP_X_REFERENCE_USER" not in environ:
                environ["HTTP_X_REFERENCE_USER"] = str(self.user_pk)
            set_recursion_limit(frame_depth() + SERVE_BUDGET_SHIFT)
            # The pk a POST creates (set here, not through a wrapper: a frame more would shift the
            # recursion budget).
            token = NEW_PK.set(environ.get("HTTP_X_REFERENCE_NEW_PK") or None)
            try:
                result = self.django(environ, start_response)
                try:
                    return [b"".join(result)]
                finally:
                    if hasattr(result, "close"):
                        result.close()
            finally:
                NEW_PK.reset(token)


def store_states(state):
    """Stores a setup body's state; returns (invitation pks, the requesting user's pk)."""
    from refapp.core import requesting_user_pk, store_state

    if "invitations" in state:
        invitations = state["invitations"] or []
    else:
        invitations = [state.get("invitation") or {}]
    flows = state.get("flows") or []
    pks = [store_state(inv, flows, state.get("user")) for inv in invitations]
    if not invitations:
        store_state(None, flows, state.get("user"))
    first = invitations[0] if invitations else None
    return pks, requesting_user_pk({"user": state.get("user"), "invitation": first})


def main(argv):
    ap = argparse.ArgumentParser(description="Reference authentik invitation API over HTTP.")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--state", help="JSON file {invitation, flows} to store at start")
    ap.add_argument("--verbose", action="store_true", help="print Django's logs (500 tracebacks)")
    args = ap.parse_args(argv)

    import refapp

    # One in-memory DB shared by every thread's connection; the main thread's connection
    # (opened here) keeps it alive.
    refapp.boot(db_name="file:reference-serve?mode=memory&cache=shared")
    from refapp.core import loads_case, quiet_django_logging

    quiet_django_logging(args.verbose)
    threading.stack_size(THREAD_STACK)
    app = ReferenceApp()
    if args.state:
        with open(args.state, encoding="utf-8") as f:
            state = loads_case(f.read())
        _, app.user_pk = store_states(state)

    server = make_server("127.0.0.1", args.port, app, server_class=ThreadingWSGIServer, handler_class=QuietHandler)
    print("listening on http://127.0.0.1:%d" % server.server_port, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
