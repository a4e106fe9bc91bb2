#!/usr/bin/env bash
# Where the .wasm bytes go (`make bench-profile`): builds the crate as scripts/build-pkg does, but
# from a snapshot of src/ (so edits in progress elsewhere cannot change it halfway) and keeping the
# function names (`wasm-opt -g`), then asks twiggy. With OPT_LEVELS="s z 3" it also builds each
# opt-level and reports its sizes; each build leaves a named .wasm and the web glue in
# target/bench/opt-<level>/ for profile.mjs.
# Needs: the wasm32 target (scripts/setup) and twiggy (installed here when missing).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/wasm-opt-flags.sh # WASM_OPT, as pkg/ ships it
ROOT=$PWD
OUT=$ROOT/target/bench
OPT_LEVELS=${OPT_LEVELS:-z} # the first is the shipped level (Cargo.toml), profiled by profile.mjs
CRATE=authentik_invitation_patch
mkdir -p "$OUT"

command -v twiggy >/dev/null || cargo install twiggy --version 0.8.0 --locked

SNAP=$OUT/src-snapshot
rm -rf "$SNAP" && mkdir -p "$SNAP"
cp -r Cargo.toml Cargo.lock src "$SNAP/"

brotli_size() { node -e 'const z=require("zlib"),b=require("fs").readFileSync(process.argv[1]);process.stdout.write(String(z.brotliCompressSync(b,{params:{[z.constants.BROTLI_PARAM_QUALITY]:11}}).length))' "$1"; }

for level in $OPT_LEVELS; do
  dir=$OUT/opt-$level
  rm -rf "$dir" && mkdir -p "$dir"
  (cd "$SNAP" && CARGO_TARGET_DIR=$OUT/cargo-$level CARGO_PROFILE_RELEASE_OPT_LEVEL=$level \
    cargo build --quiet --release --target wasm32-unknown-unknown)
  cp "$OUT/cargo-$level/wasm32-unknown-unknown/release/$CRATE.wasm" "$dir/index_bg.wasm"
  cp "$SNAP/src/index.js" "$dir/index.js" # the glue, for child-prof.mjs
  # Named (-g keeps the name section, for twiggy and --cpu-prof) and stripped, as pkg/ ships it.
  node_modules/.bin/wasm-opt "${WASM_OPT[@]}" -g "$dir/index_bg.wasm" -o "$dir/named.wasm"
  node_modules/.bin/wasm-opt "${WASM_OPT[@]}" --strip-debug "$dir/index_bg.wasm" -o "$dir/shipped.wasm"
  echo "opt-level=$level: before wasm-opt $(wc -c < "$dir/index_bg.wasm") B, after wasm-opt -Oz $(wc -c < "$dir/shipped.wasm") B, brotli $(brotli_size "$dir/shipped.wasm") B"
done

first=$(echo "$OPT_LEVELS" | cut -d' ' -f1)
NAMED=$OUT/opt-$first/named.wasm
{
  echo "## twiggy top -n 40 (opt-level=$first, names kept)"
  twiggy top -n 40 "$NAMED"
  echo
  echo "## twiggy dominators -d 3 -r 60"
  twiggy dominators -d 3 -r 60 "$NAMED"
  echo
  echo "## twiggy monos"
  twiggy monos -m 15 "$NAMED"
  echo
  echo "## twiggy garbage"
  twiggy garbage "$NAMED"
} > "$OUT/twiggy.txt"
echo "twiggy report: target/bench/twiggy.txt"
