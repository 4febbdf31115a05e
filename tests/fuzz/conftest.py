"""Hypothesis keeps caches (unicode tables, constants found in the code under test) in .hypothesis/ under the
working directory by default; these tests keep them in the system's temporary directory instead, so a test
run leaves nothing in the working tree (the example database is off altogether: see props.FUZZ)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis.configuration import set_hypothesis_home_dir

set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "oitcheck-hypothesis")
