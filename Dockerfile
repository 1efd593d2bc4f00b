# syntax=docker/dockerfile:1
# The gql_news API server. Build: `docker build -t gql-news .`; run with PostgreSQL: `docker compose up`.
# Three stages: npm installs GraphiQL's browser build from web/graphiql/package-lock.json in the
# first; uv resolves the locked dependencies and the package (with that build inside) into
# /app/.venv in the second; only that venv is copied into the last, which runs unprivileged.

FROM node:20-bookworm-slim AS graphiql
WORKDIR /web
COPY web/graphiql/package.json web/graphiql/package-lock.json web/graphiql/vendor.mjs ./
RUN npm ci --ignore-scripts --no-audit --no-fund && node vendor.mjs /vendor


FROM python:3.11-slim AS build
# Pinned to the same uv as the Makefile's UV_VERSION (tests/test_compose.py checks they agree).
RUN pip install --no-cache-dir uv==0.13.9
ENV UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/app/.venv
WORKDIR /src
# Dependencies first, in their own layer: it is rebuilt only when the lock file changes.
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --extra otel --no-install-project
# Then the project itself, installed as a regular (non-editable) package. The `otel` extra is
# included so OTEL_ENABLED=true works in the image.
COPY README.md ./
COPY gql_news ./gql_news
COPY --from=graphiql /vendor ./gql_news/graphiql/vendor
RUN uv sync --frozen --no-dev --extra otel --no-editable


FROM python:3.11-slim AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/app/.venv/bin:$PATH \
    DATABASE_URL=sqlite:///app/data/gql_news.sqlite3
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home app \
    && mkdir -p /app/data \
    && chown app:app /app/data
COPY --from=build /app/.venv /app/.venv
WORKDIR /app
USER app
EXPOSE 8000
# `serve` applies the migrations itself before it starts uvicorn.
CMD ["gql-news", "serve", "--host", "0.0.0.0", "--port", "8000"]
