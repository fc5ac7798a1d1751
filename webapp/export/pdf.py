"""PDF (A4) with fpdf2: headings, a key-facts table, bulleted lists, the person
specification as a table, page numbers, metadata, bookmarks and selectable text.

Fonts come from pip packages only, never from the system or the network. All are
licensed under the SIL Open Font License, version 1.1 (OFL-1.1):

- FiraGO Regular and Bold (main font: Latin, Greek, Cyrillic, Arabic, Hebrew, Thai,
  Devanagari, Georgian and more), from ``pymupdf-fonts`` 1.0.5. Copyright 2012-2018
  bBox Type GmbH, HERE Europe B.V., The Mozilla Foundation, Telefonica S.A. and
  Carrois Corporate GbR; OFL-1.1 with Reserved Font Name "Fira".
- Noto Sans Symbols 2, Noto Sans Symbols and Noto Sans Math, from ``pymupdf-fonts``
  1.0.5. Copyright 2016-2018 Google LLC; OFL-1.1.
- Noto Sans CJK TC Regular (Chinese, Japanese, Korean), the font file inside
  ``cvttf-notosanscjk-regular`` 1.0 (that wheel's metadata says MIT, but the font file
  itself is Adobe's and Google's, and its name table says OFL-1.1). Copyright 2014-2015
  Adobe Systems Incorporated; OFL-1.1 with Reserved Font Name "Source".

FiraGO is embedded as fpdf2 subsets it. The other fonts have CFF (PostScript)
outlines, which fpdf2 2.8.9 embeds in ways some readers get wrong (it puts name-keyed
CFF in a TrueType slot, and gives CID-keyed CFF such as Noto Sans CJK an embedded
encoding CMap that pypdf cannot decode, so CJK text extracts with stray NULs). So the
glyphs a document needs from them are converted to TrueType outlines and put in one
small fallback font per document, named "JobDescriptionFallback" (not any reserved
name) and carrying the source fonts' copyright and OFL notice in its name table, as
the OFL asks of a modified version. Characters that no font has (most emoji) get a
box glyph of their own in that font: they show as a box but stay in the text layer,
so copying or extracting the text still gives the character.

Text is laid out from the fonts' glyph widths. HarfBuzz shapes only the blocks that need
it (right-to-left and joined scripts, combining marks, complex scripts): fpdf2 shapes a
line again for each character it adds, so shaping everything made a long report take
tens of seconds. Other text loses only kerning. A document that would still take more
than a second or two to lay out (MAX_LAYOUT_CHARACTERS, MAX_FALLBACK_CHARACTERS) is
refused with DocumentTooLarge, whose message says why.
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import io
import logging
import os
import shutil
import tempfile
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

from fontTools import ttLib
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.recordingPen import RecordingPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fpdf import FPDF, FontFace
from fpdf.enums import MethodReturnValue, PageMode, TableCellFillMode, VAlign, XPos, YPos
from fpdf.prefs import ViewerPreferences

from ..draft_fields import ASSESSMENT_HEADING
from .document import PAGE_MARGIN_MM, BulletList, DocumentTooLarge, JobDocument, Paragraph, Subheading

LOGGER = logging.getLogger(__name__)

CREATOR = "Write and check job adverts"
SUBJECT = "Job description"
LANGUAGE = "en-GB"

FAMILY = "FiraGO"
FALLBACK_FAMILY = "JobDescriptionFallback"
_MAIN_MODULES = {"": "FiraGO_Regular", "B": "FiraGO_Bold"}
# Searched in this order for a character FiraGO lacks; the CJK font comes last.
_FALLBACK_MODULES = ("NotoSansSymbols2_Regular", "NotoSansSymbols_Regular", "NotoSansMath_Regular")
_FALLBACK_NOTICE = (
    "Glyphs converted to TrueType outlines from Noto Sans Symbols 2, Noto Sans Symbols and "
    "Noto Sans Math (Copyright 2016-2018 Google LLC) and Noto Sans CJK TC (Copyright 2014-2015 "
    "Adobe Systems Incorporated, with Reserved Font Name 'Source')."
)
_OFL = "This Font Software is licensed under the SIL Open Font License, Version 1.1."
_OFL_URL = "https://openfontlicense.org"

# Layout, in millimetres and points.
MARGIN = float(PAGE_MARGIN_MM)
BODY_PT = 11.0
SMALL_PT = 9.0
TITLE_PT = 22.0
ORGANISATION_PT = 13.0
HEADING_PT = 16.0
SUBHEADING_PT = 12.5
LEADING = 1.45  # line height as a multiple of the font size
TEXT_COLOUR = (33, 43, 50)  # NHS text colour
HEADING_COLOUR = (0, 48, 135)  # NHS dark blue
LABEL_FILL = (240, 244, 245)  # NHS grey 5
BORDER_COLOUR = (174, 183, 189)  # NHS grey 3
CELL_PADDING = 2.0
BULLET = "\u2022"
BULLET_INDENT = 2.0
BULLET_GAP = 5.0

# Limits, so that making a PDF takes a request a second or two at most. fpdf2 lays out
# about 70,000 characters of Latin paragraphs a second (15 us each, measured on 2 cores);
# other text costs more, by these factors, measured the same way (see layout_cost):
TABLE_CHARACTER_COST = 3  # table cells are measured to split rows, to size them and to draw
SHAPED_CHARACTER_COST = 5  # Arabic, Hebrew, combining marks: HarfBuzz shapes each line again per character
FALLBACK_CHARACTER_COST = 2  # CJK and symbols: runs switch font
# Layout cost, in characters of Latin paragraph text, past which a document is refused:
# about 30 pages of text, at most 1.5 s. A long real job description costs about 40,000.
MAX_LAYOUT_CHARACTERS = 100_000
# Different characters drawn from the fallback fonts (CJK, symbols): each is converted
# to TrueType outlines, about 0.7 ms each (20,000 took 40 s). An English advert has a few.
MAX_FALLBACK_CHARACTERS = 1_000


def _line_height(size_pt: float) -> float:
    return size_pt * LEADING * 25.4 / 72


# ---------------------------------------------------------------------------
# Fonts: loaded once per process.


def _font_dir() -> Path:
    """A private folder for font files (fpdf2's add_font() takes a path, not bytes), one
    per process, so that a forked worker never shares or removes another's files."""
    return _font_dir_for(os.getpid())


@functools.cache
def _font_dir_for(pid: int) -> Path:
    path = Path(tempfile.mkdtemp(prefix=f"job-pdf-fonts-{pid}-"))

    def remove() -> None:
        if os.getpid() == pid:
            shutil.rmtree(path, ignore_errors=True)

    atexit.register(remove)
    return path


def _module_font_bytes(module_name: str) -> bytes:
    # pymupdf-fonts keeps each font as LZMA-compressed base64 in its module's ``fontbuffer``.
    return bytes(import_module(f"pymupdf_fonts.{module_name}").fontbuffer)


@functools.cache
def _main_font_bytes() -> dict[str, bytes]:
    return {style: _module_font_bytes(module_name) for style, module_name in _MAIN_MODULES.items()}


def _main_font_paths() -> dict[str, Path]:
    """FiraGO's files, written once per process (again if something removed them)."""
    paths = {}
    for style, data in _main_font_bytes().items():
        path = _font_dir() / f"{_MAIN_MODULES[style]}.ttf"
        if not path.exists():
            partial = path.with_suffix(f".{threading.get_ident()}.part")
            partial.write_bytes(data)
            partial.replace(path)  # atomic, so a concurrent render never reads half a file
        paths[style] = path
    return paths


def _cjk_font_path() -> Path:
    import cvttf_NotoSansCJK_Regular  # the package's own name; on PyPI cvttf-notosanscjk-regular

    return Path(cvttf_NotoSansCJK_Regular.get_TTF_path())


@functools.cache
def _main_coverage() -> frozenset[int]:
    """Code points both FiraGO styles have."""
    maps = [ttLib.TTFont(io.BytesIO(data), lazy=True).getBestCmap() for data in _main_font_bytes().values()]
    return frozenset(set(maps[0]).intersection(*maps[1:]))


class _SourceFont:
    """A fallback font opened once; glyphs converted to TrueType outlines on demand."""

    def __init__(self, font: ttLib.TTFont):
        self.font = font
        self.cmap = font.getBestCmap()
        self.glyph_set = font.getGlyphSet()
        self.scale = 1000 / font["head"].unitsPerEm
        self._lock = threading.Lock()  # fontTools' lazy tables are not thread-safe

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - the instances live as long as the process
    def glyph(self, codepoint: int) -> tuple[RecordingPen, int]:
        """The glyph for ``codepoint`` as quadratic outlines, and its advance width."""
        name = self.cmap[codepoint]
        with self._lock:
            recording = RecordingPen()
            # CFF outlines are cubic and counter-clockwise; TrueType's are quadratic and clockwise.
            self.glyph_set[name].draw(Cu2QuPen(recording, max_err=1.0, reverse_direction=True))
            advance = self.font["hmtx"][name][0]
        if self.scale != 1:  # pragma: no cover - every bundled font has 1,000 units per em
            from fontTools.pens.transformPen import TransformPen

            scaled = RecordingPen()
            recording.replay(TransformPen(scaled, (self.scale, 0, 0, self.scale, 0, 0)))
            recording, advance = scaled, round(advance * self.scale)
        return recording, advance


@functools.cache
def _fallback_sources() -> tuple[_SourceFont, ...]:
    fonts = [ttLib.TTFont(io.BytesIO(_module_font_bytes(name)), lazy=True) for name in _FALLBACK_MODULES]
    fonts.append(ttLib.TTFont(_cjk_font_path(), lazy=True))
    return tuple(_SourceFont(font) for font in fonts)


def load_fonts() -> None:
    """Load every font now (an app may call this at start-up so the first PDF is quick)."""
    _main_coverage()
    _fallback_sources()


# ---------------------------------------------------------------------------
# Which characters need what.

_SPACE_WIDTH = 260
_BOX_WIDTH = 600


def _is_ignorable(codepoint: int) -> bool:
    """Unicode default-ignorable characters (joiners, variation selectors, tags, bidi
    controls): they have no glyph of their own and take no space."""
    return (
        unicodedata.category(chr(codepoint)) == "Cf"
        or 0xFE00 <= codepoint <= 0xFE0F
        or 0xE0100 <= codepoint <= 0xE01EF
        or 0x180B <= codepoint <= 0x180F
        or 0xE0000 <= codepoint <= 0xE0FFF
        or codepoint in (0x034F, 0x115F, 0x1160, 0x3164, 0xFFA0)
    )


@dataclass(frozen=True)
class _Plan:
    """For each code point FiraGO lacks: the fallback source index, or None for a blank
    (whitespace, ignorable) glyph, or -1 for a box (no bundled font has it)."""

    fallback: dict[int, int | None]

    @property
    def unsupported(self) -> tuple[str, ...]:
        return tuple(chr(cp) for cp, source in sorted(self.fallback.items()) if source == -1)


def _plan(characters: Iterable[str]) -> _Plan:
    main = _main_coverage()
    sources = _fallback_sources()
    fallback: dict[int, int | None] = {}
    for codepoint in sorted({ord(c) for c in characters} - main - {0x0A}):
        for index, source in enumerate(sources):
            if codepoint in source.cmap:
                fallback[codepoint] = index
                break
        else:
            if _is_ignorable(codepoint) or chr(codepoint).isspace():
                fallback[codepoint] = None
            else:
                fallback[codepoint] = -1
    return _Plan(fallback)


def _box() -> RecordingPen:
    """A hollow box, the usual sign of a character the font cannot show (drawn clockwise)."""
    pen = RecordingPen()
    for (x0, y0, x1, y1), clockwise in (((50, 0, 550, 700), True), ((110, 60, 490, 640), False)):
        points = [(x0, y0), (x0, y1), (x1, y1), (x1, y0)]
        if not clockwise:
            points.reverse()
        pen.moveTo(points[0])
        for point in points[1:]:
            pen.lineTo(point)
        pen.closePath()
    return pen


def _build_fallback_font(plan: _Plan, path: Path) -> None:
    sources = _fallback_sources()
    glyph_order = [".notdef"]
    cmap: dict[int, str] = {}
    outlines: dict[str, tuple[RecordingPen, int]] = {".notdef": (_box(), _BOX_WIDTH)}
    for codepoint, source in plan.fallback.items():
        name = f"uni{codepoint:04X}" if codepoint <= 0xFFFF else f"u{codepoint:05X}"
        glyph_order.append(name)
        cmap[codepoint] = name
        if source is None:
            blank = 0 if _is_ignorable(codepoint) else _SPACE_WIDTH
            outlines[name] = (RecordingPen(), blank)
        elif source == -1:
            outlines[name] = (_box(), _BOX_WIDTH)
        else:
            outlines[name] = sources[source].glyph(codepoint)

    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(glyph_order)
    builder.setupCharacterMap(cmap)
    glyphs = {}
    for name in glyph_order:
        pen = TTGlyphPen(None)
        outlines[name][0].replay(pen)
        glyphs[name] = pen.glyph()
    builder.setupGlyf(glyphs)
    glyf = builder.font["glyf"]
    builder.setupHorizontalMetrics(
        {name: (outlines[name][1], getattr(glyf[name], "xMin", 0)) for name in glyph_order}
    )
    builder.setupHorizontalHeader(ascent=935, descent=-265)
    builder.setupNameTable(
        {
            "familyName": FALLBACK_FAMILY,
            "styleName": "Regular",
            "copyright": _FALLBACK_NOTICE,
            "licenseDescription": _OFL,
            "licenseInfoURL": _OFL_URL,
        }
    )
    builder.setupOS2(sTypoAscender=935, sTypoDescender=-265, usWinAscent=935, usWinDescent=265)
    builder.setupPost()
    builder.save(str(path))


# ---------------------------------------------------------------------------
# Text in and out.


def _safe(text: str) -> str:
    """Text fpdf2 can lay out: tabs as spaces, lone surrogates (which cannot be encoded) as
    U+FFFD. ``document.clean`` has already removed control characters."""
    text = text.replace("\t", " ").replace("\r", "")
    if any("\ud800" <= c <= "\udfff" for c in text):
        text = "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in text)
    return text


def _one_line(text: str) -> str:
    return " ".join(_safe(text).split())


def _right_to_left(text: str) -> bool:
    """Whether a paragraph reads right to left: its first strong character is Hebrew or
    Arabic (rule P2 of the Unicode bidirectional algorithm). HarfBuzz and fpdf2 order
    the characters within each line; this only chooses the side to align it to."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


# Bidirectional classes that need HarfBuzz and fpdf2's bidi pass: right-to-left letters,
# Arabic digits and the explicit embedding, override and isolate controls.
_SHAPED_BIDI_CLASSES = frozenset({"R", "AL", "AN", "RLE", "RLO", "LRE", "LRO", "PDF", "RLI", "LRI", "FSI", "PDI"})
# Scripts whose letters change shape or order with their neighbours (Indic, Thai, Lao,
# Tibetan, Myanmar, Khmer, Mongolian, conjoining Hangul jamo), as inclusive ranges.
_COMPLEX_SCRIPTS = (
    (0x0900, 0x0DFF), (0x0E00, 0x0FFF), (0x1000, 0x109F), (0x1100, 0x11FF), (0x1780, 0x18AF),
    (0xA960, 0xA97F), (0xD7B0, 0xD7FF),
)


@functools.lru_cache(maxsize=65_536)
def _char_needs_shaping(char: str) -> bool:
    codepoint = ord(char)
    return (
        unicodedata.category(char) in ("Mn", "Mc", "Me")  # combining marks
        or unicodedata.bidirectional(char) in _SHAPED_BIDI_CLASSES
        or any(low <= codepoint <= high for low, high in _COMPLEX_SCRIPTS)
    )


def _needs_shaping(text: str) -> bool:
    """Whether ``text`` needs HarfBuzz: right-to-left or joined letters (Hebrew, Arabic),
    combining marks, or a complex script. fpdf2 measures shaped text by shaping each
    line again for every character it adds, which made a long report take tens of
    seconds; other text (Latin, Greek, Cyrillic, CJK, symbols) is laid out from the
    fonts' glyph widths, several times faster, losing only kerning."""
    return not text.isascii() and any(_char_needs_shaping(char) for char in set(text))


def _none_or_bullets(items: tuple[str, ...]) -> str:
    return "\n".join(f"{BULLET} {_safe(item)}" for item in items) if items else "None"


def _text_strings(document: JobDocument) -> Iterator[str]:
    """The strings drawn outside tables (and the metadata)."""
    yield from (document.title, document.organisation, document.author)
    for section in document.sections:
        yield section.heading
        for block in section.blocks:
            if isinstance(block, BulletList):
                yield from block.items
            else:
                yield block.text


def _table_strings(document: JobDocument) -> Iterator[str]:
    for label, value in document.key_facts:
        yield from (label, value)
    for group in document.person_spec:
        yield from (group.name, *group.essential, *group.desirable, *filter(None, group.essential_assessed),
                    *filter(None, group.desirable_assessed))
    if document.assessed:
        yield from ("Criterion", "Essential or desirable", ASSESSMENT_HEADING, "Not chosen yet")


def _strings(document: JobDocument) -> Iterator[str]:
    """Every string the PDF draws or stores."""
    yield from ("Key facts", "Person specification", "Criteria", "Essential", "Desirable", "None")
    yield from ("Page 0123456789 of", "(continued)", "\u2026", BULLET)
    yield from _text_strings(document)
    yield from _table_strings(document)


def layout_cost(text: str, *, in_table: bool = False) -> int:
    """What laying out ``text`` costs, in characters of Latin paragraph text."""
    cost = len(text)
    if not text.isascii():
        if _needs_shaping(text):
            cost *= SHAPED_CHARACTER_COST
        elif not _main_coverage().issuperset(ord(char) for char in set(text) - {"\n", "\t"}):
            cost *= FALLBACK_CHARACTER_COST
    return TABLE_CHARACTER_COST * cost if in_table else cost


def layout_size(document: JobDocument) -> int:
    """What laying out ``document`` costs, in characters of Latin paragraph text."""
    return sum(layout_cost(text) for text in _text_strings(document)) + sum(
        layout_cost(text, in_table=True) for text in _table_strings(document)
    )


def unsupported_characters(document: JobDocument) -> tuple[str, ...]:
    """Characters in ``document`` that no bundled font has a glyph for (most emoji, private
    use, unassigned code points). The PDF shows each as a box but keeps it in the text."""
    return _plan(_safe("".join(_strings(document)))).unsupported


# ---------------------------------------------------------------------------
# Layout.


class _JobPDF(FPDF):
    def footer(self) -> None:
        self.set_y(-MARGIN + 5)
        self.set_font(FAMILY, "", SMALL_PT)
        self.set_text_color(*TEXT_COLOUR)
        self.cell(0, _line_height(SMALL_PT), f"Page {self.page_no()} of {self.str_alias_nb_pages}", align="C")


class _Writer:
    def __init__(self, pdf: _JobPDF):
        self.pdf = pdf
        self.shaped = False

    def shaping(self, *texts: str) -> None:
        """Shape what comes next with HarfBuzz only if some of ``texts`` needs it."""
        needed = any(_needs_shaping(text) for text in texts)
        if needed != self.shaped:
            self.pdf.set_text_shaping(needed)
            self.shaped = needed

    def font(self, size: float, style: str = "", colour: tuple[int, int, int] = TEXT_COLOUR) -> None:
        self.pdf.set_font(FAMILY, style, size)
        self.pdf.set_text_color(*colour)

    def height(self, text: str, width: float, size: float) -> float:
        self.shaping(text)
        return self.pdf.multi_cell(
            w=width, h=_line_height(size), text=text, dry_run=True, output=MethodReturnValue.HEIGHT
        )

    def keep_space(self, height: float) -> None:
        """Start a new page unless ``height`` fits on this one."""
        if self.pdf.y + height > self.pdf.page_break_trigger:
            self.pdf.add_page()

    def text(self, text: str, size: float = BODY_PT, style: str = "", colour=TEXT_COLOUR, after: float = 2.5,
             align: str = "L") -> None:
        self.font(size, style, colour)
        text = _safe(text)
        self.shaping(text)
        self.pdf.multi_cell(
            w=0, h=_line_height(size), text=text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        self.pdf.ln(after)

    def heading(self, text: str, level: int, size: float, before: float) -> None:
        """A heading that stays with what follows (room for a subheading and two lines), with a bookmark."""
        self.font(size, "B", HEADING_COLOUR)
        height = self.height(_safe(text), self.pdf.epw, size)
        self.pdf.ln(before)
        self.keep_space(min(height, self.pdf.eph / 2) + 5 * _line_height(BODY_PT))
        self.pdf.start_section(_one_line(text)[:200] or " ", level=level)
        self.text(text, size, "B", HEADING_COLOUR, after=1.5)

    def bullets(self, items: tuple[str, ...]) -> None:
        pdf = self.pdf
        line = _line_height(BODY_PT)
        left = pdf.l_margin + BULLET_INDENT
        for item in items:
            item = _safe(item)
            self.font(BODY_PT)
            self.keep_space(line)
            self.shaping(item)
            pdf.set_x(left)
            pdf.cell(w=BULLET_GAP, h=line, text=BULLET, new_x=XPos.RIGHT, new_y=YPos.TOP)
            pdf.multi_cell(
                w=pdf.epw - BULLET_INDENT - BULLET_GAP,
                h=line,
                text=item,
                align="L",
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
            )
            pdf.ln(1)
        pdf.ln(1.5)

    def _lines(self, text: str, width: float, style: str) -> list[str]:
        self.font(BODY_PT, style)
        return self.pdf.multi_cell(
            w=width,
            h=_line_height(BODY_PT),
            text=text,
            dry_run=True,
            output=MethodReturnValue.LINES,
            padding=CELL_PADDING,
        )

    def _fitted_rows(self, rows: list[tuple[str, ...]], widths: list[float], styles: tuple[str, ...],
                     max_height: float) -> list[tuple[str, ...]]:
        """Rows as given, except that a row too tall for a page (fpdf2 cannot split a table
        row over two pages) is cut, by lines, into rows a third of a page tall, so that
        little of a page is left empty; the first cell of each later row says whose
        continuation it is."""
        line = _line_height(BODY_PT)
        max_lines = max(1, int((max_height - 2 * CELL_PADDING) // line))
        per_row = max(1, max_lines // 3)
        fitted = []
        for row in rows:
            lines = [self._lines(text, width, style) for text, width, style in zip(row, widths, styles)]
            if max(len(column) for column in lines) <= max_lines:
                fitted.append(row)
                continue
            label = _one_line(row[0])
            label = label if len(label) <= 40 else label[:39] + "\u2026"
            for start in range(0, max(len(column) for column in lines), per_row):
                chunk = ["\n".join(column[start:start + per_row]) for column in lines]
                if start and not chunk[0]:
                    chunk[0] = f"{label} (continued)"
                fitted.append(tuple(chunk))
        return fitted

    def table(self, rows: list[tuple[str, ...]], col_widths: tuple[float, ...], header: tuple[str, ...] | None = None):
        pdf = self.pdf
        rows = [tuple(_safe(text) for text in row) for row in rows]
        self.shaping(*(text for row in rows for text in row))  # fpdf2 draws the table at the end, in one state
        total = sum(col_widths)
        widths = [pdf.epw * w / total for w in col_widths]
        styles = ("B",) + ("",) * (len(col_widths) - 1)
        line = _line_height(BODY_PT)
        header_height = line + 2 * CELL_PADDING + 2
        rows = self._fitted_rows(rows, widths, styles, pdf.eph - header_height - 2 * line)
        self.font(BODY_PT)
        pdf.set_draw_color(*BORDER_COLOUR)
        pdf.set_line_width(0.2)
        label_style = FontFace(family=FAMILY, emphasis="B", fill_color=LABEL_FILL, color=TEXT_COLOUR)
        with pdf.table(
            col_widths=col_widths,
            width=pdf.epw,
            line_height=line,
            padding=CELL_PADDING,
            text_align="LEFT",
            v_align=VAlign.T,
            first_row_as_headings=header is not None,
            headings_style=FontFace(family=FAMILY, emphasis="B", fill_color=HEADING_COLOUR, color=(255, 255, 255)),
            cell_fill_mode=TableCellFillMode.NONE,
        ) as table:
            if header:
                heading_row = table.row()
                for text in header:
                    heading_row.cell(text)
            for row in rows:
                table_row = table.row()
                for index, text in enumerate(row):
                    table_row.cell(text, style=label_style if index == 0 else None)
        pdf.ln(4)


def _new_pdf(document: JobDocument, fallback_path: Path | None) -> _JobPDF:
    pdf = _JobPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=MARGIN)
    for style, path in _main_font_paths().items():
        pdf.add_font(FAMILY, style, str(path))
    if fallback_path is not None:
        pdf.add_font(FALLBACK_FAMILY, "", str(fallback_path))
        # exact_match=False: bold text uses the regular fallback glyphs (there are no bold ones).
        pdf.set_fallback_fonts([FALLBACK_FAMILY], exact_match=False)
    # HarfBuzz shaping (uharfbuzz) for Arabic joining, right-to-left runs, combining marks
    # and complex scripts is switched on for the blocks that need it (_Writer.shaping).
    pdf.set_title(_one_line(document.title))
    pdf.set_author(_one_line(document.author))
    pdf.set_subject(SUBJECT)
    pdf.set_creator(CREATOR)
    pdf.set_lang(LANGUAGE)
    pdf.set_creation_date(document.created)
    pdf.viewer_preferences = ViewerPreferences(display_doc_title=True)
    pdf.page_mode = PageMode.USE_OUTLINES  # open with the bookmarks showing
    return pdf


def _draw(document: JobDocument, pdf: _JobPDF) -> None:
    write = _Writer(pdf)
    pdf.add_page()
    write.font(TITLE_PT, "B", HEADING_COLOUR)
    pdf.start_section(_one_line(document.title)[:200] or " ", level=0)
    write.text(document.title, TITLE_PT, "B", HEADING_COLOUR, after=1.5)
    if document.organisation:
        write.text(document.organisation, ORGANISATION_PT, after=4)
    else:
        pdf.ln(2.5)

    if document.key_facts:
        write.heading("Key facts", 1, HEADING_PT, before=2)
        write.table([(label, value) for label, value in document.key_facts], (35, 65))

    for section in document.sections:
        write.heading(section.heading, 1, HEADING_PT, before=3)
        for block in section.blocks:
            if isinstance(block, Subheading):
                write.heading(block.text, 2, SUBHEADING_PT, before=1.5)
            elif isinstance(block, BulletList):
                write.bullets(block.items)
            elif isinstance(block, Paragraph):
                write.text(block.text, align="R" if _right_to_left(block.text) else "L")

    if document.person_spec:
        write.heading("Person specification", 1, HEADING_PT, before=3)
        if document.assessed:  # one row per criterion, with how it will be assessed
            write.table([(group.name, text, label, method or "Not chosen yet")
                         for group in document.person_spec for text, label, method in group.rows()],
                        (18, 46, 16, 20), header=("Criteria", "Criterion", "Essential or desirable", ASSESSMENT_HEADING))
        else:
            write.table(
                [(group.name, _none_or_bullets(group.essential), _none_or_bullets(group.desirable))
                 for group in document.person_spec],
                (24, 38, 38),
                header=("Criteria", "Essential", "Desirable"),
            )


def _drop_layout_tables(pdf: FPDF) -> None:
    """Forget the fonts' OpenType layout tables before fpdf2 subsets them.

    fpdf2 drops GSUB, GPOS and GDEF from every embedded subset anyway (shaping is done
    by HarfBuzz, which reads the font file itself), but fontTools 4.68's subsetter first
    decompiles them, which took 0.25 s of a 0.45 s render. Removing them from fpdf2's
    parsed copy gives the same PDF sooner.
    """
    for font in pdf.fonts.values():
        ttfont = getattr(font, "ttfont", None)
        if ttfont is not None:
            for tag in ("GSUB", "GPOS", "GDEF"):
                if tag in ttfont:
                    del ttfont[tag]


def render_pdf(document: JobDocument) -> bytes:
    """The document as an A4 PDF, or DocumentTooLarge if it is too large to lay out quickly."""
    if layout_size(document) > MAX_LAYOUT_CHARACTERS:
        raise DocumentTooLarge("It is too long to make into a PDF here: a PDF made here can have about 30 pages.")
    plan = _plan(_safe("".join(_strings(document))))
    if len(plan.fallback) > MAX_FALLBACK_CHARACTERS:
        raise DocumentTooLarge(
            f"It uses {len(plan.fallback):,} different characters that need extra fonts (such as Chinese or "
            f"Japanese characters, or symbols), and a PDF made here can have up to {MAX_FALLBACK_CHARACTERS:,}."
        )
    if plan.unsupported:
        LOGGER.warning(
            "No bundled font has a glyph for %s: drawn as boxes, kept in the PDF's text",
            ", ".join(f"U+{ord(c):04X}" for c in plan.unsupported),
        )
    fallback_path = None
    try:
        if plan.fallback:
            key = hashlib.sha256(repr(sorted(plan.fallback.items())).encode()).hexdigest()[:16]
            fallback_path = _font_dir() / f"fallback-{os.getpid()}-{threading.get_ident()}-{key}.ttf"
            _build_fallback_font(plan, fallback_path)
        pdf = _new_pdf(document, fallback_path)
        _draw(document, pdf)
        _drop_layout_tables(pdf)
        return bytes(pdf.output())
    finally:
        if fallback_path is not None:
            fallback_path.unlink(missing_ok=True)
