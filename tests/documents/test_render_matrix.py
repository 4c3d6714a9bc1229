"""Every document kind on every paper with 1, 20 and 60 lines, checked as real PDFs."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.documents import PAPERS, render_documents
from app.documents.amount_words import amount_in_words
from app.documents.model import DocumentKind, Statement
from app.documents.samples import SAMPLE_COMPANY, sample_document
from tests.documents.pdfcheck import MM, fonts_of, page_texts, render_pages, squash

LINE_COUNTS = (1, 20, 60)
COMBOS = [
    (paper, kind, lines) for paper in PAPERS for kind in DocumentKind for lines in LINE_COUNTS
]
INK_DPI = 36


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """Render each combination once; the tests below only read the files."""
    folder = tmp_path_factory.mktemp("matrix")
    results = {}
    for seq, (paper, kind, lines) in enumerate(COMBOS, 1):
        doc = sample_document(kind, lines, seq)
        data = render_documents([doc], paper=paper)
        path = folder / f"{paper}-{kind.value}-{lines}.pdf"
        path.write_bytes(data)
        results[paper, kind, lines] = (doc, data, path)
    return results


def _ids(combo):
    paper, kind, lines = combo
    return f"{paper}-{kind.value}-{lines}"


@pytest.mark.parametrize("combo", COMBOS, ids=[_ids(c) for c in COMBOS])
def test_document_renders_completely(rendered, combo):
    paper_name, kind, line_count = combo
    doc, data, path = rendered[combo]
    paper = PAPERS[paper_name]
    reader = PdfReader(io.BytesIO(data))
    texts = page_texts(path)
    assert len(texts) == len(reader.pages)

    _check_page_sizes(reader, paper)
    _check_fonts(data)
    _check_every_page_has_header(texts, doc)
    _check_every_line_printed_once(texts, doc)
    _check_amount_in_words(texts, doc)
    _check_no_ink_in_margins(path, paper)
    if line_count == 60:
        assert len(texts) >= 2, "60 lines cannot fit one page"


def _check_page_sizes(reader, paper):
    width, height = paper.width_mm * MM, paper.height_mm * MM
    for page in reader.pages:
        assert abs(float(page.mediabox.width) - width) <= 0.5
        assert abs(float(page.mediabox.height) - height) <= 0.5


def _check_fonts(data):
    fonts = fonts_of(data)
    assert fonts, "no fonts"
    for name, facts in fonts.items():
        assert re.fullmatch(r"/[A-Z]{6}\+WenQuanYiMicroHei-\d+", name), name  # subset tag
        assert facts == {"subtype": "/TrueType", "file2": True, "to_unicode": True}, name


def _check_every_page_has_header(texts, doc):
    head = "摘要" if isinstance(doc, Statement) else "商品名称"
    for index, text in enumerate(texts, 1):
        flat = squash(text)
        assert squash(SAMPLE_COMPANY.name) in flat
        assert doc.number in flat
        assert doc.display_title in flat
        assert squash(doc.party.name) in flat
        assert f"第{index}页/共{len(texts)}页" in flat
        if _line_keys_in(text, doc):
            assert head in flat, f"page {index} has lines but no table head"


def _line_keys(doc):
    if isinstance(doc, Statement):
        return [entry.doc_number for entry in doc.entries]
    return [line.sku for line in doc.lines]


def _line_keys_in(text, doc):
    return [key for key in _line_keys(doc) if key in text]


def _check_every_line_printed_once(texts, doc):
    everything = "\n".join(texts)
    for key in _line_keys(doc):
        found = re.findall(rf"(?<![\w-]){re.escape(key)}(?![\w-])", everything)
        assert len(found) == 1, f"{key} printed {len(found)} times"
    if not isinstance(doc, Statement):
        for line in doc.lines:
            assert line.name in everything


def _check_amount_in_words(texts, doc):
    fen = doc.closing_balance_fen if isinstance(doc, Statement) else doc.total_fen
    words = "人民币" + amount_in_words(fen)
    pages = [squash(text) for text in texts if words in squash(text)]
    assert len(pages) == 1, "the amount in words is printed exactly once"
    total_label = "本期合计" if isinstance(doc, Statement) else "合计"
    assert total_label in pages[0], "the words sit on the same page as the totals row"


def _check_no_ink_in_margins(path: Path, paper):
    px = INK_DPI / 25.4
    margins = [
        max(0, int(m * px) - 1)  # one pixel of anti-aliasing at the edge is allowed
        for m in (
            paper.margin_left_mm,
            paper.margin_top_mm,
            paper.margin_right_mm,
            paper.margin_bottom_mm,
        )
    ]
    for number, page in enumerate(render_pages(path, INK_DPI), 1):
        assert page.ink_box() is not None, f"page {number} is blank"
        assert page.ink_outside(*margins) == [], f"ink in the margins of page {number}"
