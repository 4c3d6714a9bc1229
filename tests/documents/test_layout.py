"""Text fitting, pagination and the model's own checks, without rendering PDFs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.documents.fonts import ensure_font, text_width
from app.documents.layout import layout_document
from app.documents.model import DocumentKind, DocumentLine, Statement, StatementEntry
from app.documents.paper import PAPERS, paper_named
from app.documents.samples import SAMPLE_COMPANY, SAMPLE_OUTLET, sample_document
from app.documents.textfit import fit_single_line, wrap_text
from app.resources import resource_path

ensure_font()
texts = st.text(
    alphabet=st.sampled_from(list("农夫山泉饮用天然水，。()ml×24瓶 ABCxyz0123456789-/")),
    max_size=120,
)


@settings(max_examples=200, deadline=None)
@given(texts, st.floats(min_value=20, max_value=300), st.sampled_from([7.5, 8.5]))
def test_wrapped_lines_fit_and_lose_nothing(text, width, size):
    lines = wrap_text(text, width, size)
    for line in lines:
        assert text_width(line, size) <= width + 1e-6 or len(line) == 1
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


@given(texts.filter(lambda t: t.strip()), st.floats(min_value=20, max_value=200))
def test_single_line_shrinks_then_wraps(text, width):
    fitted = fit_single_line(text, width, 8.5, 5)
    assert 5 <= fitted.size <= 8.5
    for line in fitted.lines:
        assert text_width(line, fitted.size) <= width + 1e-6 or len(line) == 1


@pytest.mark.parametrize("paper", list(PAPERS))
@pytest.mark.parametrize("kind", list(DocumentKind))
def test_pages_never_overflow_and_cells_fit_their_columns(paper, kind):
    layout = layout_document(sample_document(kind, 60), PAPERS[paper])
    left, bottom, right, top = layout.paper.content_box
    body = top - bottom - layout.header.height - layout.footer_height
    for page in layout.pages:
        head = layout.head_height if page and page[0].tabular else 0
        assert head + sum(block.height for block in page) <= body + 1e-6
        for block in (b for b in page if b.cells):
            for cell, width in zip(block.cells, layout.widths, strict=True):
                room = width - 2 * layout.style.cell_pad
                assert all(text_width(t, cell.text.size) <= room + 1e-6 for t in cell.text.lines)
    rows = [b for page in layout.pages for b in page if b.kind == "row"]
    assert len(rows) == (61 if kind is DocumentKind.STATEMENT else 60)  # + 期初余额 row


def test_short_forms_hold_fewer_lines_per_page():
    doc = sample_document(DocumentKind.DELIVERY_NOTE, 60)
    pages = {name: len(layout_document(doc, paper).pages) for name, paper in PAPERS.items()}
    assert pages["A4"] < pages["241x140"] < pages["241x93"]


def test_trade_document_refuses_wrong_totals_and_floats():
    doc = sample_document(DocumentKind.SALES_INVOICE, 3)
    with pytest.raises(ValueError, match="total_fen"):
        dataclasses.replace(doc, total_fen=doc.total_fen + 1)
    assert dataclasses.replace(doc, discount_fen=100, total_fen=doc.total_fen - 100)
    with pytest.raises(TypeError):
        DocumentLine("S", "n", "s", "箱", 1.0, 100, 100)
    with pytest.raises(TypeError):
        DocumentLine("S", "n", "s", "箱", 1, 100, 99.5)


def test_statement_refuses_a_closing_balance_that_does_not_add_up():
    entry = StatementEntry(dt.date(2026, 11, 2), "SO-1", "销售", debit_fen=500)
    common = dict(
        number="ST-1",
        date=dt.date(2026, 11, 30),
        company=SAMPLE_COMPANY,
        party=SAMPLE_OUTLET,
        opening_balance_fen=1000,
        entries=(entry,),
    )
    assert Statement(closing_balance_fen=1500, **common).running_balances() == [1500]
    with pytest.raises(ValueError, match="closing balance"):
        Statement(closing_balance_fen=1000, **common)


def test_unknown_paper_is_a_clear_error():
    with pytest.raises(ValueError, match="241x93"):
        paper_named("B5")


def test_resources_resolve_in_checkout_and_bundle(monkeypatch, tmp_path):
    assert resource_path("fonts", "wqy-microhei.ttc").is_file()
    assert resource_path("fonts", "LICENSE-wqy-microhei.txt").is_file()
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resource_path("fonts", "x.ttc") == tmp_path / "resources" / "fonts" / "x.ttc"
