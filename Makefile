# Editors: `make publish`. Developers: `make test`. Both set themselves up.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
CONVERT_STAMP := $(VENV)/.installed-convert
# axe-core, the accessibility checker the browser tests put into pages: from
# npm, for the tests only (editors' `make publish` needs no npm).
AXE_VERSION := 4.14.1
AXE_STAMP := $(VENV)/npm/.axe-core-$(AXE_VERSION)
# The packages the site's fonts are cut from (scripts/subset_fonts.py pins the
# same versions). Only `make fonts` and the tests read them: the subset fonts
# are committed under docs/assets/fonts/.
FONT_PACKAGES := @expo-google-fonts/noto-sans@0.4.2 @expo-google-fonts/roboto-mono@0.4.2
FONTS_NPM := $(VENV)/fonts-npm
FONTS_STAMP := $(FONTS_NPM)/.noto-sans-0.4.2-roboto-mono-0.4.2

.PHONY: setup setup-convert setup-cluster publish check serve test fuzz lint clean browser-deps fonts

setup: $(STAMP)

# The converter extra (`models convert`: transformers and PyTorch); not for publish.
setup-convert: $(CONVERT_STAMP)

$(CONVERT_STAMP): requirements-convert.txt $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-convert.txt
	touch $@

# Reinstalls only when the pinned requirements change.
$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# The optional cluster extra (Ray, about 600 MB): `publish --cluster ADDRESS`.
CLUSTER_STAMP := $(VENV)/.installed-cluster
setup-cluster: $(CLUSTER_STAMP)

$(CLUSTER_STAMP): $(STAMP) requirements-cluster.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-cluster.txt
	touch $@

browser-deps:
	bash scripts/browser-deps

$(AXE_STAMP):
	npm install --prefix $(VENV)/npm --no-audit --no-fund --no-save axe-core@$(AXE_VERSION)
	touch $@

# A prefix of their own: a second `npm install --no-save` into one prefix
# removes what the first installed.
$(FONTS_STAMP):
	npm install --prefix $(FONTS_NPM) --no-audit --no-fund --no-save $(FONT_PACKAGES)
	touch $@

# Remakes docs/assets/fonts/ (commit the result).
fonts: setup $(FONTS_STAMP)
	$(PY) scripts/subset_fonts.py

publish: setup
	$(PY) -m pipeline publish $(if $(STRICT),--strict) $(if $(RETRANSLATE),--retranslate-machine) $(if $(CLUSTER),--cluster $(CLUSTER))

# For CI: fails when translation files or pages are not what the inputs give.
check: setup
	$(PY) -m pipeline publish --check

serve: publish
	$(VENV)/bin/mkdocs serve --livereload

test: setup browser-deps $(AXE_STAMP) $(FONTS_STAMP)
	$(PY) -m pytest

# Long random runs of the property tests (CI's runs are derandomized: see
# tests/conftest.py). A failure prints the @reproduce_failure line to replay it.
fuzz: setup
	env -u CI $(PY) -m pytest -p no:cacheprovider --hypothesis-profile=fuzz tests/test_properties.py

lint: setup
	$(VENV)/bin/ruff check pipeline tests bench overrides/hooks
	$(VENV)/bin/ruff format --check pipeline tests bench overrides/hooks
	$(VENV)/bin/mypy

clean:
	rm -rf site docs/ru docs/kk docs/en .pytest_cache .mypy_cache .ruff_cache
