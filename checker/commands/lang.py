"""Which language oitcheck speaks to its user: one resolution for the help, the messages and the reports.

    --lang X (anywhere on the command line, also --lang=X)
    > OITCHECK_LANG (th or en)
    > the locale: the first set of LC_ALL, LC_MESSAGES, LANG; a value starting with "en" means English
    > Thai (unset, C, C.UTF-8, POSIX, th_TH.UTF-8 and anything else)

Thai is the default because the users are Thai clerks, whose servers often run with LANG=C.UTF-8 or nothing:
only a locale that asks for English gets English. A site config's `lang` sits between the flag and the
environment (checker/commands/options.py: a flag beats the file, the file beats the defaults).

Kept free of imports beyond the standard library: checker/cli.py reads it before anything else loads, so a
Ctrl-C during start-up is already announced in the user's language.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

LANGS = ("th", "en")
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def flag_lang(argv: Sequence[object]) -> str | None:
    """The value of the last valid `--lang X` / `--lang=X` in argv (argparse keeps the last one too)."""
    words = [str(w) for w in argv]
    found: str | None = None
    for i, word in enumerate(words):
        value = words[i + 1] if word == "--lang" and i + 1 < len(words) else None
        if word.startswith("--lang="):
            value = word.removeprefix("--lang=")
        if value in LANGS:
            found = value
        if word == "--":
            break
    return found


def env_lang(environ: Mapping[str, str] | None = None) -> str:
    """The language when no --lang is given: OITCHECK_LANG, then the locale, then Thai."""
    env = os.environ if environ is None else environ
    chosen = env.get("OITCHECK_LANG", "").strip().lower()
    for lang in LANGS:
        if chosen.startswith(lang):
            return lang
    for name in LOCALE_VARIABLES:  # POSIX: the first one set wins, whatever it says
        value = env.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else "th"
    return "th"


def user_lang(argv: Sequence[object], environ: Mapping[str, str] | None = None) -> str:
    """The user's language for this command line: --lang, else the environment (env_lang)."""
    return flag_lang(argv) or env_lang(environ)
