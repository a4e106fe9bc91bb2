#!/usr/bin/env python3
"""Reference harness: authentik 2024.6's invitation PATCH, answered by real Django 5.0.6 + DRF 3.14.0.

Usage:
  .venv/bin/python harness.py [--jobs N] [--verbose] < cases.jsonl > answers.jsonl
  .venv/bin/python harness.py --stream           (one answer per line as each case arrives)
  .venv/bin/python harness.py --self-test
  .venv/bin/python harness.py serve [--port N]        (same as serve.py)

Case (one JSON object a line):
  id            string
  body          the raw body text (sent UTF-8 encoded), or
  body_b64      the raw body bytes, base64
  content_type  the Content-Type header (default "application/json"; null: no header at all)
  invitation    the Invitation as the API shows it (pk, name, expires, fixed_data, created_by,
                single_use, flow, flow_obj); stored as PostgreSQL would give it back
  flows         Flow objects as the API shows them (each with "pk"), or pk strings; all created
Answer (one JSON object a line, in input order):
  id, status (int), body (response text exactly as rendered; "" for a 500)
  and "error" (with status 0) when the case itself could not be run.

Each case runs in one in-memory SQLite DB inside a transaction that is rolled back afterwards.
"""
import json
import os
import sys
import threading
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

# Deep bodies need deep Python stacks (see refapp.core.RECURSION_BUDGET): run in a thread
# whose C stack is large enough for any recursion the budget allows.
THREAD_STACK = 64 << 20


def in_big_thread(fn, *args):
    result = {}

    def run():
        try:
            result["value"] = fn(*args)
        except BaseException as exc:  # re-raised in the caller
            result["error"] = exc

    threading.stack_size(THREAD_STACK)
    t = threading.Thread(target=run, name="reference")
    t.start()
    t.join()
    if "error" in result:
        raise result["error"]
    return result.get("value")


def boot(verbose=False):
    import refapp

    refapp.boot()
    from refapp.core import quiet_django_logging

    quiet_django_logging(verbose)


def error_answer(case, exc):
    cid = case.get("id") if isinstance(case, dict) else None
    return {"id": cid, "status": 0, "body": "", "error": "%s: %s" % (type(exc).__name__, exc)}


def answer_lines(runner, lines):
    """Answers (dicts) for JSONL case lines, in order; a malformed case gets an error answer."""
    from refapp.core import loads_case

    cases, answers = [], [None] * len(lines)
    for i, line in enumerate(lines):
        try:
            case = loads_case(line)
            if not isinstance(case, dict):
                raise ValueError("a case must be a JSON object")
            cases.append((i, case))
        except Exception as exc:
            answers[i] = error_answer(None, exc)
    done = runner.answer_many([c for _, c in cases], on_error=error_answer)
    for (i, _), a in zip(cases, done):
        answers[i] = a
    return answers


def answer_one(runner, line):
    return answer_lines(runner, [line])[0]


def dump(answer):
    return json.dumps(answer, ensure_ascii=True)


def run_lines(lines, verbose=False):
    from refapp.core import Runner

    boot(verbose)
    return [dump(a) for a in answer_lines(Runner(), lines)]


def run_jobs(lines, jobs, verbose=False):
    """Fork ``jobs`` workers after booting; cases with the same state go to the same worker."""
    from refapp.core import loads_case, state_key

    boot(verbose)
    if jobs <= 1 or len(lines) < 2 * jobs:
        return run_lines(lines, verbose)
    groups = {}
    for i, line in enumerate(lines):
        try:
            key = state_key(loads_case(line))
        except Exception:
            key = None
        groups.setdefault(key, []).append(i)
    buckets = [[] for _ in range(jobs)]
    for indexes in sorted(groups.values(), key=len, reverse=True):
        min(buckets, key=len).extend(indexes)
    children = []
    for bucket in buckets:
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:  # child
            os.close(r)
            try:
                out = "\n".join(run_lines([lines[i] for i in bucket], verbose)).encode("utf-8")
                with os.fdopen(w, "wb") as f:
                    f.write(out)
                os._exit(0)
            except BaseException:
                traceback.print_exc()
                os._exit(1)
        os.close(w)
        children.append((pid, r, bucket))
    results = [None] * len(lines)
    for pid, r, bucket in children:
        with os.fdopen(r, "rb") as f:
            data = f.read().decode("utf-8")
        _, status = os.waitpid(pid, 0)
        if status != 0:
            raise SystemExit("a harness worker failed")
        for i, out in zip(bucket, data.split("\n") if data else []):
            results[i] = out
    return results


def main(argv):
    import argparse

    if argv and argv[0] == "serve":
        import serve

        return serve.main(argv[1:])
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--self-test", action="store_true", help="check SPEC.md examples")
    ap.add_argument("--jobs", "-j", type=int, default=1, help="worker processes (default 1)")
    ap.add_argument("--stream", action="store_true",
                    help="answer each line as it arrives (for a test driving the harness through a pipe)")
    ap.add_argument("--verbose", action="store_true", help="print Django's logs (500 tracebacks)")
    args = ap.parse_args(argv)
    if args.self_test:
        import selftest

        return in_big_thread(selftest.run, args.verbose)
    if args.stream:
        return in_big_thread(stream, args.verbose)
    data = sys.stdin.buffer.read().decode("utf-8")
    lines = [l for l in data.split("\n") if l.strip()]
    out = in_big_thread(run_jobs, lines, args.jobs, args.verbose)
    sys.stdout.write("".join(o + "\n" for o in out))
    sys.stdout.flush()
    return 0


def stream(verbose=False):
    """Answer each line as it arrives (so a test can drive the harness through a pipe)."""
    from refapp.core import Runner

    boot(verbose)
    runner = Runner()
    stdin = open(sys.stdin.fileno(), "r", encoding="utf-8", newline="\n", closefd=False)  # split on \n only
    for line in stdin:
        if line.strip():
            sys.stdout.write(dump(answer_one(runner, line)) + "\n")
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
