"""Document PDF figures beside a bare reportlab canvas baseline (DESIGN.md §7).

python bench/bench_documents.py            # full: 1,000-note batch
python bench/bench_documents.py --quick    # 100 notes
python bench/bench_documents.py --json
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from app.documents import render_batch, render_documents  # noqa: E402
from app.documents.fonts import FONT_NAME, ensure_font  # noqa: E402
from app.documents.model import DocumentKind, TradeDocument  # noqa: E402
from app.documents.samples import sample_document  # noqa: E402
from app.money import format_fen  # noqa: E402

DN = DocumentKind.DELIVERY_NOTE


def median_ms(action, repeats: int) -> float:
    action()  # warm-up: font parsing, imports, caches
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def baseline_canvas(doc: TradeDocument) -> bytes:
    """The same header and line texts drawn at fixed places: what reportlab alone costs."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(595, 842), initialFontName=FONT_NAME)
    canvas.setFont(FONT_NAME, 16)
    canvas.drawCentredString(297, 800, doc.company.name)
    canvas.drawCentredString(297, 780, doc.display_title)
    canvas.setFont(FONT_NAME, 8.5)
    canvas.drawString(30, 760, doc.party.name)
    canvas.drawString(400, 760, doc.number)
    y = 740
    for line in doc.lines:
        for x, text in (
            (30, line.sku),
            (100, line.name),
            (220, line.spec),
            (280, line.unit_name),
            (300, str(line.quantity)),
            (340, format_fen(line.unit_price_fen)),
            (390, format_fen(line.amount_fen)),
            (450, line.batch_lot),
        ):
            canvas.drawString(x, y, text)
        y -= 14
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def measure(quick: bool) -> dict[str, float]:
    ensure_font()
    note = sample_document(DN, 20)
    figures: dict[str, float] = {}
    figures["note_20_lines_ms"] = median_ms(lambda: render_documents([note]), 30)
    figures["baseline_canvas_20_lines_ms"] = median_ms(lambda: baseline_canvas(note), 30)
    figures["note_vs_canvas_ratio"] = (
        figures["note_20_lines_ms"] / figures["baseline_canvas_20_lines_ms"]
    )
    count = 100 if quick else 1000
    docs = [sample_document(DN, 20, seq) for seq in range(1, count + 1)]
    start = time.perf_counter()
    one_process = render_documents(docs)
    figures[f"batch_{count}_notes_one_process_s"] = time.perf_counter() - start
    start = time.perf_counter()
    batch = render_batch(docs, workers=os.cpu_count())
    figures[f"batch_{count}_notes_s"] = time.perf_counter() - start
    figures[f"batch_{count}_notes_mb"] = len(batch) / 1e6
    figures[f"batch_{count}_notes_one_process_mb"] = len(one_process) / 1e6
    if quick:
        figures["batch_1000_notes_extrapolated_s"] = figures["batch_100_notes_s"] * 10
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true", help="one flat JSON object")
    parser.add_argument("--quick", action="store_true", help="100-note batch instead of 1,000")
    args = parser.parse_args()
    figures = {name: round(value, 3) for name, value in measure(args.quick).items()}
    if args.json:
        print(json.dumps(figures))
        return
    for name, value in figures.items():
        unit = name.rsplit("_", 1)[-1]
        print(f"{name} {value} {unit}")


if __name__ == "__main__":
    main()
