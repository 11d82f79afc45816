# Two commands do all the set-up on a fresh machine:
#   make map    create .venv, install geo, map the bundled seeds/ into output/map.html
#   make test   install geo with its test tools and run the whole suite (lint, unit, browser, accuracy)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: map test install lint format clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

install: $(BIN)/.installed

map: install
	$(BIN)/geo map seeds --out output

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check geo tests bench

test: lint
	$(BIN)/python -m pytest

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format geo tests bench

clean:
	rm -rf output .pytest_cache .ruff_cache
