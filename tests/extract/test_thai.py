"""Thai text normalisation: table-driven cases, many taken from a real OIT report (seed 002)."""

from __future__ import annotations

import pytest
from pythainlp.util import reorder_vowels

from checker.extract.thai import compact, normalise

SARA_AA = "\u0e32"
NIKHAHIT = "\u0e4d"
MAI_EK = "\u0e48"
MAI_THO = "\u0e49"

# (input, expected normalise() output)
NORMALISE_CASES: list[tuple[str, str]] = [
    # --- whitespace -----------------------------------------------------------------------------
    ("", ""),
    ("   \n\t ", ""),
    ("  สำนักปลัด  ", "สำนักปลัด"),
    ("สำนักปลัด กองคลัง", "สำนักปลัด กองคลัง"),  # ordinary words stay apart
    ("สำนักปลัด\tกองคลัง\n\nกองช่าง", "สำนักปลัด กองคลัง กองช่าง"),
    ("ทุกสำนัก/กอง\u00a0ต.ค. 66", "ทุกสำนัก/กอง ต.ค. 66"),  # NBSP
    ("ITA\u2003O1\u3000โครงสร้าง\u202fองค์กร", "ITA O1 โครงสร้าง องค์กร"),  # em / ideographic / narrow spaces
    ("บรรทัดแรก\r\nบรรทัดสอง\u2028สาม", "บรรทัดแรก บรรทัดสอง สาม"),
    ("Do & Don't", "Do & Don't"),  # ASCII passes through
    # --- invisible characters ---------------------------------------------------------------------
    ("การ\u200bดำเนินการ", "การดำเนินการ"),
    ("\ufeffประกาศเทศบาล", "ประกาศเทศบาล"),
    ("เทศ\u00adบาล", "เทศบาล"),
    ("ตำบล\u200cวังพร้าว\u200d", "ตำบลวังพร้าว"),
    ("คู่\u2060มือ", "คู่มือ"),
    # --- Thai digits ------------------------------------------------------------------------------
    ("๒๕๖๗", "2567"),
    ("๐๑๒๓๔๕๖๗๘๙", "0123456789"),
    ("ปีงบประมาณ พ.ศ. ๒๕๖๗", "ปีงบประมาณ พ.ศ. 2567"),
    ("๑๖ มีนาคม ๒๕๖๖", "16 มีนาคม 2566"),
    ("ต.ค. ๖๖ ถึง ก.ย. ๖๗", "ต.ค. 66 ถึง ก.ย. 67"),
    ("o๑ โครงสร้าง", "o1 โครงสร้าง"),
    # --- decomposed sara am -----------------------------------------------------------------------
    ("น" + NIKHAHIT + SARA_AA, "นำ"),
    ("ก" + NIKHAHIT + SARA_AA + "หนด", "กำหนด"),
    ("น" + MAI_THO + NIKHAHIT + SARA_AA, "น้ำ"),  # tone mark before nikhahit
    ("น" + NIKHAHIT + MAI_THO + SARA_AA, "น้ำ"),  # tone mark between nikhahit and sara aa
    ("จัดท" + NIKHAHIT + SARA_AA + " คู่มือ", "จัดทำ คู่มือ"),
    ("ส" + NIKHAHIT + SARA_AA + "นักปลัด / กองคลัง", "สำนักปลัด / กองคลัง"),
    ("น " + NIKHAHIT + " " + SARA_AA, "นำ"),  # decomposed and spaced out
    # --- spaced-out letters -----------------------------------------------------------------------
    ("ก า ร ดำเนินการ", "การ ดำเนินการ"),
    ("ด ำ เ น ิ น ก า ร", "ดำเนินการ"),
    ("ส ำ นั ก ง า น", "สำนักงาน"),
    ("ป ร ะ ก า ศ เทศบาลตำบลวังพร้าว", "ประกาศ เทศบาลตำบลวังพร้าว"),
    ("ป ร ะ จ ำ ปี ง บ ป ร ะ ม า ณ พ.ศ. ๒๕๖๗", "ประจำปีงบประมาณ พ.ศ. 2567"),
    ("ในก า ร ด ำ เ นิ น ง า น ของเทศบาล", "ในการดำเนินงาน ของเทศบาล"),
    ("ก ข ค ง", "กขคง"),  # any run of three or more single letters is joined
    ("ข้อ ก ข", "ข้อ ก ข"),  # two single letters are not enough
    ("ณ ที่ นี้", "ณ ที่ นี้"),  # short real words, not spaced-out letters
    ("ต่าง ๆ ที่เกี่ยวข้อง", "ต่าง ๆ ที่เกี่ยวข้อง"),  # the space before mai yamok is standard
    ("อ. เกาะคา จ. ลำปาง", "อ. เกาะคา จ. ลำปาง"),  # abbreviations are not spaced-out letters
    # --- stray spaces before non-initial characters / after leading vowels ------------------------
    ("ก ำ หนด", "กำหนด"),
    ("จ ั ด ท ำ", "จัดทำ"),
    ("ผู ้ บริหาร", "ผู้บริหาร"),
    ("ค ุ ณธรรม", "คุณธรรม"),
    ("เ ทศบาล", "เทศบาล"),
    ("โ ครงการ", "โครงการ"),
    ("ไ ม่", "ไม่"),
    ("บุคลากร ไ ด้รับ", "บุคลากร ได้รับ"),
    # --- private-use glyph variants ---------------------------------------------------------------
    ("ผู\uf70bบริหาร", "ผู้บริหาร"),  # MAI THO (low)
    ("ป\uf701ด", "ปิด"),  # SARA I (left-shifted)
    ("ป\uf714า", "ป้า"),  # MAI THO (left-shifted)
    ("\uf700าน", "ฐาน"),  # THO THAN without descender
    ("\uf70fาติ", "ญาติ"),  # YO YING without descender
    ("ก\uf718\uf70a", "กุ่"),  # SARA U (low) + MAI EK (low)
    ("ก\uf70a\u0e38", "กุ่"),  # MAI EK (low) typed before SARA U
    ("ก\uf71fร", "กร"),  # unknown glyph in the Thai PUA block: dropped
    ("\ue000 หน้าหลัก", "\ue000 หน้าหลัก"),  # other private-use characters (icon fonts) are kept
    # --- mark order and duplicates ----------------------------------------------------------------
    ("เเผนพัฒนา", "แผนพัฒนา"),  # sara e + sara e -> sara ae
    ("ก" + MAI_EK + "\u0e35", "กี่"),  # tone mark typed before the vowel
    ("ก" + MAI_EK + "\u0e38", "กุ่"),  # canonical order (NFC) puts sara u first
    ("ดีี", "ดี"),
    ("ก" + MAI_EK + MAI_EK + "อน", "ก่อน"),
    ("ITA \u0e48 2567", "ITA 2567"),  # dangling mark after a non-Thai character
    ("\u0e49กองคลัง", "กองคลัง"),  # dangling mark at the start
    ("e\u0301", "é"),  # NFC
    # --- realistic sentences from the seed report -------------------------------------------------
    (
        "จากการประเมินผลคุณธรรมและความโปร่งใสในการดำเนินงานของเทศบาลตำบลวังพร้าว ประจำปีงบประมาณ พ.ศ. 2567 "
        "โดยภาพรวมได้คะแนน 93.12 อยู่ในระดับ ผ่าน",
        "จากการประเมินผลคุณธรรมและความโปร่งใสในการดำเนินงานของเทศบาลตำบลวังพร้าว ประจำปีงบประมาณ พ.ศ. 2567 "
        "โดยภาพรวมได้คะแนน 93.12 อยู่ในระดับ ผ่าน",
    ),
    (
        "รายงานผลการด\u0e4d\u0e32เนินการเพื่อส่งเสริมคุณธรรม\u200bและความโปร่งใสภายในหน่วยงาน ประจ\u0e4d\u0e32ปีงบประมาณ ๒๕๖๗",
        "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ 2567",
    ),
    ("สำนักปลัด / กองคลัง\tต.ค. 66 ถึง ก.ย. 67\t", "สำนักปลัด / กองคลัง ต.ค. 66 ถึง ก.ย. 67"),
    (
        "- เป็นข้อมูลที่ครอบคลุมระยะเวลา 6 เดือนแรก (1 ต.ค 66 - 31 มี.ค. 67)",
        "- เป็นข้อมูลที่ครอบคลุมระยะเวลา 6 เดือนแรก (1 ต.ค 66 - 31 มี.ค. 67)",
    ),
    (
        "3. จัดทำแนวปฏิบัติ Do & Don't เพื่อลดความสับสนเกี่ยวกับพฤติกรรมสี่เทา",
        "3. จัดทำแนวปฏิบัติ Do & Don't เพื่อลดความสับสนเกี่ยวกับพฤติกรรมสี่เทา",
    ),
    (
        "เทศบาลตำบลวังพร้าว\nตำบลวังพร้าว อำเภอเกาะคา\u00a0 จังหวัดลำปาง",
        "เทศบาลตำบลวังพร้าว ตำบลวังพร้าว อำเภอเกาะคา จังหวัดลำปาง",
    ),
    (
        "ม า ต ร ก า ร เสริมสร้างความซื่อสัตย์สุจริต\u200b และปลูกฝังทัศนคติ",
        "มาตรการ เสริมสร้างความซื่อสัตย์สุจริต และปลูกฝังทัศนคติ",
    ),
    (
        "การวิเคราะห์ผลการประเมิน ITA ปี ๒๕๖๕ และเผยแพร่บนเว็บไซต์เทศบาล",
        "การวิเคราะห์ผลการประเมิน ITA ปี 2565 และเผยแพร่บนเว็บไซต์เทศบาล",
    ),
]


@pytest.mark.parametrize(("raw", "expected"), NORMALISE_CASES)
def test_normalise(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), NORMALISE_CASES)
def test_normalise_is_idempotent(raw: str, expected: str) -> None:
    assert normalise(expected) == expected
    assert normalise(normalise(raw)) == normalise(raw)


def test_enough_normalise_cases() -> None:
    assert len(NORMALISE_CASES) >= 40


@pytest.mark.parametrize("cp", range(0xF700, 0xF71B))
def test_every_windows_pua_glyph_maps_to_thai(cp: int) -> None:
    out = normalise("ก" + chr(cp))
    assert out.startswith("ก")
    assert len(out) == 2
    assert "\u0e01" <= out[1] <= "\u0e4e"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("สำนักปลัด กองคลัง", "สำนักปลัดกองคลัง"),
        ("ITA O1 โครงสร้าง", "itao1โครงสร้าง"),
        ("ก า ร ดำเนินการ", "การดำเนินการ"),
        ("ปีงบประมาณ พ.ศ. ๒๕๖๗", "ปีงบประมาณพ.ศ.2567"),
        ("Do & Don't", "do&don't"),
        ("ข้อมูล\u00a0\u200bพื้นฐาน\n", "ข้อมูลพื้นฐาน"),
        ("ส" + NIKHAHIT + SARA_AA + "นัก ปลัด", "สำนักปลัด"),
        ("\u00a0\t", ""),
    ],
)
def test_compact(raw: str, expected: str) -> None:
    assert compact(raw) == expected


def test_compact_matches_spaced_and_clean_forms() -> None:
    assert compact("ร า ย ง า น ผ ล การดำเนินงาน") == compact("รายงานผลการดำเนินงาน")


# normalise() relies on these behaviours of pythainlp.util.reorder_vowels; pin them so an upgrade that
# changes them fails here rather than somewhere in the matchers.
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("น" + NIKHAHIT + SARA_AA, "นำ"),
        ("น" + NIKHAHIT + MAI_THO + SARA_AA, "น" + MAI_THO + "\u0e33"),
        ("น" + MAI_THO + NIKHAHIT + SARA_AA, "น" + MAI_THO + "\u0e33"),
        ("เเ", "แ"),
        ("ก" + MAI_EK + "\u0e35", "ก\u0e35" + MAI_EK),
        ("กา" + MAI_EK, "ก" + MAI_EK + "า"),
    ],
)
def test_pythainlp_reorder_vowels_behaviour(raw: str, expected: str) -> None:
    assert reorder_vowels(raw) == expected
