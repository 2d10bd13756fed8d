"""What one upload may cost: bytes, inflated size, columns, cells, characters per cell, time and memory.

On a shared server every session's data lives in one process, so a single file must not be able to take all
of its memory or time. Each limit is checked from what is cheapest to know first (the byte count, a zip's
directory, a parquet footer) before anything is inflated or parsed. The checks return the uploader's message,
or None, and leave raising to the reader.
"""

import zipfile
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from equity.words.messages import Text

MIB = 1 << 20


@dataclass(frozen=True)
class Limits:
    upload_bytes: int = 200 * MIB         # the same as server.maxUploadSize in .streamlit/config.toml
    unzipped_bytes: int = 1024 * MIB      # all parts of a workbook, inflated
    zip_ratio: int = 200                  # inflated ÷ compressed, of one large part and of the whole archive
    ratio_from: int = 16 * MIB            # (identical rows: about 20); below this inflated, harmless at any ratio
    zip_parts: int = 10_000
    columns: int = 1_000
    cells: int = 150_000_000              # rows × columns: a state file, 10M rows × 15 (90M took 7.5 GB)
    cell_chars: int = 32_767              # Excel's own limit for one cell
    label_chars: int = 255                # a column header
    line_bytes: int = 2 * MIB             # one line of a CSV
    text_bytes: int = 256 * MIB           # the table one file gives, in memory with its text decoded: this much,
    cell_bytes: int = 32                  # and as much again per cell (10M rows × 9 columns take about 0.9 GB),
    table_bytes: int = 2048 * MIB         # but never more
    workbook_seconds: float = 120.0       # reading one file, in its own process
    workbook_memory: int = 4096 * MIB     # the memory that process may add


LIMITS = Limits()
ADVICE = Text("limits.advice")


def _mib(size: int) -> str:
    return f"{size / MIB:,.0f} MB"


def upload_problem(size: int, filename: str, limits: Limits = LIMITS) -> Text | None:
    if size > limits.upload_bytes:
        return Text("limits.upload", filename=filename, size=_mib(size), limit=_mib(limits.upload_bytes),
                    advice=ADVICE)
    return None


def archive_problem(archive: zipfile.ZipFile, filename: str, limits: Limits = LIMITS) -> Text | None:
    """A workbook is a zip archive; its directory says what each part inflates to, before any is read."""
    parts = archive.infolist()
    if len(parts) > limits.zip_parts:
        return Text("limits.parts", filename=filename, parts=len(parts))
    total = sum(part.file_size for part in parts)
    if total > limits.unzipped_bytes:
        return Text("limits.unpacked", filename=filename, size=_mib(total), limit=_mib(limits.unzipped_bytes),
                    advice=ADVICE)
    whole = ("limits.ratio_whole", total, sum(part.compress_size for part in parts))   # many parts, each small
    for key, inflated, compressed in (*(("limits.ratio", p.file_size, p.compress_size) for p in parts), whole):
        ratio = inflated // max(compressed, 1)
        if inflated > limits.ratio_from and ratio > limits.zip_ratio:
            return Text(key, filename=filename, ratio=ratio, advice=ADVICE)
    return None


def verify_archive(archive: zipfile.ZipFile) -> None:
    """Inflate every part, stopping at the size the directory declares, so that a directory which lies fails
    its checksum here (zipfile.BadZipFile) instead of inflating without bound in the spreadsheet reader."""
    for part in archive.infolist():
        with archive.open(part) as stream:
            while stream.read(MIB):
                pass


def text_problem(size: int, filename: str, cells: int = 0, limits: Limits = LIMITS) -> Text | None:
    """A larger table than one session should hold: `size` bytes in memory, text decoded and typed values as
    they are, for a table of `cells` cells (0 when not known yet). A large table of short values passes; long
    values repeated do not, which a file's own format can store once (a Parquet dictionary, a workbook's shared
    strings) but a table holds in every cell."""
    limit = min(limits.table_bytes, limits.text_bytes + limits.cell_bytes * cells)
    if size > limit:
        return Text("limits.text", filename=filename, size=_mib(size), limit=_mib(limit), advice=ADVICE)
    return None


def shape_problem(rows: int, columns: int, place: str, limits: Limits = LIMITS) -> Text | None:
    """Too many columns, or too many cells, for one session to hold. `place` names the file or sheet (a Text
    or plain words)."""
    if columns > limits.columns:
        return Text("limits.columns", place=place, columns=columns, limit=limits.columns)
    if rows * columns > limits.cells:
        return Text("limits.cells", place=place, rows=rows, columns=columns,
                    limit=limits.cells, advice=ADVICE)
    return None


def cut_long_cells(column: pa.ChunkedArray, limits: Limits = LIMITS) -> tuple[pa.ChunkedArray, int]:
    """Text cells cut to Excel's own limit; returns the column and how many cells were cut. A cell has no more
    characters than bytes, so a column whose longest cell in bytes is within the limit is not counted again."""
    if len(column) == 0 or (pc.max(pc.binary_length(column)).as_py() or 0) <= limits.cell_chars:
        return column, 0
    lengths = pc.utf8_length(column)
    longest = pc.max(lengths).as_py()
    if longest is None or longest <= limits.cell_chars:
        return column, 0
    cut = pc.sum(pc.greater(lengths, limits.cell_chars)).as_py()
    return pc.utf8_slice_codeunits(column, 0, limits.cell_chars), cut


def long_cells_note(count: int, limits: Limits = LIMITS) -> Text:
    return Text.counted("limits.long_cells", count, limit=limits.cell_chars)
