# dotterel — every target works from a clean clone with Python 3.11+ and make.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
RUN    := $(BIN)/python
DEV    := $(VENV)/.dev-installed
RT     := $(VENV)/.runtime-installed

.PHONY: demo test eval bench lint browser-deps clean lock

$(RUN):
	$(PYTHON) -m venv $(VENV)
	$(RUN) -m pip install --quiet --upgrade pip

$(RT): requirements.lock pyproject.toml | $(RUN)
	$(RUN) -m pip install --quiet --require-hashes -r requirements.lock
	$(RUN) -m pip install --quiet --no-deps -e .
	touch $@

$(DEV): requirements-dev.lock pyproject.toml | $(RUN)
	$(RUN) -m pip install --quiet --require-hashes -r requirements-dev.lock
	$(RUN) -m pip install --quiet --no-deps -e .
	touch $@ $(RT)

demo: $(RT)
	$(BIN)/dotterel demo

test: $(DEV) browser-deps
	$(RUN) -m pytest -q
	$(MAKE) --no-print-directory eval

eval: $(DEV)
	$(BIN)/dotterel evaluate --gate eval/floors.toml
	$(BIN)/dotterel evaluate-dedup eval/dedup/clusters.jsonl --gate eval/dedup/floors.toml

bench: $(RT)
	$(RUN) bench/run.py

lint: $(DEV)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy src

# The browser test drives Debian's Chromium; install it when we can (root on Debian).
browser-deps:
	@bash .ci/browser-deps.sh || echo "browser-deps: Chromium not installed; browser tests will skip"

lock:
	uv pip compile pyproject.toml --python-version 3.11 --generate-hashes -o requirements.lock -q
	uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -o requirements-dev.lock -q

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
