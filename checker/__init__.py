"""oitcheck: checks a Thai agency website against the OIT disclosure criteria of the ITA assessment."""

__version__ = "0.2.0"  # the one place the version is said: pyproject.toml reads it
