"""harness.py --self-test: SPEC.md examples, checked against the answers SPEC.md states."""
import base64
import json

FLOW_A = "b4a8c1a2-3f6e-4d0b-9a53-6f1f2c3d4e5a"
FLOW_B = "0c9d8e7f-6a5b-4c3d-8e2f-1a0b9c8d7e6f"


def flow_obj(pk, slug):
    return {
        "pk": pk,
        "policybindingmodel_ptr_id": pk,
        "name": slug.replace("-", " ").title(),
        "slug": slug,
        "title": "Welcome",
        "designation": "enrollment",
        "background": "/static/dist/assets/images/flow_background.jpg",
        "stages": [],
        "policies": [],
        "cache_count": 0,
        "policy_engine_mode": "any",
        "compatibility_mode": False,
        "export_url": "/api/v3/flows/instances/%s/export/" % slug,
        "layout": "stacked",
        "denied_action": "message_continue",
        "authentication": "none",
    }


FLOWS = [flow_obj(FLOW_A, "enrollment-invitation"), flow_obj(FLOW_B, "default-enrollment")]
USER = {
    "pk": 4,
    "username": "akadmin",
    "name": "authentik Default Admin",
    "is_active": True,
    "last_login": "2024-07-29T14:01:02.123456Z",
    "email": "admin@example.com",
    "attributes": {},
    "uid": "9c4f2a6b1e0d8c7b5a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b",
}
# Raw text so that the number literals reach the harness as written.
INVITATION = (
    '{"pk":"6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d","name":"welcome-team","expires":"2024-07-29T15:51:28Z",'
    '"fixed_data":{"email":"new@example.com","name":"New User","n":1e+20,"z":-0.0,"f":1.5e2},'
    '"created_by":%s,"single_use":false,"flow":"%s","flow_obj":%s}'
    % (json.dumps(USER), FLOW_A, json.dumps(FLOWS[0]))
)

SLUG = 'Enter a valid \\"slug\\" consisting of letters, numbers, underscores or hyphens.'


def case_line(cid, body=None, body_b64=None, content_type="application/json"):
    parts = ['"id":%s' % json.dumps(cid)]
    if body_b64 is not None:
        parts.append('"body_b64":%s' % json.dumps(body_b64))
    else:
        parts.append('"body":%s' % json.dumps(body))
    if content_type != "application/json":
        parts.append('"content_type":%s' % json.dumps(content_type))
    parts.append('"invitation":' + INVITATION)
    parts.append('"flows":' + json.dumps(FLOWS))
    return "{" + ",".join(parts) + "}"


def deep_fixed_data(levels):
    return '{"fixed_data":' + '{"a":' * (levels - 1) + "{}" + "}" * (levels - 1) + "}"


CHECKS = [
    # (id, case kwargs, status, substring expected in body, or exact body when it starts with "=")
    ("name 51 chars", dict(body='{"name":"%s"}' % ("a" * 51)), 400,
     '={"name":["Ensure this field has no more than 50 characters."]}'),
    ("name 50 chars", dict(body='{"name":"%s"}' % ("a" * 50)), 200, '"name":"%s"' % ("a" * 50)),
    ("name int", dict(body='{"name": 123}'), 200, '"name":"123"'),
    ("name 1e400", dict(body='{"name": 1e400}'), 200, '"name":"inf"'),
    ("name 1.0 refused", dict(body='{"name": 1.0}'), 400, '={"name":["%s"]}' % SLUG),
    ("name true slug message", dict(body='{"name": true}'), 400, '={"name":["%s"]}' % SLUG),
    ("name 26 emoji", dict(body=json.dumps({"name": "\U0001F600" * 26})), 400, '={"name":["%s"]}' % SLUG),
    ("name 51 e-acute", dict(body='{"name":"%s"}' % ("é" * 51)), 400,
     '={"name":["Ensure this field has no more than 50 characters.","%s"]}' % SLUG),
    ("name stacked", dict(body='{"name":"a\\u0000\\ud800!"}'), 400,
     '={"name":["Null characters are not allowed.","Surrogate characters are not allowed: U+D800.","%s"]}' % SLUG),
    ("name trimmed", dict(body='{"name":"\\u001fus\\u00a0\\u3000"}'), 200, '"name":"us"'),
    ("name ideographic space blank", dict(body='{"name":"\\u3000"}'), 400, '={"name":["This field may not be blank."]}'),
    ("body null", dict(body="null"), 400, '={"non_field_errors":["No data provided"]}'),
    ("body list", dict(body="[]"), 400, '={"non_field_errors":["Invalid data. Expected a dictionary, but got list."]}'),
    ("body empty, no content type", dict(body="", content_type=None), 200, '"name":"welcome-team"'),
    ("body without content type", dict(body="{}", content_type=None), 415,
     '={"detail":"Unsupported media type \\"\\" in request."}'),
    ("content type */*", dict(body='{"name":"x"}', content_type="*/*"), 200, '"name":"x"'),
    ("content type application/*", dict(body='{"name":"x"}', content_type="application/*"), 200, '"name":"x"'),
    ("content type upper case + charset", dict(body='{"name":"x"}', content_type="Application/JSON; charset=utf-8"), 200, '"name":"x"'),
    ("content type merge-patch", dict(body="{}", content_type="application/merge-patch+json"), 415,
     '={"detail":"Unsupported media type \\"application/merge-patch+json\\" in request."}'),
    ("charset latin-1", dict(body='{"flow":"é"}', content_type="application/json; charset=latin-1"), 400,
     '={"flow":["“Ã©” is not a valid UUID."]}'),
    ("invalid utf-8", dict(body_b64=base64.b64encode(b'{"name":"\xff"}').decode()), 400,
     '={"detail":"JSON parse error - \'utf-8\' codec can\'t decode byte 0xff in position 9: invalid start byte"}'),
    ("truncated utf-8 tail dropped", dict(body_b64=base64.b64encode(b'{"name":"x"}\xe2\x82').decode()), 200, '"name":"x"'),
    ("BOM", dict(body="\ufeff{}"), 400,
     '={"detail":"JSON parse error - Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)"}'),
    ("NaN", dict(body='{"name":NaN}'), 400,
     '={"detail":"JSON parse error - Out of range float values are not JSON compliant: \'NaN\'"}'),
    ("4301 digits", dict(body='{"name":%s}' % ("1" * 4301)), 400,
     "Exceeds the limit (4300 digits) for integer string conversion: value has 4301 digits"),
    ("duplicate keys last wins", dict(body='{"name":"a","name":"b"}'), 200, '"name":"b"'),
    ("error key order", dict(body='{"flow":"x","single_use":2,"fixed_data":[],"expires":"","name":""}'), 400,
     '={"name":["This field may not be blank."],'
     '"expires":["Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."],'
     '"fixed_data":["Value must be a dictionary, and not have any duplicate keys."],'
     '"single_use":["Must be a valid boolean."],"flow":["“x” is not a valid UUID."]}'),
    ("expires offset converted", dict(body='{"expires":"2024-07-29T17:51:28+02:00"}'), 200, '"expires":"2024-07-29T15:51:28Z"'),
    ("expires week date", dict(body='{"expires":"2024-W31-1"}'), 200, '"expires":"2024-07-29T00:00:00Z"'),
    ("expires fraction of hour", dict(body='{"expires":"2024-07-29T15.5"}'), 200, '"expires":"2024-07-29T15:00:00.500000Z"'),
    ("expires regex single digits", dict(body='{"expires":"2024-7-9T1:2:3Z"}'), 200, '"expires":"2024-07-09T01:02:03Z"'),
    ("expires +12:60", dict(body='{"expires":"2024-07-29T15:51:28+12:60"}'), 200, '"expires":"2024-07-29T02:51:28Z"'),
    ("expires overflow", dict(body='{"expires":"0001-01-01T00:00:00+01:00"}'), 400, '={"expires":["Datetime value out of range."]}'),
    ("expires hour 24", dict(body='{"expires":"2024-07-29T24:00:00Z"}'), 400, "Datetime has wrong format"),
    ("expires lowercase z", dict(body='{"expires":"2024-07-29T15:51:28z"}'), 400, "Datetime has wrong format"),
    ("expires null", dict(body='{"expires":null}'), 200, '"expires":null'),
    ("fixed_data 1e400", dict(body='{"fixed_data":{"n":1e400}}'), 400, '={"fixed_data":["Value must be valid JSON."]}'),
    ("fixed_data string", dict(body='{"fixed_data":"{}"}'), 400,
     '={"fixed_data":["Value must be a dictionary, and not have any duplicate keys."]}'),
    ("fixed_data as parsed", dict(body='{"fixed_data":{"b":1e2,"a":-0.0,"big":123456789012345678901234567890}}'), 200,
     '"fixed_data":{"b":100.0,"a":-0.0,"big":123456789012345678901234567890}'),
    ("fixed_data NUL 500", dict(body='{"fixed_data":{"a":["\\u0000"]}}'), 500, "="),
    ("fixed_data NUL key 500", dict(body='{"fixed_data":{"\\u0000":1}}'), 500, "="),
    ("fixed_data lone surrogate 500", dict(body='{"fixed_data":{"a":{"b":"\\udc00"}}}'), 500, "="),
    ("fixed_data surrogate pair ok", dict(body='{"fixed_data":{"a":"\\ud83d\\ude00"}}'), 200, '"fixed_data":{"a":"\U0001F600"}'),
    ("stored fixed_data as jsonb gives it back", dict(body="{}"), 200,
     '"fixed_data":{"f":150,"n":100000000000000000000,"z":0.0,"name":"New User","email":"new@example.com"}'),
    ("single_use yes", dict(body='{"single_use":"yes"}'), 200, '"single_use":true'),
    ("single_use yEs", dict(body='{"single_use":"yEs"}'), 400, '={"single_use":["Must be a valid boolean."]}'),
    ("single_use -0.0", dict(body='{"single_use":-0.0}'), 200, '"single_use":false'),
    ("flow empty string clears", dict(body='{"flow":""}'), 200, '"flow":null,"flow_obj":null}'),
    ("flow int of uuid", dict(body='{"flow":%d}' % int(FLOW_B.replace("-", ""), 16)), 200,
     '"flow":"%s","flow_obj":{"pk":"%s"' % (FLOW_B, FLOW_B)),
    ("flow 123", dict(body='{"flow":123}'), 400, '={"flow":["Invalid pk \\"123\\" - object does not exist."]}'),
    ("flow 2^128", dict(body='{"flow":%d}' % 2**128), 400, '={"flow":["“%d” is not a valid UUID."]}' % 2**128),
    ("flow urn braces upper", dict(body='{"flow":"urn:uuid:{%s}"}' % FLOW_B.upper()), 200, '"flow":"%s"' % FLOW_B),
    ("flow full-width digits", dict(body='{"flow":"%s"}' % FLOW_B.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})), 200,
     '"flow":"%s"' % FLOW_B),
    ("flow unknown uuid", dict(body='{"flow":"AAAAAAAA-0000-4000-8000-000000000000"}'), 400,
     '={"flow":["Invalid pk \\"AAAAAAAA-0000-4000-8000-000000000000\\" - object does not exist."]}'),
    ("flow bool", dict(body='{"flow":true}'), 400, '={"flow":["Incorrect type. Expected pk value, received bool."]}'),
    ("flow list repr", dict(body='{"flow":["a"]}'), 400, '={"flow":["“[\'a\']” is not a valid UUID."]}'),
    ("flow lone surrogate 500", dict(body='{"flow":"\\ud800"}'), 500, "="),
    ("unknown and read-only keys ignored", dict(body='{"pk":"x","created_by":1,"flow_obj":null,"expiring":false,"zzz":1}'), 200,
     '"name":"welcome-team"'),
    ("U+2028 escaped by renderer", dict(body='{"fixed_data":{"a":"\\u2028"}}'), 200, '"fixed_data":{"a":"\\u2028"}'),
    ("fixed_data 1,400 levels (1,401 with the body)", dict(body=deep_fixed_data(1400)), 200, '"fixed_data":{"a":{"a":'),
    ("flow list 400 levels", dict(body='{"flow":%s}' % ("[" * 400 + "]" * 400)), 400, "is not a valid UUID."),
    ("flow list 487 levels", dict(body='{"flow":%s}' % ("[" * 487 + "]" * 487)), 400, "is not a valid UUID."),
    ("flow list 488 levels is a 500 (RecursionError in resolve_lookup_value, SPEC Part C)",
     dict(body='{"flow":%s}' % ("[" * 488 + "]" * 488)), 500, "="),
    ("flow object 1,400 levels", dict(body='{"flow":%s}' % ('{"a":' * 1399 + "{}" + "}" * 1399)), 400,
     "}}}” is not a valid UUID."),
    ("name list 400 levels", dict(body='{"name":%s}' % ("[" * 400 + "]" * 400)), 400, '={"name":["%s"]}' % SLUG),
    ("name list 1,400 levels (SPEC Part C)", dict(body='{"name":%s}' % ("[" * 1400 + "]" * 1400)), 400,
     '={"name":["%s"]}' % SLUG),
    # CPython 3.12's C recursion limit (1,500) less the C frames under the parser on this path;
    # serve.py's path has more of them (tests/reference/README.md, "Recursion limits").
    ("nesting 1,486 levels is parsed", dict(body="[" * 1486 + "]" * 1486), 400,
     '={"non_field_errors":["Invalid data. Expected a dictionary, but got list."]}'),
    ("nesting 1,487 levels is a 500 (RecursionError in the json scanner)", dict(body="[" * 1487 + "]" * 1487), 500, "="),
]


def run(verbose=False):
    import harness
    from refapp.core import Runner, loads_case

    harness.boot(verbose)
    runner = Runner()
    passed = failed = 0
    for name, kwargs, status, expect in CHECKS:
        answer = runner.answer(loads_case(case_line(name, **kwargs)))
        body = answer["body"]
        ok = answer["status"] == status and (body == expect[1:] if expect.startswith("=") else expect in body)
        if ok:
            passed += 1
        else:
            failed += 1
            print("FAIL %s: got %s %s; expected %s %s" % (name, answer["status"], body[:400], status, expect[:400]))
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1
