"""Real PostgreSQL and Redis servers on loopback for tests: session fixtures `postgres_dsn` and `redis_url`.

Each server runs from a fresh temporary folder on a free port of 127.0.0.1 and is stopped and removed at the
end of the session; it is started only by the first test that asks for it. PostgreSQL's cluster comes from
`initdb` (run as the `postgres` user when we are root: the server refuses to run as root), with fsync off,
password (SCRAM) logins over TCP and its unix socket inside the folder. Without the binaries
(scripts/install-system-deps.sh installs them) the tests that need a server skip, saying so.

`fresh_database(dsn)` makes an empty database on the server and returns its address: a test per database.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

INSTALL = "install them with scripts/install-system-deps.sh"
INITDB = ["--locale=C", "--auth-local=trust", "--auth-host=scram-sha-256", "--no-sync", "--no-instructions"]
PG_SETTINGS = {
    "listen_addresses": "'127.0.0.1'",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "shared_buffers": "'32MB'",
    "max_connections": "100",
}


def free_port() -> int:
    """A TCP port nothing listens on now (another program could still take it before the server does)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def pg_bindir() -> Path | None:
    """The folder of `initdb` and `pg_ctl`: pg_config's, else the newest /usr/lib/postgresql/*/bin (Debian)."""
    candidates: list[Path] = []
    if shutil.which("pg_config"):
        with contextlib.suppress(OSError, subprocess.CalledProcessError):
            out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, check=True).stdout
            candidates.append(Path(out.strip()))

    def version(path: str) -> tuple[int, ...]:
        return tuple(int(p) for p in Path(path).parent.name.split(".") if p.isdigit())

    candidates += [Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version, reverse=True)]
    return next((d for d in candidates if (d / "initdb").is_file() and (d / "pg_ctl").is_file()), None)


def _as_postgres_user(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def _run(command: list[str], cwd: Path, what: str, log: Path | None = None) -> None:
    done = subprocess.run(_as_postgres_user(command), cwd=cwd, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        tail = log.read_text(errors="replace")[-2000:] if log is not None and log.exists() else ""
        pytest.fail(f"{what} failed ({done.returncode}): {done.stderr.strip() or done.stdout.strip()}\n{tail}")


@pytest.fixture(scope="session")
def postgres_dsn() -> Iterator[str]:
    """`postgresql://postgres:PASSWORD@127.0.0.1:PORT/oitcheck` on a server of its own for the session."""
    bindir = pg_bindir()
    if bindir is None:
        pytest.skip(f"PostgreSQL server binaries (initdb, pg_ctl) not found; {INSTALL}")
    owner: pwd.struct_passwd | None = None
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no `postgres` user to run the PostgreSQL server as")
        if shutil.which("runuser") is None:
            pytest.skip("running as root and `runuser` is missing: cannot start PostgreSQL as `postgres`")
    import psycopg  # only sessions that start the server pay for it

    root = Path(tempfile.mkdtemp(prefix="oitcheck-pg-"))
    data, log, pwfile = root / "data", root / "server.log", root / "pw"
    password = secrets.token_hex(12)
    pwfile.write_text(password + "\n")
    if owner is not None:
        os.chown(root, owner.pw_uid, owner.pw_gid)
        os.chown(pwfile, owner.pw_uid, owner.pw_gid)
    started = False
    try:
        _run(
            [str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--pwfile", str(pwfile), "-E", "UTF8", *INITDB],
            root,
            "initdb",
        )
        for _attempt in range(3):  # the free port may be taken before the server binds it
            port = free_port()
            settings = {**PG_SETTINGS, "port": str(port), "unix_socket_directories": f"'{root}'"}
            with (data / "postgresql.auto.conf").open("a") as conf:
                conf.writelines(f"{k} = {v}\n" for k, v in settings.items())
            done = subprocess.run(
                _as_postgres_user([str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "60", "start"]),
                cwd=root,
                capture_output=True,
                text=True,
                timeout=120,
            )
            if done.returncode == 0:
                started = True
                break
        if not started:
            pytest.fail(f"PostgreSQL did not start: {log.read_text(errors='replace')[-2000:] if log.exists() else ''}")
        admin = f"postgresql://postgres:{password}@127.0.0.1:{port}/postgres"
        with psycopg.connect(admin, autocommit=True) as db:
            db.execute("CREATE DATABASE oitcheck")
        yield f"postgresql://postgres:{password}@127.0.0.1:{port}/oitcheck"
    finally:
        if started:
            subprocess.run(
                _as_postgres_user([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]),
                cwd=root,
                capture_output=True,
                timeout=60,
            )
        shutil.rmtree(root, ignore_errors=True)


def fresh_database(dsn: str) -> str:
    """Create an empty database on the server of `dsn`; its address (the same login, another name)."""
    import psycopg
    from psycopg import sql

    name = f"t_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(dsn, autocommit=True) as db:
        db.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return urlunsplit(urlsplit(dsn)._replace(path=f"/{name}"))


@pytest.fixture
def postgres_db(postgres_dsn: str) -> str:
    """An empty database of its own for one test."""
    return fresh_database(postgres_dsn)


def _redis_ping(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
            s.sendall(b"PING\r\n")
            return s.recv(64).startswith(b"+PONG")
    except OSError:
        return False


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """`redis://127.0.0.1:PORT/0` on a redis-server of its own for the session (no persistence)."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip(f"redis-server not found; {INSTALL}")
    root = Path(tempfile.mkdtemp(prefix="oitcheck-redis-"))
    proc: subprocess.Popen[bytes] | None = None
    try:
        for _attempt in range(3):
            port = free_port()
            command = [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"]
            command += ["--dir", str(root), "--logfile", str(root / "redis.log"), "--daemonize", "no"]
            proc = subprocess.Popen(command, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            deadline = time.monotonic() + 20
            while proc.poll() is None and time.monotonic() < deadline and not _redis_ping(port):
                time.sleep(0.05)
            if proc.poll() is None and _redis_ping(port):
                break
            proc.kill()
            proc.wait()
            proc = None
        if proc is None:
            log = root / "redis.log"
            pytest.fail(
                f"redis-server did not start: {log.read_text(errors='replace')[-2000:] if log.exists() else '?'}"
            )
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        shutil.rmtree(root, ignore_errors=True)
