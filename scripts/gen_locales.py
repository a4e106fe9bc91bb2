#!/usr/bin/env python3
"""Writes src/locale/data.rs: the server's translations of the module's messages, extracted from the
real catalogs (.mo files) of Django 5.0.6 and djangorestframework 3.14.0, and the tables that resolve
a locale code the way Django's `translation.activate(code)` does. Never edit the output by hand.

Usage (the reference venv has the exact packages; CPython 3.12, or 3.11 with its one alias corrected):
  tests/reference/.venv/bin/python scripts/gen_locales.py            rewrites the generated files
  tests/reference/.venv/bin/python scripts/gen_locales.py --check    exits 1 if one is stale

It writes src/locale/data.rs and tests/cases/locales/resolution.json: for 4,000 spellings of
locale codes, the catalogs real Django consults and each template it picks (read by
tests/locales.rs). Before writing, it checks the resolution below against Django for each.

What is extracted, and why (docs: tests/reference/README.md, "Languages"):
- msgids: the `en` templates of src/messages.rs that the server passes through gettext (`Text`).
  `No data provided` (DRF builds it as a plain ErrorDetail) and authentik's `is_dict` message (a
  plain string) never are; the JSON parse error is a plain string too and is not a `Text`.
- catalogs: every `<dir>/LC_MESSAGES/django.mo` under django/conf/locale and rest_framework/locale,
  read with the same class Django uses (gettext.GNUTranslations), so fuzzy or untranslated .po
  entries are absent exactly as at run time. The other catalogs a real authentik loads (its own
  locale/, django.contrib.*, django_filters, guardian) hold none of these msgids (checked; see the
  README), and apart from their msgids a catalog cannot change an answer.
- resolution: Django's `to_locale`, then gettext's `_expand_lang` (`locale.normalize` and its alias
  table, reduced to the entries whose language has a catalog directory), then per package the first
  and second directory found; the lookup order is DRF's first, Django's first, Django's second, DRF's
  second (DjangoTranslation merges DRF over Django and chains each package's second directory as a
  fallback). The en-us fallback behind them answers every msgid with itself (asserted below).
"""
import argparse
import glob
import json
import locale as pylocale
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "src", "locale", "data.rs")
MESSAGES = os.path.join(ROOT, "src", "messages.rs")

# The languages authentik 2024.6's web UI offers (web/src/common/ui/locale.ts); their catalogs are
# compiled into every build. The rest need the `all-locales` cargo feature.
UI_CODES = ["en", "es", "de", "fr", "ko", "nl", "pl", "tr", "zh-Hant", "zh_TW", "zh-Hans", "pseudo-LOCALE"]

# How the server renders each translatable message once gettext has picked its template.
#   ("format", name): DRF's `msg.format(**kwargs)` (Field.fail, or the surrogate validator's
#                     `message.format(code_point=…)`); a template without kwargs is formatted too.
#   ("percent", name): Django's ValidationError with params, rendered `message % params` by DRF's
#                     get_error_detail.
#   ("plain", None):  Django's ValidationError without params: the template as is.
RENDER = {
    "Required": ("format", None),  # DRF fields.py Field / relations.py
    "Null": ("format", None),  # DRF fields.py Field
    "Blank": ("format", None),  # DRF fields.py CharField
    "MaxLength": ("format", "max_length"),  # DRF fields.py CharField
    "NullCharacters": ("plain", None),  # Django validators.py ProhibitNullCharactersValidator
    "Surrogate": ("format", "code_point"),  # DRF validators.py ProhibitSurrogateCharactersValidator
    "Slug": ("format", None),  # DRF fields.py SlugField
    "DatetimeFormat": ("format", "format"),  # DRF fields.py DateTimeField
    "DatetimeOverflow": ("format", None),  # DRF fields.py DateTimeField
    "InvalidJson": ("format", None),  # DRF fields.py JSONField
    "Boolean": ("format", None),  # DRF fields.py BooleanField
    "IncorrectType": ("format", "data_type"),  # DRF relations.py PrimaryKeyRelatedField
    "NotUuid": ("percent", "value"),  # Django db/models/fields UUIDField, via the queryset lookup
    "DoesNotExist": ("format", "pk_value"),  # DRF relations.py PrimaryKeyRelatedField
    "NotAnObject": ("format", "datatype"),  # DRF serializers.py Serializer
}
# Never passed through gettext on the server: always English.
NEVER = {
    "NoData": "DRF 3.14 serializers.py: ErrorDetail('No data provided', code='null'), a plain str",
    "NotDict": "authentik core/api/utils.py is_dict: ValidationError with a plain str",
}
SENTINEL = "\ue000"  # a private-use character no catalog holds
SENTINEL_INT = 0xABCDE  # for `{code_point:X}`: renders as ABCDE


def site_packages():
    import django

    return os.path.dirname(os.path.dirname(django.__file__))


def read_msgids():
    """(Text variant, msgid) pairs from src/messages.rs, in `Text` order."""
    src = open(MESSAGES, encoding="utf-8").read()
    consts = {}
    for m in re.finditer(r'pub const (\w+): &str =\s*"((?:[^"\\]|\\.)*)";', src):
        consts[m.group(1)] = json.loads('"' + m.group(2) + '"')
    english = src[src.index("pub fn english(self)"):]
    english = english[: english.index("\n    }\n")]
    pairs = [(v, consts[c]) for v, c in re.findall(r"Text::(\w+) => en::(\w+),", english)]
    variants = re.search(r"pub enum Text \{([^}]*)\}", src).group(1)
    order = re.findall(r"(\w+),", variants)
    assert [v for v, _ in pairs] == order, "Text::english must list every Text, in order"
    for v, _ in pairs:
        assert v in RENDER or v in NEVER, f"Text::{v}: say in RENDER or NEVER how the server renders it"
    return pairs


PLACEHOLDER = {  # how src/messages.rs Msg::render spells each value in a template
    "max_length": "{max_length}",
    "code_point": "{code_point:X}",
    "format": "{format}",
    "data_type": "{data_type}",
    "value": "%(value)s",
    "pk_value": "{pk_value}",
    "datatype": "{datatype}",
}


def to_rust_template(variant, template):
    """The template as Msg::render expects it: rendered by the server's own formatting with a
    sentinel value, then the sentinel spelled as render's placeholder. Raises if the translation
    holds anything render's plain substitution would get wrong."""
    kind, name = RENDER[variant]
    if kind == "plain":
        out = template
    elif kind == "percent":
        out = template % {name: SENTINEL}
    elif name is None:
        out = template.format()
    elif name == "code_point":
        out = template.format(code_point=SENTINEL_INT)
        assert "ABCDE" not in template, template
        out = out.replace("%X" % SENTINEL_INT, SENTINEL)
    else:
        out = template.format(**{name: SENTINEL})
    if name is not None:
        ph = PLACEHOLDER[name]
        assert ph not in out, f"{variant}: {template!r} holds {ph} literally"
        out = out.replace(SENTINEL, ph)
    return out


def catalogs(msgids):
    """{(package, dir): {variant: rust template}} for every .mo both packages ship."""
    import gettext

    sp = site_packages()
    wanted = {m: v for v, m in msgids if v in RENDER}
    out = {}
    for pkg, base in (("django", "django/conf/locale"), ("drf", "rest_framework/locale")):
        for mo in sorted(glob.glob(os.path.join(sp, base, "*", "LC_MESSAGES", "django.mo"))):
            d = mo.split(os.sep)[-3]
            with open(mo, "rb") as f:
                t = gettext.GNUTranslations(f)
            # DjangoTranslation.merge skips a catalog that is empty (and its fallbacks): none is.
            assert t._catalog, f"{mo}: empty catalog; the resolution below assumes none is"
            for key in t._catalog:
                if isinstance(key, tuple):
                    assert key[0] not in wanted, f"{mo}: {key[0]!r} as a plural msgid"
            out[(pkg, d)] = {
                wanted[m]: to_rust_template(wanted[m], s) for m, s in t._catalog.items() if m in wanted
            }
    return out


# ---------------------------------------------------------------- resolution (mirrored in Rust)


def to_locale(language):
    """Django 5.0.6 django/utils/translation/__init__.py, verbatim."""
    lang, _, country = language.lower().partition("-")
    if not country:
        return language[:3].lower() + language[3:]
    country, _, tail = country.partition("-")
    country = country.title() if len(country) > 2 else country.upper()
    if tail:
        country += "-" + tail
    return lang + "_" + country


def normalize(localename, aliases):
    """CPython 3.12 locale.normalize, keeping of each result only what _expand_lang's directory
    candidates depend on (language, territory; the modifier where normalize compares it)."""
    code = localename.lower()
    if ":" in code:
        code = code.replace(":", ".")
    if "@" in code:
        code, modifier = code.split("@", 1)
    else:
        modifier = ""
    if "." in code:
        langname, encoding = code.split(".")[:2]
    else:
        langname, encoding = code, ""
    lang_enc = langname
    if encoding:
        lang_enc += "." + encoding.replace("-", "").replace("_", "")
    lookup = lang_enc + ("@" + modifier if modifier else "")
    if lookup in aliases:
        return aliases[lookup]
    if modifier:
        v = aliases.get(lang_enc)
        if v is not None:
            if "@" not in v or v.split("@", 1)[1].lower() == modifier:
                return v
    if encoding:
        v = aliases.get(langname + ("@" + modifier if modifier else ""))
        if v is not None:
            return v
        if modifier:
            v = aliases.get(langname)
            if v is not None:
                if "@" not in v or v.split("@", 1)[1].lower() == modifier:
                    return v
    return localename


def candidates(loc):
    """gettext._expand_lang's results that can name a directory (no codeset, no modifier)."""
    loc = loc.split("@", 1)[0].split(".", 1)[0]
    lang, sep, terr = loc.partition("_")
    return [lang + sep + terr, lang] if sep else [lang]


def chain(code, aliases, have):
    """The catalogs Django consults for `activate(code)`, in lookup order (before en-us)."""
    if not code:
        return []
    cands = candidates(normalize(to_locale(code), aliases))
    found = {pkg: [d for d in cands if (pkg, d) in have] for pkg in ("django", "drf")}
    order = [("drf", 0), ("django", 0), ("django", 1), ("drf", 1)]
    return [(pkg, found[pkg][i]) for pkg, i in order if len(found[pkg]) > i]


def prune(cats):
    """Drops the entries no code can ever reach: a code's directory candidates are `language` or
    `language_TERRITORY` + `language`, so these few combinations give every chain there is, and an
    entry that is never the first one found for its msgid in any chain never answers. (Django's
    `de` entries that DRF's `de` also has, for one.) A catalog left with none is `EMPTY`."""
    have = set(cats)
    dirs = {d for _, d in have}
    combos = {(None, d.split("_", 1)[0]) for d in dirs} | {(d, d.split("_", 1)[0]) for d in dirs if "_" in d}
    reached = set()
    for full, language in combos:
        cands = [full, language] if full else [language]
        found = {pkg: [d for d in cands if (pkg, d) in have] for pkg in ("django", "drf")}
        chain = [(pkg, found[pkg][i]) for pkg, i in (("drf", 0), ("django", 0), ("django", 1), ("drf", 1))
                 if len(found[pkg]) > i]
        for v in RENDER:
            for key in chain:
                if v in cats[key]:
                    reached.add((key, v))
                    break
    return {key: {v: t for v, t in entries.items() if (key, v) in reached} for key, entries in cats.items()}


# CPython 3.12's locale.locale_alias, the server's. 3.11's differs in one entry only, which gives
# English either way; on 3.11 it is corrected, and the table checked against 3.12's hash.
ALIAS_TABLE_SHA1 = "2dd58000e338584aadf9cc6540e66d14e3a1e169"
ALIAS_FIXES_311 = {"c.utf8": "C.UTF-8"}


def locale_alias():
    import hashlib

    table = dict(pylocale.locale_alias)
    if sys.version_info[:2] == (3, 11):
        table.update(ALIAS_FIXES_311)
    digest = hashlib.sha1(json.dumps(sorted(table.items())).encode()).hexdigest()
    assert digest == ALIAS_TABLE_SHA1, "locale.locale_alias is not CPython 3.12's: run on 3.12"
    return table


def reduced_aliases(have):
    """locale.locale_alias, reduced to what a result depends on. A value keeps its language and
    its territory only where language_TERRITORY is a catalog directory (the codeset never names
    one), and its `@modifier` (normalize compares it). An entry is left out when no input can get
    another result without it:
    - its key's and its value's languages both lack a catalog directory; or
    - its key is `language_territory` (no codeset, no modifier), no directory is spelled like it
      in any case, and its value finds what the key's language alone finds. Without the entry,
      normalize returns its input, whose candidates are that territory (no directory) and that
      language, lower-cased by to_locale.
    Keys without a territory stay: `de:utf8` (a ':' codeset) only finds `de` through its alias."""
    dirs = {d for _, d in have}
    lower = {d.lower() for d in dirs}
    langs = {d.split("_", 1)[0].lower() for d in dirs}

    def found(x):
        return [k for d in candidates(x) for k in (("django", d), ("drf", d)) if k in have]

    def language(key):
        return key.split("@", 1)[0].split(".", 1)[0].split("_", 1)[0]

    table = locale_alias()
    reach = {language(k) for k, v in table.items() if language(v).lower() in langs}
    out = {}
    for k, v in sorted(table.items()):
        base, at, mod = v.partition("@")
        base = base.split(".", 1)[0]
        lang = base.split("_", 1)[0]
        vr = (base if base in dirs else lang) + at + mod
        klang = language(k)
        plain = "." not in k and "@" not in k
        if klang not in langs and lang.lower() not in langs and (plain or klang not in reach):
            continue
        if (
            plain and "_" in k and k not in lower
            and (klang in dirs or klang not in lower) and found(vr) == found(klang)
        ):
            continue
        out[k] = vr
    # src/locale.rs lower-cases only the characters that can spell a key: ASCII, å and ç.
    assert {c for k in out for c in k if not c.isascii()} <= {"å", "ç"}, "update py_lower"
    return out


# ---------------------------------------------------------------- output


def rust_str(s):
    out = []
    for ch in s:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ord(ch) < 0x20:
            out.append("\\u{%x}" % ord(ch))
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def wrap(items, indent="    ", width=100):
    lines, line = [], indent
    for it in items:
        piece = it + ","
        if len(line) + len(piece) + 1 > width and line.strip():
            lines.append(line.rstrip())
            line = indent
        line += piece + " "
    if line.strip():
        lines.append(line.rstrip())
    return "\n".join(lines)


def default_build_holds():
    """A function telling whether the default build holds every catalog a code consults (else
    `Locale::available` is false there and the boundary refuses the code)."""
    msgids = read_msgids()
    cats = prune(catalogs(msgids))
    have = set(cats)
    aliases = reduced_aliases(have)
    ui = set()
    for code in UI_CODES:
        ui.update(chain(code, aliases, have))
    return lambda code: all(key in ui or not cats[key] for key in chain(code, aliases, have))


def generate():
    import django
    import rest_framework

    assert (django.get_version(), rest_framework.VERSION) == ("5.0.6", "3.14.0"), "wrong versions"
    msgids = read_msgids()
    slots = [v for v, _ in msgids if v in RENDER]
    cats = prune(catalogs(msgids))
    have = set(cats)
    dirs = sorted({d for _, d in have})
    aliases = reduced_aliases(have)
    ui = set()
    for code in UI_CODES:
        ui.update(chain(code, aliases, have))

    # Strings: every distinct template, the UI build's first (so one table serves both builds).
    # A translation that is the msgid itself (DRF's `en`, some of `en_AU`) is stored as ENGLISH.
    english = {v: to_rust_template(v, m) for v, m in msgids if v in RENDER}
    ENGLISH = 65535

    def templates(keys):
        return sorted({t for k in keys for v, t in cats[k].items() if t != english[v]})

    ui_strings = templates([k for k in have if k in ui])
    all_strings = ui_strings + [s for s in templates(have) if s not in set(ui_strings)]
    index = {s: i for i, s in enumerate(all_strings)}

    rows, row_of = [], {}
    for key in sorted(have, key=lambda k: (dirs.index(k[1]), k[0])):
        if cats[key]:
            row_of[key] = len(rows)
            rows.append([
                0 if v not in cats[key] else ENGLISH if cats[key][v] == english[v] else index[cats[key][v]] + 1
                for v in slots
            ])
    NONE, EMPTY, ABSENT = 255, 254, 253
    # src/locale.rs keeps a catalog index (directory * 2 + package) in a u8, 255 meaning none.
    assert len(rows) < ABSENT and len(all_strings) < ENGLISH and len(dirs) * 2 < 255

    def strings_block(strings):
        offsets, acc = [0], 0
        for s in strings:
            acc += len(s.encode("utf-8"))
            offsets.append(acc)
        text = "".join(strings)
        return text, offsets

    ui_text, ui_offs = strings_block(ui_strings)
    all_text, all_offs = strings_block(all_strings)
    def row_table(row_index):
        out = []
        for d in dirs:
            for pkg in ("django", "drf"):
                key = (pkg, d)
                if key not in have:
                    out.append(NONE)
                elif not cats[key]:
                    out.append(EMPTY)
                else:
                    out.append(row_index.get(key, ABSENT))
        return out

    # The default build keeps the rows the UI's codes reach, and the strings they use (first in
    # the full list, so their indexes are the same in both builds).
    ui_keys = [k for k in sorted(row_of, key=lambda k: row_of[k]) if k in ui]
    ui_row_index = {k: i for i, k in enumerate(ui_keys)}
    ui_row_table = row_table(ui_row_index)
    ui_rows_data = [rows[row_of[k]] for k in ui_keys]
    assert all(i <= len(ui_strings) or i == ENGLISH for r in ui_rows_data for i in r)

    L = []
    w = L.append
    w("// @generated by scripts/gen_locales.py from the .mo files of Django 5.0.6 and")
    w("// djangorestframework 3.14.0, and CPython 3.12's locale.locale_alias. Do not edit: regenerate.")
    w("// `make test` fails when this file is stale (scripts/gen_locales.py --check).")
    w("")
    w("use crate::messages::Text;")
    w("")
    w("/// The translatable messages, in the order of each row of `ROWS`.")
    w("pub(super) const SLOTS: [Text; %d] = [" % len(slots))
    w(wrap(["Text::" + v for v in slots]))
    w("];")
    w("")
    w("/// Catalog directories (either package), sorted, one space between names.")
    w("pub(super) const DIRS: &str = %s;" % rust_str(" ".join(dirs)))
    w("")
    w("/// `locale.normalize` aliases that can change a result, sorted: `key=language[_TERRITORY][@modifier]`")
    w("/// or a bare `key` that is its own value; one space between entries (none holds a space).")
    w("pub(super) const ALIASES: &str = %s;" % rust_str(" ".join(k if k == v else k + "=" + v for k, v in aliases.items())))
    w("")
    w("/// Per directory, Django's then DRF's catalog: a row of `ROWS`, or one of these.")
    w("pub(super) const NONE: u8 = %d; // no .mo there" % NONE)
    w("pub(super) const EMPTY: u8 = %d; // a catalog without any of these msgids" % EMPTY)
    w("pub(super) const ABSENT: u8 = %d; // a catalog left out of this build (feature `all-locales`)" % ABSENT)
    w("/// A row entry: the translation is the msgid itself.")
    w("pub(super) const ENGLISH: u16 = %d;" % ENGLISH)
    w("")
    for name, build, table, rws, text, offs in (
        ("UI", 'not(feature = "all-locales")', ui_row_table, ui_rows_data, ui_text, ui_offs),
        ("ALL", 'feature = "all-locales"', row_table(row_of), rows, all_text, all_offs),
    ):
        w("#[cfg(%s)]" % build)
        w("pub(super) const CATALOGS: [u8; %d] = [" % len(table))
        w(wrap([str(x) for x in table]))
        w("];")
        w("/// Per row, per slot: 0 when the catalog lacks the msgid, `ENGLISH` when it translates it")
        w("/// as itself, else 1 + an index into `STRINGS`.")
        w("#[cfg(%s)]" % build)
        w("pub(super) const ROWS: [[u16; %d]; %d] = [" % (len(slots), len(rws)))
        for r in rws:
            w("    [%s]," % ", ".join(str(x) for x in r))
        w("];")
        w("/// The templates, placeholders spelled as `Msg::render` substitutes them, back to back.")
        w("#[cfg(%s)]" % build)
        w("pub(super) const STRINGS: &str = %s;" % rust_str(text))
        w("/// Where each template of `STRINGS` starts (and the last one ends), in bytes.")
        w("#[cfg(%s)]" % build)
        w("pub(super) const OFFSETS: [u16; %d] = [" % len(offs))
        w(wrap([str(x) for x in offs]))
        w("];")
        w("")
    stats = {
        "catalogs": len(have),
        "with_msgids": len(rows),
        "ui_rows": len(ui_rows_data),
        "strings": len(all_strings),
        "ui_strings": len(ui_strings),
        "aliases": len(aliases),
        "dirs": len(dirs),
        "ui_string_bytes": len(ui_text.encode()),
        "all_string_bytes": len(all_text.encode()),
    }
    return "\n".join(L).rstrip() + "\n", stats, (cats, have, aliases, slots)


# ---------------------------------------------------------------- resolution cases (real Django)


def variant_codes(dirs, aliases):
    """Locale codes to ask real Django about: every directory and alias key in several spellings,
    the UI's codes, and codes chosen to hit each step of the resolution."""
    codes = set(UI_CODES)
    for d in dirs:
        lang, _, terr = d.partition("_")
        codes.update([d, d.lower(), d.upper(), d.replace("_", "-"), d.replace("_", "-").lower(), d.replace("_", "-").upper()])
        if terr:
            codes.update([lang + "-" + terr + "-x", lang + "_" + terr.lower(), lang.upper() + "_" + terr])
        else:
            codes.update([d + "-at", d + "-XX", d + "_ZZ", d + ".utf8", d + "@euro", d + ".UTF-8@latin", d + ":utf8", d + "-"])
    for k in locale_alias():
        codes.update([k, k.upper(), k.replace("_", "-"), k + ":utf8", k + ".utf8", k + "@euro"])
    codes.update([
        "", " ", "c", "C", "posix", "en-us", "en_US", "EN", "En-Gb", "eno", "english", "german", "french",
        "pt-br", "pt_br", "pt-BR", "PT", "pt-pt", "de-AT", "de_at", "DE", "de-DE-1996", "zh_CN", "zh-cn",
        "zh_hans", "zh-hans", "zh_Hans", "zh-Hant-TW", "zh-tw", "zh-TW", "zh", "ZH", "sr-latn", "sr@latn",
        "sr_RS@latin", "sh", "no", "nb", "nn", "iw", "he", "in", "id", "ko-KR", "ko_kr", "ru", "ru_RU",
        "ru-ru", "ru.koi8r", "tr", "tr-TR", "fa", "fa-ir", "ne", "ne-np", "es-419", "es-ar", "es_MX",
        "en-au", "en_gb", "fr-ca", "fr_CA", "fr-be", "ca-es", "ca_es@valencia", "gl-es", "el-gr",
        "\u212ao", "\u0130t", "de\u0301", "x-pseudo", "pseudo-LOCALE", "i-klingon", "und", "*", "de,en",
        "de;q=0.8", "de de", " de", "de ", "de\n", "xx", "xx-yy", "dé", "ja-JP", "ja_JP.eucJP",
        "zh_TW.big5", "zh-Hans-CN", "zh-hant", "en@euro", "de_DE@euro", "de_DE.ISO-8859-1@euro",
        "uz-cyrl", "uz@cyrillic", "uz_UZ@cyrillic", "be@latin", "ks_in@devanagari.utf8", "sr_yu.utf8@cyrillic",
    ])
    return sorted(codes)


def resolution_cases(cats, have, aliases, slots):
    """The text of tests/cases/locales/resolution.json, asking real Django for every code."""
    from django.conf import settings

    if not settings.configured:
        settings.configure(
            INSTALLED_APPS=["rest_framework"], USE_I18N=True, LANGUAGE_CODE="en-us", LOCALE_PATHS=[]
        )
        import django

        django.setup()
    from django.utils import translation

    msgid = dict(read_msgids())
    dirs = sorted({d for _, d in have})
    # en-us answers every msgid with itself: the chain can end there.
    with translation.override("en-us"):
        for v in slots:
            assert translation.gettext(msgid[v]) == msgid[v], v
    out, answers = [], {}
    for code in variant_codes(dirs, aliases):
        translation.activate(code)
        try:
            got = [to_rust_template(v, translation.gettext(msgid[v])) for v in slots]
        finally:
            translation.deactivate()
        # The mirror above must agree with Django itself, or the Rust side (its copy) is wrong.
        want = []
        for v in slots:
            for key in chain(code, aliases, have):
                if v in cats[key]:
                    t = cats[key][v]
                    break
            else:
                t = to_rust_template(v, msgid[v])
            want.append(t)
        assert got == want, f"resolution mirror differs from Django for {code!r}: {got} vs {want}"
        answer = answers.setdefault(tuple(got), len(answers))
        out.append([code, answer, " ".join("%s:%s" % k for k in chain(code, aliases, have))])
    strings = sorted({t for a in answers for t in a})
    index = {t: i for i, t in enumerate(strings)}
    doc = {
        "about": "Locale codes as Django 5.0.6 + DRF 3.14.0 resolve them (translation.activate). codes: "
        "[code, answer, the catalogs consulted in order]; answers: per answer, each translatable "
        "template (slots order, as Msg::render reads it) as an index into strings. "
        "Generated by scripts/gen_locales.py --resolution-cases.",
        "slots": slots,
        "strings": strings,
        "answers": [[index[t] for t in a] for a in sorted(answers, key=answers.get)],
        "codes": out,
    }
    lines = []
    for i, (k, v) in enumerate(doc.items()):
        sep = "," if i < len(doc) - 1 else ""
        if k in ("about", "slots"):
            lines.append("%s: %s%s" % (json.dumps(k), json.dumps(v, ensure_ascii=False), sep))
        else:
            items = ",\n".join(json.dumps(x, ensure_ascii=False) for x in v)
            lines.append("%s: [\n%s\n]%s" % (json.dumps(k), items, sep))
    return "{\n" + "\n".join(lines) + "\n}\n", len(out)


RESOLUTION = os.path.join(ROOT, "tests", "cases", "locales", "resolution.json")


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if a generated file is stale")
    ap.add_argument("--stats", action="store_true", help="print what was extracted")
    args = ap.parse_args(argv)
    text, stats, data = generate()
    if args.stats:
        print(json.dumps(stats), file=sys.stderr)
    cases, n = resolution_cases(*data)
    stale = 0
    for path, new in ((OUT, text), (RESOLUTION, cases)):
        current = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
        if current == new:
            continue
        if args.check:
            print(f"{os.path.relpath(path, ROOT)} is stale: run scripts/gen_locales.py", file=sys.stderr)
            stale += 1
        else:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(new)
            print(f"wrote {os.path.relpath(path, ROOT)}", file=sys.stderr)
    if args.check and not stale:
        print(f"src/locale/data.rs and {n} resolution cases are fresh", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
