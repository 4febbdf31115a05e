"""The list of sites a batch checks: a CSV (`name,url` plus optional `province,district,type,config`) or a TOML
file of `[[site]]` tables with the same keys.

Provincial offices keep these lists in a spreadsheet, so the CSV is read as a spreadsheet saves it: UTF-8 with
or without a byte-order mark, comma or semicolon separated, blank lines and `#` comments skipped. Every
problem is reported at once, with its line (`sites.csv:14: …`), before any site is fetched.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.crawl.scope import BadURL, normalise_start_url
from checker.operations.sourcemap import InputFileError, read_mapping
from checker.store import site_key

TAGS = ("province", "district", "type")
KNOWN = ("name", "url", *TAGS, "config")
MAX_SITES = 20_000


@dataclass(frozen=True)
class BatchSite:
    name: str
    url: str  # normalised start URL
    key: str  # site_key: one row per site
    tags: dict[str, str] = field(default_factory=dict)
    config: str | None = None  # absolute path of the site's own TOML config
    line: int = 0


def load_sites(path: Path) -> list[BatchSite]:
    """Read and validate the whole list; InputFileError with every problem found."""
    rows = _toml_rows(path) if path.suffix.lower() == ".toml" else _csv_rows(path)
    problems: list[str] = []
    sites: list[BatchSite] = []
    seen: dict[str, int] = {}
    for line, row in rows:
        where = f"{path}:{line}"
        unknown = sorted(k for k in row if k not in KNOWN)
        if unknown:
            problems.append(f"{where}: unknown column {', '.join(unknown)} (known: {', '.join(KNOWN)})")
            continue
        raw = (row.get("url") or "").strip()
        if not raw:
            problems.append(f"{where}: no url")
            continue
        try:
            url = normalise_start_url(raw)
            key = site_key(url)
        except BadURL as exc:
            problems.append(f"{where}: {exc}")
            continue
        if key in seen:
            problems.append(f"{where}: {key} is already listed on line {seen[key]}")
            continue
        seen[key] = line
        config = (row.get("config") or "").strip() or None
        if config is not None:
            config_path = (path.resolve().parent / Path(config).expanduser()).resolve()
            if not config_path.is_file():
                problems.append(f"{where}: no such site config {config}")
                continue
            config = str(config_path)
        tags = {k: row[k].strip() for k in TAGS if (row.get(k) or "").strip()}
        sites.append(BatchSite((row.get("name") or "").strip() or key, url, key, tags, config, line))
    if not sites and not problems:
        problems.append(f"{path}: no sites listed (a CSV needs a header line `name,url`)")
    if len(sites) > MAX_SITES:
        problems.append(f"{path}: {len(sites)} sites; one batch takes at most {MAX_SITES} (split the list)")
    if problems:
        raise InputFileError(str(path), problems[:50])
    return sites


def _csv_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    name = str(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise InputFileError(name, [f"{name}: no such sites file"]) from None
    except OSError as exc:
        raise InputFileError(name, [f"{name}: cannot read the sites file: {exc.strerror or exc}"]) from None
    except UnicodeDecodeError:
        raise InputFileError(name, [f"{name}: not UTF-8 text (save the sheet as “CSV UTF-8”)"]) from None
    lines = [(n, ln) for n, ln in enumerate(text.splitlines(), 1) if ln.strip() and not ln.lstrip().startswith("#")]
    if not lines:
        raise InputFileError(name, [f"{name}: empty sites file (expected a header line `name,url`)"])
    header_line, header = lines[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    columns = [c.strip().lower().lstrip("\ufeff") for c in next(csv.reader([header], delimiter=delimiter))]
    if "url" not in columns:
        raise InputFileError(name, [f"{name}:{header_line}: the header has no `url` column (found: {header.strip()})"])
    rows: list[tuple[int, dict[str, str]]] = []
    for number, line in lines[1:]:
        values = next(csv.reader(io.StringIO(line), delimiter=delimiter), [])
        if len(values) > len(columns):
            raise InputFileError(name, [f"{name}:{number}: {len(values)} fields, the header has {len(columns)}"])
        rows.append((number, dict(zip(columns, values, strict=False))))
    return rows


def _toml_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    data, lines = read_mapping(path, "sites file")
    entries: Any = data.get("site", data.get("sites"))
    extra = sorted(k for k in data if k not in ("site", "sites"))
    if extra or not isinstance(entries, list):
        raise InputFileError(str(path), [f"{path}:1: expected [[site]] tables (name, url, {', '.join(TAGS)}, config)"])
    rows: list[tuple[int, dict[str, str]]] = []
    for i, entry in enumerate(entries):
        line = lines.get(("site", i), lines.get(("sites", i), 0))
        if not isinstance(entry, dict):
            raise InputFileError(str(path), [f"{path}:{line}: a site must be a table"])
        rows.append((line, {str(k): str(v) for k, v in entry.items()}))
    return rows


def slug(key: str) -> str:
    """A folder name for a site's reports: readable, safe on any file system, distinct for distinct keys."""
    readable = re.sub(r"[^A-Za-z0-9.-]+", "_", key).strip("._")[:60] or "site"
    if readable == key:
        return readable
    return f"{readable}-{hashlib.sha256(key.encode()).hexdigest()[:6]}"


def host_of(url: str) -> str:
    """The lock that keeps two jobs off one host: the host without www. (and its port)."""
    return site_key(url).split("/", 1)[0]
