"""Dated periods (days, months, ranges, fiscal years, quarters, rounds): table-driven cases and coverage."""

from __future__ import annotations

import dataclasses
import time
from datetime import date as D
from pathlib import Path

import pytest

from checker.extract import date_atoms, dates
from checker.extract.periods import Period, covered, find_periods, find_years, fiscal_year_bounds
from checker.extract.thai import normalise

SEED = Path("/work/shared/seeds/002_cd9cf4d6f6ddcc1a.txt")
FY67 = (D(2023, 10, 1), D(2024, 9, 30))
H1_67 = (D(2023, 10, 1), D(2024, 3, 31))  # first half of fiscal 2567: what the six-month reports must cover

Expected = list[tuple[D, D, str]]

# (raw text -- passed through normalise first, as the pipeline does -- and [(start, end, kind), ...] in order)
CASES: list[tuple[str, Expected]] = [
    # --- full dates -------------------------------------------------------------------------------
    ("16 มีนาคม 2566", [(D(2023, 3, 16), D(2023, 3, 16), "day")]),
    ("๑๖ มีนาคม ๒๕๖๖", [(D(2023, 3, 16), D(2023, 3, 16), "day")]),
    ("๑๖ มี.ค. ๖๖", [(D(2023, 3, 16), D(2023, 3, 16), "day")]),
    ("วันที่ 1 ตุลาคม พ.ศ. 2566", [(D(2023, 10, 1), D(2023, 10, 1), "day")]),
    ("วันที่ ๑๖ มีนาคม ๒๕๖๖", [(D(2023, 3, 16), D(2023, 3, 16), "day")]),
    ("ประกาศ ณ วันที่ 15 มีนาคม พ.ศ. 2567", [(D(2024, 3, 15), D(2024, 3, 15), "day")]),
    ("ข้อมูล ณ วันที่ 31 มี.ค. 67", [(D(2024, 3, 31), D(2024, 3, 31), "day")]),
    ("วันที่ 15 เดือน มกราคม พ.ศ. 2567", [(D(2024, 1, 15), D(2024, 1, 15), "day")]),
    ("วันที่ 6 เดือนตุลาคม 2566", [(D(2023, 10, 6), D(2023, 10, 6), "day")]),
    ("วันที่1ต.ค.2566", [(D(2023, 10, 1), D(2023, 10, 1), "day")]),
    ("ลงวันที่ 30 ก.ย. 67", [(D(2024, 9, 30), D(2024, 9, 30), "day")]),
    ("29 ก.พ. 2567", [(D(2024, 2, 29), D(2024, 2, 29), "day")]),
    ("1 ม.ค. 2567", [(D(2024, 1, 1), D(2024, 1, 1), "day")]),
    ("5 พ.ย. 66", [(D(2023, 11, 5), D(2023, 11, 5), "day")]),
    ("10 ธค. 66", [(D(2023, 12, 10), D(2023, 12, 10), "day")]),
    ("21 กรกฏาคม 2567", [(D(2024, 7, 21), D(2024, 7, 21), "day")]),  # common misspelling of กรกฎาคม
    ("15 มีนาคม 2024", [(D(2024, 3, 15), D(2024, 3, 15), "day")]),  # Thai month, Gregorian year
    ("15/01/2567", [(D(2024, 1, 15), D(2024, 1, 15), "day")]),
    ("15-01-2567", [(D(2024, 1, 15), D(2024, 1, 15), "day")]),
    ("15.01.2567", [(D(2024, 1, 15), D(2024, 1, 15), "day")]),
    ("๑๕/๐๑/๒๕๖๗", [(D(2024, 1, 15), D(2024, 1, 15), "day")]),
    ("1/10/66", [(D(2023, 10, 1), D(2023, 10, 1), "day")]),
    ("15/01/2024", [(D(2024, 1, 15), D(2024, 1, 15), "day")]),
    ("2024-01-15", [(D(2024, 1, 15), D(2024, 1, 15), "day")]),
    ("2567-01-15", [(D(2024, 1, 15), D(2024, 1, 15), "day")]),
    ("2024/01/15", [(D(2024, 1, 15), D(2024, 1, 15), "day")]),
    ("1 Oct 2023", [(D(2023, 10, 1), D(2023, 10, 1), "day")]),
    ("30 Sep 2024", [(D(2024, 9, 30), D(2024, 9, 30), "day")]),
    ("15 March 2024", [(D(2024, 3, 15), D(2024, 3, 15), "day")]),
    ("1st October 2023", [(D(2023, 10, 1), D(2023, 10, 1), "day")]),
    ("October 1, 2023", [(D(2023, 10, 1), D(2023, 10, 1), "day")]),
    ("Sept 30, 2024", [(D(2024, 9, 30), D(2024, 9, 30), "day")]),
    ("Mar. 15, 2024", [(D(2024, 3, 15), D(2024, 3, 15), "day")]),
    ("updated 2024-03-31T10:00", [(D(2024, 3, 31), D(2024, 3, 31), "day")]),
    # --- whole months -----------------------------------------------------------------------------
    ("มีนาคม 2567", [(D(2024, 3, 1), D(2024, 3, 31), "month")]),
    ("มี.ค. 67", [(D(2024, 3, 1), D(2024, 3, 31), "month")]),
    ("เดือนตุลาคม 2566", [(D(2023, 10, 1), D(2023, 10, 31), "month")]),
    ("ประจำเดือน มกราคม 2567", [(D(2024, 1, 1), D(2024, 1, 31), "month")]),
    ("เดือน ม.ค. 67", [(D(2024, 1, 1), D(2024, 1, 31), "month")]),
    ("ม.ค.67", [(D(2024, 1, 1), D(2024, 1, 31), "month")]),
    ("มค. 67", [(D(2024, 1, 1), D(2024, 1, 31), "month")]),
    ("มค 67", [(D(2024, 1, 1), D(2024, 1, 31), "month")]),
    ("ม. ค. 2567", [(D(2024, 1, 1), D(2024, 1, 31), "month")]),
    ("ต.ค 66", [(D(2023, 10, 1), D(2023, 10, 31), "month")]),
    ("ก.พ. 67", [(D(2024, 2, 1), D(2024, 2, 29), "month")]),
    ("ก.พ. 66", [(D(2023, 2, 1), D(2023, 2, 28), "month")]),
    ("เม.ย. 2567", [(D(2024, 4, 1), D(2024, 4, 30), "month")]),
    ("มิ.ย. 67", [(D(2024, 6, 1), D(2024, 6, 30), "month")]),
    ("ส.ค. 67", [(D(2024, 8, 1), D(2024, 8, 31), "month")]),
    ("พฤศจิกายน พ.ศ. 2566", [(D(2023, 11, 1), D(2023, 11, 30), "month")]),
    ("สรุปผลการจัดซื้อจัดจ้าง ประจำเดือนธันวาคม ๒๕๖๖", [(D(2023, 12, 1), D(2023, 12, 31), "month")]),
    ("ครั้งที่ 2 มีนาคม 2567", [(D(2024, 3, 1), D(2024, 3, 31), "month")]),  # a meeting number, not a day
    ("October 2023", [(D(2023, 10, 1), D(2023, 10, 31), "month")]),
    ("Oct. 2023", [(D(2023, 10, 1), D(2023, 10, 31), "month")]),
    ("May 2024", [(D(2024, 5, 1), D(2024, 5, 31), "month")]),
    # --- ranges -----------------------------------------------------------------------------------
    ("ต.ค. 66 – มี.ค. 67", [(*H1_67, "range")]),
    ("ต.ค. 66 ถึง ก.ย. 67", [(*FY67, "range")]),
    ("ต.ค. ๖๖ ถึง ก.ย. ๖๗", [(*FY67, "range")]),
    ("1 ตุลาคม 2566 - 31 มีนาคม 2567", [(*H1_67, "range")]),
    ("(1 ตุลาคม 2566 - 31 . มีนาคม 2567)", [(*H1_67, "range")]),  # a scan: a stray mark after the last day
    ("๑ ตุลาคม ๒๕๖๖ - ๓๑ มีนาคม ๒๕๖๗", [(*H1_67, "range")]),
    ("ตุลาคม 2566 – มีนาคม 2567", [(*H1_67, "range")]),
    ("ต.ค.-ธ.ค. 66", [(D(2023, 10, 1), D(2023, 12, 31), "range")]),
    ("1 ต.ค. – 31 มี.ค. 2567", [(*H1_67, "range")]),
    ("ระหว่างวันที่ 1 ตุลาคม 2566 ถึงวันที่ 31 มีนาคม 2567", [(*H1_67, "range")]),
    ("ตั้งแต่วันที่ 1 ตุลาคม 2566 ถึงวันที่ 30 กันยายน 2567", [(*FY67, "range")]),
    ("ระหว่างเดือนตุลาคม 2566 ถึงเดือนมีนาคม 2567", [(*H1_67, "range")]),
    ("(1 ต.ค 66 - 31 มี.ค. 67)", [(*H1_67, "range")]),
    ("๑ ต.ค. ๖๖ - ๓๑ มี.ค. ๖๗", [(*H1_67, "range")]),
    ("ต.ค.66-มี.ค.67", [(*H1_67, "range")]),
    ("ต.ค. 2566 - ก.ย. 2567", [(*FY67, "range")]),
    ("ตุลาคม - ธันวาคม 2566", [(D(2023, 10, 1), D(2023, 12, 31), "range")]),
    ("ม.ค. - มี.ค. 67", [(D(2024, 1, 1), D(2024, 3, 31), "range")]),
    ("เดือน ม.ค. – มี.ค. 2567", [(D(2024, 1, 1), D(2024, 3, 31), "range")]),
    ("ต.ค. – ธ.ค. 2566", [(D(2023, 10, 1), D(2023, 12, 31), "range")]),
    ("1-31 ตุลาคม 2566", [(D(2023, 10, 1), D(2023, 10, 31), "range")]),
    ("1 – 15 มี.ค. 67", [(D(2024, 3, 1), D(2024, 3, 15), "range")]),
    ("01/10/2566 - 31/03/2567", [(*H1_67, "range")]),
    ("01/10/2566-31/03/2567", [(*H1_67, "range")]),
    ("01-10-2566 - 31-03-2567", [(*H1_67, "range")]),
    ("2023-10-01 - 2024-03-31", [(*H1_67, "range")]),
    ("ตุลาคม 2566 - มีนาคม", [(*H1_67, "range")]),  # year given once at the start
    ("Oct 2023 - Mar 2024", [(*H1_67, "range")]),
    ("1 Oct 2023 – 31 Mar 2024", [(*H1_67, "range")]),
    ("Oct–Dec 2023", [(D(2023, 10, 1), D(2023, 12, 31), "range")]),
    ("1 October 2023 to 31 March 2024", [(*H1_67, "range")]),
    # --- fiscal years -----------------------------------------------------------------------------
    ("ปีงบประมาณ 2567", [(*FY67, "fiscal_year")]),
    ("ปีงบประมาณ พ.ศ. 2567", [(*FY67, "fiscal_year")]),
    ("ประจำปีงบประมาณ 2567", [(*FY67, "fiscal_year")]),
    ("ประจำปีงบประมาณ พ.ศ. ๒๕๖๗", [(*FY67, "fiscal_year")]),
    ("ปีงบฯ 67", [(*FY67, "fiscal_year")]),
    ("ปีงบ 67", [(*FY67, "fiscal_year")]),
    ("ปีงบ. 2567", [(*FY67, "fiscal_year")]),
    ("ปี งบประมาณ 2567", [(*FY67, "fiscal_year")]),
    ("ประจำปี งบประมาณ พ.ศ. 2565 เสนอผู้บริหาร", [(D(2021, 10, 1), D(2022, 9, 30), "fiscal_year")]),
    ("งบประมาณรายจ่ายประจำปี พ.ศ. 2567", [(*FY67, "fiscal_year")]),
    ("ข้อบัญญัติงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. 2567", [(*FY67, "fiscal_year")]),
    ("เป็นรายงานผลของปีงบประมาณ พ.ศ.2566", [(D(2022, 10, 1), D(2023, 9, 30), "fiscal_year")]),
    ("ปีงบประมาณ 2566-2570", [(D(2022, 10, 1), D(2027, 9, 30), "fiscal_year")]),
    ("ปีงบประมาณ 2566 – 2570", [(D(2022, 10, 1), D(2027, 9, 30), "fiscal_year")]),
    ("ปีงบประมาณ 2566-70", [(D(2022, 10, 1), D(2027, 9, 30), "fiscal_year")]),
    ("ปีงบประมาณ 2566 ถึง ปีงบประมาณ 2570", [(D(2022, 10, 1), D(2027, 9, 30), "fiscal_year")]),
    ("fiscal year 2024", [(*FY67, "fiscal_year")]),
    ("FY2024", [(*FY67, "fiscal_year")]),
    ("FY 2567", [(*FY67, "fiscal_year")]),
    (
        "ปีงบประมาณ 2567 (1 ต.ค. 66 – 30 ก.ย. 67)",
        [(*FY67, "fiscal_year"), (*FY67, "range")],
    ),
    # --- quarters (fiscal: Q1 Oct-Dec, Q2 Jan-Mar, Q3 Apr-Jun, Q4 Jul-Sep) ---------------------------
    ("ไตรมาสที่ 2 ปีงบประมาณ 2567", [(D(2024, 1, 1), D(2024, 3, 31), "quarter")]),
    ("ไตรมาส 1/2567", [(D(2023, 10, 1), D(2023, 12, 31), "quarter")]),
    ("ไตรมาสที่ 1 (ต.ค. – ธ.ค. 2566)", [(D(2023, 10, 1), D(2023, 12, 31), "quarter")]),
    ("ไตรมาสที่ 3 ปีงบประมาณ พ.ศ. 2567", [(D(2024, 4, 1), D(2024, 6, 30), "quarter")]),
    ("ไตรมาสที่ 4 ปีงบฯ 67", [(D(2024, 7, 1), D(2024, 9, 30), "quarter")]),
    ("ไตรมาสที่ ๒ ประจำปีงบประมาณ พ.ศ. ๒๕๖๗", [(D(2024, 1, 1), D(2024, 3, 31), "quarter")]),
    ("ไตรมาสที่ 1-2 ปีงบประมาณ 2567", [(*H1_67, "quarter")]),
    ("ไตรมาสแรก ปีงบประมาณ 2567", [(D(2023, 10, 1), D(2023, 12, 31), "quarter")]),
    ("ไตรมาส 2/67", [(D(2024, 1, 1), D(2024, 3, 31), "quarter")]),
    ("ไตรมาสที่ 1 ปี 2567", [(D(2023, 10, 1), D(2023, 12, 31), "quarter")]),
    ("ไตรมาสที่ 1 (ต.ค. – ธ.ค.) ปีงบประมาณ 2567", [(D(2023, 10, 1), D(2023, 12, 31), "quarter")]),
    ("ไตรมาสที่ 2 (มกราคม - มีนาคม 2567)", [(D(2024, 1, 1), D(2024, 3, 31), "quarter")]),
    ("ไตรมาสที่ 1 ตุลาคม - ธันวาคม 2566", [(D(2023, 10, 1), D(2023, 12, 31), "quarter")]),
    ("ปีงบประมาณ 2567 ไตรมาสที่ 2", [(D(2024, 1, 1), D(2024, 3, 31), "quarter")]),
    ("Q3/2567", [(D(2024, 4, 1), D(2024, 6, 30), "quarter")]),
    ("Q1 FY2024", [(D(2023, 10, 1), D(2023, 12, 31), "quarter")]),
    ("รอบ 3 เดือน ปีงบประมาณ 2567", [(D(2023, 10, 1), D(2023, 12, 31), "quarter")]),
    # --- half years and other reporting rounds ----------------------------------------------------
    ("รอบ 6 เดือน ปีงบประมาณ 2567", [(*H1_67, "half")]),
    ("รอบ 6 เดือนแรก ประจำปีงบประมาณ พ.ศ. 2567", [(*H1_67, "half")]),
    ("รอบ 6 เดือน (1 ต.ค. 66 - 31 มี.ค. 67)", [(*H1_67, "half")]),
    ("ครึ่งปีแรก ปีงบประมาณ 2567", [(*H1_67, "half")]),
    ("รอบ 12 เดือน ปีงบประมาณ 2567", [(*FY67, "half")]),
    ("รอบ 6 เดือนหลัง ปีงบประมาณ 2567", [(D(2024, 4, 1), D(2024, 9, 30), "half")]),
    ("ครึ่งปีหลัง ปีงบประมาณ 2567", [(D(2024, 4, 1), D(2024, 9, 30), "half")]),
    ("รอบ 9 เดือน ปีงบประมาณ 2567", [(D(2023, 10, 1), D(2024, 6, 30), "half")]),
    ("รอบ 6 เดือน (ตุลาคม 2566 - มีนาคม 2567)", [(*H1_67, "half")]),
    ("รอบ 6 เดือนแรกของปีงบประมาณ 2567", [(*H1_67, "half")]),
    ("ประจำปีงบประมาณ พ.ศ. 2567 (รอบ 6 เดือน)", [(*H1_67, "half")]),
    ("ประจำปีงบประมาณ พ.ศ. ๒๕๖๗ รอบ ๖ เดือน", [(*H1_67, "half")]),
    ("ระยะเวลา 6 เดือน ตุลาคม 2566 - มีนาคม 2567", [(*H1_67, "half")]),
    # --- calendar years (a cue is required) -------------------------------------------------------
    ("พ.ศ. 2567", [(D(2024, 1, 1), D(2024, 12, 31), "year")]),
    ("ปี 2567", [(D(2024, 1, 1), D(2024, 12, 31), "year")]),
    ("ประจำปี 2567", [(D(2024, 1, 1), D(2024, 12, 31), "year")]),
    ("ปี พ.ศ. 2567", [(D(2024, 1, 1), D(2024, 12, 31), "year")]),
    ("ประจำปี พ.ศ. 2566", [(D(2023, 1, 1), D(2023, 12, 31), "year")]),
    ("พ.ศ.๒๕๖๗", [(D(2024, 1, 1), D(2024, 12, 31), "year")]),
    ("ปี 67", [(D(2024, 1, 1), D(2024, 12, 31), "year")]),
    ("พ.ศ. 67", [(D(2024, 1, 1), D(2024, 12, 31), "year")]),
    ("ค.ศ. 2024", [(D(2024, 1, 1), D(2024, 12, 31), "year")]),
    ("ปีค.ศ. 2024", [(D(2024, 1, 1), D(2024, 12, 31), "year")]),
    ("พ.ศ. 2566 - 2570", [(D(2023, 1, 1), D(2027, 12, 31), "year")]),
    ("แผนพัฒนาท้องถิ่น (พ.ศ. 2566-2570)", [(D(2023, 1, 1), D(2027, 12, 31), "year")]),
    ("ตั้งแต่ปี 2566 ถึงปี 2570", [(D(2023, 1, 1), D(2027, 12, 31), "year")]),
    # --- sentences from the seed report (002), after normalise ------------------------------------
    ("ทุกสำนัก/กอง ต.ค. 66 ถึง ก.ย. 67 ยังไม่ได้ดำเนินการ", [(*FY67, "range")]),
    ("ข้อมูลครอบคลุมในระยะเวลา 6 เดือนแรก (1 ต.ค 66 - 31 มี.ค. 67) สำนักปลัด, กองคลัง", [(*H1_67, "half")]),
    ("ที่มีข้อมูลครอบคลุมในระยะเวลา 6 เดือนแรกของปี พ.ศ. 2567 ทุกสำนัก/กอง", [(*H1_67, "half")]),
    ("เป็นรายงานรอบ 6 เดือนของปี พ.ศ. 2567 สำนักปลัด", [(*H1_67, "half")]),
    ("จัดทำแผนดำเนินงานประจำปีงบประมาณ 2566 และเผยแพร่", [(D(2022, 10, 1), D(2023, 9, 30), "fiscal_year")]),
    ("การวิเคราะห์ผลการประเมิน ITA ปี 2565 และเผยแพร่บนเว็บไซต์", [(D(2022, 1, 1), D(2022, 12, 31), "year")]),
    (
        "ตามพระราชบัญญัติการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560 - เป็นข้อมูลการจัดซื้อจัดจ้างในปี พ.ศ. 2567",
        [(D(2017, 1, 1), D(2017, 12, 31), "year"), (D(2024, 1, 1), D(2024, 12, 31), "year")],
    ),
    (
        "ประจำปีงบประมาณ พ.ศ. 2567 โดยภาพรวมได้คะแนน 93.12 อยู่ในระดับ ผ่าน",
        [(*FY67, "fiscal_year")],
    ),
    (
        "1 ต.ค. 66, 1 พ.ย. 66 และ 1 ธ.ค. 66",
        [
            (D(2023, 10, 1), D(2023, 10, 1), "day"),
            (D(2023, 11, 1), D(2023, 11, 1), "day"),
            (D(2023, 12, 1), D(2023, 12, 1), "day"),
        ],
    ),
    ("31 มี.ค. 67 - 1 ต.ค. 66", [(D(2024, 3, 31), D(2024, 3, 31), "day"), (D(2023, 10, 1), D(2023, 10, 1), "day")]),
    ("ต.ค. 66 - ปัจจุบัน", [(D(2023, 10, 1), D(2023, 10, 31), "month")]),
    ("ลพ 52001/2567 ลงวันที่ 15 มี.ค. 67", [(D(2024, 3, 15), D(2024, 3, 15), "day")]),
    # --- not periods ------------------------------------------------------------------------------
    ("2567", []),
    ("รายงานผลการดำเนินงาน 2567", []),
    ("ปีงบประมาณ", []),
    ("ตลอดปีงบประมาณ สำนักปลัด 1. จัดทำ", []),
    ("เป็นนโยบายที่ประกาศใช้ในปีงบประมาณปัจจุบัน", []),
    ("ประจำปีรอบ 6 เดือน - แสดงผลความก้าวหน้า", []),
    ("ราย 6 เดือน ที่มีข้อมูล", []),
    ("ไตรมาสที่ 2", []),
    ("รอบ 12 เดือน", []),
    ("ต.ค.", []),
    ("1 ตุลาคม", []),
    ("30 ก.ย.", []),
    ("โทร. 0-5426-1234", []),
    ("โทร 053 256 712", []),
    ("0 2567 1234", []),
    ("(02) 2567 1234", []),
    ("2,567,000 บาท", []),
    ("งบประมาณ 2,567,000 บาท", []),
    ("งบประมาณ 2567 บาท", []),
    ("ที่ ลพ 52001/2567", []),
    ("คำสั่งที่ 123/2567", []),
    ("12/2567", []),
    ("เวลา 10.30 น.", []),
    ("10.30-12.00 น.", []),
    ("เวอร์ชัน 2.5.67", []),
    ("ได้คะแนน 93.12", []),
    ("192.168.25.67", []),
    ("ISBN 978-616-2567-01-5", []),
    ("2567.50", []),
    ("ปี 2567.50", []),
    ("31 กุมภาพันธ์ 2567", []),
    ("29 ก.พ. 2566", []),
    ("31 เม.ย. 67", []),
    ("2024-13-01", []),
    ("2024-02-30", []),
    ("ส.ค.ส. 2567", []),
    ("ก.พ.ร. 2567", []),
    ("ก.ค.ศ. 2567", []),
    ("กฎ ก.พ. 2551", []),
    ("มติ ก.พ. 67", []),
    ("มีค่า 67", []),
    ("1 ปี 60 วัน", []),
    ("ต่อปี 60", []),
    ("ปีการศึกษา 2567", []),
    ("ปี 25", []),
    ("พ.ศ. 2300", []),
    ("ไตรมาส 12", []),
    ("เลขที่ 15/01/67", []),
    ("1.2.67", []),
    ("15-01-67", []),
    ("", []),
]


def _summary(periods: list[Period]) -> Expected:
    return [(p.start, p.end, p.kind) for p in periods]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_find_periods(text: str, expected: Expected) -> None:
    text = normalise(text)
    periods = find_periods(text)
    assert _summary(periods) == expected
    for p in periods:
        assert text[p.pos : p.pos + len(p.text)] == p.text


def test_enough_cases() -> None:
    assert len(CASES) >= 120
    assert sum(1 for _, exp in CASES if not exp) >= 40
    assert len({text for text, _ in CASES}) == len(CASES)  # no duplicates


@pytest.mark.parametrize(
    ("text", "expected_text"),
    [
        ("ประจำปีงบประมาณ พ.ศ. 2567 โดยภาพรวม", "ประจำปีงบประมาณ พ.ศ. 2567"),
        ("ระยะเวลา ต.ค. 66 ถึง ก.ย. 67 สำนักปลัด", "ต.ค. 66 ถึง ก.ย. 67"),
        ("ระยะเวลา 6 เดือนแรก (1 ต.ค 66 - 31 มี.ค. 67) สำนักปลัด", "6 เดือนแรก (1 ต.ค 66 - 31 มี.ค. 67)"),
        ("รายงาน ระหว่างวันที่ 1 ตุลาคม 2566 ถึงวันที่ 31 มีนาคม 2567 นี้", "ระหว่างวันที่ 1 ตุลาคม 2566 ถึงวันที่ 31 มีนาคม 2567"),
        ("ประกาศ ณ วันที่ 15 มีนาคม พ.ศ. 2567", "วันที่ 15 มีนาคม พ.ศ. 2567"),
        ("รายงาน ประจำปีงบประมาณ พ.ศ. 2567 (รอบ 6 เดือน) ของ", "ประจำปีงบประมาณ พ.ศ. 2567 (รอบ 6 เดือน)"),
        ("แผนพัฒนาท้องถิ่น (พ.ศ. 2566-2570)", "พ.ศ. 2566-2570"),
    ],
)
def test_period_text_is_the_matched_source(text: str, expected_text: str) -> None:
    periods = find_periods(text)
    assert [p.text for p in periods] == [expected_text]
    assert periods[0].pos == text.index(expected_text)


def test_results_are_in_order_and_do_not_overlap() -> None:
    text = normalise("ปี 2570 ต.ค. 66 ถึง ก.ย. 67 ไตรมาสที่ 2 ปีงบประมาณ 2567 15/01/2567 ค.ศ. 2024")
    periods = find_periods(text)
    assert [p.kind for p in periods] == ["year", "range", "quarter", "day", "year"]
    ends = [p.pos + len(p.text) for p in periods]
    assert all(ends[i] <= periods[i + 1].pos for i in range(len(periods) - 1))


def test_find_years_still_sees_what_find_periods_skips() -> None:
    text = "รายงานผลการดำเนินงาน 2567"
    assert find_periods(text) == []
    assert [(s.start, s.end) for s in find_years(text)] == [(2567, 2567)]


def test_seed_report() -> None:
    text = normalise(SEED.read_text(encoding="utf-8"))
    periods = find_periods(text)
    for p in periods:
        assert text[p.pos : p.pos + len(p.text)] == p.text
    # every "ต.ค. 66 ถึง ก.ย. 67" in the measures table is one range covering fiscal 2567
    assert sum(1 for p in periods if p.text == "ต.ค. 66 ถึง ก.ย. 67") == text.count("ต.ค. 66 ถึง ก.ย. 67") == 8
    assert all((p.start, p.end) == FY67 for p in periods if p.kind == "range")
    assert any(p.kind == "half" and (p.start, p.end) == H1_67 and "1 ต.ค 66" in p.text for p in periods)
    fiscal = {(p.start.year + 544) for p in periods if p.kind == "fiscal_year"}
    assert fiscal == {2565, 2566, 2567}
    assert {p.kind for p in periods} == {"range", "half", "fiscal_year", "year"}
    assert covered(periods, *H1_67)


def test_period_equality_ignores_pos_and_is_frozen() -> None:
    a = Period(D(2024, 1, 1), D(2024, 1, 31), "month", "ม.ค. 67", 0)
    b = Period(D(2024, 1, 1), D(2024, 1, 31), "month", "ม.ค. 67", 42)
    assert a == b
    assert hash(a) == hash(b)
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.start = D(2023, 1, 1)  # type: ignore[misc]


def test_reexported_from_periods() -> None:
    from checker.extract import periods

    assert periods.find_periods is dates.find_periods
    assert periods.Period is dates.Period
    assert {"Period", "find_periods", "fiscal_year_bounds", "covered"} <= set(periods.__all__)


# --------------------------------------------------------------------------------------------------
# fiscal_year_bounds


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2567, (D(2023, 10, 1), D(2024, 9, 30))),
        (2566, (D(2022, 10, 1), D(2023, 9, 30))),
        (2568, (D(2024, 10, 1), D(2025, 9, 30))),
        (2543, (D(1999, 10, 1), D(2000, 9, 30))),
    ],
)
def test_fiscal_year_bounds(year: int, expected: tuple[D, D]) -> None:
    assert fiscal_year_bounds(year) == expected
    (period,) = find_periods(f"ปีงบประมาณ {year}")
    assert (period.start, period.end) == expected


# --------------------------------------------------------------------------------------------------
# covered


def _months(text: str) -> list[Period]:
    return find_periods(normalise(text))


MONTHLY_OCT_MAR = "ต.ค. 66 พ.ย. 66 ธ.ค. 66 ม.ค. 67 ก.พ. 67 มี.ค. 67"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (MONTHLY_OCT_MAR, True),  # six monthly summaries (สขร.1) cover the first half
        ("มี.ค. 67 ม.ค. 67 ต.ค. 66 ธ.ค. 66 ก.พ. 67 พ.ย. 66", True),  # order does not matter
        ("ต.ค. 66 พ.ย. 66 ธ.ค. 66", False),  # the first quarter only
        ("ต.ค. 66 พ.ย. 66 ม.ค. 67 ก.พ. 67 มี.ค. 67", False),  # December missing
        ("ปีงบประมาณ 2567", True),
        ("ปีงบประมาณ 2566", False),
        ("ปีงบประมาณ 2566-2570", True),
        ("รอบ 6 เดือน ปีงบประมาณ 2567", True),
        ("รอบ 6 เดือนหลัง ปีงบประมาณ 2567", False),
        ("ไตรมาสที่ 1 ปีงบประมาณ 2567 ไตรมาสที่ 2 ปีงบประมาณ 2567", True),
        ("ไตรมาส 1/2567", False),
        ("1 ต.ค. 66 - 15 ม.ค. 67 และ 16 ม.ค. 67 - 31 มี.ค. 67", True),  # adjacent days join
        ("1 ต.ค. 66 - 15 ม.ค. 67 และ 17 ม.ค. 67 - 31 มี.ค. 67", False),  # 16 Jan missing
        ("1 ต.ค. 66 - 31 ม.ค. 67 และ 1 ธ.ค. 66 - 31 มี.ค. 67", True),  # overlaps are fine
        ("2 ต.ค. 66 - 31 มี.ค. 67", False),  # starts a day late
        ("1 ต.ค. 66 - 30 มี.ค. 67", False),  # ends a day early
        ("ก.ย. 66 - ก.ย. 67", True),  # wider on both sides
        ("ปี พ.ศ. 2567", False),  # calendar 2567 starts 1 Jan 2024
        ("ปี พ.ศ. 2566 ปี พ.ศ. 2567", True),
        ("", False),
    ],
)
def test_covered_first_half(text: str, expected: bool) -> None:
    assert covered(_months(text), *H1_67) is expected


def test_covered_edge_cases() -> None:
    oct_mar = _months(MONTHLY_OCT_MAR)
    assert covered(iter(oct_mar), *H1_67)  # any iterable
    assert covered(oct_mar, D(2023, 11, 15), D(2023, 11, 15))  # a single day
    assert not covered(oct_mar, D(2023, 9, 30), D(2023, 10, 31))
    assert covered([], D(2024, 1, 2), D(2024, 1, 1))  # an empty span is covered
    assert not covered([], *H1_67)
    fy = _months("ปีงบประมาณ 2567")
    assert covered(fy, *fiscal_year_bounds(2567))
    assert not covered(fy, *fiscal_year_bounds(2568))


# --------------------------------------------------------------------------------------------------
# Speed and the trigger windows


def test_windows_do_not_change_results(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rules run only near their trigger; scanning the whole text must find exactly the same periods."""
    texts = [normalise(SEED.read_text(encoding="utf-8"))] + [normalise(t) for t, _ in CASES]
    windowed = [find_periods(t) for t in texts]
    monkeypatch.setattr(date_atoms, "_RULES", tuple((None, pattern, build) for _, pattern, build in date_atoms._RULES))
    full = [find_periods(t) for t in texts]
    assert [[(p, p.pos) for p in ps] for ps in windowed] == [[(p, p.pos) for p in ps] for ps in full]


def test_speed_on_a_megabyte_of_seed_text() -> None:
    seed = normalise(SEED.read_text(encoding="utf-8"))
    text = ((seed + " ") * 40).encode()[:1_000_000].decode("utf-8", "ignore")  # 1 MB of UTF-8
    started = time.perf_counter()
    periods = find_periods(text)
    assert time.perf_counter() - started < 3.0  # measured ~0.05 s; generous for slow CI machines
    assert len(periods) > 500
