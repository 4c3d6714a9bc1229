"""Fit text into a width: wrap Chinese per character, Latin per word, shrink figures.

Nothing printed may be clipped, so every function here returns lines that each measure no
more than the given width (a single glyph wider than the width is the only exception, and
callers give cells far wider than one glyph).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.documents.fonts import text_width

# A token is a run of Latin letters/digits/punctuation (kept together where possible), a
# run of spaces, or one other character (CJK can break anywhere).
_TOKENS = re.compile(r"[!-~]+| +|.", re.DOTALL)


@dataclass(frozen=True, slots=True)
class FittedText:
    """Lines to draw at one font size."""

    lines: tuple[str, ...]
    size: float


def wrap_text(text: str, width: float, size: float) -> list[str]:
    """Greedy wrap of text to width at size; honours explicit line breaks."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(paragraph, width, size))
    return lines


def _wrap_paragraph(text: str, width: float, size: float) -> list[str]:
    if text_width(text, size) <= width:
        return [text]
    lines: list[str] = []
    current = ""
    for token in _TOKENS.findall(text):
        candidate = current + token
        if text_width(candidate, size) <= width:
            current = candidate
            continue
        if current.strip():
            lines.append(current.rstrip())
        current = "" if token.isspace() else token
        if text_width(current, size) > width:
            # A Latin run longer than the cell (a long SKU): break it per character.
            pieces = _split_chars(current, width, size)
            lines.extend(pieces[:-1])
            current = pieces[-1]
    if current.strip() or not lines:
        lines.append(current.rstrip())
    return lines


def _split_chars(text: str, width: float, size: float) -> list[str]:
    pieces: list[str] = []
    current = ""
    for char in text:
        if current and text_width(current + char, size) > width:
            pieces.append(current)
            current = char
        else:
            current += char
    pieces.append(current)
    return pieces


def fit_wrapped(text: str, width: float, size: float) -> FittedText:
    """Text cells (names, specs, notes): keep the size, wrap onto more lines."""
    return FittedText(tuple(wrap_text(text, width, size)), size)


def fit_single_line(text: str, width: float, size: float, min_size: float) -> FittedText:
    """Figures and short labels: shrink down to min_size to stay on one line, then wrap."""
    natural = text_width(text, size)
    if natural <= width:
        return FittedText((text,), size)
    shrunk = size * width / natural
    if shrunk >= min_size:
        # Round down to a tenth of a point so rounding can never push it over the width.
        return FittedText((text,), int(shrunk * 10) / 10)
    return FittedText(tuple(wrap_text(text, width, min_size)), min_size)
