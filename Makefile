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

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# nbgrader runs helper commands (alembic) that must come from the same environment.
export PATH := $(abspath $(BIN)):$(PATH)

PORT         ?= 8888
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

.PHONY: course test exercises lint format clean-notebooks lock bench clean learner-edition

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "Closer needs Python 3.10 or newer; set PYTHON=python3.x")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall whenever pyproject.toml changes.
$(VENV)/.installed-course: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
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

test: $(VENV)/.installed-test $(LAB_SETTINGS) $(AXE)
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

bench: $(VENV)/.installed-test $(LAB_SETTINGS)
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
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis gradebook.db
