# gcore-streaming: the two commands are `make demo` and `make test` (see README.md).
SHELL := /bin/bash
.DEFAULT_GOAL := help
export PATH := $(HOME)/.cargo/bin:$(PATH)
DEMO_PORT ?= 8080
SANDBOX_PORT ?= 8787
TEST_SERVER_PORT ?= 8790

.PHONY: help setup pkg demo test lint test-host test-wasm test-pkg sizes test-e2e

help:
	@echo "make demo   set up what is missing, build the package and serve the demo on 127.0.0.1:$(DEMO_PORT)"
	@echo "make test   set up what is missing and run the whole test suite"
	@echo "make pkg    build the npm package into pkg/"

setup:
	@bash scripts/setup.sh

pkg: setup
	@bash scripts/build-pkg.sh

demo: pkg
	@DEMO_PORT=$(DEMO_PORT) SANDBOX_PORT=$(SANDBOX_PORT) bash scripts/demo.sh

lint: setup
	cargo fmt --all --check
	cargo clippy --locked --all-targets -- -D warnings
	cargo clippy --locked --lib --target wasm32-unknown-unknown --no-default-features -- -D warnings
	cargo clippy --locked --lib --target wasm32-unknown-unknown --no-default-features --features client -- -D warnings
	cargo clippy --locked --lib --target wasm32-unknown-unknown --no-default-features --features sandbox -- -D warnings
	cargo clippy --locked --all-targets --target wasm32-unknown-unknown -- -D warnings

test-host: setup
	cargo test --locked

test-wasm: setup
	@bash scripts/with-servers.sh cargo test --locked --target wasm32-unknown-unknown --tests

test-pkg: pkg
	@bash scripts/with-servers.sh bash scripts/test-pkg.sh

test-e2e: pkg
	cargo build --quiet --locked --release --bin gcore-streaming-sandbox
	node --test --test-reporter=spec tests/e2e/demo.test.mjs

sizes: pkg
	@node scripts/sizes.mjs --check

test: lint test-host test-wasm test-pkg sizes
	@echo "make test: all passed"
