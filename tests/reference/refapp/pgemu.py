"""PostgreSQL jsonb emulation for the SQLite-backed reference (SPEC §4)."""
from decimal import Decimal

from django.db import DataError


class NumberLiteral(float):
    """A JSON float that remembers the literal it was written as (use as ``parse_float``)."""

    def __new__(cls, literal):
        obj = super().__new__(cls, literal)
        obj.literal = literal
        return obj


def _bad_string(s):
    for ch in s:
        o = ord(ch)
        if o == 0:
            return "unsupported Unicode escape sequence: \\u0000 cannot be converted to text."
        if 0xD800 <= o <= 0xDFFF:
            return "invalid input syntax for type json: lone surrogate U+%04X" % o
    return None


def check_jsonb_storable(value):
    """Raise DataError (an unhandled exception → 500) if jsonb would refuse ``value``.

    Iterative, so arbitrarily deep values are fine.
    """
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            msg = _bad_string(v)
            if msg:
                raise DataError(msg)
        elif isinstance(v, dict):
            for k, item in v.items():
                if isinstance(k, str):
                    msg = _bad_string(k)
                    if msg:
                        raise DataError(msg)
                stack.append(item)
        elif isinstance(v, (list, tuple)):
            stack.extend(v)


def _key_order(k):
    b = k.encode("utf-8", "surrogatepass")
    return (len(b), b)


def jsonb_number(v):
    """What jsonb gives back for a JSON number parsed as ``v``."""
    if isinstance(v, bool) or isinstance(v, int):
        return int(v)
    literal = getattr(v, "literal", None)
    if literal is None:
        literal = repr(float(v))
        if literal in ("inf", "-inf", "nan"):
            raise DataError("jsonb cannot hold %s" % literal)
    mantissa, _, exp = literal.lower().partition("e")
    frac = mantissa.partition(".")[2]
    exponent = int(exp) if exp else 0
    scale = max(0, len(frac) - exponent)
    d = Decimal(literal)
    if scale == 0:
        return int(d)
    if d == 0:
        return 0.0  # numeric has no negative zero
    return float(literal)


def jsonb_roundtrip(value):
    """``value`` as PostgreSQL jsonb stores and gives it back (keys reordered, numbers as numeric)."""
    if isinstance(value, dict):
        return {k: jsonb_roundtrip(value[k]) for k in sorted(value, key=_key_order)}
    if isinstance(value, list):
        return [jsonb_roundtrip(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return jsonb_number(value)
    raise TypeError("not a JSON value: %r" % (value,))


def _postgres_order(term):
    """One ``ordering`` term as PostgreSQL sorts it: NULLs count as larger than any value, so they
    come last ascending and first descending (SQLite does the opposite)."""
    from django.db.models import F

    if term.startswith("-"):
        return F(term[1:]).desc(nulls_first=True)
    return F(term).asc(nulls_last=True)


def _ordering_filter():
    from rest_framework.filters import OrderingFilter

    class PostgresOrderingFilter(OrderingFilter):
        """DRF's OrderingFilter (authentik lists through it), sorting NULLs as PostgreSQL does."""

        def filter_queryset(self, request, queryset, view):
            ordering = self.get_ordering(request, queryset, view)
            if ordering:
                return queryset.order_by(*[_postgres_order(t) if isinstance(t, str) else t for t in ordering])
            return queryset

    return PostgresOrderingFilter


def __getattr__(name):  # DRF imports the filter lazily, after Django is set up
    if name == "PostgresOrderingFilter":
        return _ordering_filter()
    raise AttributeError(name)
