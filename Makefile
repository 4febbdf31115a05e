# Two commands on a fresh machine:  `make demo`  and  `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
# Reinstalled when pyproject.toml or the version (checker/__init__.py) changes: the installed metadata carries it.
STAMP   = $(VENV)/.installed-$(shell cat pyproject.toml checker/__init__.py | cksum | cut -d' ' -f1)

.PHONY: demo test install system-deps lint clean

$(STAMP): pyproject.toml checker/__init__.py
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

system-deps:
	bash scripts/install-system-deps.sh

demo: install
	$(BIN)/oitcheck demo

test: system-deps install
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check checker tests
	$(BIN)/ruff format --check checker tests
	$(BIN)/mypy

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
