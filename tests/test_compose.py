"""docker-compose.yml and the Dockerfile, checked against the app's real settings, CLI and routes.

No Docker engine runs in CI, so these files can't be exercised by starting containers; instead
every value they pass to the app goes through the code that would read it: environment
variables through `Settings`, DATABASE_URL through Tortoise's URL parser, commands through the
typer CLI's own argument parser, the healthcheck one-liner through a real interpreter.
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
import threading
from collections.abc import Iterator
from fnmatch import fnmatch
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

import crossplane
import httpx
import pytest
import typer
import yaml
from tortoise.backends.base.config_generator import expand_db_url

from gql_news.cli import app as cli_app
from gql_news.db import tortoise_config
from gql_news.ops.serving import resolve_workers
from gql_news.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
COMPOSE_FILE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
PG_DATA_DIR = "/var/lib/postgresql/data"


# --- reading the files -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    data = yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))
    assert isinstance(data, dict), "docker-compose.yml must be a mapping"
    return data


def _service(compose: dict[str, Any], name: str) -> dict[str, Any]:
    services = compose.get("services") or {}
    assert name in services, f"docker-compose.yml has no service {name!r}"
    service = services[name]
    assert isinstance(service, dict)
    return service


def _env(service: dict[str, Any]) -> dict[str, str]:
    """A service's `environment`, in either of compose's two forms, as strings."""
    raw = service.get("environment") or {}
    if isinstance(raw, list):
        return dict(str(item).split("=", 1) for item in raw)
    return {str(key): "" if value is None else str(value) for key, value in raw.items()}


def _argv(command: str | list[str]) -> list[str]:
    return shlex.split(command) if isinstance(command, str) else [str(arg) for arg in command]


def _cli_invocations(command: str | list[str]) -> list[list[str]]:
    """Every `gql-news ...` argv in a command, looking inside `sh -c "a && b"` as well."""
    argv = _argv(command)
    if len(argv) >= 3 and Path(argv[0]).name in {"sh", "bash"} and argv[1] == "-c":
        steps = re.split(r"&&|;|\|\|", argv[2])
        argvs = [shlex.split(step) for step in steps if step.strip()]
    else:
        argvs = [argv]
    argvs = [a[1:] if a and a[0] == "exec" else a for a in argvs]
    return [a for a in argvs if a and a[0] == "gql-news"]


def _parse_cli(argv: list[str]) -> tuple[str, dict[str, Any]]:
    """Parse `gql-news SUB ARGS...` with the real CLI's parser; unknown options or bad values raise."""
    assert argv[:1] == ["gql-news"], f"not a gql-news command: {argv}"
    assert len(argv) >= 2, f"no subcommand in {argv}"
    group = typer.main.get_command(cli_app)
    commands: dict[str, Any] = getattr(group, "commands", {})
    subcommand = argv[1]
    assert subcommand in commands, f"`gql-news {subcommand}` is not a command; the CLI has {sorted(commands)}"
    ctx = commands[subcommand].make_context(f"gql-news {subcommand}", list(argv[2:]))
    return subcommand, dict(ctx.params)


def _dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs of every stage, in order, continuation lines joined."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text(encoding="utf-8"))
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            out.append((keyword.upper(), rest.strip()))
    return out


def _final_stage() -> list[tuple[str, str]]:
    instructions = _dockerfile_instructions()
    last_from = max(i for i, (keyword, _) in enumerate(instructions) if keyword == "FROM")
    return instructions[last_from:]


def _published_ports(service: dict[str, Any]) -> dict[int, int]:
    """{container port: host port} from compose's short ("8000:8000") and long syntax."""
    ports: dict[int, int] = {}
    for entry in service.get("ports") or []:
        if isinstance(entry, dict):
            target = int(entry["target"])
            ports[target] = int(entry.get("published") or target)
        else:
            parts = str(entry).split("/", 1)[0].split(":")
            ports[int(parts[-1])] = int(parts[-2]) if len(parts) >= 2 else int(parts[-1])
    return ports


def _healthcheck_code(service: dict[str, Any]) -> str:
    test = (service.get("healthcheck") or {}).get("test")
    assert test, "the app service has no healthcheck"
    argv = _argv(test)
    assert argv[0] == "CMD", f"expected an exec-form healthcheck ['CMD', 'python', '-c', ...], got {argv}"
    # The slim image has no curl: the probe is a Python one-liner.
    assert argv[1:3] in (["python", "-c"], ["python3", "-c"]), f"expected `python -c ...`, got {argv}"
    return argv[3]


# --- the app's environment ----------------------------------------------------------------------


def test_every_app_env_var_is_a_settings_field(compose: dict[str, Any]) -> None:
    # Settings ignores unknown variables (extra="ignore"), so a typo would silently do nothing.
    fields = {name.upper() for name in Settings.model_fields}
    unknown = set(_env(_service(compose, "app"))) - fields
    assert not unknown, f"app environment sets {sorted(unknown)}; Settings reads only {sorted(fields)}"


def _container_settings(compose: dict[str, Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Settings:
    """Settings as the app container reads them: its environment and nothing else."""
    monkeypatch.chdir(tmp_path)  # no stray .env from the developer's checkout
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)
    for key, value in _env(_service(compose, "app")).items():
        monkeypatch.setenv(key, value)
    return Settings()  # validates types and ranges exactly as the container would


def test_app_env_is_valid_settings(
    compose: dict[str, Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    env = _env(_service(compose, "app"))
    settings = _container_settings(compose, monkeypatch, tmp_path)
    assert settings.database_url == env["DATABASE_URL"]
    assert settings.is_postgres
    assert settings.host == "0.0.0.0", "inside a container the server must bind every interface"


def test_compose_waits_for_the_graceful_shutdown(
    compose: dict[str, Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # `docker compose stop` sends SIGTERM, then SIGKILL after stop_grace_period (10 s when
    # unset): a shorter period than GRACEFUL_SHUTDOWN_S kills requests the app would finish.
    settings = _container_settings(compose, monkeypatch, tmp_path)
    period = str(_service(compose, "app").get("stop_grace_period", "10s"))
    match = re.fullmatch(r"(\d+)s", period)
    assert match, f"stop_grace_period {period!r}: write it in whole seconds, like 30s"
    assert int(match.group(1)) > settings.graceful_shutdown_s


def test_database_url_points_at_the_postgres_service(compose: dict[str, Any]) -> None:
    pg_env = _env(_service(compose, "postgres"))
    url = _env(_service(compose, "app"))["DATABASE_URL"]
    parts = urlsplit(url)
    assert parts.hostname == "postgres", f"{url} must name the compose service `postgres`"
    assert parts.port == 5432
    assert parts.username == pg_env["POSTGRES_USER"]
    assert parts.password == pg_env["POSTGRES_PASSWORD"]
    assert parts.path.lstrip("/") == pg_env["POSTGRES_DB"]


def test_database_url_parses_as_tortoise_postgres_config(compose: dict[str, Any]) -> None:
    pg_env = _env(_service(compose, "postgres"))
    settings = Settings(database_url=_env(_service(compose, "app"))["DATABASE_URL"])
    assert settings.is_postgres
    connection = tortoise_config(settings)["connections"]["default"]
    if isinstance(connection, str):
        connection = expand_db_url(connection)
    assert "asyncpg" in connection["engine"]
    credentials = connection["credentials"]
    assert credentials["host"] == "postgres"
    assert int(credentials["port"]) == 5432
    assert credentials["user"] == pg_env["POSTGRES_USER"]
    assert credentials["password"] == pg_env["POSTGRES_PASSWORD"]
    assert credentials["database"] == pg_env["POSTGRES_DB"]


# --- the postgres service ------------------------------------------------------------------------


def test_postgres_service_is_healthchecked(compose: dict[str, Any]) -> None:
    postgres = _service(compose, "postgres")
    assert str(postgres.get("image", "")).startswith("postgres:15")
    test = " ".join(_argv((postgres.get("healthcheck") or {}).get("test") or []))
    assert "pg_isready" in test, f"postgres healthcheck must run pg_isready, got {test!r}"
    user = re.search(r"(?:-U|--username)[= ]\s*(\S+)", test)
    if user:
        assert user.group(1) == _env(postgres)["POSTGRES_USER"]


def test_postgres_data_is_on_a_declared_named_volume(compose: dict[str, Any]) -> None:
    declared = set((compose.get("volumes") or {}).keys())
    sources = []
    for entry in _service(compose, "postgres").get("volumes") or []:
        if isinstance(entry, dict):
            if entry.get("target") == PG_DATA_DIR:
                sources.append(str(entry.get("source")))
        else:
            source, _, target = str(entry).partition(":")
            if target.split(":", 1)[0] == PG_DATA_DIR:
                sources.append(source)
    assert sources, f"no volume is mounted at {PG_DATA_DIR}"
    assert all(source in declared for source in sources), (
        f"{sources} must be named volumes declared under the top-level `volumes:` ({sorted(declared)})"
    )


def test_app_waits_for_healthy_postgres(compose: dict[str, Any]) -> None:
    depends_on = _service(compose, "app").get("depends_on")
    assert isinstance(depends_on, dict), "depends_on must be the long form, with a condition"
    assert (depends_on.get("postgres") or {}).get("condition") == "service_healthy"


# --- the app's command, ports and image ----------------------------------------------------------


def test_app_command_parses_with_the_real_cli(compose: dict[str, Any]) -> None:
    app = _service(compose, "app")
    assert "command" in app, "the app service must say what it runs"
    invocations = _cli_invocations(app["command"])
    assert invocations, f"the app command runs no `gql-news` subcommand: {app['command']!r}"
    parsed = [_parse_cli(argv) for argv in invocations]
    assert parsed[-1][0] == "serve", "the last step of the app command must be `gql-news serve`"
    params = parsed[-1][1]
    env = _env(app)
    if "--port" in invocations[-1]:
        assert str(params["port"]) == env["PORT"]
    if "--host" in invocations[-1]:
        assert params["host"] == env["HOST"]


def test_app_exposes_the_port_it_serves_on_and_publishes_none(compose: dict[str, Any]) -> None:
    """Replicas cannot share a host port: only the proxy publishes one."""
    app = _service(compose, "app")
    port = int(_env(app)["PORT"])
    exposed = {int(str(p).split("/")[0]) for p in app.get("expose") or []}
    assert port in exposed, f"PORT={port} but the app exposes {sorted(exposed)}"
    assert not _published_ports(app), "a replicated service must not publish a host port"
    assert "container_name" not in app, "a fixed container name allows one replica only"


def test_dockerfile_exposes_and_serves_the_compose_port(compose: dict[str, Any]) -> None:
    port = int(_env(_service(compose, "app"))["PORT"])
    final = _final_stage()
    exposed = {int(p.split("/")[0]) for kw, args in final if kw == "EXPOSE" for p in args.split()}
    assert exposed == {port}, f"Dockerfile EXPOSE {sorted(exposed)} vs compose PORT={port}"
    cmds = [args for kw, args in final if kw == "CMD"]
    assert cmds, "the Dockerfile has no CMD"
    argv = json.loads(cmds[-1])  # exec form, so the server is PID 1 and receives SIGTERM
    subcommand, params = _parse_cli(argv)
    assert subcommand == "serve"
    assert params["port"] == port
    assert params["host"] == "0.0.0.0"


def test_dockerfile_runs_as_a_non_root_user() -> None:
    users = [args for kw, args in _final_stage() if kw == "USER"]
    assert users, "the final stage never switches away from root"
    assert users[-1].split(":")[0] not in {"root", "0"}


def test_dockerfile_pins_the_same_uv_as_the_makefile() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    make_pin = re.search(r"^UV_VERSION\s*:?=\s*(\S+)", makefile, re.MULTILINE)
    docker_pins = re.findall(r"\buv==(\S+)", DOCKERFILE.read_text(encoding="utf-8"))
    assert make_pin, "the Makefile must pin UV_VERSION"
    assert docker_pins, "the Dockerfile must install a pinned uv (uv==X)"
    assert set(docker_pins) == {make_pin.group(1)}


def test_dockerignore_keeps_what_the_dockerfile_copies() -> None:
    patterns = [
        line.strip()
        for line in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    sources = [
        src
        for kw, args in _dockerfile_instructions()
        if kw == "COPY" and "--from" not in args
        for src in [arg for arg in args.split() if not arg.startswith("--")][:-1]
    ]
    assert sources
    for src in sources:
        assert (ROOT / src).exists(), f"the Dockerfile copies {src}, which is not in the repository"
        excluded = [p for p in patterns if not p.startswith("!") and fnmatch(src, p.lstrip("/"))]
        assert not excluded, f".dockerignore {excluded} drops {src}, which the Dockerfile copies"


# --- the app's healthcheck -----------------------------------------------------------------------


class _Probe(BaseHTTPRequestHandler):
    status = 200

    def do_GET(self) -> None:
        self.send_response(type(self).status)
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def probe_server() -> Iterator[tuple[HTTPServer, type[_Probe]]]:
    class Handler(_Probe):
        status = 200  # a class of its own per test, so a test can flip it

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server, Handler
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_app_healthcheck_targets_the_served_port(compose: dict[str, Any]) -> None:
    app = _service(compose, "app")
    urls = re.findall(r"https?://[^'\"\s)]+", _healthcheck_code(app))
    assert len(urls) == 1, f"expected one URL in the healthcheck, got {urls}"
    parts = urlsplit(urls[0])
    assert parts.hostname in {"127.0.0.1", "localhost"}
    assert parts.port == int(_env(app)["PORT"])
    assert parts.path in {"/healthz", "/readyz"}


def test_app_healthcheck_exit_code_follows_the_http_status(
    compose: dict[str, Any], probe_server: tuple[HTTPServer, type[_Probe]]
) -> None:
    """Run the healthcheck one-liner for real, aimed at a local server: 200 -> 0, 503 -> non-zero."""
    server, handler = probe_server
    code = _healthcheck_code(_service(compose, "app"))
    code = re.sub(r"(https?://[^/:'\"]+):\d+", rf"\g<1>:{server.server_port}", code)

    def run() -> int:
        return subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=30).returncode

    assert run() == 0
    handler.status = 503
    assert run() != 0


async def test_app_healthcheck_path_is_served_by_the_app(
    compose: dict[str, Any], client: httpx.AsyncClient
) -> None:
    path = urlsplit(re.findall(r"https?://[^'\"\s)]+", _healthcheck_code(_service(compose, "app")))[0]).path
    response = await client.get(path)
    assert response.status_code == 200, f"GET {path} answered {response.status_code}"


# --- scaling out: replicas, the one-off migration, Redis, the proxy -------------------------------

NGINX_CONF_TARGET = "/etc/nginx/conf.d/default.conf"


def test_app_runs_two_replicas_with_a_worker_count_it_can_serve(compose: dict[str, Any]) -> None:
    app = _service(compose, "app")
    assert (app.get("deploy") or {}).get("replicas") == 2
    settings = Settings(**cast(dict[str, Any], {k.lower(): v for k, v in _env(app).items()}))
    assert resolve_workers(None, settings) >= 1  # raises for a count the database cannot serve


def test_app_env_sets_what_a_scaled_deployment_needs(compose: dict[str, Any]) -> None:
    env = _env(_service(compose, "app"))
    required = {"DATABASE_URL", "HOST", "PORT", "REDIS_URL", "LOG_FORMAT"}
    assert required <= env.keys(), f"missing {sorted(required - env.keys())}"
    assert env["LOG_FORMAT"] == "json", "containers log JSON lines"
    redis = urlsplit(env["REDIS_URL"])
    assert redis.scheme == "redis"
    assert redis.hostname == "redis", "REDIS_URL must name the compose service `redis`"
    assert (redis.port or 6379) == 6379
    _service(compose, "redis")


def test_redis_service_is_healthchecked(compose: dict[str, Any]) -> None:
    redis = _service(compose, "redis")
    assert str(redis.get("image", "")).startswith("redis:")
    test = _argv((redis.get("healthcheck") or {}).get("test") or [])
    assert test[1:] == ["redis-cli", "ping"] or "redis-cli ping" in " ".join(test)


def test_migrations_run_once_before_the_replicas(compose: dict[str, Any]) -> None:
    migrate_job = _service(compose, "migrate")
    commands = [_parse_cli(argv)[0] for argv in _cli_invocations(migrate_job["command"])]
    assert commands[0] == "migrate", f"the migrate service runs {commands}"
    assert str(migrate_job.get("restart", "no")) == "no", "a one-off job must not restart"
    assert (migrate_job.get("depends_on") or {}).get("postgres", {}).get("condition") == "service_healthy"
    assert _env(migrate_job)["DATABASE_URL"] == _env(_service(compose, "app"))["DATABASE_URL"]
    assert set(_env(migrate_job)) <= {name.upper() for name in Settings.model_fields}
    app = _service(compose, "app")
    conditions = {name: spec.get("condition") for name, spec in (app.get("depends_on") or {}).items()}
    assert conditions == {
        "postgres": "service_healthy",
        "redis": "service_healthy",
        "migrate": "service_completed_successfully",
    }
    serve_params = _parse_cli(_cli_invocations(app["command"])[-1])[1]
    assert serve_params["migrate"] is False, "the replicas must not migrate concurrently: --no-migrate"
    assert app.get("image") == migrate_job.get("image"), "the job and the replicas run one image"
    assert "build" in migrate_job or "build" in app


# --- the database replica ------------------------------------------------------------------------


def _mounted(service: dict[str, Any], target: str) -> Path:
    """The repository file a service mounts at `target`."""
    mounts = [str(v).split(":") for v in service.get("volumes") or []]
    sources = [m[0] for m in mounts if len(m) > 1 and m[1] == target]
    assert len(sources) == 1, f"one file must be mounted at {target}: {mounts}"
    path = (ROOT / sources[0]).resolve()
    assert path.is_file(), f"{sources[0]} is not in the repository"
    return path


def _data_volume(compose: dict[str, Any], name: str) -> str:
    sources = [
        str(v).split(":")[0]
        for v in _service(compose, name).get("volumes") or []
        if f":{PG_DATA_DIR}" in str(v)
    ]
    assert len(sources) == 1, f"{name} needs one volume at {PG_DATA_DIR}"
    assert sources[0] in (compose.get("volumes") or {}), f"{sources[0]} must be a declared named volume"
    return sources[0]


def test_app_reads_from_the_replica_service(
    compose: dict[str, Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    settings = _container_settings(compose, monkeypatch, tmp_path)
    assert settings.replica_urls, "the production shape reads from a replica: DATABASE_REPLICA_URLS"
    primary = _env(_service(compose, "postgres"))
    connections = tortoise_config(settings, replicas=True)["connections"]
    for number, url in enumerate(settings.replica_urls, start=1):
        parts = urlsplit(url)
        assert parts.hostname is not None
        replica = _service(compose, parts.hostname)
        assert "PRIMARY_HOST" in _env(replica), f"{parts.hostname} is not a replica service"
        assert parts.port == 5432
        # Roles and databases are the primary's: a replica is a copy of its data directory.
        assert parts.username == primary["POSTGRES_USER"]
        assert parts.password == primary["POSTGRES_PASSWORD"]
        assert parts.path.lstrip("/") == primary["POSTGRES_DB"]
        credentials = connections[f"replica_{number}"]["credentials"]
        assert credentials["host"] == parts.hostname
    assert tortoise_config(settings)["connections"].keys() == {"default"}, "migrations use the primary alone"


def test_replica_streams_from_the_primary(compose: dict[str, Any]) -> None:
    primary, replica = _service(compose, "postgres"), _service(compose, "postgres-replica")
    assert replica.get("image") == primary.get("image"), "a standby runs the primary's major version"
    replica_env, primary_env = _env(replica), _env(primary)
    assert replica_env["PRIMARY_HOST"] == "postgres"
    assert replica_env["PGDATA"] == PG_DATA_DIR
    shared = {"REPLICATION_USER", "REPLICATION_PASSWORD", "REPLICATION_SLOT"}
    assert {k: replica_env[k] for k in shared} == {k: primary_env[k] for k in shared}
    assert (replica.get("depends_on") or {}).get("postgres", {}).get("condition") == "service_healthy"
    assert str(replica.get("user")) == "postgres", "PostgreSQL refuses to run as root"
    assert _data_volume(compose, "postgres-replica") != _data_volume(compose, "postgres")
    # The app does without the replica (it reads from the primary then): nothing waits for it.
    assert "postgres-replica" not in (_service(compose, "app").get("depends_on") or {})
    command = " ".join(_argv(primary.get("command") or []))
    assert "wal_level=replica" in command


def test_replication_scripts_are_shell_that_sets_up_a_standby(compose: dict[str, Any]) -> None:
    primary, replica = _service(compose, "postgres"), _service(compose, "postgres-replica")
    init = _mounted(primary, "/docker-entrypoint-initdb.d/10-replication.sh")
    entry_target = _argv(replica["entrypoint"])[0]
    entrypoint = _mounted(replica, entry_target)
    for script in (init, entrypoint):
        checked = subprocess.run(["sh", "-n", str(script)], capture_output=True, text=True, check=False)
        assert checked.returncode == 0, f"{script.name}: {checked.stderr}"
        assert script.stat().st_mode & 0o111, f"{script.name} must be executable"
    init_text = init.read_text(encoding="utf-8")
    assert "WITH REPLICATION LOGIN" in init_text
    assert "pg_create_physical_replication_slot" in init_text
    assert "host replication $REPLICATION_USER" in init_text
    entry_text = entrypoint.read_text(encoding="utf-8")
    for flag in ("--write-recovery-conf", '--slot="$REPLICATION_SLOT"', '--host="$PRIMARY_HOST"'):
        assert flag in entry_text, f"pg_basebackup needs {flag}"
    assert "exec postgres -c hot_standby=on" in entry_text


@pytest.fixture(scope="module")
def proxy_conf(compose: dict[str, Any]) -> tuple[Path, list[dict[str, Any]]]:
    """The nginx config the proxy service mounts, parsed by nginx's own parser (crossplane)."""
    mounts = [str(v) for v in _service(compose, "proxy").get("volumes") or []]
    sources = [m.split(":")[0] for m in mounts if m.split(":")[1] == NGINX_CONF_TARGET]
    assert len(sources) == 1, f"the proxy must mount one config at {NGINX_CONF_TARGET}: {mounts}"
    path = (ROOT / sources[0]).resolve()
    assert path.is_file(), f"{sources[0]} is not in the repository"
    # A conf.d file is included inside `http { }`: check directives without the main context.
    payload = crossplane.parse(str(path), single=True, comments=False, check_ctx=False)
    assert not payload["errors"], payload["errors"]
    return path, payload["config"][0]["parsed"]


def _directives(block: list[dict[str, Any]], name: str) -> list[dict[str, Any]]:
    return [d for d in block if d["directive"] == name]


def _headers(block: list[dict[str, Any]]) -> dict[str, str]:
    return {d["args"][0].lower(): d["args"][1] for d in _directives(block, "proxy_set_header")}


def test_proxy_upstream_is_the_app_service_and_port(
    compose: dict[str, Any], proxy_conf: tuple[Path, list[dict[str, Any]]]
) -> None:
    _path, conf = proxy_conf
    upstreams = {d["args"][0]: d["block"] for d in _directives(conf, "upstream")}
    assert upstreams, "no upstream block"
    servers = [d["args"] for block in upstreams.values() for d in _directives(block, "server")]
    port = int(_env(_service(compose, "app"))["PORT"])
    assert servers, "the upstream lists no server"
    for args in servers:
        host, _, server_port = args[0].partition(":")
        assert host == "app", f"upstream server {args[0]} is not the compose service `app`"
        assert int(server_port or 80) == port, f"upstream port {server_port} but the app serves {port}"
        assert "resolve" in args[1:], "without `resolve` nginx keeps the replicas' first addresses"
    assert _directives(conf, "resolver"), "`resolve` needs a resolver (Docker's is 127.0.0.11)"
    (server,) = _directives(conf, "server")
    passes = [d["args"][0] for d in _walk_nginx(server["block"]) if d["directive"] == "proxy_pass"]
    assert passes
    assert all(urlsplit(target).hostname in upstreams for target in passes), passes


def _walk_nginx(block: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for directive in block:
        yield directive
        yield from _walk_nginx(directive.get("block") or [])


def test_proxy_listens_on_its_published_port(
    compose: dict[str, Any], proxy_conf: tuple[Path, list[dict[str, Any]]]
) -> None:
    _path, conf = proxy_conf
    (server,) = _directives(conf, "server")
    listening = {int(d["args"][0].rsplit(":", 1)[-1]) for d in _directives(server["block"], "listen")}
    published = _published_ports(_service(compose, "proxy"))
    assert published, "the proxy publishes no port"
    assert set(published) <= listening, (
        f"published container ports {sorted(published)}, nginx listens on {listening}"
    )
    assert published.get(80) == 8000 or 8000 in published.values(), "the stack answers on localhost:8000"


def test_proxy_passes_websocket_upgrades_on_graphql(proxy_conf: tuple[Path, list[dict[str, Any]]]) -> None:
    _path, conf = proxy_conf
    (server,) = _directives(conf, "server")
    (graphql,) = [d for d in _directives(server["block"], "location") if d["args"][-1] == "/graphql"]
    # nginx inherits proxy_set_header only into locations that set none of their own.
    headers = _headers(graphql["block"]) or _headers(server["block"])
    assert headers.get("upgrade") == "$http_upgrade"
    connection = headers.get("connection", "")
    maps = {d["args"][1]: d["block"] for d in _directives(conf, "map") if d["args"][0] == "$http_upgrade"}
    assert connection in maps, "Connection must follow the Upgrade header through a map"
    assert [d["args"] for d in _directives(server["block"], "proxy_http_version")] == [["1.1"]]
    assert "x-request-id" in _headers(server["block"]), "the request id must reach the app"


def test_proxy_keeps_metrics_private(proxy_conf: tuple[Path, list[dict[str, Any]]]) -> None:
    _path, conf = proxy_conf
    (server,) = _directives(conf, "server")
    (metrics,) = [d for d in _directives(server["block"], "location") if d["args"][-1] == "/metrics"]
    assert not any(d["directive"] == "proxy_pass" for d in _walk_nginx(metrics["block"]))


def test_proxy_waits_for_healthy_replicas_and_checks_a_served_path(compose: dict[str, Any]) -> None:
    proxy = _service(compose, "proxy")
    assert (proxy.get("depends_on") or {}).get("app", {}).get("condition") == "service_healthy"
    test = " ".join(_argv((proxy.get("healthcheck") or {}).get("test") or []))
    urls = re.findall(r"https?://[^'\"\s)]+", test)
    assert len(urls) == 1
    assert urlsplit(urls[0]).path in {"/healthz", "/readyz"}
