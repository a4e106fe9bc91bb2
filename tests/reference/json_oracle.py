#!/usr/bin/env python3
"""Differential oracle for src/body.rs: the server's own JSON body parsing, case by case.

authentik 2024.6 parses a request body with DRF 3.14's JSONParser, i.e.

    json.load(codecs.getreader('utf-8')(stream), parse_constant=strict_constant)

and answers any ValueError as {"detail": "JSON parse error - <str(exc)>"}. This script runs exactly
that (DRF's strict_constant, CPython's C json scanner) over hand-picked and generated bodies, writes
the answers as JSONL ({"hex": <body bytes>, "expect": "ok:<json>" | "err:<detail>"}), and with
--run has the Rust side (test `body::tests::oracle_cases_match_python`) compare them.

Usage (from the crate root, with a venv holding Django 5.0.6 + djangorestframework 3.14.0):
    /tmp/refvenv/bin/python tests/reference/json_oracle.py --run [--count 4000] [--seed 1]

"ok:" answers are rendered the way value::to_json writes a Value: compact, non-ASCII as is, lone
surrogates as \\udxxx escapes, U+2028/U+2029 escaped, non-finite floats as null, floats as repr().
A case with floats also carries "expect_bits", the same rendering with each float written as the
string "<float XXXXXXXXXXXXXXXX>" (its IEEE bits), so that a difference in repr() (value.rs) can be
told apart from a difference in parsing (body.rs).
Nesting past body::MAX_DEPTH is the server's RecursionError (a 500) and the module's own TooDeep
message, expected whenever the server's scanner gets to where level 1402 opens (see expect()).
"""
import argparse
import codecs
import io
import json
import os
import random
import struct
import subprocess
import sys

try:
    from rest_framework.utils.json import strict_constant
except ImportError:  # outside the reference venv: DRF 3.14's definition
    def strict_constant(o):
        raise ValueError('Out of range float values are not JSON compliant: ' + repr(o))

MAX_DEPTH = 1401
TOO_DEEP = ("Request body nests deeper than 1401 levels; authentik 2024.6 fails on such bodies "
            "with a 500 (RecursionError) from about 1485 levels, so this module refuses them.")
HERE = os.path.dirname(os.path.abspath(__file__))
CRATE = os.path.dirname(os.path.dirname(HERE))

# Python's recursion limit while parsing: deep enough for every body within MAX_DEPTH plus the
# frames an error needs, shallow enough that the C scanner cannot overflow the process's stack.
LIMIT = 5000


def _load(b):
    # DRF 3.14 rest_framework/parsers.py, JSONParser.parse (encoding = settings.DEFAULT_CHARSET)
    return json.load(codecs.getreader('utf-8')(io.BytesIO(b)), parse_constant=strict_constant)


def server(b):
    """('ok', value), ('err', detail) or ('deep', None): the server's answer."""
    try:
        return ('ok', _load(b))
    except RecursionError:
        return ('deep', None)
    except ValueError as e:
        return ('err', 'JSON parse error - %s' % e)


def level_past_limit_at(text):
    """Where a naive bracket count says level MAX_DEPTH + 1 opens, or None.

    The count agrees with the C scanner up to the first token the scanner refuses, so it is only
    trusted after checking (in expect()) that the scanner really expects a value there."""
    depth, i, n, in_str = 0, 0, len(text), False
    while i < n:
        c = text[i]
        if in_str:
            if c == '\\':
                i += 2
                continue
            if c == '"':
                in_str = False
        elif c == '"':
            in_str = True
        elif c in '[{':
            depth += 1
            if depth > MAX_DEPTH:
                return i
        elif c in ']}':
            depth -= 1
        i += 1
    return None


def render_str(s):
    out = ['"']
    for ch in s:
        c = ord(ch)
        if 0xD800 <= c <= 0xDFFF:
            out.append('\\u%04x' % c)
        elif ch == '"':
            out.append('\\"')
        elif ch == '\\':
            out.append('\\\\')
        elif ch == '\n':
            out.append('\\n')
        elif ch == '\r':
            out.append('\\r')
        elif ch == '\t':
            out.append('\\t')
        elif ch == '\b':
            out.append('\\b')
        elif ch == '\f':
            out.append('\\f')
        elif c in (0x2028, 0x2029) or c < 0x20:
            out.append('\\u%04x' % c)
        else:
            out.append(ch)
    out.append('"')
    return ''.join(out)


def float_marker(f):
    return '"<float %016x>"' % struct.unpack('<Q', struct.pack('<d', f))[0]


def render(v, floats=None):
    """value::to_json's rendering, iteratively (values nest up to 1401 levels). With `floats`,
    each float is written as a marker string holding its bits instead of its repr()."""
    out = []
    stack = [v]
    while stack:
        v = stack.pop()
        if isinstance(v, tuple):  # a literal piece of output
            out.append(v[0])
        elif v is None:
            out.append('null')
        elif v is True:
            out.append('true')
        elif v is False:
            out.append('false')
        elif isinstance(v, int):
            out.append(str(v))
        elif isinstance(v, float):
            if floats:
                out.append(float_marker(v))
            else:
                out.append(repr(v) if v == v and v not in (float('inf'), float('-inf')) else 'null')
        elif isinstance(v, str):
            out.append(render_str(v))
        elif isinstance(v, list):
            parts = [('[',)]
            for i, item in enumerate(v):
                if i:
                    parts.append((',',))
                parts.append(item)
            parts.append((']',))
            stack.extend(reversed(parts))
        elif isinstance(v, dict):
            parts = [('{',)]
            for i, (k, item) in enumerate(v.items()):
                if i:
                    parts.append((',',))
                parts.append((render_str(k) + ':',))
                parts.append(item)
            parts.append(('}',))
            stack.extend(reversed(parts))
        else:
            raise TypeError(type(v))
    return ''.join(out)


def expect(b):
    """(answer, answer with float bits or None)."""
    kind, v = server(b)
    answer = 'ok:' + render(v) if kind == 'ok' else 'err:' + str(v)
    bits = 'ok:' + render(v, floats=True) if kind == 'ok' else None
    try:
        text = codecs.getreader('utf-8')(io.BytesIO(b)).read()
    except ValueError:
        return answer, bits  # decoding fails before any nesting is seen
    q = level_past_limit_at(text)
    if q is None:
        assert kind != 'deep', b[:100]
        return answer, bits
    # The server opens level MAX_DEPTH + 1 (and, somewhat deeper, fails with RecursionError) iff its
    # scanner gets to position q expecting a value. Scanning text[:q] shows how far it gets: it
    # cannot succeed (brackets are open), and any error before q is the body's answer.
    kind2, v2 = server(text[:q].encode('utf-8', 'surrogatepass'))
    assert kind2 == 'err', b[:100]
    if v2.startswith('JSON parse error - Expecting value: ') and v2.endswith('(char %d)' % q):
        return 'err:' + TOO_DEEP, None
    assert (kind, v) == (kind2, v2), (b[:100], v, v2)
    return answer, bits


# ---------------------------------------------------------------------------------------------
# Hand-picked bodies. Each probes one rule of the C scanner or the UTF-8 stream decoder.

def hand_picked():
    cases = [
        b'', b' ', b'\n', b'{}', b'[]', b'null', b'true', b'false', b'0', b'-0', b'-0.0', b'1',
        b'"x"', b' {} ', b'\t\r\n{}\n', b'{} x', b'{}{}', b'[] ]', b'\x0c{}', b'\x0b1', b'\xc2\xa01',
        b'{', b'[', b'"', b'{"', b'{"a', b'{"a"', b'{"a":', b'{"a":1', b'{"a":1,', b'{"a" 1}',
        b'{"a":1 "b":2}', b'[1 2]', b'[1,]', b'[,1]', b'[,]', b'{,}', b'{"a":1,}', b'{1:2}',
        b"{'a':1}", b'{"a"::1}', b'[1,,2]', b'[1]]', b'{"a":1}}', b'{ }', b'[ ]', b'[\n]',
        b'[1\n,\n2\n]', b'{"a":\n}', b'\n\n  x', b'[\n\n  1,\n  ?]',
        b'nul', b'nulll', b'nan', b'NaN', b'NaNa', b'-NaN', b'Infinity', b'-Infinity', b'Inf',
        b'-Inf', b'infinity', b'[NaN]', b'{"a":-Infinity}', b'[1,NaN', b'[1,2,3,Infinity,x]',
        b'[x,NaN]', b'tru', b'True', b'falsey', b'nullx', b'[true,false,null]',
        b'-', b'--1', b'+1', b'01', b'00', b'-01', b'1.', b'1.e5', b'.5', b'1.5', b'1e', b'1e+',
        b'1e-', b'1E5', b'1e+5', b'1e-5', b'1.5e', b'1.5E+', b'[1e]', b'[1.]', b'[-]', b'[-x]',
        b'1e400', b'-1e400', b'1e-400', b'-1e-400', b'0.1', b'1.0', b'100.0', b'1e2', b'1E2',
        b'123456789012345678901234567890', b'-123456789012345678901234567890', b'1.7976931348623157e308',
        b'1.7976931348623159e308', b'5e-324', b'2.4703282292062328e-324', b'0e0', b'-0e0', b'0.0e-0',
        b'9007199254740993', b'9007199254740993.0', b'1e99999999999999999999', b'-1e-99999999999999999999',
        b'0e99999999999999999999', b'1.5e+0000000000000000000001', b'0.' + b'0' * 400 + b'1e400', b'1_000', b'0x10', b'1 2', b'1\x002',
        b'"\\"', b'"\\', b'"\\\\"', b'"\\/"', b'"\\b\\f\\n\\r\\t"', b'"\\x"', b'"\\a"', b'"\\U0041"',
        b'"\\u"', b'"\\u1"', b'"\\u12"', b'"\\u123"', b'"\\u1234', b'"\\u1234"', b'"\\u12345"',
        b'"\\u12G4"', b'"\\u004"', b'"\\u0041"', b'"\\u00e9"', b'"\\u00E9"', b'"\\u0000"',
        b'"\\ud800"', b'"\\udc00"', b'"\\udfff"', b'"\\ud83d\\ude00"', b'"\\uD83D\\uDE00"',
        b'"\\ud83d\\ude00', b'"\\ud83d\\ude00x', b'"\\ud83d\\u0041"', b'"\\ud83d\\ud83d\\ude00"',
        b'"\\ude00\\ud83d"', b'"\\ud83d\\uzzzz"', b'"\\ud83d\\u12"', b'"\\ud83d\\u"', b'"\\ud83d\\"',
        b'"\\ud83d\\', b'"\\ud83d\\x"', b'"\\ud83d"', b'"\\ud83dx"', b'"a\\ud800b"',
        b'"\\ud800\\ud800"', b'"\\ud83d\\ude00\\ud800"', b'"\\ud83d\\ude0"', b'"\\ud83d\\ude0"x',
        b'"\\ud83d\\ude00""', b'"\\ud83d\\u00e9"', b'"\\ud83d\\udbff"',
        b'"a\x00b"', b'"\x1f"', b'"\x7f"', b'"\t"', b'"\n"', b'"a\nb', b'"abc', b'["abc',
        b'{"a":"b', b'"\\u2028\\u2029"', b'"\xe2\x80\xa8"', b'"\xef\xbf\xbd"', b'"\\ufffd"',
        b'"\\ufeff"', b'"\xef\xbb\xbf"', b'\xef\xbb\xbf', b'\xef\xbb\xbf{}', b'\xef\xbb\xbf\xef\xbb\xbf',
        b'\xef\xbb', b' \xef\xbb\xbf{}', b'{"\\ud800":1,"\\ud800":2}', b'{"\\ud800":1,"\\ufffd":2}',
        b'{"\xef\xbf\xbd":1,"\\ud800":2,"\xef\xbf\xbd":3}', b'{"\\ud800":1,"\\udc00":2,"\\ud800":3}',
        b'{"a":1,"a":2}', b'{"a":1,"b":2,"a":3}', b'{"b":1,"a":2,"b":3,"a":4,"c":5}',
        b'{"a":{"a":1,"a":2},"a":[3]}', b'{"":1,"":2}', b'{"a":1,"\\u0061":2}',
        b'{"e\xcc\x81":1,"\xc3\xa9":2}', b'{"\xc3\xa9":1,"\\u00e9":2}',
        b'"\xc3\xa9x" x', b'["\xf0\x9f\x98\x80", x]', b'["\xf0\x9f\x98\x80",\n"\xc3\xa9", ?]',
        b'["\xe2\x82\xac\xe2\x82\xac\n\xe2\x82\xac", ?', b'\xc3\xa9', b'"\xc3\xa9', b'[1,\xc3\xa9]',
        b'{"\xc3\xa9": 1 \xc3\xa9}', b'{"a":1}\xe2\x82', b'{"a":1}\xed\xa0', b'{"a":1}\xed\xbf',
        b'{"a":1}\xed\x9f', b'{"a":1}\xed\xa0\x80', b'{"a":1}\xe0\x80', b'{"a":1}\xe0\xa0',
        b'{"a":1}\xf0\x80', b'{"a":1}\xf0\x90', b'{"a":1}\xf0\x90\x80', b'{"a":1}\xf4\x90',
        b'{"a":1}\xf4\x8f\xbf', b'{"a":1}\xf5', b'{"a":1}\xc0', b'{"a":1}\xc1\xbf', b'{"a":1}\xc2',
        b'{"a":1}\x80', b'{"a":1}\xff', b'\xff', b'\xfe\xff', b'\xff\xfe{}', b'{"a":"\xff"}',
        b'{"a":"\xc3"}', b'{"a":"\xc3\xc3"}', b'{"a":"\xe2\x82"}', b'{"a":"\xf0\x9f\x98"}',
        b'{"a":"\xf0\x9f\x98\x80"}', b'{"a":"\xf0\x9f\x98\x80', b'{"a":"\xf0\x9f\x98',
        b'{"a":"\xed\xa0\x80"}', b'{"a":"\xed\xb0\x80"}', b'{"a":"\xc0\xaf"}', b'{"a":"\xe0\x80\xaf"}',
        b'{"a":"\xf0\x80\x80\xaf"}', b'{"a":"\xf8\x88\x80\x80\x80"}', b'{"a":"\xf4\x90\x80\x80"}',
        b'{"a" \xe2\x82\xac:1}', b'x\xff', b'{\xff', b'"\xe2\x82x"', b'"\xf0\x9f\x98x"',
        b'"\xf0\x9fxx"', b'"\xf0xxx"', b'"\xe2x"', b'1\xed\xa0', b'1\xed\xa0\x80', b'\xed\xa0',
        b'\xed', b'1\xed', b'1\xf4\x8f', b'1\xf4\x90', b'1\xe0\x9f', b'1\xe0\xa0',
        b'{"a":1' + b'\xe2', b'["a"' + b'\xf0\x9f\x98',
    ]
    big = b'1' * 4300
    cases += [
        big, b'-' + big, big + b'1', b'-' + big + b'1', b'[' + big + b'1]', b'[' + big + b'1,x]',
        b'[x,' + big + b'1]', b'[' + big + b'1' + b']\xff', b'{"a":' + big + b'}',
        b'[' + big + b'1', big + b'1' + b'.0', big + b'1e5', big + b'1' + b'.', big + b'1' + b'e',
        b'1' * 5000 + b'.' + b'2' * 5000, b'-' + b'9' * 4301, b'[NaN,' + big + b'1]',
        b'[' + big + b'1,NaN]', b'0.' + b'0' * 5000 + b'1', b'1' + b'0' * 400 + b'.0',
    ]
    # Nesting around the limit: the depth error comes exactly where level 1402 opens.
    d = MAX_DEPTH
    cases += [
        b'[' * d + b']' * d, b'[' * (d + 1) + b']' * (d + 1), b'[' * (d + 1), b'[' * d,
        b'[' * d + b'[]' + b']' * d, b'[' * d + b'{}' + b']' * d, b'[' * (d - 1) + b'{}' + b']' * (d - 1),
        b'[' * (d - 1) + b'[1,2,[3]]' + b']' * (d - 1), b'[' * (d - 1) + b'[1,2,x,[3]]' + b']' * (d - 1),
        b'[' * (d - 1) + b'[1,2,[3' + b']' * (d - 1), b'{"a":' * d + b'1' + b'}' * d,
        b'{"a":' * d + b'{}' + b'}' * d, b'{"a":' * d + b'{"b":1}' + b'}' * d,
        b'{"a":' * d + b'[x' + b'}' * d, b'{"a":' * (d - 1) + b'{"b" [' + b'}' * d,
        b'[' * d + b'\xff', b'\xff' + b'[' * (d + 5), b'\xef\xbb\xbf' + b'[' * (d + 5),
        b'[' * (d + 1) + b'\xe2', b'[' * 100000, b'{"a":[' * 50000, b'[' * (d - 1) + b'"\\x"' + b'[' * 10,
        b'[' * (d + 1) + b'"\\x"', b'[{' * 701 + b'}]' * 701, b'[{' * 700 + b'[' + b'"a"' + b']' + b'}]' * 700,
        b'[{' * 700 + b'"a":[[]]' + b'}]' * 700, b'[' * (d - 1) + b'NaN', b'[' * d + b'NaN',
        b'[' * (d + 1) + b'NaN',
    ]
    return cases


# ---------------------------------------------------------------------------------------------
# Generated bodies: random JSON written with random spacing, then mutated.

CHARS = (['a', 'b', 'Z', ' ', '0', '/', "'", 'é', '€', '😀', '\u2028', '\ufffd', '\ufeff', '\x7f',
          '\u0300', '\U0010ffff', '中'])
ESCAPES = ['\\"', '\\\\', '\\/', '\\b', '\\f', '\\n', '\\r', '\\t', '\\u0041', '\\u00e9',
           '\\u00E9', '\\u0000', '\\u001f', '\\ud800', '\\udbff', '\\udc00', '\\udfff',
           '\\ud83d\\ude00', '\\uD83D\\uDE00', '\\ud83d', '\\ude00', '\\u2028', '\\ufeff']
KEYS = ['a', 'b', 'name', '', 'é', '\\u0061', '\\ud800', '\ufffd', 'x y']
WS = ['', '', '', ' ', '\n', '\t', '\r\n', '  \n  ']


def gen_string(r, pool=None):
    n = r.choice([0, 1, 2, 3, 5, 10])
    parts = []
    for _ in range(n):
        parts.append(r.choice(ESCAPES) if r.random() < 0.3 else r.choice(pool or CHARS))
    return '"' + ''.join(parts) + '"'


def gen_number(r):
    sign = r.choice(['', '', '-'])
    int_part = r.choice(['0', '1', '7', '42', '123456789', '9007199254740993', '1' * 30])
    frac = r.choice(['', '', '', '.0', '.5', '.25', '.000001', '.' + '9' * 20])
    exp = r.choice(['', '', '', 'e5', 'E-3', 'e+10', 'e308', 'e309', 'e-324', 'e-330', 'E0'])
    return sign + int_part + frac + exp


def gen_value(r, depth=0):
    k = r.random()
    if depth > 5 or k < 0.45:
        kind = r.choice(['null', 'true', 'false', 'num', 'num', 'str', 'str'])
        if kind == 'num':
            return gen_number(r)
        if kind == 'str':
            return gen_string(r)
        return kind
    ws = lambda: r.choice(WS)
    if k < 0.72:
        items = [ws() + gen_value(r, depth + 1) + ws() for _ in range(r.choice([0, 1, 2, 3, 5]))]
        return '[' + ','.join(items) + (ws() if not items else '') + ']'
    members = []
    for _ in range(r.choice([0, 1, 2, 3, 6])):
        key = '"' + r.choice(KEYS) + '"' if r.random() < 0.6 else gen_string(r)
        members.append(ws() + key + ws() + ':' + ws() + gen_value(r, depth + 1) + ws())
    return '{' + ','.join(members) + (ws() if not members else '') + '}'


INSERTS = [b'{', b'}', b'[', b']', b',', b':', b'"', b'\\', b'\\u', b'\\ud800', b'\\ud83d\\ude00',
           b'\\x', b'u', b'0', b'-', b'.', b'e', b'E', b'+', b'n', b'N', b'I', b'NaN', b'Infinity',
           b'-Infinity', b'null', b' ', b'\t', b'\n', b'\r', b'\x00', b'\x1f', b'\x0b', b'\xc3\xa9',
           b'\xe2\x82\xac', b'\xf0\x9f\x98\x80', b'\xff', b'\x80', b'\xc3', b'\xe2\x82', b'\xf0\x9f',
           b'\xf0\x9f\x98', b'\xed\xa0\x80', b'\xed\xa0', b'\xe0\x80\x80', b'\xc0\x80', b'\xf4\x90\x80\x80',
           b'\xef\xbb\xbf', b'\xe2\x80\xa8', b'1e400', b'01', b'1.', b'1e']


def mutate(r, b):
    b = bytearray(b)
    for _ in range(r.choice([1, 1, 1, 2, 3])):
        op = r.random()
        pos = r.randint(0, len(b))
        if op < 0.25:
            del b[pos:]
        elif op < 0.45 and b:
            i = min(pos, len(b) - 1)
            b[i] = r.choice([r.randint(0, 255), ord(r.choice('{}[],:"\\ 0a-.eE'))])
        elif op < 0.75:
            b[pos:pos] = r.choice(INSERTS)
        elif op < 0.9:
            del b[pos:pos + r.randint(1, 4)]
        else:
            b = b[:pos] + b[pos:][::-1]
    return bytes(b)


def utf8_at_every_place(r):
    """Each byte-class probe placed at the start, inside a string, between tokens and at the end."""
    probes = [b'\x80', b'\xbf', b'\xc0', b'\xc1', b'\xc2', b'\xdf', b'\xe0', b'\xe0\x9f', b'\xe0\xa0',
              b'\xe1', b'\xe1\x80', b'\xec\xbf', b'\xed', b'\xed\x80', b'\xed\x9f', b'\xed\xa0',
              b'\xed\xbf', b'\xed\xbf\xbf', b'\xee', b'\xef\xbf', b'\xf0', b'\xf0\x8f', b'\xf0\x90',
              b'\xf0\x90\x80', b'\xf1', b'\xf3\xbf\xbf', b'\xf4', b'\xf4\x8f', b'\xf4\x90', b'\xf4\x8f\xbf',
              b'\xf5', b'\xf8', b'\xfe', b'\xff', b'\xc2\xa0', b'\xe2\x80\xa8', b'\xf4\x8f\xbf\xbf',
              b'\xef\xbb\xbf', b'\xc3\x28', b'\xe2\x28\xa1', b'\xe2\x82\x28', b'\xf0\x28\x8c\xbc',
              b'\xf0\x90\x28\xbc', b'\xf0\x90\x8c\x28']
    out = []
    for p in probes:
        out += [p, p + b'{}', b'{}' + p, b'"' + p + b'"', b'["ab' + p + b'cd", 1]',
                b'{"k\xc3\xa9": [1, ' + p + b']}', b'[1,\n2' + p, b'"' + p, b'"x\xc3\xa9' + p + b'\\n"',
                p + p, b'{"a":1}' + p + b'x']
    return out


def generate(count, seed):
    r = random.Random(seed)
    cases = hand_picked() + utf8_at_every_place(r)
    for _ in range(count):
        v = (r.choice(WS) + gen_value(r) + r.choice(WS)).encode('utf-8', 'surrogatepass')
        cases.append(v)
        cases.append(mutate(r, v))
        cases.append(mutate(r, v))
    for _ in range(count // 4):
        n = gen_number(r) + r.choice(['', '', 'x', ' ', ',', ']', 'e', '.', '.e', 'E+', '-'])
        cases.append(r.choice(['%s', '[%s]', '{"n":%s}', '[1, %s, 2]']).replace('%s', n).encode())
    for _ in range(count // 4):
        # Float literals of every length and exponent: rounding, subnormals, overflow to inf.
        digits = ''.join(r.choice('0123456789') for _ in range(r.randint(1, 40))).lstrip('0') or '0'
        cut = r.randint(1, len(digits))
        lit = digits[:cut] + ('.' + digits[cut:] if cut < len(digits) else '')
        lit = r.choice(['', '-']) + lit + r.choice(['', 'e%d' % r.randint(-345, 320), 'E+%d' % r.randint(0, 30)])
        cases.append(('[%s]' % lit).encode())
    for _ in range(count // 20):
        d = r.choice([1, 2, 50, 999, 1000, 1399, 1400, 1401, 1402, 1403, 1500])
        opener = r.choice([b'[', b'{"a":', b'[{"b":', b' [ '])
        tail = r.choice([b'1', b'[]', b'{}', b'x', b'"\\q"', b'', b'NaN'])
        body = opener * d + tail
        if r.random() < 0.5:
            body = mutate(r, body)
        cases.append(body)
    for _ in range(count // 20):
        # Objects past the small-object threshold, with keys repeated (the sort-based dedupe).
        n = r.choice([17, 18, 40, 200, 3000])
        pool = r.sample(KEYS + ['k%d' % i for i in range(r.choice([3, 20, 1000]))] + ['\\udc00', '\ufffd'], 5)
        pool += ['k%d' % r.randint(0, 5000) for _ in range(r.choice([0, 10, n]))]
        members = ['"%s":%s' % (r.choice(pool), r.choice(['1', '[2]', '{"x":3}', '"v"', str(i)]))
                   for i in range(n)]
        body = ('{' + ','.join(members) + '}').encode('utf-8', 'surrogatepass')
        cases.append(body)
        cases.append(mutate(r, body))
    for _ in range(count // 10):
        # Strings dense in escapes, non-ASCII and line breaks, then cut or bent.
        parts = [r.choice(ESCAPES + CHARS + ['\n', '\\u', '\\ud83d', '\\x', '\n\t', '\x01'])
                 for _ in range(r.randint(0, 12))]
        body = ('[\n"' + ''.join(parts) + '" ,\n "\xe9" ]').encode('utf-8', 'surrogatepass')
        cases.append(body)
        cases.append(mutate(r, body))
    seen, unique = set(), []
    for c in cases:
        if c not in seen:
            seen.add(c)
            unique.append(c)
    return unique


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--count', type=int, default=4000, help='random JSON documents to generate')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--out', default='/tmp/json_oracle.jsonl')
    ap.add_argument('--run', action='store_true', help='run the Rust comparison afterwards')
    args = ap.parse_args()
    sys.setrecursionlimit(LIMIT)
    cases = generate(args.count, args.seed)
    kinds = {'ok': 0, 'err': 0}
    with open(args.out, 'w') as f:
        for b in cases:
            e, bits = expect(b)
            kinds[e.split(':', 1)[0]] += 1
            case = {'hex': b.hex(), 'expect': e}
            if bits and bits != e:
                case['expect_bits'] = bits
            f.write(json.dumps(case) + '\n')
    print('%d cases (%d ok, %d err) -> %s' % (len(cases), kinds['ok'], kinds['err'], args.out))
    if args.run:
        env = dict(os.environ, BODY_JSON_ORACLE=os.path.abspath(args.out))
        rc = subprocess.call(['cargo', 'test', '--lib', '--', 'body::tests::oracle_cases_match_python',
                              '--exact', '--nocapture'], cwd=CRATE, env=env)
        sys.exit(rc)


if __name__ == '__main__':
    main()
