#!/usr/bin/env bash
# Fuzzes the crate with cargo-fuzz (libFuzzer), each target for SECONDS, one after another.
#
#   tests/fuzz/run.sh [SECONDS] [TARGET...]      default: 20 s each of validate_raw apply_raw near_valid
#   make fuzz FUZZ_SECONDS=1800                  the long campaign, same script
#
# The corpus grows in tests/fuzz/corpus/<target>/ (kept between runs, not committed); seeds are the
# golden case bodies and seeds/raw/. Each run's log: tests/fuzz/logs/<target>.log. A broken property or a panic stops the run: the input is saved
# in tests/fuzz/artifacts/<target>/ and the script fails. Reproduce one with
#   cargo +nightly fuzz run --fuzz-dir tests/fuzz -a <target> tests/fuzz/artifacts/<target>/<file>
# Without a nightly toolchain (or when cargo-fuzz cannot be installed) it skips with a message.
set -euo pipefail
cd "$(dirname "$0")/../.."

SECONDS_EACH=${1:-20}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(validate_raw apply_raw near_valid)

if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  echo "fuzz: SKIPPED, no nightly toolchain (rustup toolchain install nightly)"
  exit 0
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --version 0.13.2 --locked >/dev/null 2>&1 || {
    echo "fuzz: SKIPPED, cargo-fuzz could not be installed (cargo install cargo-fuzz --version 0.13.2 --locked)"
    exit 0
  }
fi

FUZZ=(cargo +nightly fuzz)
# -a: debug assertions and overflow checks, so arithmetic overflow is a finding too.
"${FUZZ[@]}" build --fuzz-dir tests/fuzz -a >/dev/null 2>&1 || "${FUZZ[@]}" build --fuzz-dir tests/fuzz -a

SEEDS=tests/fuzz/corpus/.seeds
node tests/fuzz/seeds.mjs "$SEEDS" >/dev/null

for target in "${TARGETS[@]}"; do
  corpus=tests/fuzz/corpus/$target
  mkdir -p "$corpus"
  seeds=()
  # near_valid's inputs are generator choices, not bodies: the body seeds mean nothing to it.
  [ "$target" = near_valid ] || seeds=("$SEEDS")
  # The log stays out of artifacts/, where cargo-fuzz looks for the failing input.
  mkdir -p tests/fuzz/logs
  log=tests/fuzz/logs/$target.log
  echo "fuzz: $target for ${SECONDS_EACH}s"
  # -timeout: an input taking 10 s is a hang (a finding); -rss_limit_mb: a blow-up is one too.
  if ! "${FUZZ[@]}" run --fuzz-dir tests/fuzz -a "$target" "$corpus" "${seeds[@]}" -- \
      -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 >"$log" 2>&1; then
    grep -v '^ *#[0-9]' "$log" | tail -n 40
    echo "fuzz: $target FAILED; the input is in tests/fuzz/artifacts/$target/ (log: $log)"
    exit 1
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 || true)
  echo "fuzz: $target ok, ${runs:-?} executions, ${cov:-cov: ?}, corpus $(ls "$corpus" | wc -l) entries"
done
