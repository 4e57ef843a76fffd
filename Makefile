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
GENERATED := generated/heymarket_api
GENERATE = openapi-python-client generate --path $(SPEC) --config generator-config.yaml \
	--custom-template-path templates \
	--meta none --overwrite --fail-on-warning

.PHONY: help install regenerate check-generated lint typecheck pytest test demo

help:
	@echo "make demo             run the quickstart tour on the embedded sandbox"
	@echo "make test             lint, typecheck, check-generated and the test suite"
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

regenerate: install
	$(GENERATE) --output-path $(GENERATED)
	touch $(GENERATED)/py.typed

check-generated: install
	tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(GENERATE) --output-path "$$tmp/heymarket_api" >/dev/null; \
	touch "$$tmp/heymarket_api/py.typed"; \
	if ! diff -r -x __pycache__ $(GENERATED) "$$tmp/heymarket_api"; then \
		echo "$(GENERATED) is out of date with $(SPEC): run 'make regenerate'" >&2; exit 1; \
	fi; \
	echo "check-generated: $(GENERATED) matches $(SPEC)"

lint: install
	spectral lint $(SPEC) --ruleset .spectral.yaml --fail-severity warn
	openapi-spec-validator $(SPEC)
	ruff check heymarket_typed tests examples
	ruff format --check heymarket_typed tests examples

typecheck: install
	mypy

pytest: install
	pytest

test: lint typecheck check-generated pytest

demo: install
	@echo "make demo arrives with the sandbox (issue 4)."
