# Marsad: `make demo` and `make test` work on a fresh machine with Python 3.11+ and the package registries.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test venv bench eval clean

$(BIN)/marsad: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(BIN)/marsad

venv: $(BIN)/marsad

demo: venv
	$(BIN)/marsad demo

test: venv
	$(BIN)/python -m pytest -q -n 2

eval: venv
	$(BIN)/marsad eval ../shared/eval/dev

bench: venv
	$(BIN)/python bench/bench_extract.py

clean:
	rm -rf $(VENV) build *.egg-info bench/out
