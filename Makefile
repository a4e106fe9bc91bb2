# `make serve`: build pkg/ and serve the admin form page (www/) on 127.0.0.1.
# `make test`: everything CI runs. Both install what they need first (scripts/setup).
# `make bench`: the benchmark, written into BENCHMARKS.md; `make bench-profile`: where time and bytes go.
# `make fuzz FUZZ_SECONDS=1800`: the long fuzz campaign (per target); `make fuzz-diff`: the fuzzers'
# corpus through the Django reference harness and pkg/; `make fuzz-wasm FUZZ_WASM_SECONDS=600`: the
# targets' properties on pkg/ over the corpus and its mutations, beside the harness (tests/fuzz/README.md).
.PHONY: setup pkg test lint test-rust test-reference test-locales test-js serve bench bench-setup bench-profile fuzz fuzz-smoke fuzz-diff fuzz-wasm

setup:
	@scripts/setup

pkg: setup
	@scripts/build-pkg

lint: setup
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --features all-locales -- -D warnings

test-rust: setup
	cargo test --quiet

# The reference harness itself: SPEC.md's examples, answered by real Django + DRF as SPEC states.
test-reference: setup
	cd tests/reference && .venv/bin/python harness.py --self-test

# Languages: the generated catalogs and per-locale cases are what real Django + DRF give today
# (regenerated and compared), and every catalog answers as the server does (feature all-locales).
test-locales: setup
	tests/reference/.venv/bin/python scripts/gen_locales.py --check
	tests/reference/.venv/bin/python tests/reference/make_locale_cases.py --check
	cargo test --quiet --features all-locales --test locales

# tests/hosts/: the package in bundlers, test runners, the READMEs' blocks and package linters,
# with their own pinned tools (tests/hosts/package-lock.json, installed by scripts/setup).
test-js: pkg
	node --test tests/js/ tests/hosts/

# A short run of each fuzz target; skips with a message without a nightly toolchain.
fuzz-smoke:
	tests/fuzz/run.sh 15

FUZZ_SECONDS ?= 1800
fuzz:
	tests/fuzz/run.sh $(FUZZ_SECONDS)

fuzz-diff: pkg
	node tests/fuzz/differential.mjs

# The short run is tests/js/fuzz-wasm.test.mjs, inside `make test`.
FUZZ_WASM_SECONDS ?= 600
fuzz-wasm: pkg
	node tests/fuzz/wasm.mjs --seconds $(FUZZ_WASM_SECONDS) --corpus --differential --seed $$(date +%s)

# The JS suites run last: their summary closes the output.
test: lint test-rust test-reference test-locales fuzz-smoke test-js

serve: pkg
	node www/serve.mjs

# The bench's own npm tools (ajv, valibot, zod, esbuild: tests/bench/package-lock.json); not the
# test suite's.
bench-setup:
	@cd tests/bench && (npm ls --silent >/dev/null 2>&1 || npm ci --no-audit --no-fund)

bench: pkg bench-setup
	cd tests/bench && node run.mjs

bench-profile: pkg bench-setup
	OPT_LEVELS="$${OPT_LEVELS:-z s 3}" tests/bench/wasm-sizes.sh
	cd tests/bench && node profile.mjs > ../../target/bench/profile.md
	cd tests/bench && node wasm-breakdown.mjs ../../target/bench/opt-z/named.wasm > ../../target/bench/wasm-breakdown.md
	cd tests/bench && node first-call.mjs ../../target/bench/opt-z/named.wasm > ../../target/bench/first-call.md
	@echo "wrote target/bench/profile.md, target/bench/wasm-breakdown.md, target/bench/first-call.md, target/bench/twiggy.txt"
