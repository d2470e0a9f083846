# Two commands do all set-up: `make demo` (or `make run`) and `make test`.
# Each creates .venv and installs the locked dependencies (uv.lock) on first use.
PYTHON ?= python3
VENV := .venv
UV := $(VENV)/bin/uv
UV_VERSION := 0.13.9
export UV_PYTHON_DOWNLOADS := never

.PHONY: install run demo test test-postgres lint format bench check-call clean

$(UV):
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet "uv==$(UV_VERSION)"

# Bytecode compiled once here (dependencies and our packages), not at each start: where
# PYTHONDONTWRITEBYTECODE is set, Python would otherwise recompile everything every run.
# The knowledge base's disk cache is built here too (about 2 s), so that the first question
# of a new install is answered as fast as the next ones (knowledge/cache.py).
$(VENV)/.installed: uv.lock pyproject.toml | $(UV)
	$(UV) sync --frozen --quiet --compile-bytecode
	$(VENV)/bin/python -m compileall -q -j 0 app bot console dialogs drafts storage knowledge >/dev/null
	$(VENV)/bin/python -c "from knowledge.base import KnowledgeBase; KnowledgeBase.build()"
	touch $@

install: $(VENV)/.installed

run: install  ## the Telegram bot (needs BOT_TOKEN)
	$(VENV)/bin/aap-bot run

demo: install  ## the interview in the terminal, no token needed
	$(VENV)/bin/aap-bot demo

check-call: install
	$(VENV)/bin/aap-bot check-call

test: install  ## the whole suite (PostgreSQL tests run when TEST_DATABASE_URL is set)
	$(VENV)/bin/pytest $(PYTEST_ARGS)

test-postgres: install
	TEST_DATABASE_URL=$${TEST_DATABASE_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/test} $(VENV)/bin/pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: install  ## every script of bench/ prints its figures; fails at the end if one missed a target
	status=0; for b in bench/*.py; do echo "== $$b"; $(VENV)/bin/python $$b || status=1; done; exit $$status

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
