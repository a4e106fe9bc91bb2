#!/usr/bin/env python3
"""The reference app (real Django 5.0.6 + DRF 3.14.0) served the way authentik 2024.6 serves it:
through Django's ASGIHandler, with the ASGI scope uvicorn builds (authentik runs gunicorn with
`lifecycle.worker.DjangoUvicornWorker`, lifecycle/gunicorn.conf.py). What differs from the WSGI
server (tests/reference/serve.py, wsgiref) is how a request's head reaches Django:

- headers: uvicorn puts every header line in `scope["headers"]`, in order, repeated ones too
  (uvicorn/protocols/http/httptools_impl.py `on_header`); Django's ASGIRequest joins repeated ones
  with "," (django/core/handlers/asgi.py: `value = self.META[corrected_name] + "," + value`).
  wsgiref keeps only the first Content-Type.
- path: `scope["path"]` is `urllib.parse.unquote` of the raw path (httptools_impl.py,
  `on_headers_complete`).

Reads one JSON request per line on stdin:
  {"state": {"invitation": …, "flows": […]}, "method": "PATCH", "raw_path": "/api/v3/…",
   "headers": [["content-type", "application/json"], …], "body_b64": "…"}
and writes {"status": n, "body": "<text>"} per line.
"""
import asyncio
import base64
import json
import os
import sys
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "reference"))


async def call(app, method, raw_path, headers, body):
    path = raw_path
    if "%" in path:
        path = urllib.parse.unquote(path)
    scope = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.1"},
        "http_version": "1.1",
        "server": ("127.0.0.1", 9000),
        "client": ("127.0.0.1", 50000),
        "scheme": "http",
        "root_path": "",
        "method": method,
        "path": path,
        "raw_path": raw_path.encode("ascii"),
        "query_string": b"",
        # As uvicorn appends them: lower-cased names, values as sent, repeated lines kept.
        "headers": [(n.lower().encode("latin1"), v.encode("latin1")) for n, v in headers]
        + [(b"host", b"127.0.0.1:9000"), (b"content-length", str(len(body)).encode())],
    }
    sent = []
    messages = [{"type": "http.request", "body": body, "more_body": False}]

    async def receive():
        if messages:
            return messages.pop(0)
        await asyncio.sleep(3600)

    async def send(message):
        sent.append(message)

    await app(scope, receive, send)
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    text = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return status, text.decode("utf-8", "replace")


def main():
    import refapp

    refapp.boot(db_name="file:reference-asgi?mode=memory&cache=shared")
    from django.core.handlers.asgi import ASGIHandler
    from django.db import transaction

    from refapp.core import clear_state, loads_case, quiet_django_logging, store_state

    quiet_django_logging(False)
    app = ASGIHandler()
    for line in sys.stdin:
        if not line.strip():
            continue
        req = json.loads(line)
        state = loads_case(json.dumps(req["state"]))
        with transaction.atomic():
            clear_state()
            store_state(state.get("invitation") or {}, state.get("flows") or [])
        body = base64.b64decode(req.get("body_b64", ""))
        status, text = asyncio.run(call(app, req["method"], req["raw_path"], req["headers"], body))
        print(json.dumps({"status": status, "body": text}), flush=True)


if __name__ == "__main__":
    main()
