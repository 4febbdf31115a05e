"""A batch's identity on disk (DIR/batch.json), so `--resume` continues the same batch after a crash.

Nothing else about progress is kept here: the store is the record of what finished (one run per run key), and
it is written in one transaction per site, so a batch killed at any instant — Ctrl-C, kill -9, a power cut —
resumes with every finished site kept and no site stored twice.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from checker.commands.exits import UsageError
from checker.commands.outputs import write_file

MANIFEST = "batch.json"


@dataclass(frozen=True)
class BatchState:
    id: str  # short random id: part of every run key
    created_at: str
    sites_file: str
    store: str  # the store as described to the user (no password)

    def run_key(self, site: str, rules: str, year: int | None) -> str:
        return f"{self.id}:{rules}:{year or ''}:{site}"


def start(out_dir: Path, sites_file: Path, store: str, resume: bool) -> tuple[BatchState, bool]:
    """The batch to run: the stored one with `resume` (UsageError when there is none), else a new one.
    Returns (state, resumed)."""
    path = out_dir / MANIFEST
    if resume:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return BatchState(**{k: str(data[k]) for k in ("id", "created_at", "sites_file", "store")}), True
        except FileNotFoundError:
            raise UsageError(f"nothing to resume in {out_dir}: no {MANIFEST} (run without --resume)") from None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise UsageError(f"cannot resume from {path}: {exc}; run without --resume to start again") from None
    state = BatchState(
        id=datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + secrets.token_hex(3),
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        sites_file=str(sites_file),
        store=store,
    )
    write_file(path, (json.dumps(asdict(state), ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return state, False
