"""Paper sizes, printable margins and per-printer calibration."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm


@dataclass(frozen=True, slots=True)
class Paper:
    """A sheet (or one part of a continuous form) and the margins nothing is drawn into.

    `compact` papers are short: the layout uses a smaller header and tighter rows so that a
    三等分 form still carries several lines per page.
    """

    name: str
    width_mm: float
    height_mm: float
    margin_left_mm: float
    margin_right_mm: float
    margin_top_mm: float
    margin_bottom_mm: float
    compact: bool = False

    @property
    def size(self) -> tuple[float, float]:
        """(width, height) in PDF points."""
        return self.width_mm * mm, self.height_mm * mm

    @property
    def content_box(self) -> tuple[float, float, float, float]:
        """(left, bottom, right, top) of the printable area in points, origin bottom-left."""
        width, height = self.size
        return (
            self.margin_left_mm * mm,
            self.margin_bottom_mm * mm,
            width - self.margin_right_mm * mm,
            height - self.margin_top_mm * mm,
        )


# Continuous forms are 241 mm wide including the tractor strips, so their side margins are
# wide (about 13 mm of sprocket holes each side, plus a little air).
PAPERS: dict[str, Paper] = {
    "A4": Paper("A4", 210, 297, 10, 10, 10, 10),
    "A5": Paper("A5", 210, 148, 8, 8, 7, 7, compact=True),  # A5 landscape
    "241x140": Paper("241x140", 241, 140, 14, 14, 8, 8, compact=True),  # 二等分
    "241x93": Paper("241x93", 241, 93, 14, 14, 5, 5, compact=True),  # 三等分
}


@dataclass(frozen=True, slots=True)
class PrinterProfile:
    """Calibration of one printer: shifts everything drawn on the page.

    Positive `offset_x_mm` moves the print right, positive `offset_y_mm` moves it down the
    sheet (as a clerk measures on the paper). Dot-matrix printers are often off by 1–3 mm.
    """

    name: str = ""
    offset_x_mm: float = 0.0
    offset_y_mm: float = 0.0

    @property
    def offset_points(self) -> tuple[float, float]:
        """(dx, dy) in PDF points, PDF y axis pointing up."""
        return self.offset_x_mm * mm, -self.offset_y_mm * mm


def paper_named(paper: str | Paper) -> Paper:
    """Accept a Paper or one of the PAPERS names."""
    if isinstance(paper, Paper):
        return paper
    try:
        return PAPERS[paper]
    except KeyError:
        raise ValueError(f"unknown paper {paper!r}; known: {', '.join(PAPERS)}") from None
