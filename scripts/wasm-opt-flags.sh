# wasm-opt's flags for what pkg/ ships, sourced by scripts/build-pkg and tests/bench/wasm-sizes.sh.
# --converge and the two strips: 230 B less once brotli'd (the sections are wasm-opt's input, not
# the engines'). --low-memory-unused and --ignore-implicit-traps (-iit): 243 B less. Both are
# assumptions Rust's output meets: its shadow stack sits below the data at 1 MiB and is bounded
# (src/body.rs MAX_DEPTH), so nothing lives in the low KiB; and a sound Rust program has no
# implicit trap to preserve (bounds and division are checked in code, panics end in an explicit
# `unreachable`, which -iit keeps).
# -ocimfs 20: a function of more than 20 bytes is not inlined into its one caller. -Oz would
# inline it whatever its size, which makes `judge` and `scan_top` hold every rare path; V8 compiles
# a function whole on its first call, so the typical first call compiled 38.5 KB of code where it
# now compiles 27.4 KB (−0.8 ms of cold start), and the module is 480 B smaller once brotli'd; the
# typical call's speed did not change (BENCHMARKS.md, round six).
WASM_OPT=(-Oz -ocimfs 20 --converge --low-memory-unused --ignore-implicit-traps --strip-producers --strip-target-features
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals)
