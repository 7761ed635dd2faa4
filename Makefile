# mwmigrate: every target creates the venv and installs the project when needed.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: demo test bench realwp-up realwp-down lint clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(PY) scripts/demo.py

test: $(STAMP)
	$(VENV)/bin/ruff check --quiet --select F,E9 mwmigrate tests bench scripts
	$(PY) -m pytest -n 2 -q

bench: $(STAMP)
	$(PY) -m pip install --quiet -e '.[test,bench]'
	$(PY) bench/run.py

realwp-up: $(STAMP)
	bash scripts/realwp/up.sh

realwp-down:
	bash scripts/realwp/down.sh

lint: $(STAMP)
	$(VENV)/bin/ruff check mwmigrate tests bench scripts

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
