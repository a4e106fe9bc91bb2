#!/usr/bin/env python3
"""Differential oracle for `src/fields/expires.rs`.

For each input it answers what authentik 2024.6 answers for a PATCH's `expires` value: DRF 3.14
`DateTimeField(allow_null=True)`, `run_validation` then `to_representation`, under Django 5.0.6 with
authentik's settings (USE_TZ=True, TIME_ZONE="UTC", LANGUAGE_CODE="en-us").

Usage (the server runs CPython 3.12; Django and DRF are pure Python, so a 3.11 venv's
site-packages serve any 3.11+ interpreter):

    PYTHONPATH=/tmp/refvenv/lib/python3.11/site-packages python3.12 \
        tests/reference/expires_oracle.py /tmp/expires.jsonl [--random N] [--seed S]
    EXPIRES_ORACLE=/tmp/expires.jsonl cargo test --lib expires::tests::oracle -- --nocapture

Each output line is one case:
    {"cps": [code points], "out": {"ok": "2024-07-29T15:51:28Z" | null} | {"err": "<message>"}}
or, for a value that is not a string, {"json": <value>, "out": ...}. Strings are given as code
points so that lone surrogates (which JSON text can only carry as escapes) survive the trip.
"""

import argparse
import json
import random
import sys

import django
from django.conf import settings

settings.configure(USE_TZ=True, TIME_ZONE="UTC", LANGUAGE_CODE="en-us", INSTALLED_APPS=[])
django.setup()

from rest_framework import serializers  # noqa: E402  (needs configured settings)


def answer(value):
    field = serializers.DateTimeField(allow_null=True)
    try:
        parsed = field.run_validation(value)
    except serializers.ValidationError as e:
        return {"err": str(e.detail[0])}
    return {"ok": field.to_representation(parsed)}


# Every `expires` example of SPEC.md (Part B §3 and "Surprising behaviours" 4 and 5).
SPEC_EXAMPLES = [
    "",
    "2024-07-29T15:51:28Z",
    "2024-07-29T17:51:28+02:00",
    "0001-01-01T00:00:00+01:00",
    "9999-12-31T23:59:59-01:00",
    "2024-07-29",
    "2024-W31-1",
    "2024W311",
    "2024-W31",
    "20240729T155128",
    "20240729",
    "2024-07-29T15",
    "2024-07-29T15.5",
    "2024-07-29T15:51:28,5",
    "2024-07-29T15:51:28.1234567",
    "2024-07-29X15:51:28",
    "2024-07-29é15:51:28",
    "2024-07-29t15:51:28",
    "2024-07-29T15:51:28+02:00:30.5",
    "2024-7-9T1:2:3Z",
    "２０２４-０７-２９T15:51:28Z",
    "٢٠٢٤-٠٧-٢٩T15:51:28Z",
    "2024-07-29T15:51:28\n",
    "2024-07-29T15:51:28\x00",
    "2024-07-29T15:51:28\t",
    "2024-07-29T15:51:28xZ",
    "2024-07-29T15:51:28 Z",
    "2024-07-29T15x+02:00",
    "2024-07-29T15:51:28  Z",
    "2024-07-29T15:51:28\t+02:00",
    "2024-07-29T15:51:28+12:60",
    "2024-07-29T15:51:28+12:99",
    "2024-07-29T15:51:28.123",
    "2024-07-29T15:51:28z",
    "2024-211",
    "2024-07-29T24:00:00",
    "2024-07-29T15:51:60",
    "2024-07-29T15:51:28Z ",
    " 2024-07-29T15:51:28Z",
    "2024-13-01T00:00:00",
    "2024-02-30T00:00:00",
]

HAND_PICKED = [
    # Feb 29 on leap and non-leap years, both paths.
    "2024-02-29", "2023-02-29", "2000-02-29T00:00", "1900-02-29T00:00", "2100-02-29 00:00",
    "2024-2-29 0:0", "2023-2-29 0:0", "2000-2-29 0:0", "1900-2-29 0:0",
    # Week dates, week 53, week 0, day 0/8, missing day.
    "2020-W53", "2020-W53-7", "2021-W53", "2021-W52-7", "2015-W53-1", "2026-W53", "2004W537",
    "2009W53", "2024W00", "2024-W00-1", "2024-W01-0", "2024-W01-8", "2024W018", "0001-W01-1",
    "0001W011", "9999-W52-5", "9999-W52-6", "9999-W52-7", "9999W527", "0000W25", "0000-W01-1",
    "2024-W1", "2024-W01-", "2024-W011", "2024W01-1", "2024-W01-1T12", "2024-W01T12",
    "2024W01T12", "2024W011T12", "2024W0112", "2024W01123", "2024W011234", "2024W0112345",
    "2020-W01-0000", "2020-W01-1000", "2020-W01-10", "2020-W01-1 10", "2024-W31-1T15:51:28Z",
    "2024w31", "2024-w31-1",
    # Ordinal dates are not in the grammar.
    "2024-211", "2024211", "2024-211T12:00",
    # Basic formats and mixed separators.
    "20240729T155128Z", "20240729T1551", "20240729T15", "2024-0729", "202407-29",
    "20240729T15:51", "20240729T1551:28", "2024-07-29T1551", "2024-07-29T155128.5",
    "2024-07-29T15:5128", "20230808120000Z", "202308081200", "2023080812", "20230808 1200",
    "2024-07-29T1551281234", "2024-07-29T15512", "2024-07-29T155",
    # Fractions on the last component, commas, many digits.
    "2024-07-29T15,5", "2024-07-29T15:51.5", "2024-07-29T15:51,25", "2024-07-29T1551.5",
    "2024-07-29T15:51:28.", "2024-07-29T15:51:28.1", "2024-07-29T15:51:28.123456",
    "2024-07-29T15:51:28.1234567", "2024-07-29T15:51:28.999999999",
    "2024-07-29T15:51:28.000000", "2024-07-29T15:51:28.0000001",
    "2024-07-29T15:51:28." + "9" * 12, "2024-07-29T15:51:28." + "9" * 13,
    "2024-07-29T15:51:28." + "1" * 40, "2024-07-29T15:51:28." + "1" * 40 + "Z",
    "2024-07-29 15:51:28." + "1" * 13 + "\n", "2024-07-29 15:51:28." + "1" * 12 + "\n",
    "2024-07-29T15:51:28.12Z", "2024-07-29T15:51:28.12xZ", "2024-07-29T15:51:28.123456xZ",
    "2024-07-29T15:51:28.1234567xyzZ", "2024-07-29T15:51:28.1234567 +01:00",
    "2024-07-29T15:51:28.12345x+01:00", "2024-07-29T15:51:28.123456\x00garbage",
    "2024-07-29T15:51:28.123456\x00Z", "2024-07-29T15:51:28.1\x00",
    "2024-07-29T15:51:28.12 Z", "2024-07-29 15:51:28.12 Z", "2024-07-29 15:51:28,12\tZ",
    "2024-07-29T15:51:28..5", "2024-07-29T15:51:28.,5", "2024-07-29T15:51:28.5.5",
    # Zones: Z, lowercase, offsets of every shape and size.
    "2024-07-29T15:51:28Z", "2024-07-29T15:51:28z", "2024-07-29T15:51:28ZZ",
    "2024-07-29T15:51:28Z\x00", "2024-07-29T15:51:28Z\x00junk", "2024-07-29T15:51:28Z\n",
    "2024-07-29 15:51:28Z\n", "2024-07-29T15:51:28+02", "2024-07-29T15:51:28+0200",
    "2024-07-29T15:51:28+02:00", "2024-07-29T15:51:28+02:0", "2024-07-29T15:51:28+2",
    "2024-07-29T15:51:28+02:00:30", "2024-07-29T15:51:28+020030", "2024-07-29T15:51:28+02:00:3",
    "2024-07-29T15:51:28+02:00:30.5", "2024-07-29T15:51:28+02:00:30,123456789",
    "2024-07-29T15:51:28+02.5", "2024-07-29T15:51:28+02:30.5", "2024-07-29T15:51:28+2400",
    "2024-07-29T15:51:28+24:00", "2024-07-29T15:51:28-24:00", "2024-07-29T15:51:28+23:59",
    "2024-07-29T15:51:28+23:59:59", "2024-07-29T15:51:28+23:59:59.999999",
    "2024-07-29T15:51:28-23:59:59.999999", "2024-07-29T15:51:28+23:59:60",
    "2024-07-29T15:51:28+23:60", "2024-07-29T15:51:28+22:120", "2024-07-29T15:51:28+00:00",
    "2024-07-29T15:51:28-00:00", "2024-07-29T15:51:28+00:00:00.5", "2024-07-29T15:51:28-00:00:00.5",
    "2024-07-29T15:51:28-00:00:01.5", "2024-07-29T15:51:28+00:00:00.000001", "2024-07-29T15:51:28+99",
    "2024-07-29T15:51:28+99:99", "2024-07-29T15:51:28+12:99", "2024-07-29T15:51:28+12:60",
    "2024-07-29 15:51:28+12:60", "2024-07-29 15:51:28+1260", "2024-07-29 15:51:28+2359",
    "2024-07-29 15:51:28+2400", "2024-07-29 15:51:28-2400", "2024-07-29 15:51:28+23:60",
    "2024-07-29 15:51:28+1", "2024-07-29 15:51:28+123", "2024-07-29 15:51:28+12:3",
    "2024-07-29T15:51:28+02:00x", "2024-07-29T15:51:28+02:00Z", "2024-07-29T15:51:28+02:00\n",
    "2024-07-29 15:51+02:00\n", "2024-07-29T15:51:28+02:00 ", "2024-07-29T15:51:28 +02:00",
    "2024-07-29T15:51:28  +02:00", "2024-07-29T15:51:28-02:00", "2024-07-29T15-02:00",
    "2024-07-29T15:51-0200", "2024-07-29T15:51:28+-02:00", "2024-07-29T15:51:28++02:00",
    # Boundaries of the year range with offsets.
    "9999-12-31T23:59:59Z", "9999-12-31T23:59:59.999999Z", "9999-12-31T23:59:59+00:00",
    "9999-12-31T23:59:59-00:00", "9999-12-31T23:59:59", "9999-12-31T23:59:59-00:01",
    "9999-12-31T23:00:00-01:00", "9999-12-31T22:59:59.999999-01:00", "9999-12-31T00:00-23:59",
    "9999-12-31 23:59:59-01:00", "9999-12-31 00:00-2359", "9999-12-31T23:59:59.999999-00:00:00.000001",
    "9999-12-31T23:59:59.999999+00:00:00.000001", "0001-01-01T00:00:00Z", "0001-01-01T00:00:00",
    "0001-01-01T00:00:00+00:00", "0001-01-01T00:00:00+00:00:00.000001", "0001-01-01T00:00:00-00:00:00.000001",
    "0001-01-01T00:59:59+01:00", "0001-01-01T01:00:00+01:00", "0001-01-01T23:59+23:59",
    "0001-01-01 00:00:00+01:00", "0001-01-01 01:00+0100", "0001-01-01 00:00+0001", "0000-01-01T00:00:00",
    "0000-01-01 00:00", "0001-W01-1T00:00+01:00",
    # Out-of-range fields.
    "2024-07-29T24:00", "2024-07-29T24:00:00Z", "2024-07-29 24:00", "2024-07-29T23:60",
    "2024-07-29T23:59:60", "2024-07-29 23:59:60", "2024-00-10", "2024-07-00", "2024-07-32",
    "2024-04-31", "2024-4-31 1:1", "2024-13-1 1:1", "2024-0-1 1:1",
    # Separators.
    "2024-07-29 15:51:28", "2024-07-29t15:51:28", "2024-07-29X15:51:28", "2024-07-29_15",
    "2024-07-29\x0015:51", "2024-07-29\n15:51", "2024-07-29\u300015:51", "2024-07-29\U0001F60015:51",
    "2024-07-29€15:51", "2024-07-2915:51", "2024-07-29TT15:51", "2024-07-29T", "2024-07-29 ",
    "2024-07-29\x00", "2024-07-29é", "20240729X1551", "20240729é1551", "2024W31é1551",
    "2024-W31é15", "2024-W31-1é15", "2024-07-29 15:51", "2024-7-29 15:51", "2024-07-9t15:51",
    "2024-07-29X15:51+02:00", "2024-07-29T15:51 ", "2024-07-29 15:51 ", "2024-07-29 15:51\t\n",
    # Single-digit and Unicode-digit fields (regex path).
    "2024-7-9T1:2:3Z", "2024-7-9 1:2:3", "2024-7-9T1:2", "2024-07-09T1:02", "2024-07-09T01:2:3",
    "2024-07-09T01:02:3.5", "2024-07-09 01:02:03.5\n", "2024-07-09T01:02:03,5 +0100",
    "2024-７-29T15:51", "2024-07-２９T15:51", "2024-07-29T１５:51", "2024-07-29T15:５１",
    "2024-07-29T15:51:２８", "2024-07-29T15:51:28.１２３", "2024-07-29T15:51:28+０２:００",
    "2024-07-29T15:51:28+02:0０", "٢٠٢٤-٠٧-٢٩ ١٥:٥١", "𝟐𝟎𝟐𝟒-𝟎𝟕-𝟐𝟗T𝟏𝟓:𝟓𝟏", "२०२४-०७-२९T१५:५१:२८Z",
    "2024-07-29T15:51:28.１２３４５６７", "2024-07-29T15:51:2８.1", "１９９９-12-31T23:59:59-01:00",
    "2024²-07-29T15:51", "2024-07-29T15:51:28+①",
    # Whitespace runs and trailing newlines.
    "2024-07-29T15:51:28 ", "2024-07-29T15:51:28  ", "2024-07-29T15:51:28\t\t",
    "2024-07-29T15:51:28\n\n", "2024-07-29T15:51:28 \n", "2024-07-29T15:51:28\r\n",
    "2024-07-29T15:51:28\r", "2024-07-29T15:51:28\u2028", "2024-07-29T15:51:28\x85",
    "2024-07-29T15:51:28\xa0Z", "2024-07-29T15:51:28\u3000+01:00", "2024-07-29T15:51:28\x1c",
    "2024-07-29T15:51:28\u200b", "2024-07-29T15:51:28\ufeff", "2024-07-29T15:51:28\x0b\x0cZ",
    "2024-07-29T15:51:28 \nZ", "2024-07-29T15:51:28Z\n\n", "2024-07-29T15:51:28Z \n",
    "2024-07-29T15:51\n", "2024-07-29T15:51 \t Z", "2024-07-29T15:51:28" + " " * 50 + "Z",
    "\n2024-07-29T15:51:28", "2024-07-29T15:51:28\x00\x00", "2024-07-29T15:51:28\x00x",
    "2024-07-29T15:51:28\x00Z", "2024-07-29T15:51\x00", "2024-07-29T15\x00", "20240729T155128\x00",
    "2024-07-29\x00\x00",
    # Tolerated characters before a zone (fromisoformat) and their limits.
    "2024-07-29T15:51:28xZ", "2024-07-29T15:51:28xyZ", "2024-07-29T15:51xZ", "2024-07-29T15xZ",
    "2024-07-29T15:51:28é+02:00", "2024-07-29T15:51:28\x00+02:00", "2024-07-29T15:51:28:Z",
    "2024-07-29T15:51:28.Z", "2024-07-29T15:51:28.5xZ", "2024-07-29T155128xZ", "2024-07-29T15:51:28xZx",
    "2024-07-29T15:51:2xZ", "2024-07-29T15:51:28x", "2024-07-29T15:51x",
    # Misc malformed.
    "2024", "2024-07", "2024-07-2", "202407", "2024071", "2024-07-29T1", "2024-07-29T15:5",
    "2024-07-29T15:51:2", "2024-07-29T15:51:28.5Z5", "+2024-07-29", "-2024-07-29", "12024-07-29",
    "2024/07/29", "2024-07-29T15h51", "2024-07-29T15:51:28GMT", "2024-07-29T15:51:28 UTC",
    "2024-07-29T15:51:28+02:00[Europe/Paris]", "abcdefg", "0000000", "00000000", "1234567",
    "2024-07-29T-15:51", "2024-07-29T+15:51", "2024-07-29TZ", "2024-07-29T15::51", "2024-07-29T15:51::28",
    "2020-2020", "2020-1234", "2020123", "2020061", "2020+12", "2020 12", "202012+9",
]

# Lone surrogates: CPython replaces one at code point 7, 8 or 10 (a separator) with "T".
SURROGATES = [
    "2024-07-29\ud80015:51", "2024-07-29\udfff15:51:28Z", "20240729\ud8001551", "2024W01\ud80012",
    "2024-W01\ud80012", "2024W011\ud80012", "2024-W01-1\ud80012", "2024-07-29\ud800",
    "2024-07-2\ud800", "2024-07-29\ud80015:51\ud800", "2024-07-29T15:51\ud800", "\ud8002024-07-29",
    "2024-07\ud80029", "2024-W01\udc00-1", "2024-07-29\ud800\udc0015:51", "2024-07-29 15:51\ud800Z",
    "2024-7-9\ud8001:2", "2024W01\ud800", "20240729\ud800", "2024-07-29\ud800\n",
    "0001-01-01\ud80000:00+01:00", "2024-07-29\ud80015:51:28\x00", "2024-07-29\ud800T15:51",
]

# Values that are not strings.
NON_STRINGS = [None, 0, 1, -1, 20240729, 1.5, True, False, [], ["2024-07-29"], {}, {"a": 1}]

UNICODE_DIGITS = ["٣", "۵", "०", "９", "１", "𝟘", "𝟕", "᠑", "߂", "꧐"]
WHITESPACE = [" ", "\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x1f", "\x85", "\xa0", "\u1680", "\u2000",
              "\u2028", "\u202f", "\u3000"]
LETTERS = ["a", "X", "T", "t", "W", "w", "Z", "z", "é", "ß", "€", "\U0001F600", "\x00", "\u200b", "\ufeff",
           "\ud800", "\udfff", "\ufffd"]
SEPARATORS = ["-", ":", ".", ",", "T", " ", "Z", "+", "-", "W", "/"]
DIGITS = list("0123456789")


def pool_char(rng):
    r = rng.random()
    if r < 0.35:
        return rng.choice(DIGITS)
    if r < 0.6:
        return rng.choice(SEPARATORS)
    if r < 0.72:
        return rng.choice(UNICODE_DIGITS)
    if r < 0.86:
        return rng.choice(WHITESPACE)
    return rng.choice(LETTERS)


def d2(rng, lo, hi, width=2):
    return str(rng.randint(lo, hi)).zfill(width)


def random_valid(rng):
    """A datetime string from the union of both grammars, most of them valid."""
    year = rng.choice([rng.randint(1, 9999), 1, 2, 9999, 9998, 2020, 2024, 2000, 1900])
    y = str(year).zfill(4)
    form = rng.random()
    if form < 0.5:
        date = f"{y}-{d2(rng, 1, 12)}-{d2(rng, 1, 31)}"
    elif form < 0.65:
        date = f"{y}{d2(rng, 1, 12)}{d2(rng, 1, 31)}"
    elif form < 0.75:
        date = f"{y}-W{d2(rng, 1, 53)}" + rng.choice(["", f"-{rng.randint(1, 7)}"])
    elif form < 0.85:
        date = f"{y}W{d2(rng, 1, 53)}" + rng.choice(["", str(rng.randint(1, 7))])
    else:
        date = f"{y}-{rng.randint(1, 12)}-{rng.randint(1, 31)}"
    if rng.random() < 0.12:
        return date
    sep = rng.choice(["T", "T", " ", " ", "t", "X", "é"])
    colons = rng.random() < 0.75
    c = ":" if colons else ""
    parts = [d2(rng, 0, 23), d2(rng, 0, 59), d2(rng, 0, 59)]
    if rng.random() < 0.15:
        parts = [str(int(p)) for p in parts]
        c = ":"
    n = rng.choice([1, 2, 2, 3, 3, 3, 3])
    time = c.join(parts[:n])
    if rng.random() < 0.4:
        ndig = rng.choice([1, 2, 3, 6, 6, 7, 9, 12, 13])
        time += rng.choice([".", ".", ","]) + "".join(rng.choice(DIGITS) for _ in range(ndig))
    tz = rng.random()
    if tz < 0.3:
        pass
    elif tz < 0.45:
        time += "Z"
    else:
        sign = rng.choice("+-")
        h, m = d2(rng, 0, 23), d2(rng, 0, 59)
        shape = rng.random()
        if shape < 0.5:
            time += f"{sign}{h}:{m}"
        elif shape < 0.65:
            time += f"{sign}{h}{m}"
        elif shape < 0.75:
            time += f"{sign}{h}"
        elif shape < 0.9:
            time += f"{sign}{h}:{m}:{d2(rng, 0, 59)}"
        else:
            time += f"{sign}{h}:{m}:{d2(rng, 0, 59)}.{rng.randint(0, 999999)}"
    if rng.random() < 0.05:
        time += rng.choice(["\n", " ", "\x00", "\t"])
    return date + sep + time


def random_boundary(rng):
    """Near 0001-01-01 and 9999-12-31, with offsets that may push UTC out of range."""
    if rng.random() < 0.5:
        date = rng.choice(["0001-01-01", "00010101", "0001-W01-1", "0001W01", "0001-1-1", "0001-01-02"])
        sign = rng.choice("++-")
    else:
        date = rng.choice(["9999-12-31", "99991231", "9999-W52-5", "9999-12-30", "9999-12-31"])
        sign = rng.choice("--+")
    sep = rng.choice(["T", " "])
    time = rng.choice(["00:00", "00:00:00", "23:59:59", "23:59:59.999999", "00:00:00.000001",
                       f"{d2(rng, 0, 23)}:{d2(rng, 0, 59)}", "0000", "235959", "00", "23", "12:30:00.5"])
    zone = rng.choice([
        "", "Z", f"{sign}{d2(rng, 0, 23)}:{d2(rng, 0, 59)}", f"{sign}{d2(rng, 0, 23)}{d2(rng, 0, 99)}",
        f"{sign}00:00:00.{rng.randint(0, 999999):06d}", f"{sign}23:59:59.999999", f"{sign}00:01",
        f"{sign}{d2(rng, 0, 23)}", f"{sign}{d2(rng, 0, 30)}:{d2(rng, 0, 99)}",
    ])
    return date + sep + time + zone


def random_regex_form(rng):
    """Shapes only Django's regex takes: Unicode digits, single-digit fields, spaces, newline."""
    def num(v, width):
        t = str(v).zfill(width) if rng.random() < 0.7 else str(v)
        return "".join(rng.choice(UNICODE_DIGITS[:6]) if rng.random() < 0.2 and c == "1" else c
                       for c in t) if rng.random() < 0.3 else "".join(
            chr(rng.choice([0x30, 0x660, 0xFF10, 0x966, 0x1D7CE]) + int(c)) if rng.random() < 0.15 else c
            for c in t)
    s = f"{num(rng.randint(0, 9999), 4)}-{num(rng.randint(0, 13), 2)}-{num(rng.randint(0, 32), 2)}"
    s += rng.choice(["T", " ", "T", "t"]) + f"{num(rng.randint(0, 24), 2)}:{num(rng.randint(0, 60), 2)}"
    if rng.random() < 0.7:
        s += ":" + num(rng.randint(0, 60), 2)
        if rng.random() < 0.4:
            s += rng.choice(".,") + "".join(num(rng.randint(0, 9), 1) for _ in range(rng.randint(0, 14)))
    s += "".join(rng.choice(WHITESPACE) for _ in range(rng.choice([0, 0, 0, 1, 2, 3])))
    if rng.random() < 0.6:
        s += rng.choice(["Z", "z", f"+{num(rng.randint(0, 25), 2)}", f"-{num(rng.randint(0, 25), 2)}:{num(rng.randint(0, 99), 2)}",
                         f"+{num(rng.randint(0, 25), 2)}{num(rng.randint(0, 99), 2)}", "+1", "+123"])
    s += rng.choice(["", "", "", "\n", "\n\n", " ", "\x00"])
    return s


def mutate(rng, s):
    chars = list(s)
    for _ in range(rng.choice([1, 1, 1, 2, 2, 3])):
        op = rng.random()
        i = rng.randint(0, len(chars))
        if op < 0.4 or not chars:
            chars.insert(i, pool_char(rng))
        elif op < 0.7:
            del chars[min(i, len(chars) - 1)]
        else:
            chars[min(i, len(chars) - 1)] = pool_char(rng)
    return "".join(chars)


def cases(n_random, seed):
    rng = random.Random(seed)
    out = list(SPEC_EXAMPLES) + list(HAND_PICKED) + list(SURROGATES)
    # Each hand-picked case with each kind of trailer, and at the year boundaries.
    for s in list(HAND_PICKED[:60]):
        out.append(s + "\n")
    for _ in range(n_random):
        s = random_valid(rng)
        out.append(s)
        out.append(mutate(rng, s))
        out.append(mutate(rng, mutate(rng, s)))
    for _ in range(n_random // 4):
        s = random_boundary(rng)
        out.append(s)
        out.append(mutate(rng, s))
        s = random_regex_form(rng)
        out.append(s)
        out.append(mutate(rng, s))
    seen = set()
    for s in out:
        if s not in seen:
            seen.add(s)
            yield s


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", help="JSONL file to write")
    ap.add_argument("--random", type=int, default=8000, help="random valid datetimes (each also mutated twice)")
    ap.add_argument("--seed", type=int, default=20240729)
    args = ap.parse_args()
    n = 0
    with open(args.out, "w", encoding="utf-8") as f:
        for v in NON_STRINGS:
            f.write(json.dumps({"json": v, "out": answer(v)}) + "\n")
            n += 1
        for s in cases(args.random, args.seed):
            f.write(json.dumps({"cps": [ord(c) for c in s], "out": answer(s)}, ensure_ascii=True) + "\n")
            n += 1
    print(f"{n} cases written to {args.out} (Python {sys.version.split()[0]})", file=sys.stderr)


if __name__ == "__main__":
    main()
