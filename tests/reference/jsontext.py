"""Writing JSON text with number literals kept exactly as written (for jsonb number rules)."""
import json


class Raw(str):
    """JSON text inserted verbatim, e.g. Raw("1e+20") or Raw('{"a":1.50}')."""


def dumps(value, ensure_ascii=True):
    """Compact JSON, like json.dumps, but Raw values go in verbatim and literal-keeping floats
    (refapp.pgemu.NumberLiteral) keep their literal."""
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=ensure_ascii)
    if isinstance(value, dict):
        return "{" + ",".join(
            json.dumps(str(k), ensure_ascii=ensure_ascii) + ":" + dumps(v, ensure_ascii) for k, v in value.items()
        ) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(dumps(v, ensure_ascii) for v in value) + "]"
    literal = getattr(value, "literal", None)
    if literal is not None:
        return literal
    return json.dumps(value)
