# Set-up is part of each target: a fresh clone needs only Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run demo test lint bench bench-replicas bench-classify bench-breaches clean libreoffice

run: $(VENV)/.runtime
	$(BIN)/python bot.py $(ARGS)

# The console on its own registry file with the demo loaded, so trying the bot never touches the real registry.
demo: $(VENV)/.runtime
	@test -s data/demo.json || echo demo | $(BIN)/python bot.py --console --db data/demo.json
	$(BIN)/python bot.py --console --db data/demo.json $(ARGS)

test: $(VENV)/.dev libreoffice
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

# The DPA tests convert generated documents with LibreOffice: installed from Debian when missing.
libreoffice:
	@sh .ci/install-libreoffice

lint: $(VENV)/.dev
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

# bench_all.py writes BENCHMARKS.md anew; bench_replicas.py then adds its section (it needs PostgreSQL's initdb and
# pg_ctl, or DPA_TEST_PG). Both run even when the first misses a target; the exit status says whether either failed.
bench: $(VENV)/.dev
	$(BIN)/python bench/bench_all.py $(ARGS); all=$$?; $(MAKE) --no-print-directory bench-replicas ARGS= && exit $$all

# Replicas on PostgreSQL beside one process on the file, under 2,000 slash commands from 20 clients, one replica
# killed half-way: one company's registry, then 20 installed workspaces (ARGS=--quick: smaller runs that leave
# BENCHMARKS.md alone).
bench-replicas: $(VENV)/.dev
	$(BIN)/python bench/bench_replicas.py --workspaces 1 $(ARGS) && $(BIN)/python bench/bench_replicas.py $(ARGS)

# The inquiry classifier's quality: grouped cross-validation on ../shared/corpus (needs scikit-learn).
bench-classify: $(VENV)/.dev
	$(BIN)/python bench/bench_classify.py $(ARGS)

# The breach recogniser's quality: grouped cross-validation on our examples, the questions, the inquiry corpus and
# the real breach texts in ../corpus-extra when present (needs scikit-learn).
bench-breaches: $(VENV)/.dev
	$(BIN)/python bench/bench_breaches.py $(ARGS)

$(VENV)/.runtime: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt requirements.txt $(VENV)/.runtime
	$(BIN)/python -m pip install -q -r requirements-dev.txt
	touch $@

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
