# Every target sets up what it needs: on a fresh clone, `make test` and `make demo` just work.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
# `.ci/run` also tests in other venvs: VENV=.venv-lowest CONSTRAINTS=constraints-lowest.txt.
VENV ?= .venv
CONSTRAINTS ?= constraints.txt
BIN := $(CURDIR)/$(VENV)/bin
# The generator's post-hooks call `ruff`: put the pinned one first on PATH.
export PATH := $(BIN):$(CURDIR)/node_modules/.bin:$(PATH)

SPEC := openapi/heymarket-contacts.yaml
GENERATED := generated/heymarket_typed_api
# Tests replay cassettes and may only reach loopback servers they start themselves.
PYTEST_OFFLINE := --record-mode=none --block-network --allowed-hosts=127.0.0.1,localhost

.PHONY: help install install-python install-node lock regenerate check-generated lint typecheck pytest test demo record bench soak

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
	@echo "make lock             re-resolve and pin the dev environment (constraints*.txt)"
	@echo "make lint | typecheck | install | install-python | install-node"

# Install in two halves: `make demo` needs only the Python one (no Node).
install: install-python install-node
install-python: $(VENV)/.installed
install-node: node_modules/.installed

# Every package of the venv comes from $(CONSTRAINTS), so every install gets the same versions
# (`make lock` rewrites it). The build backend is installed first, from the same file, so that
# building the editable project needs nothing unpinned. The runtime dependencies are also kept
# as wheels in $(VENV)/wheelhouse: the packaging test installs the built wheel from there
# without reaching a registry.
$(VENV)/.installed: pyproject.toml $(CONSTRAINTS)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -c $(CONSTRAINTS) pip hatchling editables
	$(BIN)/python -m pip install --quiet -c $(CONSTRAINTS) --no-build-isolation -e '.[dev]'
	rm -rf $(VENV)/wheelhouse
	$(BIN)/python -m pip download --quiet --only-binary=:all: -c $(CONSTRAINTS) \
		--dest $(VENV)/wheelhouse $$($(RUNTIME_DEPS))
	touch $@

node_modules/.installed: package.json package-lock.json .npmrc
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# The runtime dependencies as written in pyproject.toml, one per line.
RUNTIME_DEPS = $(PYTHON) -c 'import tomllib; \
	print(*tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"], sep="\n")'
# The same, each at its floor (`httpx>=0.27,<0.29` becomes `httpx==0.27`).
RUNTIME_FLOORS = $(RUNTIME_DEPS) | sed -E 's/^([A-Za-z0-9_.-]+).*>=([0-9.]+).*$$/\1==\2/'

# Resolve the dev environment afresh and pin every package of it: constraints.txt with the
# newest versions the ranges allow, constraints-lowest.txt with the runtime dependencies at
# their floors (what `.ci/run` also tests against). Run it after changing a dependency.
lock:
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	for which in newest lowest; do \
		out=constraints.txt; extra=""; \
		if [ $$which = lowest ]; then out=constraints-lowest.txt; extra=$$($(RUNTIME_FLOORS)); fi; \
		$(PYTHON) -m venv "$$tmp/$$which"; \
		"$$tmp/$$which/bin/python" -m pip install --quiet --upgrade pip; \
		"$$tmp/$$which/bin/python" -m pip install --quiet -e '.[dev]' $$extra; \
		{ echo "# Every package of the dev environment ($$which runtime dependencies), from"; \
		  echo "# 'make lock' on Python $$($(PYTHON) -c 'import platform; print(platform.python_version())'). Used as pip constraints by 'make install'."; \
		  "$$tmp/$$which/bin/python" -m pip freeze --all --exclude-editable; } > $$out; \
		echo "$$out: $$(grep -c '==' $$out) packages pinned"; \
	done

# All or nothing: tools/regenerate.py renders into a temporary folder and swaps it in only when
# the generator and the templates succeeded with no warning (see templates/README.md).
regenerate: install-python
	python -m tools.regenerate

check-generated: install-python
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

# The tour runs the embedded sandbox in its own process: no Node, no credentials to pass.
demo: install-python
	python examples/quickstart.py $(if $(filter 1,$(LIVE)),--live)

record: install
	@if [ "$${HEYMARKET_RECORD_LIVE:-}" != 1 ]; then rm -f cassettes/*.yaml; fi
	pytest tests/recorded/test_recorded_responses.py --record-mode=rewrite -p no:cacheprovider
	pytest tests/recorded/test_cassettes.py -p no:cacheprovider

soak: install
	HEYMARKET_SOAK=1 pytest tests/robustness tests/test_pacing_property.py $(PYTEST_OFFLINE)

bench: install
	python -m bench.run
