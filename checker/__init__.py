"""oitcheck: checks a Thai agency website against the OIT disclosure criteria of the ITA assessment."""

__version__ = "0.1.0"
