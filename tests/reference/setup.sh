#!/usr/bin/env bash
# Creates tests/reference/.venv on CPython 3.12 (the server's interpreter) with the versions
# authentik 2024.6 ran: Django 5.0.6 and djangorestframework 3.14.0. Idempotent, 0.3 s when done.
# An existing venv made with another Python (3.11 answers deep nesting differently) is recreated.
#
# Usage: bash tests/reference/setup.sh        then  tests/reference/.venv/bin/python tests/reference/harness.py ...
# The interpreter: $PYTHON if set (it must be a CPython 3.12), else pyenv's 3.12 (3.12.1 preferred),
# also without pyenv on PATH; else python3.12 on PATH; without any, it stops with a message saying how to get one.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$here/.venv"
want_series=3.12

find_python() {
  if [ -n "${PYTHON:-}" ]; then
    echo "$PYTHON"
    return
  fi
  # pyenv's versions, also when pyenv itself is not on PATH (a non-login shell, CI).
  local root candidate
  root="$(pyenv root 2>/dev/null || echo "${PYENV_ROOT:-$HOME/.pyenv}")"
  for candidate in "$root/versions/3.12.1/bin/python3.12" "$root"/versions/3.12.*/bin/python3.12; do
    [ -x "$candidate" ] && { echo "$candidate"; return; }
  done
  command -v python3.12 || true
}

# "3.12 CPython" for an interpreter, "" when it cannot run.
describe() {
  "$1" -c 'import platform, sys; print("%d.%d %s" % (sys.version_info[:2] + (platform.python_implementation(),)))' 2>/dev/null || true
}

venv_ok() {
  [ -x "$venv/bin/python" ] && [ "$(describe "$venv/bin/python")" = "$want_series CPython" ] && "$venv/bin/python" - <<'PY' 2>/dev/null
import django, rest_framework, sys
sys.exit(0 if (django.get_version(), rest_framework.VERSION) == ("5.0.6", "3.14.0") else 1)
PY
}

if venv_ok; then
  echo "reference venv ready: CPython $("$venv/bin/python" -c 'import platform; print(platform.python_version())'), Django 5.0.6, djangorestframework 3.14.0 ($venv)"
  exit 0
fi

py="$(find_python)"
if [ -z "$py" ] || [ "$(describe "$py")" != "$want_series CPython" ]; then
  cat >&2 <<EOF
tests/reference/setup.sh: no CPython $want_series found${py:+ ($py is $(describe "$py" || true))}.
The reference harness must run on CPython $want_series, the server's interpreter (3.11 answers deeply
nested bodies differently). Install one (pyenv install 3.12.1; or a distribution's python3.12 with
its venv module), or point PYTHON at one: PYTHON=/path/to/python3.12 bash tests/reference/setup.sh
EOF
  exit 1
fi

# A venv made with another interpreter (or a broken one) is made again from scratch.
if [ -e "$venv" ] && [ "$(describe "$venv/bin/python")" != "$want_series CPython" ]; then
  echo "reference venv: $venv was made with $(describe "$venv/bin/python" | sed 's/^$/a Python that no longer runs/'); recreating it on $py"
  rm -rf "$venv"
fi
if [ ! -x "$venv/bin/python" ]; then
  "$py" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --disable-pip-version-check -q "Django==5.0.6" "djangorestframework==3.14.0"
venv_ok || { echo "reference venv: wrong Python, Django or DRF version in $venv" >&2; exit 1; }
echo "reference venv installed: CPython $("$venv/bin/python" -c 'import platform; print(platform.python_version())'), Django 5.0.6, djangorestframework 3.14.0 ($venv)"
