# gcore-streaming: the two commands are `make demo` and `make test` (see README.md).
SHELL := /bin/bash
.DEFAULT_GOAL := help
export PATH := $(HOME)/.cargo/bin:$(PATH)
DEMO_PORT ?= 8080
SANDBOX_PORT ?= 8787
TEST_SERVER_PORT ?= 8790
WORKER_PORT ?= 8788
WEBHOOK_SECRET ?= dev-secret

.PHONY: help setup pkg demo test lint docs test-host test-wasm test-pkg test-api test-e2e test-bench test-stacks sizes bench worker test-edge

help:
	@echo "make demo   set up what is missing, build the package and serve the demo on 127.0.0.1:$(DEMO_PORT)"
	@echo "make test   set up what is missing and run the whole test suite"
	@echo "make pkg    build the npm package into pkg/"
	@echo "make bench  build the package, run the benchmarks (one table; figures in target/bench.json)"
	@echo "make worker run the webhook receiver Worker in workerd on 127.0.0.1:$(WORKER_PORT) (WEBHOOK_SECRET, ALLOW_IPS)"
	@echo "make docs   the API reference (target/api, typedoc; every export documented) and the Markdown link check"
	@echo "make test-edge  the edge suite: Worker (workerd + Durable Objects), Node and Deno receivers, load test"

setup:
	@bash scripts/setup.sh

pkg: setup
	@bash scripts/build-pkg.sh

demo: pkg
	@DEMO_PORT=$(DEMO_PORT) SANDBOX_PORT=$(SANDBOX_PORT) bash scripts/demo.sh

lint: setup
	cargo fmt --all --check
	# The JS: the package's parts, the Rust code's JS modules (src/js/*.js) and the scripts parse.
	@for f in src/js/*.js pkg-template/*.js scripts/*.mjs benches/*.mjs; do node --check "$$f" || exit 1; done
	cargo clippy --locked --all-targets -- -D warnings
	cargo clippy --locked --lib --target wasm32-unknown-unknown --no-default-features -- -D warnings
	cargo clippy --locked --lib --target wasm32-unknown-unknown --no-default-features --features client -- -D warnings
	cargo clippy --locked --lib --target wasm32-unknown-unknown --no-default-features --features sandbox -- -D warnings
	cargo clippy --locked --all-targets --target wasm32-unknown-unknown -- -D warnings
	# The fuzz targets (their own workspace) keep compiling against the crate's API.
	cargo fmt --manifest-path fuzz/Cargo.toml --check
	cargo clippy --locked --manifest-path fuzz/Cargo.toml --bins -- -D warnings

test-host: setup
	cargo test --locked

test-wasm: setup
	@bash scripts/with-servers.sh cargo test --locked --target wasm32-unknown-unknown --tests

test-pkg: pkg
	node --test --test-reporter=spec tests/js/fetch_driver.test.mjs
	@bash scripts/with-servers.sh bash scripts/test-pkg.sh

# The whole API (scripts/gen-api.mjs): the generated files are current when the spec is at
# ../shared/spec/, and every method runs against Prism serving the spec with request validation on.
# The wire types (scripts/gen-wire.mjs, tests/api/wire.test.mjs): their declarations are current,
# and checked against Gcore's spec and webhook page when they are there.
test-api: pkg
	@bash scripts/check-api.sh
	node --test --test-reporter=spec tests/api/

test-e2e: pkg
	cargo build --quiet --locked --release --bin gcore-streaming-sandbox
	node --test --test-reporter=spec tests/e2e/demo.test.mjs

# The benchmarks' fairness checks (untimed): the zod and JS-reducer baselines do what the package does.
test-bench: pkg
	node --test --test-reporter=spec tests/bench/

# The packed tarball installed into the fixture projects of tests/stacks/ (Vite, Next.js, webpack,
# esbuild, Bun, Node require, Jest, Vitest, TypeScript, publint/attw), each built with its defaults.
test-stacks: pkg
	@bash scripts/test-stacks.sh

# The API reference (target/api/index.html), generated from the package's .d.ts by typedoc, which fails on
# any exported name without documentation; and every relative link and anchor of the Markdown files.
docs: pkg
	node_modules/.bin/typedoc --options scripts/typedoc.json --logLevel Warn
	node scripts/check-links.mjs

sizes: pkg
	@node scripts/sizes.mjs --check

bench: pkg
	node benches/run.mjs

test: lint test-host test-wasm test-pkg test-api test-edge test-e2e test-bench test-stacks docs sizes
	@echo "make test: all passed"

# The webhook receiver Worker (examples/cloudflare-worker) in workerd; state under examples/cloudflare-worker/.wrangler.
# The IP check is off unless ALLOW_IPS is set (comma-separated CIDRs, e.g. ALLOW_IPS=127.0.0.1/32).
worker: pkg
	@mkdir -p examples/cloudflare-worker/node_modules
	@ln -sfn ../../../pkg examples/cloudflare-worker/node_modules/gcore-streaming
	@echo "Webhook URL: http://127.0.0.1:$(WORKER_PORT)/webhooks/gcore/<WEBHOOK_SECRET>   (Ctrl-C to stop)"
	@cd examples/cloudflare-worker && WRANGLER_SEND_METRICS=false CLOUDFLARE_CF_FETCH_ENABLED=false \
	  exec ../../node_modules/.bin/wrangler dev --ip 127.0.0.1 --port $(WORKER_PORT) --log-level warn \
	  --var "WEBHOOK_SECRET:$(WEBHOOK_SECRET)" --var "ALLOW_IPS:$(or $(ALLOW_IPS),off)" \
	  $(if $(GCORE_API_URL),--var "GCORE_API_URL:$(GCORE_API_URL)" --var "GCORE_API_KEY:$(GCORE_API_KEY)")

test-edge: pkg
	cargo build --quiet --locked --release --bin gcore-streaming-sandbox
	node --test --test-concurrency=1 --test-reporter=spec tests/edge/
