#!/usr/bin/env bash
# Builds a test-only copy of pkg/ into target/panic-pkg/ with the `test-panic` cargo feature, which
# adds a `__panicForTest` export (src/wasm.rs). tests/js/hostile.test.mjs uses it to prove that a
# panic (a trap: release builds use panic = "abort") does not poison the module. The release
# profile is the same as pkg/'s; only wasm-opt is skipped. The hand-written entries are copied from
# pkg/ unchanged, so the test goes through them. Never shipped: pkg/ is built by scripts/build-pkg.
set -euo pipefail
cd "$(dirname "$0")/../.."
CRATE=authentik_invitation_patch
OUT=target/panic-pkg

# Its own target dir: the feature must not invalidate pkg/'s build cache.
cargo build --quiet --release --target wasm32-unknown-unknown --features test-panic --target-dir target/test-panic
WASM=target/test-panic/wasm32-unknown-unknown/release/$CRATE.wasm
TMP=$(mktemp -d target/panic-pkg.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
wasm-bindgen "$WASM" --target web --out-dir "$TMP" --out-name index --no-typescript
scripts/build-cjs "$TMP" "$TMP" # the CommonJS entry, as scripts/build-pkg builds it
cp pkg/package.json pkg/node.js "$TMP/"
rm -rf "$OUT"
mv "$TMP" "$OUT"
trap - EXIT
