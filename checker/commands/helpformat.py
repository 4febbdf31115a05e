"""argparse in the user's language: Thai help screens (English with --lang en), wrapped by terminal cells.

argparse writes its own words ("usage:", "positional arguments", "options", "show this help message and
exit", "the following arguments are required") through gettext's `_()`, looked up when each is used. The
ways to make them Thai, and why this module takes the last one:

- a gettext catalog for the "argparse" domain, or rebinding `argparse._`: global to the process, so one
  process could not build a Thai and an English parser (the tests do; so may a library caller), and it needs
  a compiled .mo file or a patch of argparse's module namespace;
- overriding ArgumentParser.format_help / _get_formatter wholesale: copies argparse code that changes
  between Python versions;
- only argparse's public arguments plus the formatter methods argparse's own formatters override
  (RawDescriptionHelpFormatter overrides `_fill_text`, RawTextHelpFormatter `_split_lines`): `add_help=False`
  and our own `-h/--help` with its help in the language; the usage prefix through `add_usage(prefix=…)`; the
  titles of the two default argument groups set as data; "the following arguments are required" translated
  in the parser's `error()`, through which every parse error passes. The language travels in the formatter
  class, so Thai and English parsers live side by side. Works the same on Python 3.11 to 3.13.

Widths are measured in terminal cells (rich.cells.cell_len), not characters: Thai vowels and tone marks
above and below a consonant take no column of their own, so `len()` would wrap Thai lines far too early;
and a word wider than a line is never cut before such a mark.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from rich.cells import cell_len

from checker.commands.helpepilogs import description, epilog
from checker.commands.helpwords import hw

REQUIRED = "the following arguments are required: "


class LocalisedFormatter(argparse.RawDescriptionHelpFormatter):
    """Help in `lang`. Description and epilog keep their line breaks: an indented line (an example, an exit
    code) is printed as written, any other line is a paragraph wrapped at the terminal's width."""

    lang: ClassVar[str] = "en"

    def __init__(
        self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None
    ) -> None:
        super().__init__(prog, indent_increment, max_help_position, width)
        self._usage_prefix = ""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        if prefix is None and self.lang != "en":
            # argparse indents continued usage lines by len(prefix): lay it out with spaces as wide as the
            # Thai word on screen, then put the word in (format_help).
            self._usage_prefix = hw("usage", self.lang)
            prefix = " " * cell_len(self._usage_prefix)
        super().add_usage(usage, actions, groups, prefix)

    def format_help(self) -> str:
        text = super().format_help()
        pad = " " * cell_len(self._usage_prefix)
        if self._usage_prefix and text.startswith(pad):
            text = self._usage_prefix + text[len(pad) :]
        return text

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        lines: list[str] = []
        for line in text.splitlines():
            if not line.strip():
                lines.append("")
            elif line[0].isspace():
                lines.append(indent + line)
            else:
                lines += [indent + part for part in wrap(line, width)]
        return "\n".join(lines)


class ThaiFormatter(LocalisedFormatter):
    lang = "th"


class EnglishFormatter(LocalisedFormatter):
    lang = "en"


def formatter_for(lang: str) -> type[LocalisedFormatter]:
    return EnglishFormatter if lang == "en" else ThaiFormatter


def parser_lang(parser: argparse.ArgumentParser) -> str:
    """The language a parser was built in (English for a parser not built here)."""
    return getattr(parser.formatter_class, "lang", "en")


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` cells, broken at spaces (Thai separates phrases with spaces)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        joined = f"{line} {word}" if line else word
        if cell_len(joined) <= width:
            line = joined
            continue
        if line:
            lines.append(line)
        while cell_len(word) > width:
            cut = _cut(word, width)
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines


def _cut(word: str, width: int) -> int:
    """Where to cut a word wider than `width`: the most characters that fit, marks kept with their base."""
    cells = cut = 0
    for i, char in enumerate(word):
        cells += cell_len(char)
        if cells > width:
            break
        cut = i + 1
    while cut < len(word) and cell_len(word[cut]) == 0:
        cut += 1
    return max(cut, 1)


def dress(parser: argparse.ArgumentParser, lang: str) -> argparse.ArgumentParser:
    """argparse's headings and -h in `lang`, for a parser made with add_help=False and formatter_for(lang)."""
    parser._positionals.title = hw("positionals", lang)
    parser._optionals.title = hw("options", lang)
    parser.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=hw("help", lang))
    return parser


def new_parser(parser_class: type[argparse.ArgumentParser], lang: str, **kwargs: Any) -> argparse.ArgumentParser:
    """The top-level `oitcheck` parser in `lang`, with its description, examples and exit codes."""
    p = parser_class(
        prog="oitcheck",
        description=description("oitcheck", lang),
        epilog=epilog("oitcheck", lang),
        formatter_class=formatter_for(lang),
        add_help=False,
        **kwargs,
    )
    return dress(p, lang)


def add_command(
    sub: argparse._SubParsersAction[Any], name: str, lang: str, key: str | None = None
) -> argparse.ArgumentParser:
    """`oitcheck NAME` in `lang`: its one line in the list of commands, its description, examples and exit
    codes (`key` names them when it is not `name`: "rules.show")."""
    key = key or name
    p: argparse.ArgumentParser = sub.add_parser(
        name,
        help=hw(f"cmd.{key}", lang),
        description=description(key, lang),
        epilog=epilog(key, lang),
        formatter_class=formatter_for(lang),
        add_help=False,
    )
    return dress(p, lang)


def add_commands(parser: argparse.ArgumentParser, lang: str, dest: str) -> argparse._SubParsersAction[Any]:
    """The list of commands under `parser`, titled in `lang`."""
    return parser.add_subparsers(
        dest=dest,
        required=True,
        title=hw("commands", lang),
        metavar="COMMAND",
        help=hw("command", lang, prog=parser.prog),
    )


def error_words(message: str, lang: str) -> str:
    """argparse's error message in `lang`. Only the missing-arguments sentence is translated: the other
    messages carry option names and values that scripts, tests and docs/reliability.md quote as they are."""
    if lang != "en" and message.startswith(REQUIRED):
        return hw("required", lang, names=message.removeprefix(REQUIRED))
    return message


def walk(
    parser: argparse.ArgumentParser, path: Sequence[str] = ("oitcheck",)
) -> list[tuple[str, argparse.ArgumentParser]]:
    """Every parser of the tree with its command path ("oitcheck rules show"), for tests and docs."""
    found = [(" ".join(path), parser)]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                found += walk(child, (*path, name))
    return found
