# Two commands matter: `make demo` and `make test`. Each creates .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The demo needs the library and matplotlib only; the tests add the development tools.
DEMO_STAMP := $(VENV)/.demo-installed

.PHONY: demo test docs notebook lint bench clean

$(DEMO_STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[plot]'
	touch $@

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP) $(DEMO_STAMP)

demo: $(DEMO_STAMP)
	$(BIN)/innovplan report
	$(BIN)/innovplan report --as-of 2023-08-06 --format html --out out
	@echo "HTML report as of 2023-08-06, plots inside: out/report.html"
	@echo
	@echo "China's 14th Five-Year Plan at mid-term, as of 2024-02-29 (the day the 2023 figures came out):"
	$(BIN)/innovplan report --dataset china-14th-fyp --as-of 2024-02-29

docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --site-dir site
	@echo "Documentation site: site/index.html"

notebook: $(STAMP)
	$(BIN)/python -m pip install --quiet jupyterlab
	@# Jupyter refuses to start as root unless told; containers often run as root.
	$(BIN)/jupyter lab $$(test "$$(id -u)" = 0 && echo --allow-root) examples/wuhan_2023.ipynb

test: $(STAMP)
	$(BIN)/python -m pytest
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy --strict src tests/typing

lint: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Benchmarks compare with peers (statsforecast, statsmodels) that pull in scipy:
# they get a venv of their own so that .venv shows what users of the library get.
BENCH_VENV := .venv-bench
$(BENCH_VENV)/.installed: pyproject.toml
	test -x $(BENCH_VENV)/bin/python || $(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(BENCH_VENV)/bin/python -m pip install --quiet -e '.[bench]'
	touch $@

bench: $(BENCH_VENV)/.installed
	$(BENCH_VENV)/bin/python benchmarks/bench_assess.py
	$(BENCH_VENV)/bin/python benchmarks/bench_forecast.py

clean:
	rm -rf $(VENV) $(BENCH_VENV) out site build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis
