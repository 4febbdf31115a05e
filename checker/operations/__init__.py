"""What a scheduled or CI run needs around a check: site config, waivers, thresholds and a per-site lock.

Each module validates its own file at the boundary (pydantic, extra="forbid") and reports problems as
`InputFileError` lines that name the file and the line, the way the rule loader does.
"""

from checker.operations.sourcemap import InputFileError

__all__ = ["InputFileError"]
