# Every target sets up what it needs: on a fresh clone, `make test` and `make demo` just work.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
# The generator's post-hooks call `ruff`: put the pinned one first on PATH.
export PATH := $(BIN):$(CURDIR)/node_modules/.bin:$(PATH)

SPEC := openapi/heymarket-contacts.yaml
GENERATED := generated/heymarket_typed_api
# Tests replay cassettes and may only reach loopback servers they start themselves.
PYTEST_OFFLINE := --record-mode=none --block-network --allowed-hosts=127.0.0.1,localhost

.PHONY: help install regenerate check-generated lint typecheck pytest test demo record bench soak

help:
	@echo "make demo             run the quickstart tour on the embedded sandbox"
	@echo "make test             lint, typecheck, check-generated and the test suite"
	@echo "make demo LIVE=1      the read-only part of the tour against the real API"
	@echo "make soak             the fault-injection suite with 10x the schedules"
	@echo "make bench            benchmarks; writes bench/RESULTS.md (a few minutes)"
	@echo "make record           re-record cassettes/ against the sandbox"
	@echo "                      (HEYMARKET_RECORD_LIVE=1: against the real API)"
	@echo "make regenerate       rebuild $(GENERATED) from $(SPEC)"
	@echo "make check-generated  fail if $(GENERATED) differs from what $(SPEC) produces"
	@echo "make lint | typecheck | install"

install: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json .npmrc
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

# All or nothing: tools/regenerate.py renders into a temporary folder and swaps it in only when
# the generator and the templates succeeded with no warning (see templates/README.md).
regenerate: install
	python -m tools.regenerate

check-generated: install
	python -m tools.regenerate --check

lint: install
	spectral lint $(SPEC) --ruleset .spectral.yaml --fail-severity warn
	openapi-spec-validator $(SPEC)
	ruff check heymarket_typed tests examples bench tools
	ruff format --check heymarket_typed tests examples bench tools

# mypy --strict on everything. The public interface must be fully typed for users' checkers
# too (pyright pinned in package.json; --ignoreexternal: httpx's own partly unknown types are
# not ours to fix). And mypy and pyright strict on a file written the way users write code
# against the SDK: both must find 0 errors.
CONSUMER := tests/consumer/naive_consumer.py

typecheck: install
	mypy
	@out=$$(pyright --verifytypes heymarket_typed --ignoreexternal 2>&1) || { echo "$$out"; exit 1; }; \
	echo "$$out" | grep "completeness score"
	pyright --pythonpath $(BIN)/python $(CONSUMER)

pytest: install
	pytest $(PYTEST_OFFLINE)

test: lint typecheck check-generated pytest

# The sandbox's credentials, for the demo's environment.
SANDBOX_ENV = python -c 'from heymarket_typed.testing import SANDBOX_SECRET_ID as i, \
	SANDBOX_SECRET_KEY as k; print(f"HEYMARKET_SECRET_ID={i} HEYMARKET_SECRET_KEY={k}")'

demo: install
ifeq ($(LIVE),1)
	python examples/quickstart.py --read-only
else
	@out=$$(mktemp); \
	python -m heymarket_typed.testing --port 0 --seed-contacts 300 > "$$out" & pid=$$!; \
	trap 'kill $$pid 2>/dev/null; wait $$pid 2>/dev/null; rm -f "$$out"' EXIT; \
	for _ in $$(seq 100); do [ -s "$$out" ] && break; sleep 0.1; done; \
	url=$$(head -n 1 "$$out"); \
	[ -n "$$url" ] || { echo "the sandbox did not start" >&2; exit 1; }; \
	echo "sandbox running at $$url"; \
	env -u HEYMARKET_API_KEY $$($(SANDBOX_ENV)) HEYMARKET_BASE_URL="$$url" \
		python examples/quickstart.py
endif

record: install
	@if [ "$${HEYMARKET_RECORD_LIVE:-}" != 1 ]; then rm -f cassettes/*.yaml; fi
	pytest tests/recorded/test_recorded_responses.py --record-mode=rewrite -p no:cacheprovider
	pytest tests/recorded/test_cassettes.py -p no:cacheprovider

soak: install
	HEYMARKET_SOAK=1 pytest tests/robustness $(PYTEST_OFFLINE)

bench: install
	python -m bench.run
