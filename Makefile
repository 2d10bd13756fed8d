# `make run` serves the app on the sample district; `make test` runs every test.
# Streamlit reads its own settings from the environment (STREAMLIT_SERVER_PORT, ...), so none are fixed here.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# pytest-xdist processes for `make test`; `make test TEST_WORKERS=0` runs the suite in one process.
TEST_WORKERS ?= auto

.PHONY: run test bench load lint

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.testing: $(VENV)/.runtime requirements-test.txt
	$(PY) -m pip install --quiet -r requirements-test.txt
	touch $@

run: $(VENV)/.runtime
	$(PY) serve.py

test: $(VENV)/.testing
	$(PY) -m ruff check .
	$(PY) -m pytest -q -n $(TEST_WORKERS) --dist loadgroup

# `make bench` measures 100k and 1M rows; `make bench BENCH=--large` adds 10M (long: a quiet machine, please).
bench: $(VENV)/.testing
	$(PY) -m benchmarks.run $(BENCH)

# 20 browser sessions at once against a server it starts and stops (needs Chromium at /usr/bin/chromium).
load: $(VENV)/.testing
	$(PY) -m benchmarks.load --sessions 20
