#!/usr/bin/env python3
"""Seeded generator of PATCH cases (JSONL, without answers) for the reference harness.

Usage:
  python3 gen_cases.py [--seed N] [--count N] [--method PATCH|PUT|POST] > cases.jsonl
  python3 gen_cases.py --seed 1 | .venv/bin/python harness.py > answers.jsonl
  /tmp/refvenv/bin/python gen_cases.py --check-unicode   (needs unicodedata2==15.0.0)

Every tricky value SPEC.md Part B names comes first (each once, in random surroundings), then
realistic admin-form patches and random picks fill up to --count; the whole list is shuffled.
Standard library only; the same seed always gives the same cases.
"""
import argparse
import base64
import json
import random
import sys
import uuid

from jsontext import Raw, dumps


def js(s):
    """JSON string literal, non-ASCII as \\u escapes."""
    return json.dumps(s)


def ju(s):
    """JSON string literal, non-ASCII raw (never for lone surrogates)."""
    return json.dumps(s, ensure_ascii=False)


FULLWIDTH = {ord(c): 0xFF10 + i for i, c in enumerate("0123456789")}
ARABIC_INDIC = {ord(c): 0x0660 + i for i, c in enumerate("0123456789")}

# ---------------------------------------------------------------- realistic state

FLOW_SLUGS = [
    "default-enrollment-flow",
    "enrollment-invitation",
    "onboarding-contractors",
    "partner-signup",
    "default-source-enrollment",
    "staff-onboarding",
]
FIRST = ["anna", "ben", "chloé", "dario", "eun-ji", "fatima", "gustav", "hiro", "ines", "jonas", "zoë"]
LAST = ["müller", "smith", "okafor", "nakamura", "garcía", "novak", "o'brien", "lindqvist"]
SLUG_WORDS = ["welcome", "team", "contractor", "partner", "beta", "q3", "onboarding", "sales", "eng", "guest", "2024"]


def rand_uuid(rng, prefix=""):
    h = prefix + "".join(rng.choice("0123456789abcdef") for _ in range(32 - len(prefix)))
    u = uuid.UUID(hex=h)
    return uuid.UUID(int=u.int, version=4)  # keeps the leading hex digits


def make_flows(rng):
    flows = []
    # flow 0's hex starts with "00" and flow 1's with "0", so that "0x…", "+…", " …" and "_"
    # spellings (which must still be 32 characters long) can name existing flows.
    prefixes = ["00", "0", "", "", "", ""]
    for slug, prefix in zip(FLOW_SLUGS, prefixes):
        pk = str(rand_uuid(rng, prefix))
        flows.append(
            {
                "pk": pk,
                "policybindingmodel_ptr_id": pk,
                "name": slug.replace("-", " ").title(),
                "slug": slug,
                "title": rng.choice(["Welcome to authentik!", "Join us", "Create your account", "Bienvenue"]),
                "designation": "enrollment",
                "background": "/static/dist/assets/images/flow_background.jpg",
                "stages": [str(rand_uuid(rng)) for _ in range(rng.randint(1, 3))],
                "policies": [],
                "cache_count": rng.randint(0, 5),
                "policy_engine_mode": rng.choice(["any", "all"]),
                "compatibility_mode": rng.random() < 0.2,
                "export_url": "/api/v3/flows/instances/%s/export/" % slug,
                "layout": rng.choice(["stacked", "content_left", "sidebar_right"]),
                "denied_action": rng.choice(["message_continue", "message", "continue"]),
                "authentication": rng.choice(["none", "require_unauthenticated"]),
            }
        )
    return flows


def make_user(rng):
    first, last = rng.choice(FIRST), rng.choice(LAST)
    return {
        "pk": rng.randint(1, 500),
        "username": rng.choice(["akadmin", first + "." + last.replace("'", ""), first]),
        "name": "%s %s" % (first.title(), last.title()),
        "is_active": True,
        "last_login": rng.choice([None, "2024-07-%02dT%02d:%02d:%02d.%06dZ" % (
            rng.randint(1, 28), rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59), rng.randint(0, 999999))]),
        "email": "%s@example.com" % first,
        "attributes": rng.choice([{}, {"settings": {"locale": "en"}}, {"goauthentik.io/user/sources": ["ldap"]}]),
        "uid": "".join(rng.choice("0123456789abcdef") for _ in range(64)),
    }


def stored_fixed_data(rng):
    """fixed_data of a stored invitation: JS-safe (no integer beyond 2^53), often in an order
    jsonb changes; number literals kept as written (Raw)."""
    first, last = rng.choice(FIRST), rng.choice(LAST)
    shapes = [
        lambda: {},
        lambda: {"email": "%s@example.com" % first, "name": "%s %s" % (first.title(), last.title())},
        lambda: {"username": first, "email": "%s@example.org" % first, "name": first.title(),
                 "groups": ["staff", "eng"]},
        lambda: {"attributes": {"department": "R&D", "cost_center": 4711, "é": True, "zz": None},
                 "email": "%s@example.com" % first},
        lambda: {"quota": Raw("1e2"), "ratio": Raw("0.25"), "limit": Raw("2.50"), "n": 42,
                 "scaled": Raw("1.5e2"), "tiny": Raw("1e-3")},
        lambda: {"ä": 1, "b": 2, "ab": 3, "€": "euro", "aa": [{"y": 1, "x": 2}]},
        lambda: {"": "empty key", "nested": {"deeper": {"c": 3, "bb": 2, "a": 1}}, "list": [1, "two", None]},
        lambda: {"invited_by": "hr", "start": "2024-09-01", "tags": [], "meta": {}},
    ]
    return rng.choice(shapes)()


def iso_z(rng, micro=None):
    s = "%04d-%02d-%02dT%02d:%02d:%02d" % (
        rng.randint(2024, 2027), rng.randint(1, 12), rng.randint(1, 28),
        rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59))
    if micro is None:
        micro = rng.random() < 0.3
    if micro:
        s += ".%06d" % rng.randint(1, 999999)
    return s + "Z"


def make_invitation(rng, flows):
    flow = rng.choice(flows) if rng.random() < 0.7 else None
    return {
        "pk": str(rand_uuid(rng)),
        "name": "-".join(rng.sample(SLUG_WORDS, rng.randint(1, 3))),
        "expires": iso_z(rng) if rng.random() < 0.7 else None,
        "fixed_data": stored_fixed_data(rng),
        "created_by": make_user(rng),
        "single_use": rng.random() < 0.5,
        "flow": flow["pk"] if flow else None,
        "flow_obj": flow,
    }


# ---------------------------------------------------------------- realistic values

def real_name(rng):
    n = "-".join(rng.sample(SLUG_WORDS, rng.randint(1, 3)))
    if rng.random() < 0.3:
        n = n.replace("-", "_")
    if rng.random() < 0.2:
        n += str(rng.randint(1, 99))
    return n[:50]


def real_expires(rng):
    y, mo, d = rng.randint(2024, 2027), rng.randint(1, 12), rng.randint(1, 28)
    h, mi, s = rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59)
    base = "%04d-%02d-%02dT%02d:%02d" % (y, mo, d, h, mi)
    form = rng.randrange(9)
    if form == 0:
        return base + ":%02dZ" % s
    if form == 1:
        return base + ":%02d.%03dZ" % (s, rng.randint(0, 999))  # JS toISOString()
    if form == 2:
        return base + ":%02d.%06d+00:00" % (s, rng.randint(0, 999999))
    if form == 3:
        return base + ":%02d%s" % (s, rng.choice(["+02:00", "-05:00", "+05:30", "-03:30", "+09:00", "+05:45", "+14:00", "-12:00"]))
    if form == 4:
        return base  # datetime-local input, naive → UTC
    if form == 5:
        return base + ":%02d" % s
    if form == 6:
        return "%04d-%02d-%02d" % (y, mo, d)
    if form == 7:
        return base + ":%02d.%06dZ" % (s, rng.randint(0, 999999))
    return "%04d-%02d-%02d %02d:%02d:%02d" % (y, mo, d, h, mi, s)


def real_fixed_data(rng):
    first = rng.choice(FIRST)
    options = [
        {},
        {"email": "%s@example.com" % first},
        {"email": "%s@example.com" % first, "name": first.title()},
        {"username": first, "groups": ["staff"]},
        {"attributes": {"department": rng.choice(["sales", "eng", "hr"]), "level": rng.randint(1, 5)}},
        {"note": "Invited by %s" % rng.choice(FIRST).title(), "trial": True, "seats": 3, "ratio": 0.5},
    ]
    return rng.choice(options)


def real_member(rng, field, flows):
    if field == "name":
        return ju(real_name(rng))
    if field == "expires":
        return "null" if rng.random() < 0.15 else js(real_expires(rng))
    if field == "fixed_data":
        return ju_dumps(real_fixed_data(rng), rng)
    if field == "single_use":
        return rng.choice(["true", "false"])
    if field == "flow":
        if rng.random() < 0.2:
            return "null"
        return js(rng.choice(flows)["pk"])
    raise ValueError(field)


def ju_dumps(value, rng):
    if rng.random() < 0.5:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return json.dumps(value, ensure_ascii=rng.random() < 0.5)


FIELDS = ["name", "expires", "fixed_data", "single_use", "flow"]


def render(members, rng):
    """Members (key text, value text) as an object, in one of a few layouts."""
    style = rng.randrange(4)
    if not members:
        return rng.choice(["{}", "{ }", "{\n}"])
    if style == 0:
        return "{" + ",".join("%s:%s" % m for m in members) + "}"
    if style == 1:
        return "{" + ", ".join("%s: %s" % m for m in members) + "}"
    if style == 2:
        return "{\n" + ",\n".join("  %s: %s" % m for m in members) + "\n}"
    return " {" + " , ".join("%s :%s" % m for m in members) + "}\n"


# ---------------------------------------------------------------- tricky values per field

SLUG_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"


def nested_list(n, inner=""):
    return "[" * n + inner + "]" * n


def tricky_name(rng):
    a50 = "".join(rng.choice(SLUG_CHARS) for _ in range(50))
    items = [
        ("int", "123"), ("neg-int", "-5"), ("zero", "0"), ("float", "1.5"), ("float-integral", "1.0"),
        ("exp", "1e2"), ("exp-small", "1e-7"), ("exp-big", "1e16"), ("inf", "1e400"), ("neg-inf", "-1e400"),
        ("neg-zero", "-0.0"), ("int-50-digits", "1" * 50), ("int-51-digits", "9" * 51),
        ("int-4300-digits", "7" * 4300),
        ("null", "null"), ("true", "true"), ("false", "false"), ("empty-list", "[]"), ("list", '["a"]'),
        ("dict", '{"a":1}'), ("empty-dict", "{}"),
        ("empty", '""'), ("space", '" "'), ("tab-newline", '"\\t\\n"'), ("ideographic-space", '"\\u3000"'),
        ("padded", '"  welcome  "'), ("nbsp-padded", '"\\u00a0welcome\\u00a0"'),
        ("nbsp-padded-raw", ju("\u00a0welcome\u00a0")), ("unit-separator-padded", '"\\u001fus\\u001f"'),
        ("file-separator-padded", '"\\u001cx\\u001d"'), ("nel-padded", '"\\u0085x\\u0085"'),
        ("vt-ff-padded", '"\\u000bx\\u000c"'), ("em-space-padded", '"\\u2003x\\u200a"'),
        ("line-separators", '"\\u2028x\\u2029"'), ("narrow-nbsp", '"\\u202fx\\u205f"'),
        ("ogham-space", '"\\u1680x"'), ("zwsp-not-space", '"\\u200bx"'), ("mvs-not-space", '"\\u180ex"'),
        ("bom-not-space", '"\\ufeffx"'), ("cr-padded", '"\\r\\nx\\r"'),
        ("50-chars", js(a50)), ("51-chars", js(a50 + "x")), ("50-padded", js("  " + a50 + "\t")),
        ("51-padded", js(" " + a50 + "x ")), ("emoji-25", ju("\U0001F600" * 25)), ("emoji-26", ju("\U0001F680" * 26)),
        ("emoji-26-escaped", js("\U0001F600" * 26)), ("e-acute-50", ju("é" * 50)), ("e-acute-51", ju("é" * 51)),
        ("e-acute", ju("café")), ("e-acute-escaped", js("café")),
        ("nul", '"a\\u0000b"'), ("nul-only", '"\\u0000"'), ("nul-padded", '" \\u0000 "'),
        ("surrogate-high", '"\\ud800"'), ("surrogate-low", '"x\\udfff"'), ("surrogate-high-db", '"\\udbff"'),
        ("surrogate-pair", '"\\ud83d\\ude00"'), ("surrogate-reversed", '"\\ude00\\ud83d"'),
        ("everything", js(a50) [:-1] + '\\u0000\\ud800!"'),
        ("nul-and-surrogate", '"\\u0000\\udc00"'),
        ("space-inside", '"hello world"'), ("dot", '"a.b"'), ("slash", '"a/b"'), ("plus", '"a+b"'),
        ("upper-mixed", '"Welcome_Team-2024"'), ("unicode-letters", ju("ünïcödé")),
        ("fullwidth-digits", ju("１２３")), ("arabic-indic-digits", ju("١٢٣")), ("dash-only", '"-"'),
        ("underscore-only", '"_"'), ("single-char", '"a"'), ("escaped-slug", '"\\u0061\\u002d\\u005f"'),
        ("quote", '"a\\"b"'), ("backslash", '"a\\\\b"'),
    ]
    items += [("nested-list-%d" % n, nested_list(n)) for n in (2, 10, 100, 400)]
    items += [("nested-list-%d-with-string" % n, nested_list(n, '"a"')) for n in (3, 399)]
    return items


def tricky_expires(rng):
    items = [
        ("z", "2024-07-29T15:51:28Z"), ("plus-0200", "2024-07-29T17:51:28+02:00"),
        ("minus-0530", "2024-07-29T10:21:28-05:30"), ("plus-0545", "2024-07-29T21:36:28+05:45"),
        ("plus-0000", "2024-07-29T15:51:28+00:00"), ("minus-0000", "2024-07-29T15:51:28-00:00"),
        ("millis", "2024-07-29T15:51:28.123Z"), ("micros", "2024-07-29T15:51:28.123456Z"),
        ("micros-zero", "2024-07-29T15:51:28.000000Z"), ("nanos-truncated", "2024-07-29T15:51:28.123456789Z"),
        ("nanos-truncated-999", "2024-07-29T15:51:28.9999999Z"), ("comma-fraction", "2024-07-29T15:51:28,5Z"),
        ("fraction-13-digits", "2024-07-29T15:51:28.1234567890123Z"),
        ("date-only", "2024-07-29"), ("hour-only", "2024-07-29T15"), ("no-seconds", "2024-07-29T15:51"),
        ("hour-fraction", "2024-07-29T15.5"), ("minute-fraction", "2024-07-29T15:51.25"),
        ("hour-fraction-z", "2024-07-29T15,25Z"),
        ("basic", "20240729T155128"), ("basic-z", "20240729T155128Z"), ("basic-date", "20240729"),
        ("basic-offset", "20240729T155128+0200"), ("basic-mixed", "20240729T15:51:28"),
        ("week", "2024-W31"), ("week-day", "2024-W31-1"), ("week-day-7", "2024-W31-7"), ("week-basic", "2024W311"),
        ("week-basic-no-day", "2024W31"), ("week-53-exists", "2020-W53-5"), ("week-53-missing", "2021-W53"),
        ("week-0", "2024-W00"), ("week-day-8", "2024-W31-8"), ("week-time", "2024-W31-1T15:51:28Z"),
        ("week-basic-time", "2024W311T155128"),
        ("sep-space", "2024-07-29 15:51:28"), ("sep-lower-t", "2024-07-29t15:51:28"), ("sep-x", "2024-07-29X15:51:28Z"),
        ("sep-e-acute", "2024-07-29é15:51:28"), ("sep-underscore", "2024-07-29_15:51:28Z"),
        ("sep-two-chars", "2024-07-29TT15:51:28"), ("sep-basic-x", "20240729x155128"),
        ("offset-seconds", "2024-07-29T15:51:28+02:00:30"), ("offset-fraction", "2024-07-29T15:51:28+02:00:30.5"),
        ("offset-basic", "2024-07-29T15:51:28+0200"), ("offset-hours", "2024-07-29T15:51:28+02"),
        ("offset-12-60", "2024-07-29T15:51:28+12:60"), ("offset-12-99", "2024-07-29T15:51:28+12:99"),
        ("offset-23-59", "2024-07-29T15:51:28+23:59"), ("offset-24", "2024-07-29T15:51:28+24:00"),
        ("offset-minus-24", "2024-07-29T15:51:28-24:00"), ("offset-23-60", "2024-07-29T15:51:28+23:60"),
        ("offset-99", "2024-07-29T15:51:28+99:00"), ("offset-one-digit", "2024-07-29T15:51:28+2:00"),
        ("char-before-z", "2024-07-29T15:51:28xZ"), ("space-before-z", "2024-07-29T15:51:28 Z"),
        ("two-spaces-before-z", "2024-07-29T15:51:28  Z"), ("tab-before-offset", "2024-07-29T15:51:28\t+02:00"),
        ("char-before-offset", "2024-07-29T15x+02:00"), ("char-after-fraction", "2024-07-29T15:51:28.5xZ"),
        ("two-chars-before-z", "2024-07-29T15:51:28xxZ"),
        ("single-digits", "2024-7-9T1:2:3Z"), ("single-digit-month", "2024-7-29T15:51:28"),
        ("fullwidth-digits", "２０２４-０７-２９T１５:５１:２８Z"), ("arabic-indic-digits", "٢٠٢٤-٠٧-٢٩T١٥:٥١:٢٨Z"),
        ("fullwidth-date-only", "２０２４-０７-２９"),
        ("trailing-newline", "2024-07-29T15:51:28Z\n"), ("trailing-nul", "2024-07-29T15:51:28\u0000"),
        ("trailing-nul-z", "2024-07-29T15:51:28Z\u0000"), ("trailing-tab", "2024-07-29T15:51:28\t"),
        ("trailing-space", "2024-07-29T15:51:28 "), ("trailing-space-after-z", "2024-07-29T15:51:28Z "),
        ("leading-space", " 2024-07-29T15:51:28Z"), ("two-trailing-newlines", "2024-07-29T15:51:28Z\n\n"),
        ("lower-z", "2024-07-29T15:51:28z"), ("ordinal", "2024-211"), ("ordinal-time", "2024-211T15:51:28"),
        ("hour-24", "2024-07-29T24:00:00Z"), ("hour-24-no-seconds", "2024-07-29T24:00"), ("second-60", "2024-07-29T23:59:60Z"),
        ("month-13", "2024-13-01T00:00:00Z"), ("feb-30", "2024-02-30T00:00:00Z"), ("feb-29-leap", "2024-02-29T12:00:00Z"),
        ("feb-29-nonleap", "2023-02-29T12:00:00Z"), ("minute-60", "2024-07-29T15:60:00Z"),
        ("year-1-plus", "0001-01-01T00:00:00+01:00"), ("year-1-minus", "0001-01-01T00:00:00-01:00"),
        ("year-1-z", "0001-01-01T00:00:00Z"), ("year-9999-minus", "9999-12-31T23:59:59-01:00"),
        ("year-9999-plus", "9999-12-31T23:59:59+01:00"), ("year-9999-max", "9999-12-31T23:59:59.999999Z"),
        ("year-0", "0000-01-01T00:00:00Z"), ("year-5-digits", "10000-01-01T00:00:00Z"),
        ("empty", ""), ("word", "now"), ("js-date-string", "Mon Jul 29 2024 15:51:28 GMT+0200"),
        ("rfc-2822", "Mon, 29 Jul 2024 15:51:28 +0000"), ("unix-string", "1722268288"),
        ("trailing-garbage", "2024-07-29T15:51:28Zjunk"), ("offset-z-and-offset", "2024-07-29T15:51:28Z+02:00"),
        ("time-only", "15:51:28"), ("nul-inside", "2024-07-29T15:51\u000028"),
    ]
    out = [(label, js(v) if rng.random() < 0.5 else ju(v)) for label, v in items]
    out += [("number-int", "1722268288"), ("number-float", "1.5"), ("true", "true"), ("false", "false"),
            ("list", '["2024-07-29T15:51:28Z"]'), ("dict", '{"date":"2024-07-29"}'), ("null", "null"),
            ("surrogate", '"2024-07-29T15:51:28\\ud800"'), ("nested-list-50", nested_list(50))]
    return out


def tricky_fixed_data(rng):
    deep = lambda n: '{"a":' * (n - 1) + "{}" + "}" * (n - 1)  # n levels of objects
    items = [
        ("null", "null"), ("empty-dict", "{}"), ("empty-list", "[]"), ("list", '[{"a":1}]'), ("string", '"x"'),
        ("json-string-of-object", '"{\\"a\\": 1}"'), ("int", "1"), ("float", "1.5"), ("true", "true"),
        ("false", "false"), ("inf", '{"n":1e400}'), ("neg-inf", '{"n":-1e400}'), ("inf-nested", '{"a":{"b":[1e999]}}'),
        ("inf-top", "1e400"), ("big-int", '{"n":123456789012345678901234567890}'), ("int-2-64", '{"n":18446744073709551616}'),
        ("big-int-then-items", '{"n":[123456789012345678901234567890,0,[1],{"a":2}]}'),
        ("items-then-big-int", '{"n":[0,[1],123456789012345678901234567890,2]}'),
        ("big-int-among-members", '{"a":0,"b":123456789012345678901234567890,"c":[1]}'),
        # After the last such number the tape takes each open container's rest as one run, found by
        # counting brackets outside strings: brackets, quotes and backslashes inside strings, spaces.
        ("big-int-then-tricky-items", '{"n":[123456789012345678901234567890 , "]}\\"[{", {"k":"}]","k":[ -1 ]} , [[],{}] ,-0.0 ] }'),
        ("big-int-deep-then-parents", '{"a":{"b":[1,12345678901234567890123],"c":"x]"},"d":[{"e":1}],"a":2}'),
        ("neg-zero-then-escapes", '{"n":[[-0],["\\\\", "\\"", "]"],3],"m":{"x":-0,"y":"}"}}'),
        ("big-ints-then-spaces", '{"n": [ 123456789012345678901234567890 ,\n 1 , 98765432109876543210 ]\t}'),
        ("int-4300-digits", '{"n":%s}' % ("8" * 4300)), ("neg-zero", '{"z":-0.0}'), ("neg-zero-int", '{"z":-0}'),
        ("exp", '{"n":1e2}'), ("exp-plus", '{"n":1e+20}'), ("float-integral", '{"n":1.0}'), ("float-trailing-zeros", '{"n":2.50}'),
        ("tiny", '{"n":1e-7}'), ("small-subnormal", '{"n":5e-324}'), ("underflow", '{"n":1e-400}'),
        ("max-float", '{"n":1.7976931348623157e308}'), ("upper-e", '{"n":1E5}'), ("float-17-digits", '{"n":0.30000000000000004}'),
        ("nested", '{"a":{"b":{"c":[1,{"d":null}]}}}'), ("key-order-kept", '{"zz":1,"a":2,"é":3,"bb":4}'),
        ("duplicate-keys", '{"a":1,"a":2}'), ("duplicate-keys-nested", '{"a":{"x":1,"x":[2]},"b":0}'),
        ("empty-key", '{"":1}'), ("unicode-escape-key", '{"\\u00e9":"\\u00e9"}'), ("raw-unicode", ju({"clé": "välue ✓"})),
        ("emoji", ju({"e": "\U0001F600"})), ("surrogate-pair", '{"e":"\\ud83d\\ude00"}'),
        ("line-separator", '{"a":"\\u2028\\u2029"}'), ("control-chars", '{"a":"\\u0001\\u001f\\t\\n"}'),
        ("nul-value", '{"a":"\\u0000"}'), ("nul-key", '{"\\u0000":1}'), ("nul-deep", '{"a":[{"b":["x\\u0000y"]}]}'),
        ("nul-in-key-nested", '{"a":{"k\\u0000":true}}'),
        ("surrogate-value", '{"a":"\\ud800"}'), ("surrogate-low-value", '{"a":"x\\udfff"}'), ("surrogate-key", '{"\\udc00":1}'),
        ("surrogate-deep", '{"a":[[["\\udbff"]]]}'), ("surrogate-and-inf", '{"a":"\\ud800","b":1e400}'),
        ("nul-and-inf", '{"a":"\\u0000","b":[1e400]}'),
        ("inf-dropped-by-repeated-key", '{"a":1e400,"a":1}'), ("inf-kept-by-repeated-key", '{"a":1,"a":[1e400]}'),
        ("nul-dropped-by-repeated-key", '{"a":{"b":"\\u0000"},"a":1}'),
        ("surrogate-dropped-by-repeated-key", '{"b":[{"a":"\\ud800","a":0}]}'),
        ("string-nul", '"\\u0000"'), ("list-nul", '["\\u0000"]'),
        ("booleans-nulls", '{"t":true,"f":false,"n":null}'), ("array-of-mixed", '{"a":[1,"2",3.0,null,true,{},[]]}'),
        ("deep-10", deep(10)), ("deep-100", deep(100)), ("deep-1000", deep(1000)), ("deep-1400", deep(1400)),
        ("deep-list-1000", '{"a":%s}' % nested_list(999)), ("deep-list-1399", '{"a":%s}' % nested_list(1399)),
        ("nested-list-top", nested_list(5)),
    ]
    return items


def label_of(s):
    """A readable id fragment for a short string."""
    if s == "":
        return "empty"
    out = []
    for ch in s:
        out.append(ch if ch.isascii() and (ch.isalnum() or ch in "._") else "U%04X" % ord(ch))
    return "-".join(out) if any(len(o) > 1 for o in out) else "".join(out)


TRUE_SPELLINGS = ["t", "T", "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON", "1"]
FALSE_SPELLINGS = ["f", "F", "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF", "0"]


def tricky_single_use(rng):
    items = [("true", "true"), ("false", "false"), ("one", "1"), ("zero", "0"), ("one-float", "1.0"),
             ("zero-float", "0.0"), ("neg-zero", "-0.0"), ("neg-zero-int", "-0"), ("exp-one", "1e0"), ("exp-zero", "0e5"),
             ("two", "2"), ("minus-one", "-1"), ("half", "0.5"), ("inf", "1e400"), ("null", "null"),
             ("empty-list", "[]"), ("empty-dict", "{}"), ("list-true", "[true]"), ("big-int", "1" + "0" * 30)]
    items += [("str-" + s, js(s)) for s in TRUE_SPELLINGS + FALSE_SPELLINGS]
    near = ["", " ", "null", "None", "none", "nah", " true", "true ", "yEs", "tRUE", "oN", "fAlse", "2", "01", "1.0",
            "0.0", "ye", "nope", "yes\n", "\u0000", "１", "t\u0000"]
    items += [("near-" + label_of(s), js(s)) for s in near]
    items.append(("near-surrogate", '"\\ud800"'))
    return items


def flow_spellings(u, exists):
    """(label, JSON text) spellings of flow uuid ``u``."""
    tag = "existing" if exists else "unknown"
    s, h = str(u), u.hex
    items = [
        ("lower", js(s)), ("upper", js(s.upper())), ("hex", js(h)), ("hex-upper", js(h.upper())),
        ("braces", js("{%s}" % s)), ("double-braces", js("{{%s}}" % s)), ("unbalanced-brace", js("{" + s)),
        ("urn", js("urn:uuid:" + s)), ("urn-braces", js("urn:uuid:{%s}" % h)), ("uuid-prefix", js("uuid:" + s)),
        ("urn-twice", js("urn:urn:uuid:" + s)), ("urn-upper", js("URN:UUID:" + s)), ("urn-inside", js(s[:8] + "urn:" + s[8:])),
        ("odd-hyphens", js("-".join([h[:3], h[3:11], h[11:12], h[12:30], h[30:]]))), ("many-hyphens", js("--" + "-".join(h) + "-")),
        ("fullwidth", ju(s.translate(FULLWIDTH))), ("fullwidth-escaped", js(s.translate(FULLWIDTH))),
        ("arabic-indic", ju(h.translate(ARABIC_INDIC))), ("leading-space", js(" " + s)), ("trailing-newline", js(s + "\n")),
        ("int", str(u.int)), ("int-as-string", js(str(u.int))), ("int-as-float", repr(float(u.int))),
        ("list", "[%s]" % js(s)), ("dict", '{"pk":%s}' % js(s)), ("too-short", js(h[:-1])), ("too-long", js(h + "0")),
        ("non-hex", js(h[:-1] + "g")), ("nul-suffix", js(h[:-1] + "\u0000")),
    ]
    if h.startswith("0"):
        items += [("plus", js("+" + h[1:])), ("space-padded", js(" " + h[1:])), ("tab-padded", js(h[1:] + "\t")),
                  ("underscore", js(h[1:5] + "_" + h[5:])), ("double-underscore", js(h[1:5] + "__" + h[5:])),
                  ("ideographic-space", ju("\u3000" + h[1:]))]
    if h.startswith("00"):
        items += [("0x", js("0x" + h[2:])), ("0X-upper", js("0X" + h[2:].upper())), ("minus", js("-" + h[1:])),
                  ("0x-hyphenated", js("0x" + s[2:]))]
    return [("%s-%s" % (tag, label), text) for label, text in items]


def tricky_flow(rng, flows):
    items = [("null", "null"), ("empty", '""'), ("true", "true"), ("false", "false"), ("zero", "0"), ("int-123", "123"),
             ("minus-one", "-1"), ("int-2-128-minus-1", str(2**128 - 1)), ("int-2-128", str(2**128)), ("int-2-200", str(2**200)),
             ("float", "1.5"), ("float-zero", "0.0"), ("inf", "1e400"), ("neg-zero", "-0.0"), ("empty-list", "[]"),
             ("empty-dict", "{}"), ("space", '" "'), ("garbage", '"garbage"'), ("nul", '"\\u0000"'),
             ("surrogate", '"\\ud800"'), ("surrogate-in-uuid", '"%s\\udc00"' % flows[0]["pk"][:-1]),
             ("surrogate-in-list", '["\\ud800"]'), ("surrogate-pair", '"\\ud83d\\ude00"'),
             ("slug-instead", js(rng.choice(flows)["slug"])), ("urn-only", '"urn:uuid:"'), ("braces-only", '"{}"'),
             ("hyphens-only", '"------------------------------------"'), ("all-zero", js(str(uuid.UUID(int=0)))),
             ("fullwidth-int", ju("１２３")), ("quote-in-string", '"a\\"b"'), ("list-of-dicts", '[{"a":[1,"b"]}]'),
             ("dict-nested", '{"pk":{"x":[null,true,1.5]}}'),
             # A dict whose keys repeat, printed from its text (up to 16 members, plain keys, no
             # dict inside) or built (the others): first place, last value, Python's repr of each.
             ("dict-repeated-keys", '{"a":1,"a":[2]}'), ("dict-key-thrice", '{"k":1,"b":"x","k":[2,[3]],"k":-0}'),
             ("dict-repeated-quotes", '{"it\'s":1,"it\'s":"say \\"hi\\"","é✓":1.50,"é✓":true,"é✓":1E400}'),
             ("dicts-repeated-in-list", '[{"a":null,"a":false},{"b":1e5,"b":[]},{"c":0}]'),
             ("dict-repeated-spaces", '{ "a" : [ 1 , 2 ] , "b":"]}\\\\" , "a" : "}" }'),
             ("dict-repeated-deep-list", '{"a":1,"a":%s}' % nested_list(50)),
             ("dict-repeated-escaped-key", '{"\\u0061":1,"a":2}'), ("dict-repeated-nested-dict", '{"a":{"x":1,"x":2},"a":{"y":[1]}}'),
             ("dict-16-members-repeated", "{%s}" % ",".join('"k%d":%d' % (i % 9, i) for i in range(16))),
             ("dict-17-members-repeated", "{%s}" % ",".join('"k%d":%d' % (i % 9, i) for i in range(17)))]
    for n in (1, 2, 5, 50, 200, 400):
        items.append(("nested-list-%d" % n, nested_list(n, js(flows[1]["pk"]))))
    items.append(("nested-empty-list-400", nested_list(400)))
    for f in flows[:2]:  # both have leading zeros: every spelling applies
        items += flow_spellings(uuid.UUID(f["pk"]), True)
    items += flow_spellings(uuid.UUID(flows[2]["pk"]), True)
    unknown = uuid.UUID("00" + flows[3]["pk"].replace("-", "")[2:-4] + "beef")
    items += flow_spellings(unknown, False)
    return items


# ---------------------------------------------------------------- whole bodies

def malformed_bodies(rng, flows):
    """(label, body text or bytes)."""
    fl = flows[0]["pk"]
    items = [
        ("empty", ""), ("space", " "), ("newline", "\n"), ("top-null", "null"), ("top-list", "[]"), ("top-list-1", '[{"name":"a"}]'),
        ("top-string", '"name"'), ("top-int", "123"), ("top-float", "1.5"), ("top-true", "true"), ("top-false", "false"),
        ("top-neg-zero", "-0"), ("top-inf", "1e400"), ("top-object-padded", " \t{}\r\n"), ("empty-object", "{}"),
        ("bad-escape-x", '{"name":"\\x41"}'), ("bad-escape-short-u", '{"name":"\\u12"}'), ("bad-escape-u-zzzz", '{"name":"\\uZZZZ"}'),
        ("bad-escape-unterminated", '{"name":"\\"}'), ("bad-escape-single-quote", '{"name":"\\\'"}'),
        ("trailing-comma", '{"name":"a",}'), ("trailing-comma-nested", '{"fixed_data":{"a":1,}}'),
        ("trailing-comma-list", '{"fixed_data":{"a":[1,]}}'), ("leading-comma", '{,"name":"a"}'),
        ("missing-colon", '{"name" "a"}'), ("missing-comma", '{"name":"a" "flow":null}'), ("single-quotes", "{'name':'a'}"),
        ("unquoted-key", "{name:1}"), ("comment", '{/* c */"name":"a"}'), ("line-comment", '{"name":"a"} // c'),
        ("raw-tab-in-string", '{"name":"a\tb"}'), ("raw-newline-in-string", '{"name":"a\nb"}'),
        ("raw-nul-in-string", '{"name":"a\u0000b"}'), ("raw-del-in-string", '{"name":"a\u007fb"}'),
        ("extra-object", "{}{}"), ("extra-word", '{"name":"a"} x'), ("extra-after-newlines", '{"name":"a"}\n\n]'),
        ("error-line-3", '{\n  "name": "a",\n  "flow": ,\n}'), ("error-after-crlf", '{\r\n"name":\r\n}'),
        ("unterminated-string", '{"name":"abc'), ("unterminated-object", '{"name":"abc"'), ("only-open", "{"),
        ("close-only", "}"), ("bom", '\ufeff{"name":"a"}'), ("bom-only", "\ufeff"), ("bom-after-space", ' \ufeff{}'),
        ("nan", '{"name":NaN}'), ("infinity", '{"single_use":Infinity}'), ("neg-infinity", '{"fixed_data":{"a":-Infinity}}'),
        ("nan-lower", '{"name":nan}'), ("inf-word", '{"name":inf}'), ("nan-top", "NaN"),
        ("int-4301-digits", '{"name":%s}' % ("1" * 4301)), ("int-4301-digits-neg", '{"flow":-%s}' % ("2" * 4301)),
        ("int-4301-in-fixed-data", '{"fixed_data":{"a":[%s]}}' % ("3" * 4301)), ("int-4300-digits", '{"flow":%s}' % ("4" * 4300)),
        ("float-4400-digits", '{"name":%s.5}' % ("5" * 4400)), ("leading-zero", '{"name":0123}'), ("plus-number", '{"name":+1}'),
        ("hex-number", '{"name":0x1F}'), ("dot-number", '{"name":.5}'), ("dangling-dot", '{"name":1.}'),
        ("dangling-exp", '{"name":1e}'), ("capital-true", '{"single_use":True}'), ("none", '{"flow":None}'),
        ("duplicate-name", '{"name":"first","name":"second"}'), ("duplicate-name-invalid-first", '{"name":1.5,"name":"ok"}'),
        ("duplicate-name-valid-first", '{"name":"ok","name":""}'), ("duplicate-flow", '{"flow":null,"flow":%s}' % js(fl)),
        ("duplicate-fixed-data", '{"fixed_data":[],"fixed_data":{"a":1}}'),
        ("read-only-keys", '{"pk":"x","created_by":{"pk":1},"flow_obj":null}'),
        ("model-keys", '{"invite_uuid":"x","expiring":false,"created_by_id":1,"flow_id":"y"}'),
        ("unknown-keys", '{"foo":1,"bar":[1e400],"baz":"\\u0000"}'), ("case-variant-keys", '{"Name":"x","NAME":"y","name ":"z"}'),
        ("escaped-key", '{"n\\u0061me":"x"}'), ("unknown-deep", '{"zz":%s}' % nested_list(1000)),
        ("unknown-surrogate-key", '{"\\ud800":1}'), ("unknown-surrogate-value", '{"x":"\\udfff"}'),
        ("utf8-raw-non-bmp", '{"fixed_data":{"k":"\U0001F469\u200d\U0001F4BB"}}'),
        ("whitespace-only-nl", "\n\n \t"), ("deep-body-1401", '{"fixed_data":%s}' % ('{"a":' * 1399 + "{}" + "}" * 1399)),
    ]
    raw = [
        ("invalid-utf8-ff", b'{"name":"\xff"}'), ("invalid-utf8-ff-outside", b'{"name":"a"}\xff'),
        ("invalid-utf8-c3-28", b'{"name":"\xc3\x28"}'), ("invalid-utf8-continuation", b'{"name":"\x80"}'),
        ("invalid-utf8-overlong", b'{"name":"\xc0\xaf"}'), ("invalid-utf8-surrogate", b'{"name":"\xed\xa0\x80"}'),
        ("invalid-utf8-f5", b'{"name":"\xf5\x80\x80\x80"}'), ("invalid-utf8-truncated-middle", b'{"name":"\xe2\x82"}'),
        ("truncated-utf8-tail", b'{"name":"x"}\xe2\x82'), ("truncated-utf8-tail-4", b'{"name":"x"}\xf0\x9f\x98'),
        ("truncated-utf8-tail-in-string", b'{"name":"x\xe2\x82'), ("invalid-utf8-latin1-e-acute", b'{"name":"caf\xe9"}'),
        ("invalid-utf8-position-later", b'{\n  "name": "ok",\n  "fixed_data": {"a": "\xfe"}\n}'),
        ("bom-bytes", b'\xef\xbb\xbf{"name":"a"}'), ("utf16-le-bytes", '{"name":"a"}'.encode("utf-16-le")),
        ("nul-bytes", b'{"name":"a"}\x00'),
    ]
    return items + [(label, b) for label, b in raw]


CONTENT_TYPES = [
    ("json", "application/json"), ("charset-utf8", "application/json; charset=utf-8"),
    ("charset-upper", "application/json;charset=UTF-8"), ("upper", "APPLICATION/JSON"), ("mixed-case", "Application/Json"),
    ("space-before-semicolon", "application/json ; charset=utf-8"), ("q-param", "application/json; q=0.5"),
    ("indent-param", "application/json; indent=4"), ("star-star", "*/*"), ("application-star", "application/*"),
    ("star-json", "*/json"), ("text-plain", "text/plain"), ("empty-header", ""), ("no-header", None),
    ("merge-patch", "application/merge-patch+json"), ("json-patch", "application/json-patch+json"),
    ("form", "application/x-www-form-urlencoded"), ("multipart", "multipart/form-data; boundary=x"),
    ("text-json", "text/json"), ("vnd-api", "application/vnd.api+json"), ("json-typo", "application/jsonp"),
    ("latin1", "application/json; charset=latin-1"), ("iso-8859-1", "application/json; charset=ISO-8859-1"),
    ("cp1252", "application/json; charset=cp1252"), ("ascii", "application/json; charset=ascii"),
    ("utf16", "application/json; charset=utf-16"), ("utf-8-sig", "application/json; charset=utf-8-sig"),
    ("bogus-charset", "application/json; charset=bogus-charset"), ("quoted-charset", 'application/json; charset="utf-8"'),
    ("empty-charset", "application/json; charset="), ("semicolon-only", "application/json;"), ("space", " application/json"),
]


def choose_flows(rng, pool, invitation):
    chosen = [f for f in pool if rng.random() < 0.6]
    if invitation["flow_obj"] is not None and invitation["flow_obj"] not in chosen:
        chosen.append(invitation["flow_obj"])
    if not chosen:
        chosen = [rng.choice(pool)]
    rng.shuffle(chosen)
    return chosen


METHODS = ("PATCH", "PUT", "POST")


class Generator:
    def __init__(self, seed, method="PATCH"):
        self.rng = random.Random(seed)
        self.seed = seed
        self.method = method
        self.pool = make_flows(self.rng)
        self.invitations = [make_invitation(self.rng, self.pool) for _ in range(24)]
        self.flow_sets = [[choose_flows(self.rng, self.pool, inv) for _ in range(2)] for inv in self.invitations]
        # PUT and POST draw more numbers, after PATCH's: a seed gives PATCH the same cases as before.
        if method != "PATCH":
            self.requesters = [make_user(self.rng) for _ in range(3)]

    def with_name(self):
        """PUT and POST require `name`: most of their cases send one, so that the other fields'
        rules are reached (PATCH: never adds one)."""
        return self.method != "PATCH" and self.rng.random() < 0.8

    def state(self):
        """An invitation and the flows that exist (two flow sets per invitation, so that the
        harness can share one stored state between many cases)."""
        i = self.rng.randrange(len(self.invitations))
        return self.invitations[i], self.rng.choice(self.flow_sets[i])

    def members_with(self, field, value_text, extra_max=2, flows=None):
        """A member list holding ``field``: ``value_text`` plus up to extra_max realistic fields."""
        rng = self.rng
        others = [f for f in FIELDS if f != field]
        members = [(js(f), real_member(rng, f, flows or self.pool)) for f in rng.sample(others, rng.randint(0, extra_max))]
        members.insert(rng.randint(0, len(members)), (js(field), value_text))
        if field != "name" and "name" not in [m[0][1:-1] for m in members] and self.with_name():
            members.insert(rng.randint(0, len(members)), (js("name"), real_member(rng, "name", flows or self.pool)))
        return members

    def realistic(self):
        rng = self.rng
        inv, flows = self.state()
        fields = rng.sample(FIELDS, rng.randint(1, 5))
        if "name" not in fields and self.with_name():
            fields.insert(rng.randint(0, len(fields)), "name")
        members = [(js(f), real_member(rng, f, flows)) for f in fields]
        if rng.random() < 0.15:  # a client that sends the whole object back
            members.append((js("pk"), js(inv["pk"])))
            members.append((js("created_by"), json.dumps(inv["created_by"])))
            members.append((js("flow_obj"), json.dumps(inv["flow_obj"])))
        label = "realistic/" + "+".join(fields)
        return label, render(members, rng), inv, flows

    def specials(self):
        """Every tricky item once: (label, body builder)."""
        rng = self.rng
        out = []
        for label, text in tricky_name(rng):
            out.append(("name/" + label, "field", "name", text))
        for label, text in tricky_expires(rng):
            out.append(("expires/" + label, "field", "expires", text))
        for label, text in tricky_fixed_data(rng):
            out.append(("fixed_data/" + label, "field", "fixed_data", text))
        for label, text in tricky_single_use(rng):
            out.append(("single_use/" + label, "field", "single_use", text))
        for label, text in tricky_flow(rng, self.pool):
            out.append(("flow/" + label, "field", "flow", text))
        for label, body in malformed_bodies(rng, self.pool):
            out.append(("body/" + label, "body", None, body))
        for label, ct in CONTENT_TYPES:
            out.append(("content_type/" + label, "ctype", ct, None))
        return out

    def build(self, special):
        rng = self.rng
        label, kind, arg, payload = special
        inv, flows = self.state()
        case = {}
        if kind == "field":
            field, text = arg, payload
            if field == "flow":
                # "existing-…" spellings name pool flows 0-2: make them exist
                flows = flows + [f for f in self.pool[:3] if f not in flows]
            extra = 0 if len(text) > 3000 or rng.random() < 0.4 else 2
            members = self.members_with(field, text, extra, flows)
            if rng.random() < 0.1:  # a second, independent tricky field: errors from both
                other = rng.choice([f for f in FIELDS if f != field and f not in [m[0][1:-1] for m in members]] or [field])
                pick = {"name": tricky_name, "expires": tricky_expires, "fixed_data": tricky_fixed_data,
                        "single_use": tricky_single_use}.get(other)
                if pick is not None:
                    t = rng.choice([it for it in pick(rng) if len(it[1]) < 3000])
                    members.insert(rng.randint(0, len(members)), (js(other), t[1]))
                    label += "+%s/%s" % (other, t[0])
            body = render(members, rng) if len(text) < 3000 else "{" + ",".join("%s:%s" % m for m in members) + "}"
        elif kind == "body":
            body = payload
        else:  # content type
            ct = arg
            if ct is not None and ("latin" in ct or "8859" in ct or "1252" in ct or "ascii" in ct or "utf-16" in ct):
                members = self.members_with("name", ju(rng.choice(["café", "naïve", "welcome"])), 1, flows)
                if rng.random() < 0.5:
                    members.append((js("flow"), ju(rng.choice(["é", "ß", "日本"]))))
            elif ct is not None and "sig" in ct:
                members = self.members_with("name", js("welcome"), 1, flows)
            else:
                members = [(js(f), real_member(rng, f, flows)) for f in rng.sample(FIELDS, rng.randint(1, 3))]
            body = render(members, rng)
            if ct is not None and "sig" in ct and rng.random() < 0.5:
                body = "\ufeff" + body
            if rng.random() < 0.1:
                body = ""
            case["content_type"] = ct
        if isinstance(body, bytes):
            case["body_b64"] = base64.b64encode(body).decode("ascii")
        else:
            case["body"] = body
        return label, case, inv, flows

    def random_extra(self):
        """A random pick when the specials are used up: mostly realistic, some specials again."""
        rng = self.rng
        if rng.random() < 0.55:
            label, body, inv, flows = self.realistic()
            return label, {"body": body}, inv, flows
        return self.build(rng.choice(self._specials))

    def truncation(self):
        rng = self.rng
        label, body, inv, flows = self.realistic()
        cut = rng.randint(1, max(1, len(body) - 1))
        return "body/truncated-at-%d" % cut, {"body": body[:cut]}, inv, flows

    def cases(self, count):
        rng = self.rng
        self._specials = self.specials()
        specials = list(self._specials)
        if count < len(specials):
            specials = rng.sample(specials, count)
        built = [self.build(s) for s in specials]
        while len(built) < count:
            r = rng.random()
            if r < 0.06:
                built.append(self.truncation())
            else:
                built.append(self.random_extra())
        rng.shuffle(built)
        prefix = "gen-" if self.method == "PATCH" else "gen-%s-" % self.method.lower()
        for i, (label, case, inv, flows) in enumerate(built):
            full = {"id": "%s%s-%05d/%s" % (prefix, self.seed, i, label)}
            if self.method != "PATCH":
                full["method"] = self.method
            full.update(case)
            if self.method == "POST":  # no stored invitation: a new pk and who creates it
                full["pk"] = str(rand_uuid(rng))
                full["user"] = rng.choice(self.requesters)
            else:
                full["invitation"] = inv
            full["flows"] = flows
            yield full


def check_unicode(lines):
    """Fail if a generated character's Unicode properties differ between this Python's
    Unicode (14.0 on 3.11) and 15.0 (the server's Python 3.12)."""
    import unicodedata

    import unicodedata2

    assert unicodedata2.unidata_version.startswith("15.0"), unicodedata2.unidata_version
    seen = set()
    for line in lines:
        case = json.loads(line)
        texts = [line]
        if "body" in case:
            texts.append(case["body"])
            try:
                texts.append(json.dumps(json.loads(case["body"]), ensure_ascii=False))
            except (ValueError, RecursionError):
                pass
        if "body_b64" in case:
            texts.append(base64.b64decode(case["body_b64"]).decode("utf-8", "replace"))
        for t in texts:
            seen.update(t)
    bad = []
    for ch in seen:
        if 0xD800 <= ord(ch) <= 0xDFFF:
            continue
        a = (unicodedata.category(ch), unicodedata.bidirectional(ch), unicodedata.decimal(ch, None))
        b = (unicodedata2.category(ch), unicodedata2.bidirectional(ch), unicodedata2.decimal(ch, None))
        if a != b:
            bad.append("U+%04X %r vs %r" % (ord(ch), a, b))
    return seen, bad


def main(argv):
    ap = argparse.ArgumentParser(description="Seeded PATCH case generator (JSONL on stdout).")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--method", choices=METHODS, default="PATCH",
                    help="PUT and POST cases mostly send a name (required there); POST cases carry the new "
                         "invitation's pk and the requesting user instead of an invitation")
    ap.add_argument("--check-unicode", action="store_true",
                    help="check every generated character against unicodedata2 15.0 (seeds 1-5)")
    args = ap.parse_args(argv)
    if args.check_unicode:
        lines = []
        for seed in range(1, 6):
            lines += [dumps(c) for c in Generator(seed).cases(args.count)]
        seen, bad = check_unicode(lines)
        print("%d distinct characters checked, %d differ between Unicode 14.0 and 15.0" % (len(seen), len(bad)))
        for b in bad:
            print("  " + b)
        return 1 if bad else 0
    out = sys.stdout
    for case in Generator(args.seed, args.method).cases(args.count):
        out.write(dumps(case) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
