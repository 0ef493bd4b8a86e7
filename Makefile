# Entry point. `make serve` and `make test` set everything up from a fresh clone.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build pdf check test offline vendor vendor-mermaid bench clean

# Under serve, diagrams are drawn in the browser (mermaid2 + Material): no Chromium needed to write.
serve: $(VENV)/.site-deps
	$(BIN)/mkdocs serve --dev-addr $(HOST)

# The published build draws every diagram to SVG in headless Chromium.
build: $(VENV)/.site-deps
	./scripts/ensure_chromium.sh
	$(BIN)/python scripts/build_site.py

# The build writes the handbook too; this target says where it is.
pdf: build
	@echo "Handbook: site/handbook.pdf"

# A zip of the site that works opened from disk: dist/system-design-blueprints-offline.zip.
offline: $(VENV)/.site-deps
	./scripts/ensure_chromium.sh
	$(BIN)/python scripts/build_offline.py

check: $(VENV)/.site-deps
	$(BIN)/python scripts/check_blueprints.py $(or $(PAGES),docs)

test: $(VENV)/.test-deps
	./scripts/ensure_chromium.sh
	./scripts/ensure_poppler.sh
	$(BIN)/python -m pytest

vendor vendor-mermaid: $(VENV)/.site-deps
	$(BIN)/python scripts/vendor.py

# Not part of `make test`: Lighthouse, build times and page weight, written to bench/results.md.
bench: $(VENV)/.site-deps bench/node_modules/.installed
	./scripts/ensure_chromium.sh
	$(BIN)/python scripts/bench.py

bench/node_modules/.installed: bench/package.json bench/package-lock.json
	cd bench && npm ci --no-audit --no-fund --silent
	@touch $@

clean:
	rm -rf site .site.building .site.previous .cache .pytest_cache dist

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is required")'
	@$(PYTHON) -m venv $(VENV) || { \
	  echo "Could not create a virtual environment. On Debian or Ubuntu: sudo apt-get install python3-venv"; \
	  rm -rf $(VENV); exit 1; }

$(VENV)/.site-deps: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.test-deps: requirements-test.txt $(VENV)/.site-deps
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	@touch $@
