#!/usr/bin/env python3
"""Measures where the reference harness stops answering deep bodies normally (a 500 from then on).

Usage:
  tests/reference/.venv/bin/python tests/reference/measure_depth.py [--via harness|serve] [SHAPE...]

For each shape, a body holding a value nested N levels deep is sent at every N around the
boundary (found by bisection, then checked one by one on either side), and the first N answered
500 is printed with the answers just below it. N counts the nested value's own levels (`[]` is 1);
the whole body is one level deeper for the field shapes. `--via serve` sends the requests to a
serve.py started here, over HTTP on loopback (the path the worker tests take).

Shapes (default: all):
  body-list       the whole body is a list nested N deep (parse; the top level answers 400)
  body-object     the whole body is {"zz": {"zz": ...}} N deep (an unknown key's value, ignored)
  fixed_data      {"fixed_data": {"a": ... {}}}: fixed_data an object nested N deep
  name-list       {"name": [[...]]}
  name-object     {"name": {"a": {...}}}
  flow-list       {"flow": [[...]]}
  flow-object     {"flow": {"a": {...}}}
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)


def nested_list(n):
    return "[" * n + "]" * n


def nested_object(n):
    return '{"a":' * (n - 1) + "{}" + "}" * (n - 1)


SHAPES = {
    "body-list": nested_list,
    "body-object": lambda n: '{"zz":' * (n - 1) + "{}" + "}" * (n - 1),
    "fixed_data": lambda n: '{"fixed_data":%s}' % nested_object(n),
    "name-list": lambda n: '{"name":%s}' % nested_list(n),
    "name-object": lambda n: '{"name":%s}' % nested_object(n),
    "flow-list": lambda n: '{"flow":%s}' % nested_list(n),
    "flow-object": lambda n: '{"flow":%s}' % nested_object(n),
}


def measure(ask, shape, lo=2, hi=4000):
    """The first depth answered 500, with the answers at the depths just below and at it."""
    make = SHAPES[shape]
    if ask(make(hi))[0] != 500:
        return None, []
    # Invariant: lo answers normally, hi is a 500.
    assert ask(make(lo))[0] != 500, shape
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if ask(make(mid))[0] == 500:
            hi = mid
        else:
            lo = mid
    seen = [(n, *ask(make(n))) for n in range(max(2, hi - 3), hi + 4)]
    # The boundary is sharp: everything below answers normally, everything from it on is a 500.
    for n, status, _ in seen:
        assert (status == 500) == (n >= hi), (shape, seen)
    return hi, seen


def harness_asker():
    import harness
    from refapp.core import Runner

    harness.boot()
    runner = Runner()

    def ask(body):
        a = runner.answer({"id": "m", "body": body, "invitation": {}, "flows": []})
        return a["status"], a["body"]

    return ask


def serve_asker():
    """Sends each body over HTTP to serve.py, started here on a free loopback port."""
    import atexit
    import http.client
    import subprocess

    proc = subprocess.Popen([sys.executable, os.path.join(HERE, "serve.py"), "--port", "0"],
                            stdout=subprocess.PIPE, text=True)
    atexit.register(proc.terminate)
    line = proc.stdout.readline()
    if not line.startswith("listening on http://127.0.0.1:"):
        raise SystemExit("serve.py did not start: %r" % line)
    port = int(line.rsplit(":", 1)[1])

    def request(method, path, data):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            conn.request(method, path, body=data, headers={"Content-Type": "application/json"})
            r = conn.getresponse()
            return r.status, r.read().decode("utf-8")
        finally:
            conn.close()

    def ask(body):
        # PATCHes persist in serve.py: start every request from the same stored invitation.
        status, text = request("POST", "/__reference__/setup", b'{"invitation": {}, "flows": []}')
        pk = json.loads(text)["pk"]
        status, text = request("PATCH", "/api/v3/stages/invitation/invitations/%s/" % pk, body.encode("utf-8"))
        return status, text if status < 500 else ""

    return ask


def run(via, shapes):
    import platform

    ask = serve_asker() if via == "serve" else harness_asker()
    print("CPython %s, via %s" % (platform.python_version(), via))
    for shape in shapes:
        first, seen = measure(ask, shape)
        if first is None:
            print("%-12s no 500 up to 4000 levels" % shape)
            continue
        last_ok = [s for s in seen if s[0] == first - 1][0]
        print("%-12s 500 from %d levels; at %d: %d %s" % (shape, first, first - 1, last_ok[1], last_ok[2][:90]))


def main(argv):
    via = "harness"
    if argv[:1] == ["--via"]:
        via, argv = argv[1], argv[2:]
    shapes = argv or list(SHAPES)
    import harness

    harness.in_big_thread(run, via, shapes)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
