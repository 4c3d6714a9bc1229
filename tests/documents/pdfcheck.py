"""Tiny tools to look inside rendered PDFs: text, fonts, pixels (own PGM reader, no PIL)."""

from __future__ import annotations

import io
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

MM = 72 / 25.4
INK = 160  # grey level below which a pixel counts as ink (anti-aliased edges are lighter)


def page_texts(pdf: Path, *, raw: bool = False) -> list[str]:
    """Text of each page (pdftotext puts a form feed between pages).

    raw=True keeps drawing order, so a wrapped cell reads back as one piece.
    """
    options = ["-raw"] if raw else []
    out = subprocess.run(
        ["pdftotext", *options, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
    ).stdout.decode()
    return out.split("\f")[:-1]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@dataclass(frozen=True)
class Grey:
    width: int
    height: int
    pixels: bytes  # row-major, one byte per pixel, 0 = black

    def row(self, y: int) -> bytes:
        return self.pixels[y * self.width : (y + 1) * self.width]

    def ink_box(self) -> tuple[int, int, int, int] | None:
        """(left, top, right, bottom) of all ink, inclusive; None on a blank page."""
        left, right, rows = self.width, -1, []
        for y in range(self.height):
            marks = self.row(y).translate(_INK_TABLE)  # ink -> 0, paper -> 1
            first = marks.find(0)
            if first >= 0:
                rows.append(y)
                left, right = min(left, first), max(right, marks.rfind(0))
        return (left, rows[0], right, rows[-1]) if rows else None

    def ink_outside(self, left: int, top: int, right: int, bottom: int) -> list[tuple[int, int]]:
        """Rows (y, count) with ink in the given margins (in pixels)."""
        hits = []
        for y in range(self.height):
            row = self.row(y)
            outside = (
                row
                if y < top or y >= self.height - bottom
                else (row[:left] + row[self.width - right :])
            )
            if outside and min(outside) < INK:
                hits.append((y, sum(1 for v in outside if v < INK)))
        return hits


_INK_TABLE = bytes(0 if value < INK else 1 for value in range(256))


def read_pgm(data: bytes) -> Grey:
    """Binary PGM (P5, maxval 255) as written by pdftoppm -gray."""
    fields, pos = [], 0
    while len(fields) < 4:
        match = re.compile(rb"\s*(#[^\n]*\n\s*)*(\S+)").match(data, pos)
        fields.append(match.group(2))
        pos = match.end()
    magic, width, height, maxval = fields
    assert magic == b"P5" and maxval == b"255", fields
    width, height = int(width), int(height)
    pixels = data[pos + 1 : pos + 1 + width * height]
    assert len(pixels) == width * height
    return Grey(width, height, pixels)


def render_pages(pdf: Path, dpi: int, first: int | None = None, last: int | None = None):
    """Grey pixmaps of the pages (pdftoppm writes one PGM per page)."""
    out_dir = pdf.parent / f"{pdf.stem}-{dpi}"
    out_dir.mkdir(exist_ok=True)
    command = ["pdftoppm", "-gray", "-r", str(dpi)]
    if first:
        command += ["-f", str(first)]
    if last:
        command += ["-l", str(last)]
    subprocess.run([*command, str(pdf), str(out_dir / "p")], check=True)
    return [read_pgm(path.read_bytes()) for path in sorted(out_dir.glob("p-*.pgm"))]


def decode_barcodes(pgm_path: Path) -> list[str]:
    """Symbols zbarimg finds, as 'TYPE:data' strings."""
    result = subprocess.run(["zbarimg", "-q", str(pgm_path)], capture_output=True)
    return result.stdout.decode().split()


def fonts_of(pdf_bytes: bytes) -> dict[str, dict]:
    """BaseFont -> facts about every font any page uses."""
    reader = PdfReader(io.BytesIO(pdf_bytes))
    fonts: dict[str, dict] = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            fonts[str(font["/BaseFont"])] = {
                "subtype": str(font["/Subtype"]),
                "file2": "/FontFile2" in descriptor,
                "to_unicode": "/ToUnicode" in font,
            }
    return fonts
