# monrecap — the two commands a fresh machine needs: `make build` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: build test clean bench docs golden

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m compileall -q src  # editable installs are not byte-compiled
	touch $(STAMP)

build: $(STAMP)
	$(BIN)/monrecap build v11

golden: $(STAMP)
	MONRECAP_GOLDEN=1 $(BIN)/python -m pytest tests/test_cases.py
	git --no-pager diff --stat tests/cases

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python bench/bench_build.py

# README pictures: the cover and one inner spread of v11, from the built PDF.
docs: build
	$(BIN)/python docs/make_pictures.py dist/v11/monrecap-v11.pdf docs

clean:
	rm -rf dist $(VENV) .pytest_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
