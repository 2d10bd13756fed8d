"""The benchmark's district: a seeded student-term table with the usual export headers, written once per size
and format to a cache folder, so that no timed or measured process pays for making it.

Built in Arrow rather than pandas: ten million rows of Python strings would cost more memory than the loads
being measured. Parquet keeps the score typed (a float column), as a state system writes it; CSV and xlsx hold
what an export holds.
"""

import io
import os
from pathlib import Path

import numpy as np
import openpyxl
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

CACHE = Path(__file__).resolve().parent / "results" / "data"
RACES = ("Hispanic/Latino", "White", "Black or African American", "Asian", "Two or More Races")
RACE_SHARES = (0.35, 0.3, 0.2, 0.1, 0.05)
TERMS = ("2022-23", "2023-24", "2024-25")
SCHOOLS = tuple(f"School {k}" for k in range(12))
GRADES = tuple(str(g) for g in range(3, 13))
FRL = ("Free", "Reduced", "Paid")
LOW_INCOME = ("Free", "Reduced")       # the FRL values that mean low income
FORMATS = ("parquet", "csv", "xlsx")
PART = 10_000_000       # rows of Parquet made and written at a time


def _pick(rng: np.random.Generator, values: tuple[str, ...], rows: int, p=None) -> pa.Array:
    codes = pa.array(rng.choice(len(values), rows, p=p).astype(np.int32))
    return pa.DictionaryArray.from_arrays(codes, pa.array(values)).cast(pa.string())


def district(rows: int, seed: int = 7, first: int = 0) -> pa.Table:
    """Student ID (numbered from `first`), School Year, School, Grade, Race/Ethnicity, FRL, ELL, IEP and Final %
    (0-100, one decimal)."""
    rng = np.random.default_rng(seed)
    ids = pc.utf8_lpad(pa.array(np.arange(first, first + rows)).cast(pa.string()), width=7, padding="0")
    return pa.table({
        "Student ID": ids,
        "School Year": _pick(rng, TERMS, rows),
        "School": _pick(rng, SCHOOLS, rows),
        "Grade": _pick(rng, GRADES, rows),
        "Race/Ethnicity": _pick(rng, RACES, rows, RACE_SHARES),
        "FRL": _pick(rng, FRL, rows),
        "ELL": _pick(rng, ("Y", "N"), rows, (0.15, 0.85)),
        "IEP": _pick(rng, ("Yes", "No"), rows, (0.13, 0.87)),
        "Final %": pa.array(np.round(rng.normal(75, 12, rows).clip(0, 100), 1)),
    })


def _xlsx(table: pa.Table) -> bytes:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Grades")
    sheet.append(table.column_names)
    columns = [c.to_pylist() for c in table.columns]
    for row in zip(*columns, strict=True):
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _parquet(rows: int, target: Path) -> None:
    """Parquet written PART rows at a time, each part seeded on its own, so a hundred million rows never sit in
    memory at once (as Arrow strings they would take tens of GB); a table of PART rows or fewer is one part."""
    with pq.ParquetWriter(target, district(0).schema) as writer:
        for first in range(0, rows, PART):
            writer.write_table(district(min(PART, rows - first), seed=7 + first // PART, first=first))


def path(rows: int, fmt: str) -> Path:
    """The cached file of `rows` rows in `fmt`, written on first use."""
    target = CACHE / f"district-{rows}.{fmt}"
    if not target.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{os.getpid()}.partial")   # two runs never write one file
        if fmt == "parquet":
            _parquet(rows, partial)
        elif fmt == "csv":
            pacsv.write_csv(district(rows), partial)
        else:
            partial.write_bytes(_xlsx(district(rows)))
        partial.rename(target)
    return target
