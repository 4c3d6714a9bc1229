"""Barcodes, reprint marks, multi-part copies, calibration, batches and odd content."""

from __future__ import annotations

import dataclasses
import io
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.documents import (
    PrinterProfile,
    labels_for_copies,
    render_batch,
    render_documents,
    write_pdf,
)
from app.documents.model import DocumentKind, DocumentLine, TradeDocument
from app.documents.samples import sample_document
from tests.documents.pdfcheck import (
    MM,
    decode_barcodes,
    page_texts,
    render_pages,
    squash,
)

DN = DocumentKind.DELIVERY_NOTE


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("paper", ["A4", "241x93"])
def test_code128_and_qr_decode_from_a_200_dpi_scan(tmp_path, paper):
    doc = sample_document(DN, 5, seq=42)
    pdf = _write(tmp_path, "note.pdf", render_documents([doc], paper=paper))
    subprocess.run(
        ["pdftoppm", "-gray", "-r", "200", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "scan")],
        check=True,
    )
    symbols = decode_barcodes(next(tmp_path.glob("scan*.pgm")))
    assert f"CODE-128:{doc.number}" in symbols
    assert f"QR-Code:{doc.number}" in symbols


def test_reprint_mark_on_every_page_and_not_on_originals(tmp_path):
    reprint = sample_document(DN, 60, reprint_count=2)
    texts = page_texts(_write(tmp_path, "re.pdf", render_documents([reprint], paper="241x93")))
    assert len(texts) > 1
    assert all("补打(第2次)" in squash(text) for text in texts)
    original = page_texts(_write(tmp_path, "or.pdf", render_documents([sample_document(DN, 3)])))
    assert not any("补打" in text for text in original)


def test_three_copies_carry_their_labels_in_order(tmp_path):
    doc = sample_document(DN, 30)
    single = len(PdfReader(io.BytesIO(render_documents([doc], paper="241x140"))).pages)
    texts = page_texts(
        _write(tmp_path, "c.pdf", render_documents([doc], paper="241x140", copies=3))
    )
    assert len(texts) == 3 * single > 3
    for copy, label in enumerate(("存根联", "客户联", "回单联")):
        for index, text in enumerate(texts[copy * single : (copy + 1) * single], 1):
            assert label in text
            assert f"第{index}页/共{single}页" in squash(text)
            assert all(other not in text for other in {"存根联", "客户联", "回单联"} - {label})


def test_copy_labels_can_be_configured():
    doc = sample_document(DN, 1)
    assert labels_for_copies(doc, 1) == [""]
    assert labels_for_copies(doc, 3) == ["存根联", "客户联", "回单联"]
    assert labels_for_copies(doc, 2, ["白联", "红联"]) == ["白联", "红联"]
    assert labels_for_copies(doc, 4, ["白联"]) == ["白联", "第2联", "第3联", "第4联"]
    own = dataclasses.replace(doc, copy_labels=("财务联", "仓库联"))
    assert labels_for_copies(own, 2) == ["财务联", "仓库联"]
    assert labels_for_copies(own, 1) == ["财务联"]


def test_custom_labels_are_printed(tmp_path):
    data = render_documents([sample_document(DN, 2)], copies=2, copy_labels=["白联", "红联"])
    texts = page_texts(_write(tmp_path, "l.pdf", data))
    assert ["白联" in texts[0], "红联" in texts[1]] == [True, True]


def test_printer_offset_moves_all_ink(tmp_path):
    doc = sample_document(DN, 1)
    dpi = 72
    plain = render_pages(_write(tmp_path, "a.pdf", render_documents([doc])), dpi)[0].ink_box()
    profile = PrinterProfile("OKI 5860SP", offset_x_mm=5, offset_y_mm=3)
    moved_pdf = _write(tmp_path, "b.pdf", render_documents([doc], profile=profile))
    moved = render_pages(moved_pdf, dpi)[0].ink_box()
    dx, dy = 5 * MM, 3 * MM  # 72 dpi: one pixel per point
    assert [
        abs(m - p - d) <= 1.5 for m, p, d in zip(moved, plain, (dx, dy, dx, dy), strict=True)
    ] == [True] * 4


def _line(name: str, sku: str = "SKU-1", note: str = "", spec: str = "500ml") -> DocumentLine:
    return DocumentLine(
        sku=sku,
        name=name,
        spec=spec,
        unit_name="箱",
        quantity=3,
        unit_price_fen=12345,
        amount_fen=37035,
        note=note,
    )


def _doc_with(lines, **changes) -> TradeDocument:
    base = sample_document(DN, 1)
    total = sum(line.amount_fen for line in lines)
    return dataclasses.replace(base, lines=tuple(lines), total_fen=total, **changes)


def _assert_margins_clean(path: Path, paper_margins_mm: tuple[float, float, float, float]):
    px = 36 / 25.4
    margins = [max(0, int(m * px) - 1) for m in paper_margins_mm]
    for page in render_pages(path, 36):
        assert page.ink_outside(*margins) == []


def test_long_names_wrap_instead_of_being_clipped(tmp_path):
    name = "特大号家庭装农夫山泉饮用天然水(适合饮水机使用)超长商品名称测试" * 3
    sku = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-LONG-SKU"
    spec = "礼盒装 500ml×12瓶 含手提袋 限量版"
    doc = _doc_with([_line(name, sku=sku, spec=spec), _line("普通商品")])
    path = _write(tmp_path, "long.pdf", render_documents([doc], paper="241x93"))
    flat = squash("".join(page_texts(path, raw=True)))
    assert squash(name) in flat
    assert squash(spec) in flat
    assert "普通商品" in flat
    _assert_margins_clean(path, (14, 5, 14, 5))


def test_row_taller_than_a_page_continues_on_the_next(tmp_path):
    note = "这一行的备注非常长，需要跨页继续打印。" * 60
    doc = _doc_with([_line("巨型备注商品", note=note)])
    path = _write(tmp_path, "tall.pdf", render_documents([doc], paper="241x93"))
    texts = page_texts(path, raw=True)
    assert len(texts) >= 3
    flat = squash("".join(texts))
    for char in "跨续需":  # characters only the note uses: none lost, none doubled
        assert flat.count(char) == 60
    _assert_margins_clean(path, (14, 5, 14, 5))


def test_long_notes_flow_over_pages(tmp_path):
    notes = "\n".join(f"第{n:02d}条备注: 请核对批号与有效期。" for n in range(1, 61))
    doc = sample_document(DN, 20, notes=notes)
    texts = page_texts(_write(tmp_path, "notes.pdf", render_documents([doc], paper="241x93")))
    flat = squash("".join(texts))
    for n in range(1, 61):
        assert flat.count(f"第{n:02d}条备注") == 1
    assert all(f"共{len(texts)}页" in squash(text) for text in texts)


def test_batch_in_one_pdf_shares_the_font_subset():
    docs = [sample_document(kind, 20, seq) for seq, kind in enumerate(DocumentKind, 1)] * 4
    reader = PdfReader(io.BytesIO(render_documents(docs, paper="A5")))
    font_objects = {
        font.idnum for page in reader.pages for font in page["/Resources"]["/Font"].values()
    }
    single = PdfReader(io.BytesIO(render_documents(docs[:1], paper="A5")))
    single_fonts = len(single.pages[0]["/Resources"]["/Font"])
    assert len(font_objects) <= single_fonts + 1  # new glyphs may open one more subset


def test_render_batch_across_processes_keeps_order(tmp_path):
    docs = [sample_document(DN, 3, seq) for seq in range(1, 7)]
    data = render_batch(docs, workers=2, paper="241x93")
    texts = page_texts(_write(tmp_path, "batch.pdf", data))
    numbers = [next(d.number for d in docs if d.number in text) for text in texts]
    assert numbers == [d.number for d in docs]
    assert render_batch(docs[:2]).startswith(b"%PDF")  # small batches stay in-process


def test_write_pdf_leaves_no_partial_file(tmp_path):
    target = write_pdf(tmp_path / "out.pdf", [sample_document(DN, 2)], paper="A5", copies=2)
    assert target.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]


def _tiny_png(path: Path, size: int = 16) -> Path:
    """A solid dark square PNG, written by hand so the test needs no imaging library."""
    raw = b"".join(b"\x00" + b"\x20\x40\x80" * size for _ in range(size))

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
    return path


def test_logo_is_drawn_top_left(tmp_path):
    doc = sample_document(DN, 1)
    logo = _tiny_png(tmp_path / "logo.png")
    with_logo = dataclasses.replace(
        doc, company=dataclasses.replace(doc.company, logo_path=str(logo))
    )
    page = render_pages(_write(tmp_path, "logo.pdf", render_documents([with_logo])), 72)[0]
    corner = [page.row(y)[30:60] for y in range(30, 60)]  # 10-20 mm from the corner
    assert min(min(row) for row in corner) < 128


def test_statement_shows_balances(tmp_path):
    doc = sample_document(DocumentKind.STATEMENT, 5)
    flat = squash("".join(page_texts(_write(tmp_path, "st.pdf", render_documents([doc])))))
    assert "期初余额" in flat and "10,000.00" in flat
    assert "期末余额(大写):人民币" in flat
    assert "对账期间:2026-11-01至2026-11-30" in flat


def test_app_documents_never_imports_qt():
    code = (
        "import sys, app.documents.render as r; from app.documents.samples import sample_document;"
        "from app.documents.model import DocumentKind as K;"
        "r.render_documents([sample_document(K.DELIVERY_NOTE, 2)]);"
        "assert not [m for m in sys.modules if m.startswith(('PySide6', 'PyQt'))]"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[2])
