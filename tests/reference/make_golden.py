#!/usr/bin/env python3
"""Writes tests/cases/*.json: hand-picked golden cases, one per rule of SPEC.md Part B, with the
answers of the reference harness (real Django 5.0.6 + DRF 3.14.0) filled in.

Usage:
  tests/reference/.venv/bin/python tests/reference/make_golden.py           (rewrite the files)
  tests/reference/.venv/bin/python tests/reference/make_golden.py --check   (exit 1 if a file is stale)

Each file is a JSON array, one case a line:
  {"id": "name/int-becomes-string", "rule": "…", "body": "<raw text>" | "body_b64": "…",
   ["content_type": "…" | null (no header)], "invitation": {…}, "flows": [{…}, …],
   ["method": "PUT" | "POST" (default PATCH)], ["pk": new invitation's pk, "user": requester (POST)],
   "expect": {"status": 200, "body": "<exact response text>", ["codes": get_codes() of an error]}}
"body" for a 500 is "" (the module answers its own 400 there). Number literals in the stored
invitation's fixed_data are written as the test means them (1e+20, 2.50, -0.0): PostgreSQL gives
them back as numeric (see SPEC §4), which is what the expected body shows.
"""
import base64
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
OUT = os.path.join(os.path.dirname(HERE), "cases")

from jsontext import Raw, dumps  # noqa: E402

# ------------------------------------------------------------------ fixtures

FLOW_A = "b4a8c1a2-3f6e-4d0b-9a53-6f1f2c3d4e5a"  # the invitation's flow
FLOW_B = "0c9d8e7f-6a5b-4c3d-8e2f-1a0b9c8d7e6f"  # another existing flow (leading "0")
FLOW_Z = "00f1e2d3-c4b5-4a69-8788-796a5b4c3d2e"  # existing, leading "00" (for "0x…" spellings)
UNKNOWN = "7e57ab1e-0000-4000-8000-00000000dead"  # well-formed, no such flow


def flow_obj(pk, slug, title):
    return {
        "pk": pk,
        "policybindingmodel_ptr_id": pk,
        "name": slug.replace("-", " ").title(),
        "slug": slug,
        "title": title,
        "designation": "enrollment",
        "background": "/static/dist/assets/images/flow_background.jpg",
        "stages": ["5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d"],
        "policies": [],
        "cache_count": 1,
        "policy_engine_mode": "any",
        "compatibility_mode": False,
        "export_url": "/api/v3/flows/instances/%s/export/" % slug,
        "layout": "stacked",
        "denied_action": "message_continue",
        "authentication": "require_unauthenticated",
    }


FLOWS = [
    flow_obj(FLOW_A, "enrollment-invitation", "Welcome to authentik!"),
    flow_obj(FLOW_B, "default-enrollment-flow", "Create your account"),
    flow_obj(FLOW_Z, "partner-signup", "Join us"),
]
USER = {
    "pk": 7,
    "username": "akadmin",
    "name": "authentik Default Admin",
    "is_active": True,
    "last_login": "2024-07-29T14:01:02.123456Z",
    "email": "admin@example.com",
    "attributes": {},
    "uid": "9c4f2a6b1e0d8c7b5a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b",
}

# Who POSTs (Part C.2: perform_create sets created_by to the requesting user), and the pk the server
# makes up for the new invitation (the harness sends it as X-Reference-New-Pk).
REQUESTER = dict(USER, pk=12, username="jdoe", name="Jane Doe", email="jane@example.com",
                 uid="1f2e3d4c5b6a79880716253443526170f1e2d3c4b5a69788796a5b4c3d2e1f00")
NEW_PK = "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b"


def invitation(**over):
    inv = {
        "pk": "6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
        "name": "welcome-team",
        "expires": "2024-08-29T15:51:28Z",
        "fixed_data": {"email": "new@example.com", "name": "New User"},
        "created_by": USER,
        "single_use": False,
        "flow": FLOW_A,
        "flow_obj": FLOWS[0],
    }
    inv.update(over)
    if "flow" in over and "flow_obj" not in over:
        inv["flow_obj"] = next((f for f in FLOWS if f["pk"] == over["flow"]), None)
    return inv


INV = invitation()
INV_PLAIN = invitation(pk="2f7a9c1e-5b3d-4e8f-9a0b-1c2d3e4f5a6b", name="partner-beta", expires=None,
                       fixed_data={}, single_use=True, flow=None)
INV_NUMBERS = invitation(
    pk="9d8c7b6a-5f4e-4d3c-8b2a-19f8e7d6c5b4",
    fixed_data={"quota": Raw("1e+20"), "scaled": Raw("1.5e2"), "zero": Raw("-0.0"), "limit": Raw("2.50"),
                "one": Raw("1.0"), "tiny": Raw("1e-3"), "n": 42},
)
INV_KEYS = invitation(
    pk="1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e",
    fixed_data={"email": "a@example.com", "é": 1, "b": 2, "ab": [{"zz": 1, "y": 2}], "name": "A",
                "attributes": {"department": "R&D", "cost": 1, "€": True}, "": "empty"},
)
INV_OFFSET = invitation(pk="3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f", expires="2024-07-29T17:51:28+02:00")

# ------------------------------------------------------------------ cases

SLUG = 'Enter a valid "slug" consisting of letters, numbers, underscores or hyphens.'
CASES = {}


def case(file, cid, rule, body=None, body_b64=None, content_type="application/json", inv=INV, flows=FLOWS,
         method="PATCH"):
    c = {"id": cid, "rule": rule}
    if method != "PATCH":
        c["method"] = method
    if body_b64 is not None:
        c["body_b64"] = base64.b64encode(body_b64).decode("ascii")
    else:
        c["body"] = body
    if content_type != "application/json":
        c["content_type"] = content_type
    if method == "POST":  # the new invitation's pk and the requesting user, no stored invitation
        c["pk"] = NEW_PK
        c["user"] = REQUESTER
    else:
        c["invitation"] = inv
    c["flows"] = flows
    CASES.setdefault(file, []).append(c)


def field(file, cid, rule, name, value_text, **kw):
    case(file, cid, rule, body='{"%s":%s}' % (name, value_text), **kw)


def nested_list(levels, inner=""):
    return "[" * levels + inner + "]" * levels


def nested_object(levels):
    return '{"a":' * (levels - 1) + "{}" + "}" * (levels - 1)


# Deep values (SPEC Part C; boundaries measured with measure_depth.py on CPython 3.12, in
# tests/reference/README.md). The module answers like the server up to a body 1,401 levels deep
# and a flow list 400 deep; the cases sit there and where the harness's 500s begin.
BODY_500 = 1487  # the first whole-body depth the json scanner refuses on the harness's path


# §1 body ----------------------------------------------------------------
B = "body"
case(B, "body/empty-body-is-a-noop", "§1.1 empty body = {} → 200 unchanged", body="")
case(B, "body/empty-body-without-content-type", "§1.1 empty body, no Content-Type → 200", body="", content_type=None)
case(B, "body/empty-body-with-text-plain", "§1.1 empty body, any Content-Type → 200", body="", content_type="text/plain")
case(B, "body/empty-object-is-a-noop", "§8 {} → 200 unchanged", body="{}")
case(B, "body/whitespace-only-is-a-parse-error", "§1.4 a body of one space is not empty", body=" ")
case(B, "body/invalid-utf8-byte", "§1.3 invalid UTF-8 → 400 codec message, byte position",
     body_b64=b'{"name": "\xffwelcome"}')
case(B, "body/invalid-utf8-continuation", "§1.3 invalid continuation byte", body_b64=b'{"name":"caf\xe9"}')
case(B, "body/invalid-utf8-two-bytes", "§1.3 'bytes in position 9-10'", body_b64=b'{"name":"\xe2\x82"}')
case(B, "body/incomplete-utf8-tail-dropped", "§1.3 incomplete trailing sequence dropped silently",
     body_b64=b'{"name":"tail"}\xe2\x82')
case(B, "body/expecting-value", "§1.4 Expecting value", body='{"name":}')
case(B, "body/expecting-property-name-trailing-comma", "§1.4 trailing comma", body='{"name":"a",}')
case(B, "body/expecting-comma-delimiter", "§1.4 Expecting ',' delimiter", body='{"name":"a" "flow":null}')
case(B, "body/expecting-colon-delimiter", "§1.4 Expecting ':' delimiter", body='{"name" "a"}')
case(B, "body/extra-data", "§1.4 Extra data", body='{"name":"a"} {}')
case(B, "body/invalid-control-character", "§1.4 raw control character in a string", body='{"name":"a\tb"}')
case(B, "body/invalid-escape", "§1.4 bad escape", body='{"name":"\\x41"}')
case(B, "body/invalid-unicode-escape", "§1.4 bad \\u escape", body='{"name":"\\u12G4"}')
case(B, "body/unterminated-string", "§1.4 truncated body", body='{"name":"abc')
case(B, "body/single-quotes", "§1.4 strict JSON", body="{'name': 'a'}")
case(B, "body/utf8-bom", "§1.4 Unexpected UTF-8 BOM", body='\ufeff{"name":"a"}')
case(B, "body/nan", "§1.4 NaN refused", body='{"name":NaN}')
case(B, "body/infinity", "§1.4 Infinity refused", body='{"single_use":Infinity}')
case(B, "body/negative-infinity", "§1.4 -Infinity refused", body='{"fixed_data":{"a":-Infinity}}')
case(B, "body/int-4301-digits", "§1.4 integer digit limit", body='{"fixed_data":{"n":%s}}' % ("9" * 4301))
case(B, "body/int-4300-digits-accepted", "§1.4 up to 4300 digits", body='{"fixed_data":{"n":%s}}' % ("9" * 4300))
case(B, "body/float-overflow-is-inf", "§1.4 1e400 becomes inf without error", body='{"name":1e400}')
case(B, "body/positions-count-characters", "§1.4 positions count characters, not bytes",
     body='{"name":"ééé","flow":}')
case(B, "body/line-and-column", "§1.4 lines and columns start at 1", body='{\n  "name": "a",\n  "flow": ,\n}')
case(B, "body/crlf-lines", "§1.4 only \\n counts as a line break", body='{\r\n"name":\r\n}')
case(B, "body/duplicate-keys-last-wins", "§1.4 duplicate keys: last wins", body='{"name":"first","name":"second"}')
case(B, "body/duplicate-keys-invalid-then-valid", "§1.4 the first value is never validated",
     body='{"name":1.5,"name":"ok"}')
case(B, "body/nesting-1401-levels", "§A a body object + 1,400 levels of fixed_data is answered normally",
     body='{"fixed_data":' + '{"a":' * 1399 + "{}" + "}" * 1399 + "}")
case(B, "body/nesting-%d-levels-500" % BODY_500, "§1.4 the json scanner's RecursionError (CPython 3.12's C limit)",
     body=nested_list(BODY_500))
case(B, "body/top-level-null", "§1.5 null → No data provided", body="null")
case(B, "body/top-level-list", "§1.5 list", body='[{"name":"a"}]')
case(B, "body/top-level-string", "§1.5 str", body='"welcome"')
case(B, "body/top-level-int", "§1.5 int", body="42")
case(B, "body/top-level-float", "§1.5 float", body="4.2")
case(B, "body/top-level-bool", "§1.5 bool", body="true")
case(B, "body/unknown-keys-ignored", "§1.6 unknown keys are ignored", body='{"foo":1,"bar":[1e400],"baz":"\\u0000"}')
case(B, "body/read-only-keys-ignored", "§1.6 pk, created_by, flow_obj are ignored",
     body='{"pk":"00000000-0000-0000-0000-000000000000","created_by":{"pk":1},"flow_obj":null,"name":"renamed"}')
case(B, "body/model-only-keys-ignored", "§1.6 invite_uuid, expiring are ignored",
     body='{"invite_uuid":"x","expiring":false}')
case(B, "body/escaped-key-is-the-same-key", "§1.4 keys are compared after unescaping", body='{"n\\u0061me":"escaped"}')
case(B, "body/errors-in-field-order", "§1.7 error keys in the order name, expires, fixed_data, single_use, flow",
     body='{"flow":"x","single_use":2,"fixed_data":[],"expires":"soon","name":""}')
case(B, "body/one-error-nothing-saved", "§1.7 one failing field: only its error, nothing saved",
     body='{"name":"valid-name","flow":"%s"}' % UNKNOWN)
case(B, "body/all-fields-valid", "§1.7 everything valid → 200 full object",
     body='{"name":"  renamed  ","expires":"2025-01-01T00:00:00+01:00","fixed_data":{"k":"v"},"single_use":"yes","flow":"%s"}'
     % FLOW_B.upper())

# §1.2 / §1.3 content type ---------------------------------------------------
C = "content_type"
case(C, "content_type/charset-parameter", "§1.2 parameters ignored", body='{"name":"x"}',
     content_type="application/json; charset=utf-8")
case(C, "content_type/case-insensitive", "§1.2 case-insensitive", body='{"name":"x"}', content_type="APPLICATION/JSON")
case(C, "content_type/star-star", "§1.2 */* accepted", body='{"name":"x"}', content_type="*/*")
case(C, "content_type/application-star", "§1.2 application/* accepted", body='{"name":"x"}', content_type="application/*")
case(C, "content_type/text-plain", "§1.2 other types → 415", body='{"name":"x"}', content_type="text/plain")
case(C, "content_type/missing-header", "§1.2 no header → 415 with \\\"\\\"", body='{"name":"x"}', content_type=None)
case(C, "content_type/merge-patch", "§1.2 application/merge-patch+json → 415", body='{"name":"x"}',
     content_type="application/merge-patch+json")
case(C, "content_type/form-urlencoded", "§1.2 form → 415", body="name=x", content_type="application/x-www-form-urlencoded")
case(C, "content_type/latin-1-charset", "§1.3 charset=latin-1 decodes UTF-8 é as Ã©", body='{"flow":"é"}',
     content_type="application/json; charset=latin-1")
case(C, "content_type/unknown-charset", "§1.3 unknown charset → UTF-8", body='{"name":"x","flow":"é"}',
     content_type="application/json; charset=no-such-codec")
case(C, "content_type/ascii-charset", "§1.3 charset=ascii and a non-ASCII byte", body='{"name":"café"}',
     content_type="application/json; charset=ascii")

# §2 name ----------------------------------------------------------------
N = "name"
field(N, "name/null", "§2 null", "name", "null")
field(N, "name/true-gets-slug-message", "§2 bool → slug message", "name", "true")
field(N, "name/false-gets-slug-message", "§2 bool → slug message", "name", "false")
field(N, "name/array-gets-slug-message", "§2 array → slug message", "name", '["a"]')
field(N, "name/object-gets-slug-message", "§2 object → slug message", "name", '{"a":1}')
field(N, "name/list-nested-1400-levels", "§C.3 a list as deep as the body allows → slug message", "name",
      nested_list(1400))
field(N, "name/object-nested-1400-levels", "§C.3 an object as deep as the body allows → slug message", "name",
      nested_object(1400))
field(N, "name/list-nested-%d-levels-500" % (BODY_500 - 1), "§C.3 the body's own depth limit", "name",
      nested_list(BODY_500 - 1))
field(N, "name/object-nested-%d-levels-500" % (BODY_500 - 1), "§C.3 the body's own depth limit", "name",
      nested_object(BODY_500 - 1))
field(N, "name/int-becomes-string", "§2 int → str()", "name", "123")
field(N, "name/negative-int-becomes-string", "§2 -5 → \"-5\"", "name", "-5")
field(N, "name/zero", "§2 0 → \"0\"", "name", "0")
field(N, "name/float-repr-has-dot", "§2 1.5 → \"1.5\" → slug message", "name", "1.5")
field(N, "name/integral-float-refused", "§2 1.0 → \"1.0\"", "name", "1.0")
field(N, "name/exponent-float-refused", "§2 1e2 → \"100.0\"", "name", "1e2")
field(N, "name/small-float-repr-is-a-slug", "§2 1e-7 → \"1e-07\", a valid slug", "name", "1e-7")
field(N, "name/inf", "§2 1e400 → \"inf\"", "name", "1e400")
field(N, "name/negative-inf", "§2 -1e400 → \"-inf\"", "name", "-1e400")
field(N, "name/int-51-digits", "§2 51-digit int → length message", "name", "1" * 51)
field(N, "name/empty", "§2 blank", "name", '""')
field(N, "name/spaces-only", "§2 blank after strip", "name", '"   "')
field(N, "name/ideographic-space-is-blank", "§2 \\u3000 is blank", "name", '"\\u3000"')
field(N, "name/whitespace-controls-blank", "§2 \\t\\n\\v\\f\\r are blank", "name", '"\\t\\n\\u000b\\u000c\\r"')
field(N, "name/trimmed", "§2 stored trimmed", "name", '"  welcome  "')
field(N, "name/trim-unit-separators", "§2 \\x1c-\\x1f are stripped", "name", '"\\u001fus\\u001c\\u001d\\u001e"')
field(N, "name/trim-nel-nbsp", "§2 \\x85 and \\xa0 are stripped", "name", '"\\u0085\\u00a0x\\u00a0"')
field(N, "name/trim-unicode-spaces", "§2 U+1680, U+2000-U+200A are stripped", "name",
      '"\\u1680\\u2000\\u2005\\u200ax\\u2001"')
field(N, "name/trim-line-separators", "§2 U+2028, U+2029, U+202F, U+205F, U+3000 are stripped", "name",
      '"\\u2028\\u2029x\\u202f\\u205f\\u3000"')
field(N, "name/zero-width-space-not-stripped", "§2 U+200B is not whitespace", "name", '"\\u200bx"')
field(N, "name/bom-not-stripped", "§2 U+FEFF is not whitespace", "name", '"\\ufeffx"')
field(N, "name/50-chars", "§2 50 code points fine", "name", '"%s"' % ("a" * 50))
field(N, "name/51-chars", "§2 51 → length message", "name", '"%s"' % ("a" * 51))
field(N, "name/50-chars-after-trim", "§2 length counted after trimming", "name", '"  %s  "' % ("b" * 50))
field(N, "name/51-e-acute", "§2 51 × é → length + slug", "name", '"%s"' % ("é" * 51))
field(N, "name/26-emoji", "§2 26 emoji (52 UTF-16 units) → slug only", "name", '"%s"' % ("\U0001F600" * 26))
field(N, "name/nul", "§2 NUL → null message + slug", "name", '"a\\u0000b"')
field(N, "name/lone-surrogate", "§2 surrogate message, uppercase hex", "name", '"ab\\udc0f"')
field(N, "name/first-surrogate-only", "§2 only the first surrogate is named", "name", '"\\udbff\\ud800"')
field(N, "name/surrogate-pair-is-fine", "§2 a valid pair is one code point → slug only", "name", '"\\ud83d\\ude00"')
field(N, "name/all-messages-stacked", "§2 length, NUL, surrogate, slug in that order", "name",
      '"%s\\u0000\\ud800!"' % ("a" * 50))
field(N, "name/non-ascii-letters", "§2 slug is ASCII only", "name", '"caf\\u00e9"')
field(N, "name/space-inside", "§2 inner space refused", "name", '"hello world"')
field(N, "name/fullwidth-digits", "§2 \\d is not used: full-width digits refused", "name", '"\\uff11\\uff12"')
field(N, "name/underscore-hyphen-digits", "§2 valid slug", "name", '"Team_Q3-2024"')
case(N, "name/absent-unchanged", "§2 absent → unchanged", body='{"single_use":true}')

# §3 expires -------------------------------------------------------------
E = "expires"
WF = "Datetime has wrong format"


def ex(cid, rule, value, inv=INV, raw=False):
    field(E, "expires/" + cid, "§3 " + rule, "expires", value if raw else json.dumps(value), inv=inv)


ex("null-clears", "null → null", "null", raw=True)
ex("number", "not a string → format message", "1722268288", raw=True)
ex("bool", "not a string", "true", raw=True)
ex("array", "not a string", '["2024-07-29T15:51:28Z"]', raw=True)
ex("object", "not a string", "{}", raw=True)
ex("empty-string", "empty string → format message", "")
ex("utc-z", "Z", "2024-07-29T15:51:28Z")
ex("offset-converted-to-utc", "aware → UTC", "2024-07-29T17:51:28+02:00")
ex("negative-offset", "-05:30", "2024-07-29T10:21:28-05:30")
ex("naive-is-utc", "naive → UTC", "2024-07-29T15:51:28")
ex("millis-padded-to-6", ".123 → .123000Z", "2024-07-29T15:51:28.123Z")
ex("zero-micros-dropped", ".000000 → no fraction", "2024-07-29T15:51:28.000000Z")
ex("fraction-truncated-not-rounded", "7+ digits truncated", "2024-07-29T15:51:28.9999999Z")
ex("comma-fraction", "comma fraction", "2024-07-29T15:51:28,5Z")
ex("date-only", "bare date = midnight", "2024-07-29")
ex("week-date", "YYYY-Www-D", "2024-W31-1")
ex("week-date-sunday", "day 7", "2024-W31-7")
ex("week-no-day-is-monday", "YYYY-Www", "2024-W31")
ex("week-basic", "YYYYWwwD", "2024W311")
ex("week-53-exists", "2020 has week 53", "2020-W53-5")
ex("week-53-missing", "2021 has no week 53", "2021-W53")
ex("ordinal-refused", "no ordinal dates", "2024-211")
ex("basic-format", "YYYYMMDDTHHMMSS", "20240729T155128")
ex("basic-date", "YYYYMMDD", "20240729")
ex("basic-with-offset", "basic offset +0200", "20240729T155128+0200")
ex("separator-x", "any one separator character", "2024-07-29X15:51:28Z")
ex("separator-e-acute", "non-ASCII separator", "2024-07-29é15:51:28")
ex("separator-lowercase-t", "lowercase t", "2024-07-29t15:51:28")
ex("separator-space", "space", "2024-07-29 15:51:28")
ex("two-separators-refused", "exactly one separator", "2024-07-29TT15:51:28")
ex("hour-only", "T15", "2024-07-29T15")
ex("fractional-hour-is-seconds", "T15.5 = 15:00:00.5", "2024-07-29T15.5")
ex("fractional-minute-is-seconds", "T15:51.25 = 15:51:00.25", "2024-07-29T15:51.25")
ex("offset-with-seconds-fraction", "±HH:MM:SS.ffffff offset", "2024-07-29T15:51:28+02:00:30.5")
ex("offset-hours-only", "+02", "2024-07-29T15:51:28+02")
ex("offset-minutes-60", "+12:60 = +13:00", "2024-07-29T15:51:28+12:60")
ex("offset-minutes-99", "+12:99 = +13:39", "2024-07-29T15:51:28+12:99")
ex("offset-23-59", "just under 24h", "2024-07-29T15:51:28+23:59")
ex("offset-24h-refused", "offset must be under 24h", "2024-07-29T15:51:28+24:00")
ex("char-before-z", "one arbitrary character before the zone", "2024-07-29T15:51:28xZ")
ex("space-before-z", "28 Z", "2024-07-29T15:51:28 Z")
ex("char-before-offset-after-hour", "15x+02:00", "2024-07-29T15x+02:00")
ex("two-chars-before-z-refused", "two characters refused", "2024-07-29T15:51:28xxZ")
ex("char-after-fraction-refused", "none after a fraction", "2024-07-29T15:51:28.5xZ")
ex("trailing-nul", "a trailing NUL is tolerated", "2024-07-29T15:51:28\u0000")
ex("nul-inside-refused", "other NULs are not", "2024-07-29T15:51\u000028")
ex("regex-trailing-newline", "regex $ before one \\n", "2024-07-29T15:51:28Z\n")
ex("regex-two-newlines-refused", "only one \\n", "2024-07-29T15:51:28Z\n\n")
ex("regex-trailing-tab", "trailing whitespace via regex", "2024-07-29T15:51:28\t")
ex("regex-two-spaces-before-z", "whitespace run before the zone", "2024-07-29T15:51:28  Z")
ex("regex-tab-before-offset", "tab before offset", "2024-07-29T15:51:28\t+02:00")
ex("regex-single-digit-fields", "2024-7-9T1:2:3Z", "2024-7-9T1:2:3Z")
ex("regex-fullwidth-digits", "Unicode digits via regex", "２０２４-０７-２９T１５:５１:２８Z")
ex("regex-arabic-indic-digits", "Arabic-Indic digits via regex", "٢٠٢٤-٠٧-٢٩T١٥:٥١:٢٨Z")
ex("regex-offset-minutes-60", "+12:60 on the regex path", "2024-7-29T15:51:28+12:60")
ex("lowercase-z-refused", "lowercase z", "2024-07-29T15:51:28z")
ex("hour-24-refused", "24:00", "2024-07-29T24:00:00Z")
ex("second-60-refused", "second 60", "2024-07-29T23:59:60Z")
ex("month-13-refused", "month 13", "2024-13-01T00:00:00Z")
ex("feb-30-refused", "Feb 30", "2024-02-30T00:00:00Z")
ex("leading-space-refused", "leading space", " 2024-07-29T15:51:28Z")
ex("trailing-space-after-z-refused", "trailing space after Z", "2024-07-29T15:51:28Z ")
ex("year-1-positive-offset-overflows", "out of range after UTC conversion", "0001-01-01T00:00:00+01:00")
ex("year-9999-negative-offset-overflows", "out of range after UTC conversion", "9999-12-31T23:59:59-01:00")
ex("year-1-utc-fine", "year 1 at UTC", "0001-01-01T00:00:00Z")
ex("year-0-refused", "no year 0", "0000-01-01T00:00:00Z")
ex("five-digit-year-refused", "no year 10000", "10000-01-01T00:00:00Z")
case(E, "expires/stored-offset-rerendered", "§3 a stored value is re-rendered in UTC", body="{}", inv=INV_OFFSET)
case(E, "expires/absent-unchanged", "§3 absent → unchanged", body='{"name":"x"}', inv=INV_PLAIN)

# §4 fixed_data ------------------------------------------------------------
F = "fixed_data"


def fd(cid, rule, text, inv=INV):
    field(F, "fixed_data/" + cid, "§4 " + rule, "fixed_data", text, inv=inv)


fd("null", "null → may not be null", "null")
fd("inf-is-invalid-json", "1e400 → Value must be valid JSON.", '{"n":1e400}')
fd("negative-inf-nested", "nested -1e400", '{"a":{"b":[-1e400]}}')
fd("inf-top-level", "1e400 itself", "1e400")
fd("array", "array → is_dict message", '[{"a":1}]')
fd("string", "string → is_dict message", '"x"')
fd("json-string-of-object", "a JSON string holding an object", '"{\\"a\\": 1}"')
fd("number", "number", "1")
fd("bool", "bool", "false")
fd("empty-object", "{} replaces", "{}")
fd("replaces-not-merges", "replaces the stored value completely", '{"email":"other@example.com"}')
fd("key-order-kept", "response shows it as parsed, key order kept", '{"zz":1,"a":2,"é":3,"bb":4}')
fd("floats-as-python", "1.0, 1e2 → 100.0, -0.0 kept", '{"a":1.0,"b":1e2,"c":-0.0,"d":2.50,"e":1e-7}')
fd("big-integers-exact", "big integers exact", '{"n":123456789012345678901234567890,"m":-18446744073709551616}')
fd("duplicate-keys-last-wins", "duplicates never detected: the parser kept the last", '{"a":1,"a":{"x":1,"x":2}}')
fd("nested-values", "nested objects, arrays, null, bools", '{"a":{"b":[1,"two",null,true,{"c":[]}]}}')
fd("unicode-rendered-raw", "JSONRenderer writes UTF-8, not escapes", '{"cl\\u00e9":"\\ud83d\\ude00 ✓"}')
fd("u2028-escaped", "U+2028/U+2029 rendered as escapes", '{"a":"x\\u2028y\\u2029"}')
fd("control-characters", "control characters rendered as escapes", '{"a":"\\u0001\\u001f\\u007f"}')
fd("empty-key", "empty key", '{"":1}')
fd("nul-value-500", "U+0000 in a string → 500 (jsonb)", '{"a":"x\\u0000"}')
fd("nul-key-500", "U+0000 in a key → 500", '{"\\u0000":1}')
fd("nul-deep-500", "at any depth", '{"a":[{"b":["\\u0000"]}]}')
fd("lone-surrogate-500", "lone surrogate → 500", '{"a":"\\ud800"}')
fd("lone-surrogate-key-500", "in a key", '{"\\udfff":1}')
fd("lone-surrogate-deep-500", "at any depth", '{"a":[[["\\udbff"]]]}')
fd("surrogate-pair-fine", "a valid pair is fine", '{"a":"\\ud83d\\ude00"}')
fd("repeated-key-drops-inf", "a repeated key drops the value before it, 1e400 included",
   '{"a":1e400,"b":[{"c":-1e400,"c":0}],"a":1}')
fd("repeated-key-drops-nul-and-surrogate", "…and U+0000 or a lone surrogate: no 500",
   '{"a":"\\u0000","b":{"c":"\\udfff","c":2},"a":{}}')
fd("inf-checked-before-nul", "Value must be valid JSON. wins over the 500", '{"a":"\\u0000","b":1e400}')
fd("deep-1400-levels", "1,400 levels answered normally", '{"a":' * 1399 + "{}" + "}" * 1399)
# Written token by token from the text where JSON.parse would not read it as Python does (issue 9).
fd("big-ints-neg-zero-repeated-keys", "big integers, -0 and repeated keys together, as parsed",
   '{"a":-0,"b":12345678901234567890,"a":[-0,-0.0,1.5e300,99999999999999999999,{"c":1,"c":-123456789012345678}],'
   '"\\u0062":[1e2, 9007199254740993, -9007199254740992, "s\\"", true, null, {}]}')
fd("big-ints-deep", "big integers 300 lists deep", '{"a":' + "[" * 300 + "12345678901234567890,-0,1" + "]" * 300 + "}")
case(F, "fixed_data/stored-keys-reordered-by-jsonb", "§4 unchanged fixed_data as jsonb gives it back: keys by "
     "UTF-8 length then bytewise, at every level", body='{"name":"x"}', inv=INV_KEYS)
case(F, "fixed_data/stored-numbers-as-numeric", "§4 jsonb numeric: 1e+20 → exact int, 1.5e2 → 150, -0.0 → 0.0, "
     "2.50 → 2.5, 1.0 stays 1.0", body="{}", inv=INV_NUMBERS)
case(F, "fixed_data/absent-unchanged", "§4 absent → unchanged (stored form)", body='{"single_use":true}')

# §5 single_use ------------------------------------------------------------
S = "single_use"
field(S, "single_use/null", "§5 null", "single_use", "null")
# true values start from single_use false (INV), false values from true (INV_PLAIN): the change shows
for text, label in [("true", "true"), ("1", "int-1"), ("1.0", "float-1.0"), ("1e0", "exponent-one")]:
    field(S, "single_use/" + label, "§5 JSON %s is true" % text, "single_use", text)
for text, label in [("false", "false"), ("0", "int-0"), ("0.0", "float-0.0"), ("-0.0", "negative-zero")]:
    field(S, "single_use/" + label, "§5 JSON %s is false" % text, "single_use", text, inv=INV_PLAIN)
for s in ["t", "T", "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON", "1"]:
    field(S, "single_use/string-%s-is-true" % s, "§5 true spelling", "single_use", json.dumps(s))
for s in ["f", "F", "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF", "0"]:
    field(S, "single_use/string-%s-is-false" % s, "§5 false spelling", "single_use", json.dumps(s), inv=INV_PLAIN)
for text, label in [("2", "int-2"), ("-1", "int-minus-1"), ("0.5", "half"), ('""', "empty-string"),
                    ('"null"', "string-null"), ('"nah"', "string-nah"), ('" true"', "leading-space"),
                    ('"yEs"', "mixed-case"), ('"1.0"', "string-1.0"), ("[]", "empty-array"), ("{}", "empty-object")]:
    field(S, "single_use/%s-refused" % label, "§5 everything else → Must be a valid boolean.", "single_use", text)

# §6 flow ------------------------------------------------------------------
W = "flow"
h = FLOW_B.replace("-", "")
z = FLOW_Z.replace("-", "")


def fl(cid, rule, text, inv=INV, flows=FLOWS):
    field(W, "flow/" + cid, "§6 " + rule, "flow", text, inv=inv, flows=flows)


fl("null-clears", "null → flow and flow_obj null", "null")
fl("empty-string-clears", "\"\" → None", '""')
fl("true", "bool → Incorrect type", "true")
fl("false", "bool → Incorrect type", "false")
fl("lowercase", "canonical form", json.dumps(FLOW_B))
fl("uppercase", "upper case accepted", json.dumps(FLOW_B.upper()))
fl("no-hyphens", "32 hex digits", json.dumps(h))
fl("braces", "{…}", json.dumps("{%s}" % FLOW_B))
fl("urn-uuid", "urn:uuid:…", json.dumps("urn:uuid:" + FLOW_B))
fl("urn-uuid-braces", "urn:uuid:{…}", json.dumps("urn:uuid:{%s}" % FLOW_B))
fl("odd-hyphens", "hyphens anywhere", json.dumps("-".join([h[:3], h[3:11], h[11:12], h[12:30], h[30:]])))
fl("0x-prefix", "int(s, 16) accepts 0x", json.dumps("0x" + z[2:]))
fl("plus-sign", "int(s, 16) accepts +", json.dumps("+" + h[1:]))
fl("underscore", "int(s, 16) accepts _ between digits", json.dumps(h[1:5] + "_" + h[5:]))
fl("leading-space-short", "surrounding whitespace inside the 32 characters", json.dumps(" " + h[1:]))
fl("fullwidth-digits", "Unicode decimal digits", json.dumps(FLOW_B.translate({ord(c): 0xFF10 + i for i, c in enumerate("0123456789")}), ensure_ascii=False))
fl("arabic-indic-digits", "Unicode decimal digits", json.dumps(h.translate({ord(c): 0x0660 + i for i, c in enumerate("0123456789")}), ensure_ascii=False))
fl("integer-value-of-uuid", "a JSON integer equal to the UUID's value selects that flow", str(int(h, 16)))
fl("integer-123-missing", "123 → UUID(int=123), no such flow", "123")
fl("integer-0-missing", "0 is a valid UUID value", "0")
fl("integer-negative", "negative → not a valid UUID", "-1")
fl("integer-2-128", "2^128 → not a valid UUID", str(2**128))
fl("integer-2-128-minus-1", "2^128-1 → looked up", str(2**128 - 1))
fl("float", "float → str() in the message", "1.5")
fl("float-inf", "1e400 → “inf”", "1e400")
fl("integer-as-float", "an integral float is a float", "1.0")
fl("list", "list → Python repr in the message", json.dumps([FLOW_B]))
fl("dict", "dict → Python repr", '{"pk":"%s"}' % FLOW_B)
fl("nested-list-400", "a list nested 400 levels is answered normally", "[" * 400 + "]" * 400)
fl("nested-list-488-500", "§C.3 resolve_lookup_value recurses into lists: a RecursionError from 488 levels",
   nested_list(488))
fl("nested-list-sibling-488-500", "§C.3 the deepest element counts, not the first", "[[],%s]" % nested_list(487))
fl("object-nested-1400-levels", "§C.3 an object as deep as the body allows → str() in the message",
   nested_object(1400))
fl("list-in-object-1399-levels", "§C.3 lists inside an object are not recursed into by the lookup",
   '{"a":%s}' % nested_list(1398))
fl("list-holding-object-holding-deep-list", "§C.3 only lists reached through lists count",
   nested_list(1, '{"a":%s}' % nested_list(1397)))
fl("object-nested-%d-levels-500" % (BODY_500 - 1), "§C.3 the body's own depth limit", nested_object(BODY_500 - 1))
fl("garbage", "curly quotes", '"garbage"')
# str() of lists and objects, printed by the module from the body's text (issue 9): every scalar's
# repr, repeated keys (first position, last value), keys spelled with escapes, nesting.
fl("list-of-floats", "floats in a list print as repr()",
   "[1.5, 1e16, 1e15, 1e-5, 0.0001, -0.0, 1E+2, 1e400, -1e400, 5e-324, 1.7976931348623157e308, 0.1, 123456789012345.6]")
fl("list-of-ints-and-constants", "ints as Python prints them (-0 is 0), None/True/False",
   "[0, -0, 12, -34, 123456789012345678901234567890, -99999999999999999999, true, false, null]")
fl("list-of-strings", "string repr: quotes chosen as Python does, escapes, non-printables",
   json.dumps(["a'b", "it's \"q\"", "\"", "back\\slash", "tab\there\n", "\x00\x1f\x7f\xad\xe9\ue000",
               "\U0001F600\U0010FFFF", "\ud800", "x\udc00y", "\u2028\u3000\u200b", ""]))
fl("list-of-objects-repeated-keys", "a repeated key keeps its first position and last value",
   '[{"b":1,"a":2,"b":3}, {"a":{"x":1,"x":[2,{"y":1,"y":2}]},"c":null}]')
fl("object-escaped-keys-repeat", "keys spelled with escapes are the same key",
   r'{"\u0061":1,"b":2,"a":[3],"\ud800":4,"\ufffd":5,"\ud800":6}')
fl("object-keys-look-alike", "keys alike but for an escape differ only when they decode differently",
   r'{"a\"":1,"a\\":2,"a\/":3,"a/":4}')
fl("nested-mixed", "lists and objects inside each other, empty ones, whitespace",
   '[ [], {}, [[ ]], {"k" : [ {} , [1, [2.5, {"z": "w"}]] ]} , "end" ]')
fl("list-of-objects-399-deep", "lists 399 deep holding an object",
   nested_list(399, '{"a":1,"a":2}'))
fl("object-repeated-keys-deep", "repeated keys at every level of a deep object",
   '{"a":0,"a":' * 300 + '1' + "}" * 300)
fl("space-not-trimmed", "the string is not trimmed", '" "')
fl("leading-space-full-length", "37 characters → invalid", json.dumps(" " + FLOW_B))
fl("31-hex-digits", "exactly 32 characters needed", json.dumps(h[:-1]))
fl("uppercase-urn-refused", "only lower-case urn:/uuid: are removed", json.dumps("URN:UUID:" + FLOW_B))
fl("slug-refused", "a slug is not a pk", '"default-enrollment-flow"')
fl("nul-in-message", "NUL echoed in the message", json.dumps(h[:-1] + "\u0000"))
fl("unknown-uuid", "well-formed, no such flow → Invalid pk echoing the input", json.dumps(UNKNOWN))
fl("unknown-uuid-case-kept", "echo keeps case and format", json.dumps("{%s}" % UNKNOWN.upper()))
fl("unknown-uuid-urn-kept", "echo keeps urn:uuid:", json.dumps("urn:uuid:" + UNKNOWN))
fl("lone-surrogate-500", "an invalid string with a lone surrogate → 500 at render", '"\\ud800"')
fl("lone-surrogate-in-list-is-400", "repr() escapes it inside a list", '["\\ud800"]')
fl("changes-flow-obj", "flow_obj follows a new flow", json.dumps(FLOW_Z), inv=INV)
fl("sets-flow-from-null", "setting a flow on an invitation that had none", json.dumps(FLOW_A), inv=INV_PLAIN)
fl("existing-flow-not-in-list", "a flow that does not exist (only A exists)", json.dumps(FLOW_B), flows=[FLOWS[0]])

# §7 response ---------------------------------------------------------------
R = "response"
case(R, "response/field-order", "§7 pk, name, expires, fixed_data, created_by, single_use, flow, flow_obj",
     body='{"flow":null,"single_use":true,"fixed_data":{"b":1,"a":2},"expires":null,"name":"z"}')
case(R, "response/no-flow", "§7 flow and flow_obj null", body="{}", inv=INV_PLAIN)
case(R, "response/flow-case-normalised", "§7 flow lower-case hyphenated", body='{"flow":"{%s}"}' % FLOW_Z.upper())
case(R, "response/expired-invitation-still-patchable", "§B 2024.6 has no ExpiringManager", body='{"name":"renewed"}',
     inv=invitation(pk="4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a", expires="2020-01-01T00:00:00Z"))


# Part C.2 PUT: DRF's update with partial=False; `name` is required, other fields stay optional -----
P = "put"


def put(cid, rule, body, **kw):
    case(P, "put/" + cid, rule, body=body, method="PUT", **kw)


put("empty-body-name-required", "C.2 an empty body is {}: name is required", "")
put("empty-body-form-content-type", "C.2 an empty form body is an empty QueryDict: name required", "",
    content_type="application/x-www-form-urlencoded")
put("empty-object-name-required", "C.2 {} → name required", "{}")
put("only-other-fields-name-required", "C.2 valid other fields, no name", '{"single_use":true,"expires":null}')
put("name-required-beside-other-errors", "C.2 required comes in name's place among field errors",
    '{"flow":true,"expires":1,"fixed_data":[]}')
put("undefined-name-is-absent", "C.2 what JSON.stringify drops is absent", '{"expires":"2024-09-01T00:00:00Z"}')
put("name-null", "C.2 null is not absent", '{"name":null}')
put("name-blank", "§2 blank", '{"name":" \\u3000 "}')
put("name-too-long-not-slug", "§2 stacked messages", json.dumps({"name": "é" * 51}))
put("name-int", "§2 123 → \"123\"", '{"name":123}')
put("name-only-keeps-the-rest", "C.2 absent fields stay as stored (PostgreSQL's fixed_data order)",
    '{"name":"renamed"}')
put("authentik-form-body", "C.2 the admin form sends every field",
    json.dumps({"name": "welcome-team", "expires": "2024-09-30T12:00:00.000Z", "fixed_data": {"b": 1, "a": [1.5]},
                "single_use": True, "flow": FLOW_B}))
put("whole-object-sent-back", "§1.6 read-only keys ignored in a PUT too",
    json.dumps(dict(INV, name="again", flow=None)))
put("clears-with-nulls", "§3/§6 null clears expires and flow", '{"name":"x","expires":null,"flow":null}')
put("flow-empty-string", "§6 \"\" clears the flow", '{"name":"x","flow":""}')
put("flow-unknown", "§6 does_not_exist", '{"name":"x","flow":"%s"}' % UNKNOWN)
put("flow-not-uuid", "§6 invalid", '{"name":"x","flow":"nope"}')
put("expires-overflow", "§3 overflow code", '{"name":"x","expires":"0001-01-01T00:00:00+01:00"}')
put("fixed-data-not-json", "§4 1e400 → invalid", '{"name":"x","fixed_data":{"n":1e400}}')
put("single-use-invalid", "§5 invalid", '{"name":"x","single_use":"nah"}')
put("null-body", "§1.5 No data provided (code null)", "null")
put("list-body", "§1.5 not a dict", '[{"name":"x"}]')
put("parse-error", "§1.4 parse_error", '{"name":"x",}')
put("fixed-data-nul-is-500", "§4 jsonb refuses U+0000: 500", '{"name":"x","fixed_data":{"a":"\\u0000"}}')
put("missing-name-fixed-data-nul-is-400", "§4 a fixed_data jsonb refuses is never saved once name is missing: 400",
    '{"fixed_data":{"a":"\\u0000"}}')
put("missing-name-flow-surrogate-is-500", "§6 the flow's error message still fails to render: 500",
    '{"flow":"\\ud800"}')
put("unsupported-media-type", "§1.2 415 (the caller's)", '{"name":"x"}', content_type="text/plain")
put("no-content-type", "§1.2 415 \"\"", '{"name":"x"}', content_type=None)
put("plain-invitation", "C.2 on an invitation without flow or expiry", '{"name":"p","single_use":false}', inv=INV_PLAIN)

# Part C.2 POST: create; perform_create sets created_by, model defaults for absent fields -----------
O = "post"


def post(cid, rule, body, **kw):
    case(O, "post/" + cid, rule, body=body, method="POST", **kw)


post("name-only-gets-the-defaults", "C.2 201, expires null, fixed_data {}, single_use false, flow null",
     '{"name":"new-invite"}')
post("empty-body-name-required", "C.2 an empty body is {}: name required", "")
post("empty-object-name-required", "C.2 {} → name required", "{}")
post("name-required-beside-other-errors", "C.2 required among field errors",
     '{"single_use":2,"flow":"%s"}' % UNKNOWN)
post("name-null", "C.2 null", '{"name":null}')
post("name-blank", "§2 blank", '{"name":""}')
post("name-stacked", "§2 length, NUL, surrogate, slug", '{"name":"%s\\u0000\\ud800"}' % ("a" * 50))
post("authentik-form-body", "C.2 the admin form's create body",
     json.dumps({"name": "contractors-q3", "expires": "2024-10-01T09:30:00+02:00",
                 "fixed_data": {"email": "c@example.com", "attributes": {"team": "eng"}},
                 "single_use": True, "flow": FLOW_A}))
post("fixed-data-as-parsed", "§4 the answer shows fixed_data as parsed (key order, floats)",
     '{"name":"n","fixed_data":{"b":1.0,"a":1e2,"c":-0.0,"d":[1e+20]}}')
post("read-only-keys-ignored", "§1.6 pk, created_by and flow_obj are the server's",
     json.dumps({"name": "n", "pk": INV["pk"], "created_by": USER, "flow_obj": FLOWS[1], "expiring": False}))
post("coercions", "§2/§5/§6 coerced spellings", '{"name":2024,"single_use":"on","flow":"{%s}"}' % FLOW_Z.upper())
post("flow-empty-string", "§6 \"\" is no flow", '{"name":"n","flow":""}')
post("flow-integer-value", "§6 the UUID's integer value", '{"name":"n","flow":%d}' % int(FLOW_B.replace("-", ""), 16))
post("flow-bool", "§6 incorrect_type", '{"name":"n","flow":false}')
post("expires-date-only", "§3 midnight UTC", '{"name":"n","expires":"2025-01-31"}')
post("expires-bad", "§3 invalid", '{"name":"n","expires":"tomorrow"}')
post("fixed-data-string", "§4 a string holding an object is not a dict", '{"name":"n","fixed_data":"{}"}')
post("fixed-data-null", "§4 null", '{"name":"n","fixed_data":null}')
post("null-body", "§1.5 No data provided", "null")
post("string-body", "§1.5 not a dict", '"name"')
post("parse-error", "§1.4 parse_error", '{"name":')
post("invalid-utf8", "§1.3 codec error", None, body_b64=b'{"name":"\xff"}')
post("fixed-data-surrogate-is-500", "§4 jsonb refuses a lone surrogate: 500",
     '{"name":"n","fixed_data":{"\\udc00":1}}')
post("unsupported-media-type", "§1.2 415 (the caller's)", '{"name":"x"}', content_type="application/merge-patch+json")
post("no-flows-exist", "§6 no flow exists at all", '{"name":"n","flow":"%s"}' % FLOW_A, flows=[])


def ask(cases):
    import harness
    from refapp.core import Runner, loads_case

    def run():
        harness.boot()
        runner = Runner()
        inputs = [loads_case(dumps({k: v for k, v in c.items() if k not in ("rule", "expect")})) for c in cases]
        return runner.answer_many(inputs)

    return harness.in_big_thread(run)


def render_file(cases):
    return "[\n" + ",\n".join(dumps(c, ensure_ascii=False) for c in cases) + "\n]\n"


def main(argv):
    check = "--check" in argv
    all_cases = [c for cs in CASES.values() for c in cs]
    ids = [c["id"] for c in all_cases]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        raise SystemExit("duplicate ids: %s" % sorted(dup))
    answers = ask(all_cases)
    for c, a in zip(all_cases, answers):
        c["expect"] = {"status": a["status"], "body": a["body"]}
        if "codes" in a:  # DRF's get_codes() of the error, shaped like the body
            c["expect"]["codes"] = a["codes"]
    os.makedirs(OUT, exist_ok=True)
    stale = []
    for name, cases in CASES.items():
        path = os.path.join(OUT, name + ".json")
        text = render_file(cases)
        json.loads(text)  # stays valid JSON
        if check:
            try:
                with open(path, encoding="utf-8") as f:
                    if f.read() != text:
                        stale.append(path)
            except FileNotFoundError:
                stale.append(path)
        else:
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
    n = len(all_cases)
    if check:
        print("%d golden cases, %d stale files%s" % (n, len(stale), "".join("\n  " + s for s in stale)))
        return 1 if stale else 0
    counts = {}
    for a in answers:
        counts[a["status"]] = counts.get(a["status"], 0) + 1
    print("wrote %d golden cases in %d files under %s (statuses %s)" % (n, len(CASES), OUT, counts))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
