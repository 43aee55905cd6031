# monrecap — the two commands a fresh machine needs: `make build` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The Debian tools a target needs (.ci/system-tools): installed on Debian as root, else make
# stops at once with one line naming them and the command that installs them (exit 2).
system_tools = $(eval _missing := $(shell .ci/system-tools $(1)))$(if $(_missing),$(error $(_missing)))

.PHONY: build test clean bench docs golden release fuzz mutate

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m compileall -q src  # editable installs are not byte-compiled
	touch $(STAMP)

# The system tools first, before any work: never a wall of failing tests.
build:
	$(call system_tools,build)
	$(MAKE) --no-print-directory $(STAMP)
	$(BIN)/monrecap build v11

golden: $(STAMP)
	MONRECAP_GOLDEN=1 $(BIN)/python -m pytest tests/test_cases.py tests/test_history.py
	git --no-pager diff --stat tests/cases tests/data

test:
	$(call system_tools,test)
	$(MAKE) --no-print-directory $(STAMP)
	$(BIN)/python -m pytest

# More cases of the property-based tests over every input format (a few hundred run in make test).
fuzz:
	$(call system_tools,test)
	$(MAKE) --no-print-directory $(STAMP)
	MONRECAP_FUZZ=1 $(BIN)/python -m pytest -m fuzz

# Mutation run over the modules where a wrong answer hurts a person or a print run (issue 25):
# a report, not a gate, and long (hours for every module on 2 cores); not part of make test.
# One module: make mutate MODULES=lint/sensitive.py. See mutation/mutate.py.
mutate:
	$(call system_tools,test)
	$(MAKE) --no-print-directory $(STAMP)
	$(BIN)/python -c "import cosmic_ray, coverage" 2>/dev/null || \
	    $(BIN)/python -m pip install --quiet -e '.[dev,mutate]'
	$(BIN)/python mutation/mutate.py $(MODULES)

release: $(STAMP)
	$(BIN)/monrecap release

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	# Bytecode written first, as an installed wheel has it: cold runs measure the work,
	# not compiling the sources (PYTHONDONTWRITEBYTECODE would make every run compile).
	$(BIN)/python -m compileall -q src/monrecap
	$(BIN)/python bench/bench_typst.py
	$(BIN)/python bench/bench_table.py
	$(BIN)/python bench/bench_build.py
	$(BIN)/python bench/bench_impose.py
	$(BIN)/python bench/bench_diff.py
	$(BIN)/python bench/bench_check.py
	$(BIN)/python bench/bench_release.py
	$(BIN)/python bench/bench_lint.py
	$(BIN)/python bench/bench_orders.py
	$(BIN)/python bench/bench_feedback.py
	$(BIN)/python bench/bench_watch.py

# README pictures: v11's cover and one inner spread, and every version side by side.
docs: $(STAMP)
	$(BIN)/monrecap build --all --quiet
	$(BIN)/python docs/make_pictures.py dist/v11/monrecap-v11.pdf docs
	$(BIN)/monrecap build v11 --layout a5 --quiet
	$(BIN)/python docs/make_pictures.py --large-print dist/v11/monrecap-v11.pdf \
	    dist/v11/monrecap-v11-a5.pdf docs
	$(BIN)/python docs/make_history.py dist docs/history.png
	$(BIN)/monrecap release
	cp dist/release/v11-atelier-sra3-a6/proof.png docs/proof.png
	$(BIN)/monrecap lint --all --chart dist/lint-trend.pdf > /dev/null
	$(BIN)/python -c "import pypdfium2 as p; p.PdfDocument('dist/lint-trend.pdf')[0].render(scale=1.2).to_pil().save('docs/lint-trend.png')"
	$(BIN)/monrecap impose dist/v11/monrecap-v11.pdf --profile atelier-sra3-a6 \
	    -o dist/plan-sra3.pdf --preview docs/plan-sra3.png
	$(BIN)/python -c "import pypdfium2 as p; p.PdfDocument('dist/v11/monrecap-v11-atelier-sra3-a6.pdf')[0].render(scale=30/72).to_pil().save('docs/sheet-sra3.png')"
	$(BIN)/python docs/make_production.py docs
	$(BIN)/python docs/make_risk_map.py docs/risk-map.png
	docs/make_feedback_pictures.sh
	$(BIN)/python docs/make_blocks.py docs/blocks
	docs/make_impact_pictures.sh

clean:
	rm -rf dist $(VENV) .pytest_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
