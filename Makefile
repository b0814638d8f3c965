# SBPlanner — build, test, package and deploy.
#
# On a fresh Debian/Ubuntu machine the whole set-up is one of:
#     make demo     # installs QGIS + Python deps, runs the pipeline on the Youwuzhen demo watershed
#                   # and on the synthetic steep-cropland case
#     make test     # installs QGIS + Python deps, runs unit tests and QGIS tests
# Both are idempotent: a second run skips the set-up (stamp file in .venv/).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

PLUGIN        := sbplanner_plugin
SYSTEM_PYTHON ?= /usr/bin/python3
VENV          ?= .venv
PY            := $(VENV)/bin/python
STAMP         := $(VENV)/.sbplanner-setup.stamp
VERSION       := $(shell sed -n 's/^version=//p' metadata.txt)
BUILD_DIR     := build
STAGE         := $(BUILD_DIR)/$(PLUGIN)
DIST_DIR      ?= dist
DIST_ZIP      := $(DIST_DIR)/$(PLUGIN)-$(VERSION).zip
DEMO_OUT      ?= demo-output
QGIS_PROFILE_DIR ?= $(HOME)/.local/share/QGIS/QGIS3/profiles/default
DEPLOY_DIR    := $(QGIS_PROFILE_DIR)/python/plugins/$(PLUGIN)
PYTEST_ARGS   ?=

SUDO     := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_GET  := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get
APT_BASE := qgis python3-qgis qgis-providers python3-venv
APT_DEV  := xvfb qttools5-dev-tools pyqt5-dev-tools
APT_SHOTS := xvfb imagemagick xdotool fonts-noto-cjk
# shapely is built from source against the system GEOS: its pip wheel bundles its own GEOS, which
# clashes with QGIS's inside the qgis / qgis_process executables (crash).
# libgomp1: GNU OpenMP, which numba's thread-safe "omp" layer needs for our multi-threaded kernels.
APT_BUILD := gcc g++ python3-dev libgeos-dev libgomp1
FROM_SOURCE := shapely

# venv site-packages (where pip put the deps); QGIS' own Python sees it through deps_path.txt
VENV_SITE = $(shell $(PY) -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')

.PHONY: help setup setup-system setup-dev setup-shots demo test test-unit test-qgis lint format stage package \
        deploy undeploy transup transcompile clean

help: ## list the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | sort | \
	  awk 'BEGIN {FS = ":.*## "}; {printf "  \033[36m%-14s\033[0m %s\n", $$1, $$2}'

# ---------------------------------------------------------------------------------------------
# set-up

setup: $(STAMP) ## install QGIS (apt, when missing), make .venv, pip-install the pinned deps

setup-system: ## apt-get install QGIS + python3-qgis + python3-venv when missing
	@if command -v qgis_process.bin >/dev/null 2>&1 \
	    && $(SYSTEM_PYTHON) -c 'import qgis.core, ensurepip' >/dev/null 2>&1; then \
	  echo "QGIS and python3-qgis: present"; \
	else \
	  echo "Installing QGIS from apt: $(APT_BASE)"; \
	  $(APT_GET) update && $(APT_GET) install -y --no-install-recommends $(APT_BASE); \
	fi
	@if command -v gcc >/dev/null && command -v g++ >/dev/null && command -v geos-config >/dev/null \
	    && ldconfig -p | grep -q libgomp.so.1 \
	    && [ -f /usr/include/python3.11/Python.h -o -n "$$(ls /usr/include/python3*/Python.h 2>/dev/null)" ]; then \
	  echo "build tools and GEOS headers: present"; \
	else \
	  echo "Installing build tools for shapely: $(APT_BUILD)"; \
	  $(APT_GET) update && $(APT_GET) install -y --no-install-recommends $(APT_BUILD); \
	fi

setup-dev: setup ## also the tools for screenshots and translations (xvfb, lrelease, pylupdate5)
	@if command -v Xvfb >/dev/null && command -v lrelease >/dev/null && command -v pylupdate5 >/dev/null; then \
	  echo "xvfb, lrelease, pylupdate5: present"; \
	else \
	  $(APT_GET) update && $(APT_GET) install -y --no-install-recommends $(APT_DEV); \
	fi

setup-shots: setup-dev ## also the tools docs/screenshots/shoot.sh needs (imagemagick, xdotool, fonts-noto-cjk: else Chinese shows as boxes)
	@if command -v import >/dev/null && command -v xdotool >/dev/null && fc-list | grep -qi "Noto Sans CJK"; then \
	  echo "imagemagick, xdotool, fonts-noto-cjk: present"; \
	else \
	  $(APT_GET) update && $(APT_GET) install -y --no-install-recommends $(APT_SHOTS); \
	fi

$(STAMP): requirements.txt requirements-dev.txt requirements-tiled.txt constraints.txt
	@$(MAKE) --no-print-directory setup-system
	@if [ ! -x $(PY) ]; then \
	  echo "Creating $(VENV) (with the system site packages, for qgis and osgeo)"; \
	  $(SYSTEM_PYTHON) -m venv --system-site-packages $(VENV); \
	fi
	PIP_USE_FEATURE=no-binary-enable-wheel-cache $(PY) -m pip install --disable-pip-version-check -q \
	  --no-binary $(FROM_SOURCE) -c constraints.txt -r requirements.txt -r requirements-dev.txt \
	  -r requirements-tiled.txt
	@# a venv made earlier may still hold the binary wheel (it ships a shapely.libs/ folder)
	@if [ -d $(VENV_SITE)/shapely.libs ]; then \
	  echo "Rebuilding shapely against the system GEOS"; \
	  PIP_USE_FEATURE=no-binary-enable-wheel-cache $(PY) -m pip install --disable-pip-version-check -q \
	    --force-reinstall --no-deps \
	    --no-binary $(FROM_SOURCE) -c constraints.txt shapely; \
	fi
	$(PY) -c 'import numpy, pandas, shapely, numba, pyflwdir, openpyxl, docx, qgis.core; from osgeo import gdal_array; \
	  print("deps OK: numpy", numpy.__version__, "pandas", pandas.__version__, "shapely", shapely.__version__, \
	        "numba", numba.__version__, "pyflwdir", pyflwdir.__version__, "QGIS", qgis.core.Qgis.QGIS_VERSION)'
	@touch $@

# ---------------------------------------------------------------------------------------------
# run

demo: setup ## steps 1-4 headless on Youwuzhen and the steep-cropland case -> demo-output/ (plans, .qgz, CSV tables)
	QT_QPA_PLATFORM=offscreen $(PY) $(PLUGIN)/demo/run_demo.py --output $(DEMO_OUT)

# pytest exits 5 when it collects no test: make treats that as a failure, as it should.
test: test-unit test-qgis ## unit tests (no QGIS) then QGIS tests (pytest-qgis, offscreen)

test-unit: setup ## unit tests only, with the pytest-qgis plugin disabled
	$(PY) -m pytest -p no:qgis tests/unit $(PYTEST_ARGS)

test-qgis: setup-dev ## QGIS tests only (real QGIS, offscreen; lrelease for the zh_CN runtime tests)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest tests/qgis $(PYTEST_ARGS)

lint: setup ## ruff check; flake8-qgis's QGIS 4 (Qt6) rules; bandit, high severity (the plugin repository's scan)
	$(PY) -m ruff check $(PLUGIN) tests $(wildcard bench)
	$(PY) -m flake8 --select=QGS4 $(PLUGIN)
	$(PY) -m bandit -q -r $(PLUGIN) -lll

format: setup ## ruff format (rewrites files)
	$(PY) -m ruff format $(PLUGIN) tests $(wildcard bench)

# ---------------------------------------------------------------------------------------------
# translations

TS_FILES := $(wildcard i18n/*.ts)

transup: ## refresh i18n/sbplanner_zh_CN.ts from every tr() in the sources (pylupdate5)
	@command -v pylupdate5 >/dev/null || $(MAKE) --no-print-directory setup-dev
	@mkdir -p i18n
	pylupdate5 -noobsolete -verbose $$(find $(PLUGIN) \( -name '*.py' -o -name '*.ui' \) \
	  -not -path '*/__pycache__/*' -not -name 'resources_rc.py' -not -name 'ui_*.py' | sort) \
	  -ts i18n/sbplanner_zh_CN.ts

transcompile: ## compile i18n/*.ts into .qm (lrelease; .qm files are not committed)
	@command -v lrelease >/dev/null || $(MAKE) --no-print-directory setup-dev
	@if ls i18n/*.ts >/dev/null 2>&1; then lrelease -silent i18n/*.ts; else echo "no i18n/*.ts yet"; fi

# ---------------------------------------------------------------------------------------------
# package / deploy

# $(PLUGIN)/demo (the `make demo` command line, run from the source tree) is not part of the plugin:
# nothing in the plugin imports it (tests/unit/test_architecture.py), tests/unit/test_packaging.py
# checks the staged tree.
stage: transcompile ## build/sbplanner_plugin: package (without demo/) + metadata.txt + LICENSE + resources + .qm + docs/guide
	rm -rf $(STAGE)
	mkdir -p $(STAGE)/i18n
	tar -C . --exclude='__pycache__' --exclude='*.pyc' --exclude='tests' --exclude='deps_path.txt' \
	  --exclude='$(PLUGIN)/demo' -cf - $(PLUGIN) | tar -C $(BUILD_DIR) -xf -
	cp metadata.txt LICENSE README.md CHANGELOG.md $(STAGE)/
	tar -C . --exclude='__pycache__' --exclude='*.aux.xml' -cf - resources | tar -C $(STAGE) -xf -
	if ls i18n/*.qm >/dev/null 2>&1; then cp i18n/*.qm $(STAGE)/i18n/; fi
	@# the user guide (Plugins ▸ SBPlanner ▸ Manual, gui/manual.py) and only the screenshots it shows
	mkdir -p $(STAGE)/docs/img
	tar -C . -cf - docs/guide | tar -C $(STAGE) -xf -
	for img in $$(grep -ohE '\.\./\.\./img/[A-Za-z0-9_.-]+\.png' docs/guide/*/index.md | sort -u); do \
	  cp docs/img/$${img##*/} $(STAGE)/docs/img/; done
	@test -f $(STAGE)/__init__.py || { echo "error: $(PLUGIN)/__init__.py is missing" >&2; exit 1; }
	@echo "staged $(STAGE) (version $(VERSION))"

package: stage ## dist/sbplanner_plugin-<version>.zip for Plugin Manager ▸ Install from ZIP
	@mkdir -p $(DIST_DIR)
	rm -f $(DIST_ZIP)
	cd $(BUILD_DIR) && $(SYSTEM_PYTHON) -m zipfile -c $(abspath $(DIST_ZIP)) $(PLUGIN)
	@unzip -l $(DIST_ZIP) | grep -E ' $(PLUGIN)/(metadata.txt|__init__.py|LICENSE)$$' >/dev/null \
	  || { echo "error: $(DIST_ZIP) lacks $(PLUGIN)/metadata.txt, __init__.py or LICENSE" >&2; exit 1; }
	@echo "built $(DIST_ZIP)"

deploy: setup stage ## install into $(QGIS_PROFILE_DIR) and point the plugin at .venv's packages
	rm -rf $(DEPLOY_DIR)
	mkdir -p $(dir $(DEPLOY_DIR))
	cp -r $(STAGE) $(DEPLOY_DIR)
	@printf '# written by make deploy: folders SBPlanner adds to sys.path (deps.py)\n%s\n' \
	  "$(abspath $(VENV_SITE))" > $(DEPLOY_DIR)/deps_path.txt
	@echo "deployed to $(DEPLOY_DIR); Python deps from $(abspath $(VENV_SITE))"
	@echo "enable it in QGIS: Plugins ▸ Manage and Install Plugins ▸ Installed ▸ SBPlanner"

undeploy: ## remove the plugin from $(QGIS_PROFILE_DIR)
	rm -rf $(DEPLOY_DIR)

clean: ## remove build/, dist/, demo-output/, caches and compiled translations (keeps .venv)
	rm -rf $(BUILD_DIR) dist $(DEMO_OUT) .pytest_cache .ruff_cache i18n/*.qm
	find . -path ./$(VENV) -prune -o -name '__pycache__' -type d -prune -exec rm -rf {} +
