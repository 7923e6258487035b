# One-command entry points. `make reproduce` and `make test` are the README's two commands.
VENV   ?= .venv
PYTHON ?= python3
CORES  ?= all
BIN    := $(abspath $(VENV))/bin
export PATH := $(BIN):$(PATH)

.PHONY: help install install-test reproduce smoke paper test test-all lint report ui clean

help:          ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --upgrade pip
	$(BIN)/python -m pip install "torch==2.13.0"   # CPU build; see README for GPUs
	$(BIN)/python -m pip install -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install -e ".[test]"
	touch $@

install: $(VENV)/.installed                ## create .venv and install the project (CPU torch)

install-test: $(VENV)/.installed-test      ## install with the test extras

reproduce: install                         ## quick profile: every claim, results/ (CPU, offline)
	snakemake --cores $(CORES)
	@echo "report: results/report.md   claims: results/claims.json   MLflow: make ui"

smoke: install                             ## tiny end-to-end run into results-smoke/
	snakemake --cores $(CORES) --configfile config/smoke.yaml --config results=results-smoke

paper: install                             ## paper profile, locally (see README for SLURM)
	snakemake --cores $(CORES) --configfile config/paper.yaml

report: install                            ## Snakemake's self-contained HTML report
	snakemake --report results/report.html

test: install-test                         ## the default test suite (unit, smoke, workflow)
	python -m pytest

test-all: install-test                     ## also the slow tests
	python -m pytest -m ""

ui: install                                ## MLflow UI on the local store (http://127.0.0.1:5000)
	mlflow ui --backend-store-uri sqlite:///$(abspath results)/mlflow.db

clean:                                     ## remove results/ and Snakemake's state (keeps .venv)
	rm -rf results/* .snakemake results-smoke
	git checkout -- results/README.md
