# The two commands in the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format bench clean messages release

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the dependency list changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

run: $(VENV)/.installed
	$(BIN)/townhall demo --bind $(HOST):$(PORT)

test: $(VENV)/.installed-test
	$(BIN)/ruff format --check src tests bench tools
	$(BIN)/ruff check src tests bench tools
	$(BIN)/pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff format --check src tests bench tools
	$(BIN)/ruff check src tests bench tools

format: $(VENV)/.installed-test
	$(BIN)/ruff format src tests bench tools
	$(BIN)/ruff check --fix src tests bench tools

bench: $(VENV)/.installed-test
	$(BIN)/python bench/pages.py
	$(BIN)/python bench/comments.py

# After marking or changing interface strings: brings every catalogue up to date (new strings
# untranslated, to be filled in; docs/translating.md) and compiles them. Needs GNU gettext.
LANGS = $(shell $(BIN)/python -c "import tests.settings; print(' '.join('-l ' + c for c, _ in tests.settings.LANGUAGES[1:]))")
messages: $(VENV)/.installed-test
	cd src/townhall && DJANGO_SETTINGS_MODULE=tests.settings PYTHONPATH=../.. ../../$(BIN)/django-admin makemessages $(LANGS) --ignore 'demo/*' --add-location file --no-obsolete
	cd src/townhall && DJANGO_SETTINGS_MODULE=tests.settings PYTHONPATH=../.. ../../$(BIN)/django-admin compilemessages

# `make release VERSION=0.16.0`: raises the version in src/townhall/version.py and dates
# CHANGELOG.md's Unreleased section; prints the git commands to run (docs/upgrading.md).
release:
	$(PYTHON) tools/release.py "$(VERSION)"

clean:
	rm -rf $(VENV) build src/*.egg-info
