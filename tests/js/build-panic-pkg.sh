#!/usr/bin/env bash
# Builds a test-only copy of pkg/ into target/panic-pkg/ with the `test-panic` cargo feature, which
# adds a `panic_for_test` export (src/wasm.rs), and src/index.js with a `__panicForTest` function
# appended (it needs the module's internals). tests/js/hostile.test.mjs uses it to prove that a
# panic (a trap: release builds use panic = "abort") does not poison the module. The release
# profile is the same as pkg/'s; only wasm-opt and minifying are skipped. The hand-written entries
# are copied from pkg/ unchanged, so the test goes through them. Never shipped: pkg/ is built by
# scripts/build-pkg.
set -euo pipefail
cd "$(dirname "$0")/../.."
CRATE=authentik_invitation_patch
OUT=target/panic-pkg

# Its own target dir: the feature must not invalidate pkg/'s build cache.
cargo build --quiet --release --target wasm32-unknown-unknown --features test-panic --target-dir target/test-panic
TMP=$(mktemp -d target/panic-pkg.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
cp target/test-panic/wasm32-unknown-unknown/release/$CRATE.wasm "$TMP/index_bg.wasm"
cat src/index.js - > "$TMP/index.js" <<'JS'

/** Test only: panics `depth` calls deep inside the module with `message`. */
export function __panicForTest(message, depth) {
  enter();
  invoke(() => wasm.panic_for_test(write(message).len, depth));
}

/** Test only: allocations inside the module until one fails. */
export function __oomForTest() {
  enter();
  invoke(() => wasm.oom_for_test());
}
JS
scripts/build-cjs "$TMP" "$TMP" # the CommonJS entry, as scripts/build-pkg builds it
cp pkg/package.json pkg/node.js "$TMP/"
rm -rf "$OUT"
mv "$TMP" "$OUT"
trap - EXIT
