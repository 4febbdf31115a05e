"""Thai dates, digits and fiscal years as agency documents write them."""

from __future__ import annotations

import random
from dataclasses import dataclass

MONTHS = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน",
    "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)  # fmt: skip
MONTHS_ABBR = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
FY_MONTHS = (10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9)


def thai_digits(text: str) -> str:
    return text.translate(THAI_DIGITS)


@dataclass(frozen=True)
class Day:
    """A calendar day, Buddhist-era year."""

    be: int
    month: int
    day: int

    @property
    def gregorian(self) -> int:
        return self.be - 543

    @property
    def fiscal_year(self) -> int:
        return self.be + 1 if self.month >= 10 else self.be

    def iso(self) -> str:
        return f"{self.gregorian:04d}-{self.month:02d}-{self.day:02d}"

    def long(self) -> str:
        """15 พฤศจิกายน 2566"""
        return f"{self.day} {MONTHS[self.month - 1]} {self.be}"

    def short(self) -> str:
        """15 พ.ย. 66"""
        return f"{self.day} {MONTHS_ABBR[self.month - 1]} {self.be % 100:02d}"

    def slash(self) -> str:
        """15/11/2566"""
        return f"{self.day:02d}/{self.month:02d}/{self.be}"

    def styled(self, style: int) -> str:
        """One of the ways a page or a document writes a date (style 0..3)."""
        if style == 1:
            return thai_digits(self.long())
        if style == 2:
            return self.short()
        if style == 3:
            return self.slash()
        return self.long()


def day_in_fy(rng: random.Random, fy: int, first_month: int = 10, last_month: int = 9) -> Day:
    """A day of fiscal year `fy` between two months of it (inclusive; 10 = October of fy-1)."""
    order = list(FY_MONTHS)
    lo, hi = order.index(first_month), order.index(last_month)
    month = order[rng.randint(lo, hi)]
    be = fy - 1 if month >= 10 else fy
    return Day(be, month, rng.randint(1, 28))


def fy_span(fy: int, *, short: bool = False, digits: bool = False) -> str:
    """The first six months of fiscal year `fy`: 1 ตุลาคม 2566 - 31 มีนาคม 2567 (or ต.ค. 66 - มี.ค. 67)."""
    text = f"ต.ค. {(fy - 1) % 100:02d} - มี.ค. {fy % 100:02d}" if short else f"1 ตุลาคม {fy - 1} - 31 มีนาคม {fy}"
    return thai_digits(text) if digits else text


def full_fy_span(fy: int) -> str:
    return f"1 ตุลาคม {fy - 1} - 30 กันยายน {fy}"


def year_text(rng: random.Random, be: int) -> str:
    """A Buddhist-era year as written in a title: 2567 or ๒๕๖๗."""
    return thai_digits(str(be)) if rng.random() < 0.25 else str(be)


def money(value: float) -> str:
    return f"{value:,.2f}"


def phone(rng: random.Random, area: str) -> str:
    """A landline such as 0-4256-7123 (digit runs that look like years, never dates)."""
    middle = rng.choice(("25", "56", "67", str(rng.randint(10, 99))))
    last = rng.randint(2500, 2599) if rng.random() < 0.5 else rng.randint(1000, 9999)
    return f"0-{area}{middle}-{last}"


def mobile(rng: random.Random) -> str:
    return f"0{rng.choice('689')}{rng.randint(0, 9)}-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}"
