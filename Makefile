# Closer: two commands for everyone.
#   make course   set up (first time only) and open the course in JupyterLab
#   make test     set up with the test tools and run every test
# Facilitators: make course FACILITATOR=1 also shows nbgrader's Formgrader, its authoring tools and
# the course's Python package, which learners never see.
# and a few for course authors and facilitators:
#   make exercises         regenerate exercises/ (student versions) from solutions/
#   make lint              ruff lint and format check
#   make clean-notebooks   strip outputs and noisy metadata from every notebook
#   make lock              re-pin binder/requirements.txt from pyproject.toml (Binder's environment)
#   make bench             measure the course's speed as ratios (writes bench-results/, README)
#   make learner-edition   build the `learners` branch: the course without solutions or tests
#   make lite              build the browser edition, a static site in _site/ (JupyterLite: Python
#                          runs in the learner's browser; publish _site/ on any static host)
#   make lite-serve        serve _site/ on http://127.0.0.1:8000/ to try it (LITE_PORT=...)

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# nbgrader runs helper commands (alembic) that must come from the same environment.
export PATH := $(abspath $(BIN)):$(PATH)

PORT         ?= 8888
LITE_PORT    ?= 8000
JUPYTER_ARGS ?=
FACILITATOR  ?=
WELCOME      := /lab/tree/course/00_welcome.ipynb
ROOT_FLAG    := $(if $(filter 0,$(shell id -u)),--allow-root,)
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings/overrides.json
# The course's own JupyterLab layout (the notebook opens full width, the file browser one click
# away), kept in the venv so a learner's other JupyterLab sessions are never changed.
WORKSPACES   := $(abspath $(VENV))/share/jupyter/lab/workspaces
# What learners see: the notebooks without the Python package beside them, and no nbgrader
# authoring or Formgrader (config/learner). FACILITATOR=1 leaves the learner view out.
LEARNER_VIEW  = $(if $(FACILITATOR),,JUPYTER_CONFIG_PATH="$(CURDIR)/config/learner$${JUPYTER_CONFIG_PATH:+:$$JUPYTER_CONFIG_PATH}")
AXE          := tests/browser/node_modules/axe-core/axe.min.js
ASSIGNMENTS  := $(notdir $(wildcard solutions/*))

# What the browser edition is built from: rebuilt only when one of these changes.
LITE_INPUTS  := $(shell find course exercises lite -type f -not -path '*/__pycache__/*' \
                  -not -path '*/.ipynb_checkpoints/*' 2>/dev/null) \
                scripts/build_lite.py scripts/learner_edition.py config/lab-overrides.json pyproject.toml

.PHONY: course test exercises lint format clean-notebooks lock bench clean learner-edition lite lite-serve

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "Closer needs Python 3.10 or newer; set PYTHON=python3.x")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall whenever pyproject.toml changes.
$(VENV)/.installed-course: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test,lite]"
	@touch $@ $(VENV)/.installed-course $(VENV)/.installed-lite

$(VENV)/.installed-lite: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[lite]"
	@touch $@ $(VENV)/.installed-course

# JupyterLab settings for the course: no news or update checks (nothing leaves the machine), and
# a word when a cell is run before Python has started.
$(LAB_SETTINGS): config/lab-overrides.json | $(BIN)/python
	@mkdir -p $(dir $@)
	cp $< $@

$(VENV)/.workspace: config/workspace.json | $(VENV)/.installed-course
	$(BIN)/jupyter lab workspaces import --LabWorkspaceImportApp.workspaces_dir="$(WORKSPACES)" $<
	@touch $@

course: $(VENV)/.installed-course $(LAB_SETTINGS) $(VENV)/.workspace
	@echo ""
	@echo "Starting JupyterLab. If no browser opens, copy the address printed below"
	@echo "(it ends in $(WELCOME)?token=...) into your browser."
	@echo "$(if $(FACILITATOR),Facilitator view: nbgrader's Formgrader and authoring tools are shown.,Learner view. Facilitators: make course FACILITATOR=1 shows nbgrader's Formgrader.)"
	@echo "Press Ctrl+C twice to stop."
	@echo ""
	$(LEARNER_VIEW) $(BIN)/jupyter lab --port=$(PORT) --ServerApp.root_dir="$(CURDIR)" \
		--LabApp.default_url=$(WELCOME) --LabApp.workspaces_dir="$(WORKSPACES)" $(ROOT_FLAG) $(JUPYTER_ARGS)

# axe-core, for the accessibility checks of the browser suite.
$(AXE): tests/browser/package.json tests/browser/package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed for the accessibility tests (apt-get install -y npm)"; exit 1; }
	npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error
	@touch $@

# The browser edition: Pyodide from npm and wheels from PyPI, cached in .cache/lite/.
_site/.built: $(LITE_INPUTS) | $(VENV)/.installed-lite
	@command -v npm >/dev/null || { echo "npm and Node.js are needed to build the browser edition (apt-get install -y npm)"; exit 1; }
	$(BIN)/python scripts/build_lite.py
	@touch $@

lite: _site/.built

lite-serve: _site/.built
	$(BIN)/python scripts/serve_lite.py --port $(LITE_PORT)

test: $(VENV)/.installed-test $(LAB_SETTINGS) $(AXE) _site/.built
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

exercises: $(VENV)/.installed-course
	@test -n "$(ASSIGNMENTS)" || { echo "No assignments found in solutions/"; exit 1; }
	for a in $(ASSIGNMENTS); do $(BIN)/nbgrader generate_assignment "$$a" --force || exit 1; done

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean-notebooks: $(VENV)/.installed-course
	$(BIN)/python scripts/clean_notebooks.py course solutions exercises

bench: $(VENV)/.installed-test $(LAB_SETTINGS) _site/.built
	$(BIN)/python tests/benchmarks/run.py

# Binder's fully pinned environment, resolved for Python 3.11 (binder/runtime.txt).
lock: $(VENV)/.installed-test
	$(BIN)/pip-compile --quiet --upgrade --strip-extras --no-emit-index-url --no-emit-find-links \
		--no-emit-trusted-host --output-file binder/requirements.txt pyproject.toml

# What learners launch (Binder, nbgitpuller): the course without solutions/, tests or the
# facilitators' grading settings. Publish it with `git push origin learners`.
learner-edition:
	$(PYTHON) scripts/learner_edition.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis gradebook.db _site _site.new
