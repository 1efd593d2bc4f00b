# gql_news developer commands.
#   make run    serve the API on SQLite (http://127.0.0.1:8000/graphql unless HOST/PORT say otherwise)
#   make test   pytest (the database-free tests once, the rest on SQLite and on PostgreSQL, with
#               coverage) and, side by side with it, lint, type-check and the docs build: what CI runs
# `make help` lists the rest.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
# Phases print banners and share one `uv sync`; run them in order even under -j.
.NOTPARALLEL:

# HOST and PORT (make variables or environment) become --host/--port; unset, `gql-news serve`
# reads them from the environment or .env like every other setting.
HOST ?=
PORT ?=
SERVE_ARGS ?=
PYTEST_ARGS ?=
BENCH_ARGS ?=
GQL_NEWS_TEST_PG_URL ?= postgres://postgres@127.0.0.1:5432/postgres
export GQL_NEWS_TEST_PG_URL

# uv: the one on PATH when it runs; otherwise a pinned copy installed into $(TOOLS_DIR).
# Override with `make test UV=/path/to/uv`.
UV_VERSION := 0.13.9
TOOLS_DIR ?= .tools
ifndef UV
UV := $(shell uv --version >/dev/null 2>&1 && command -v uv)
endif
ifeq ($(strip $(UV)),)
UV := $(abspath $(TOOLS_DIR))/bin/uv
UV_BOOTSTRAP := $(TOOLS_DIR)/.uv-$(UV_VERSION)
endif
export UV

RUN := $(UV) run --no-sync
SERVE_FLAGS = $(if $(HOST),--host "$(HOST)") $(if $(PORT),--port "$(PORT)") $(SERVE_ARGS)

banner = @printf '\n%s\n==> %s\n%s\n' "$(RULE)" $(1) "$(RULE)"
RULE := ==============================================================================

.PHONY: help run test sync lint typecheck test-sqlite test-postgres fmt format-check \
	test-suite migrate reset schema docs docs-reference docker-build compose-up clean distclean bench graphiql-assets http-audit-deps browser-deps

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 16

run: sync ## serve the API (SQLite by default; HOST=, PORT=, SERVE_ARGS=--no-demo)
	$(call banner,"run: gql-news serve (SQLite unless DATABASE_URL says otherwise)")
	$(RUN) gql-news serve $(SERVE_FLAGS)

# The static checks run inside scripts/pytest-suite.sh (--checks), alongside the pytest passes.
test: sync browser-deps ## everything CI runs: ruff, mypy, the docs build and the pytest passes, side by side
	bash scripts/pytest-suite.sh --checks $(PYTEST_ARGS)
	$(call banner,"make test: every phase passed")

$(TOOLS_DIR)/.uv-$(UV_VERSION):
	$(call banner,"bootstrap: no working uv on PATH; installing uv==$(UV_VERSION) into $(TOOLS_DIR)/")
	python3 -m venv "$(TOOLS_DIR)"
	"$(TOOLS_DIR)/bin/pip" install --disable-pip-version-check --quiet "uv==$(UV_VERSION)"
	touch "$@"

# The installed packages are compiled to bytecode once, as in the image: with
# PYTHONDONTWRITEBYTECODE set, every `gql-news` process would otherwise compile its imports again
# (about 2 s of CPU per command, an import's start-up doubled).
sync: export UV_COMPILE_BYTECODE = 1
sync: $(UV_BOOTSTRAP) graphiql-assets http-audit-deps ## install the locked dependencies (dev group included) into .venv
	$(call banner,"sync: $$($(UV) --version) sync --locked (dependencies from uv.lock)")
	$(UV) sync --locked

# GraphiQL's browser build, from the npm registry through web/graphiql/package-lock.json, copied
# into the package (gql_news/graphiql/vendor/, git-ignored, shipped in the wheel). Rebuilt when
# the lock file or the copy script changes. Without npm the app still runs, on the CDN page.
GRAPHIQL_WEB := web/graphiql
GRAPHIQL_VENDOR := gql_news/graphiql/vendor
graphiql-assets: $(GRAPHIQL_VENDOR)/manifest.json ## install GraphiQL's assets from npm (package-lock.json) into the package

$(GRAPHIQL_VENDOR)/manifest.json: $(GRAPHIQL_WEB)/package.json $(GRAPHIQL_WEB)/package-lock.json $(GRAPHIQL_WEB)/vendor.mjs
	$(call banner,"graphiql-assets: npm ci in $(GRAPHIQL_WEB)/ and copy the browser build to $(GRAPHIQL_VENDOR)/")
	@if command -v npm >/dev/null 2>&1 && command -v node >/dev/null 2>&1; then \
		npm ci --prefix "$(GRAPHIQL_WEB)" --ignore-scripts --no-audit --no-fund; \
		node "$(GRAPHIQL_WEB)/vendor.mjs" "$(GRAPHIQL_VENDOR)"; \
	else \
		printf '\n%s\n!!! npm (Node.js) is not installed: GraphiQL assets NOT installed.\n' "$(RULE)"; \
		printf '!!! GraphiQL will load React and GraphiQL from a CDN (blank without internet access).\n'; \
		printf '!!! Install Node.js 20+ with npm and rerun `make sync`.\n%s\n' "$(RULE)"; \
		case "$${CI:-}" in 1|true|TRUE|yes) echo "CI=$$CI: failing, the browser test needs the assets." >&2; exit 1;; esac; \
	fi

# The GraphQL-over-HTTP reference audit (graphql-http, by the spec's editors), from the npm
# registry through web/http-audit/package-lock.json into web/http-audit/node_modules/; run by
# tests/test_http_audit.py against a served gql_news (no network needed once installed).
# Reinstalled when the lock file changes. Without npm the audit test skips loudly, or fails with CI=true.
HTTP_AUDIT_WEB := web/http-audit
http-audit-deps: $(HTTP_AUDIT_WEB)/node_modules/.package-lock.json ## install the GraphQL-over-HTTP audit (graphql-http) from npm (package-lock.json)

$(HTTP_AUDIT_WEB)/node_modules/.package-lock.json: $(HTTP_AUDIT_WEB)/package.json $(HTTP_AUDIT_WEB)/package-lock.json
	$(call banner,"http-audit-deps: npm ci in $(HTTP_AUDIT_WEB)/ (graphql-http, the GraphQL-over-HTTP audit)")
	@if command -v npm >/dev/null 2>&1 && command -v node >/dev/null 2>&1; then \
		npm ci --prefix "$(HTTP_AUDIT_WEB)" --ignore-scripts --no-audit --no-fund; \
		touch "$@"; \
	else \
		printf '\n%s\n!!! npm (Node.js) is not installed: the GraphQL-over-HTTP audit NOT installed.\n' "$(RULE)"; \
		printf '!!! Its test (tests/test_http_audit.py) will be SKIPPED (with CI=true it FAILS).\n'; \
		printf '!!! Install Node.js 20+ with npm and rerun `make sync`.\n%s\n' "$(RULE)"; \
		case "$${CI:-}" in 1|true|TRUE|yes) echo "CI=$$CI: failing, the audit test needs graphql-http." >&2; exit 1;; esac; \
	fi

# Debian's chromium for the GraphiQL browser test (tests/graphiql/test_browser.py): installed
# with apt-get when missing (as root), nothing to do when present. Without it the browser test
# skips loudly, or fails with CI=true.
browser-deps: ## install Debian's chromium for the browser test when missing (apt-get, as root)
	@if command -v chromium >/dev/null 2>&1; then \
		echo "browser-deps: $$(chromium --version 2>/dev/null || echo chromium) is installed"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		printf '\n%s\n==> browser-deps: apt-get install -y chromium\n%s\n' "$(RULE)" "$(RULE)"; \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get install -y chromium || { apt-get update && apt-get install -y chromium; }; \
	else \
		printf '\n%s\n!!! chromium is not installed and cannot be installed here (needs root and apt-get).\n' "$(RULE)"; \
		printf '!!! The GraphiQL browser test will be SKIPPED (with CI=true it FAILS).\n'; \
		printf '!!! Install it with: sudo apt-get install -y chromium\n%s\n' "$(RULE)"; \
	fi

lint: sync ## ruff check
	$(call banner,"lint: ruff check")
	$(RUN) ruff check .

typecheck: sync ## mypy (configured in pyproject.toml)
	$(call banner,"typecheck: mypy")
	$(RUN) mypy

test-suite: sync ## the database-free tests once, then SQLite and PostgreSQL side by side, with coverage
	bash scripts/pytest-suite.sh $(PYTEST_ARGS)

test-sqlite: sync ## pytest against SQLite (PYTEST_ARGS= for extra arguments)
	bash scripts/pytest-backend.sh sqlite $(PYTEST_ARGS)

test-postgres: sync ## pytest against PostgreSQL at GQL_NEWS_TEST_PG_URL
	bash scripts/pytest-backend.sh postgres $(PYTEST_ARGS)

bench: sync ## gql_news vs PostGraphile 4 and 5 on PostgreSQL (and gql_news on SQLite), one table (BENCH_ARGS="--duration 10 --cached"; bench/README.md)
	$(call banner,"bench: gql_news vs PostGraphile 4 and 5 on one dataset (python -m bench --help for options)")
	$(RUN) python -m bench $(BENCH_ARGS)

fmt: sync ## format the code and apply ruff's safe fixes
	$(RUN) ruff format .
	$(RUN) ruff check --fix .

format-check: sync ## check formatting without changing files
	$(RUN) ruff format --check .

migrate: sync ## apply migrations to DATABASE_URL (default: the local SQLite file)
	$(RUN) gql-news migrate

reset: sync ## empty the database (DATABASE_URL, default the local SQLite file) and load the demo content again
	$(RUN) gql-news demo --reset --yes

docs: sync ## build the documentation site into site/ (mkdocs --strict: a broken link fails)
	$(call banner,"docs: mkdocs build --strict")
	NO_MKDOCS_2_WARNING=1 $(RUN) mkdocs build --strict

docs-reference: sync ## regenerate docs/reference/settings.md from gql_news/settings.py
	$(RUN) python -m gql_news.settings_reference > docs/reference/settings.md

schema: sync ## regenerate the committed SDL (schema/schema.graphql) and schema/possibleTypes.json
	$(RUN) gql-news export-schema --output schema/schema.graphql --possible-types schema/possibleTypes.json

docker-build: ## build the container image (needs a Docker engine)
	docker build -t gql-news:latest .

compose-up: ## PostgreSQL, Redis, two app replicas behind nginx on :8000 (needs a Docker engine)
	docker compose up --build

clean: ## remove caches and test artifacts (keeps .venv and the SQLite database)
	rm -rf .pytest_cache .mypy_cache .ruff_cache artifacts dist build site
	find . -path ./.venv -prune -o -path ./.tools -prune -o -name __pycache__ -type d -print0 \
		| xargs -0 rm -rf

distclean: clean ## also remove .venv, the bootstrapped tools and the installed npm packages and GraphiQL assets
	rm -rf .venv "$(TOOLS_DIR)" "$(GRAPHIQL_WEB)/node_modules" "$(HTTP_AUDIT_WEB)/node_modules" \
		"$(GRAPHIQL_VENDOR)"
