# One-command entry points. `make reproduce` and `make test` are the README's two commands.
VENV   ?= .venv
PYTHON ?= python3
CORES  ?= all
BIN    := $(abspath $(VENV))/bin
export PATH := $(BIN):$(PATH)

.PHONY: help install install-test reproduce smoke paper test test-integration test-all lint report ui lock clean

help:          ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# constraints.txt pins every package to the versions CI tested (`make lock` refreshes it);
# pyproject.toml keeps the loose ranges for people who embed the package.
$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --upgrade pip
	$(BIN)/python -m pip install "torch==2.13.0"   # CPU build; see README for GPUs
	$(BIN)/python -m pip install -c constraints.txt -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install -c constraints.txt -e ".[test]"
	$(BIN)/python -m pip install --no-deps "torchattacks==3.5.1"   # tests/benchmarks only; its deps would pull a CUDA torch
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

test-integration: install-test             ## real SLURM, MLflow server, UI in Chromium, faults (root; .ci/run)
	python -m pytest -m integration tests/integration

test-all: install-test                     ## also the slow tests
	python -m pytest -m ""

ui: install                                ## MLflow UI on results/mlflow.db (http://127.0.0.1:5000 only)
	python -m strategic ui --results results

LOCK_VENV ?= /tmp/strategic-lock-venv
lock:                                      ## refresh constraints.txt: newest versions pyproject allows
	rm -rf $(LOCK_VENV) && $(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --upgrade pip
	$(LOCK_VENV)/bin/python -m pip install "torch==2.13.0"   # the CPU build, as `install` does
	$(LOCK_VENV)/bin/python -m pip install ".[test]"
	{ echo "# pip constraints: the exact stack CI tested (make lock; torch: the CPU build first)."; \
	  $(LOCK_VENV)/bin/python -m pip freeze --exclude strategic | sed 's/^torch==\([0-9.]*\)+cpu$$/torch==\1/'; \
	} > constraints.txt
	rm -rf $(LOCK_VENV)

clean:                                     ## remove results/ and Snakemake's state (keeps .venv)
	rm -rf results/* .snakemake results-smoke
	git checkout -- results/README.md
