#!/usr/bin/env bash
# Creates tests/reference/.venv with the versions authentik 2024.6 ran (idempotent, fast when done).
# Usage: bash tests/reference/setup.sh        then  tests/reference/.venv/bin/python tests/reference/harness.py ...
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$here/.venv"
py="${PYTHON:-python3}"

check() {
  "$venv/bin/python" - <<'PY' 2>/dev/null
import django, rest_framework, sys
sys.exit(0 if (django.get_version(), rest_framework.VERSION) == ("5.0.6", "3.14.0") else 1)
PY
}

if [ -x "$venv/bin/python" ] && check; then
  echo "reference venv ready: Django 5.0.6, djangorestframework 3.14.0 ($venv)"
  exit 0
fi
if [ ! -x "$venv/bin/python" ]; then
  "$py" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --disable-pip-version-check -q "Django==5.0.6" "djangorestframework==3.14.0"
check || { echo "reference venv: wrong Django/DRF versions" >&2; exit 1; }
echo "reference venv installed: Django 5.0.6, djangorestframework 3.14.0 ($venv)"
