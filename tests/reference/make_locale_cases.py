#!/usr/bin/env python3
"""Per-locale PATCH cases, answered by the reference harness through authentik 2024.6's two locale
middlewares (refapp/locale.py): tests/cases/locales/requests.json.

Usage:
  tests/reference/.venv/bin/python tests/reference/make_locale_cases.py           (rewrite the file)
  tests/reference/.venv/bin/python tests/reference/make_locale_cases.py --check   (exit 1 if stale)
  tests/reference/.venv/bin/python tests/reference/make_locale_cases.py --stdout [--seed N]
        (JSONL cases without answers, a fresh sample of spellings per seed, for a live comparison)

Every case holds what the server sees (brand_locale and/or user_locale, as refapp/locale.py reads
them), `locale`: the one code the module is given, the code authentik ends up activating (the
user's when it is neither "" nor null, else the brand's when not "", else ""), and `all_locales`:
whether only the all-locales build holds every catalog that code consults.
Locales: every language authentik's UI offers in many spellings (case, '-'/'_', territories,
scripts), every catalog directory of Django and DRF as spelled on disk and in a browser's spelling,
unknown codes, and "pseudo-LOCALE". Bodies: one per message the server translates or keeps in
English, and one breaking every field at once.
"""
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
OUT = os.path.join(os.path.dirname(HERE), "cases", "locales", "requests.json")

from jsontext import dumps  # noqa: E402

FLOW = "b4a8c1a2-3f6e-4d0b-9a53-6f1f2c3d4e5a"  # exists
UNKNOWN = "7e57ab1e-0000-4000-8000-00000000dead"  # well-formed, no such flow

# (id, body): every message of a PATCH answer.
BODIES = [
    ("blank", '{"name": ""}'),
    ("null", '{"name": null}'),
    ("length-nul-slug", json.dumps({"name": "ä" * 50 + "\u0000"})),
    ("surrogate", '{"name": "a\\ud800b"}'),
    ("datetime-format", '{"expires": "29.07.2024"}'),
    ("datetime-overflow", '{"expires": "0001-01-01T00:00:00+01:00"}'),
    ("invalid-json", '{"fixed_data": {"n": 1e400}}'),
    ("not-dict", '{"fixed_data": ["a"]}'),
    ("boolean", '{"single_use": "nah"}'),
    ("incorrect-type", '{"flow": false}'),
    ("not-uuid", '{"flow": "f\\u00fcnf"}'),
    ("does-not-exist", json.dumps({"flow": UNKNOWN.upper()})),
    ("not-an-object", '["name"]'),
    ("no-data", "null"),
    ("parse-error", '{"name": "x",}'),
    ("valid", '{"name": "welcome", "single_use": "yes"}'),
    ("everything", json.dumps({
        "name": "x" * 51, "expires": "soon", "fixed_data": 3, "single_use": 2, "flow": "nope",
    })),
]
SHORT = ["length-nul-slug", "not-uuid", "invalid-json", "everything"]  # for the sampled codes

# The UI's languages (web/src/common/ui/locale.ts) and spellings a brand or user may hold.
UI = ["en", "es", "de", "fr", "ko", "nl", "pl", "tr", "zh-Hant", "zh_TW", "zh-Hans", "pseudo-LOCALE"]
UI_VARIANTS = [
    "EN", "en-US", "en_GB", "en-au", "ES", "es-ES", "es_419", "es-MX", "es_AR", "De", "DE", "de-AT",
    "de_at", "de-DE", "de-CH", "FR", "fr-CA", "fr_fr", "fr-BE", "KO", "ko-KR", "ko_KR", "ko_kr", "NL",
    "nl-BE", "nl_NL", "PL", "pl-PL", "TR", "tr-TR", "tr_tr", "zh-hant", "ZH-HANT", "zh_Hant",
    "zh_hant", "zh-Hant-TW", "zh-TW", "zh-tw", "zh_tw", "zh-hans", "zh_Hans", "zh_hans", "zh-Hans-CN",
    "zh-CN", "zh_CN", "zh", "pseudo-locale", "pseudo_LOCALE",
]
OTHERS = ["", " ", "xx", "xx-YY", "C", "posix", "english", "german", "\u212ao", "de.UTF-8", "de@euro",
          "sr@latn", "sr-latn", "no", "iw", "in", "pt-br", "pt_br", "pt-PT", "ru", "ru-RU", "fa-ir",
          "ne-np", "ca-es", "el-gr", "he-il", "gl-es"]


def catalog_codes():
    """Every catalog directory of Django and DRF, as on disk and in a browser's spelling."""
    import django
    import rest_framework

    codes = set()
    for pkg in (django, rest_framework):
        base = os.path.join(os.path.dirname(pkg.__file__), "conf" if pkg is django else "", "locale")
        for d in os.listdir(base):
            if os.path.exists(os.path.join(base, d, "LC_MESSAGES", "django.mo")):
                codes.update([d, d.replace("_", "-").lower()])
    return sorted(codes)


def effective(brand, user):
    """The code authentik 2024.6 activates last: the module's `locale` option."""
    if user not in ("", None):
        return user
    if brand not in ("", None):
        return brand
    return ""


def build(codes_short):
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(HERE)), "scripts"))
    from gen_locales import default_build_holds

    holds = default_build_holds()
    cases = []

    def add(group, body_id, locale_fields):
        body = dict(BODIES)[body_id]
        c = {"id": "%s/%s/%s" % (group, body_id, "+".join("%s=%s" % kv for kv in locale_fields.items())),
             "group": group, "body": body, "flows": [FLOW]}
        c.update(locale_fields)
        c["locale"] = effective(locale_fields.get("brand_locale", ""), locale_fields.get("user_locale"))
        # The default build lacks a catalog this code consults: it must refuse the code.
        c["all_locales"] = not holds(c["locale"])
        cases.append(c)

    for code in UI + UI_VARIANTS:
        group = code
        for body_id, _ in BODIES:
            add(group, body_id, {"user_locale": code})
    # Who sets it. No user_locale: no session user (anonymous, or an API token), only the brand's.
    # A user's "" or null leaves the brand's; a brand's "" or null activates nothing.
    for fields in [
        {"brand_locale": "de"}, {"brand_locale": "de", "user_locale": "fr"},
        {"brand_locale": "fr", "user_locale": ""}, {"brand_locale": "fr", "user_locale": None},
        {"brand_locale": "", "user_locale": "ko"}, {"brand_locale": "", "user_locale": ""},
        {"brand_locale": None, "user_locale": "nl"}, {"brand_locale": None},
        {"brand_locale": "pl", "user_locale": "en"}, {"brand_locale": "en", "user_locale": "pl"},
        {"brand_locale": "zh-Hans", "user_locale": ""}, {"brand_locale": "ru", "user_locale": None},
        {"user_locale": None}, {},
    ]:
        for body_id in ("everything", "not-uuid", "length-nul-slug"):
            add("who-sets-it", body_id, fields)
    for code in codes_short:
        if code in UI or code in UI_VARIANTS:
            continue
        for body_id in SHORT:
            add(code, body_id, {"user_locale": code})
    return cases


def ask(cases):
    import harness
    from refapp.core import Runner, loads_case

    def run():
        harness.boot()
        runner = Runner()
        inputs = [loads_case(dumps({k: v for k, v in c.items() if k != "expect"})) for c in cases]
        return runner.answer_many(inputs)

    return harness.in_big_thread(run)


def main(argv):
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--stdout", action="store_true")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    others = sorted(set(OTHERS) | set(catalog_codes()))
    if args.stdout:
        # A fresh sample: the UI's codes always, and per seed a share of the others, respelled.
        rng = random.Random(args.seed)
        picked = rng.sample(others, min(40, len(others)))
        respelled = [rng.choice([c, c.upper(), c.lower(), c.replace("-", "_"), c.replace("_", "-")]) for c in picked]
        for c in build(sorted(set(respelled))):
            sys.stdout.write(dumps(c, ensure_ascii=False) + "\n")
        return 0
    cases = build(others)
    ids = [c["id"] for c in cases]
    assert len(ids) == len(set(ids)), "duplicate ids"
    for c, a in zip(cases, ask(cases)):
        assert a["status"] in (200, 400), (c["id"], a)
        c["expect"] = {"status": a["status"], "body": a["body"]}
    text = "[\n" + ",\n".join(dumps(c, ensure_ascii=False) for c in cases) + "\n]\n"
    json.loads(text)
    if args.check:
        try:
            with open(OUT, encoding="utf-8") as f:
                stale = f.read() != text
        except FileNotFoundError:
            stale = True
        print("%d locale cases%s" % (len(cases), ", stale: rerun make_locale_cases.py" if stale else ""))
        return 1 if stale else 0
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)
    print("wrote %d locale cases to %s" % (len(cases), OUT))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
