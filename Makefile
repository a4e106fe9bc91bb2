# `make serve`: build pkg/ and serve the admin form page (www/) on 127.0.0.1.
# `make test`: everything CI runs. Both install what they need first (scripts/setup).
.PHONY: setup pkg test lint test-rust test-js serve

setup:
	@scripts/setup

pkg: setup
	@scripts/build-pkg

lint: setup
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown -- -D warnings

test-rust: setup
	cargo test --quiet

test-js: pkg
	node --test tests/js/

test: lint test-rust test-js

serve: pkg
	node www/serve.mjs
