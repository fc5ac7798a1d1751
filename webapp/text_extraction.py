"""Turn what people give us (pasted HTML, .txt, .html, .docx) into plain text.

Paragraphs stay separated by a blank line and list items become "• " lines, so
the highlighted text still reads like the advert.

Every reader takes time in proportion to what it is given, and refuses input past the
limits below (ContentTooLarge, with a message for the person who sent it), so that no
request holds a worker for more than a second or so.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from html import unescape
from pathlib import PurePath

SUPPORTED_EXTENSIONS = (".txt", ".html", ".htm", ".docx")
BULLET = "\u2022 "
# A .docx is a zip. One whose directory says it expands past this is refused before
# anything is inflated (an honest zip bomb); what is inflated is counted as it inflates
# (MAX_DOCX_XML), whatever the directory says, and nothing else is inflated at all.
MAX_DOCX_UNCOMPRESSED = 50 * 1024 * 1024
# The XML parts (document.xml, styles.xml, …), which python-docx parses whole as it
# opens the file, may expand to this much together, counted as they inflate. A blank document has 0.8 MB (its
# styles); a 100,000-character advert (the check's limit) adds a document.xml of 116 KB
# from python-docx, perhaps 1 MB from Word, which marks up every run. The slowest 5 MB
# to read (a paragraph of 190,000 one-letter runs) takes 0.8 s; a 45 MB document.xml
# held a worker past its timeout.
MAX_DOCX_XML = 5 * 1024 * 1024
# Paragraphs, tables, table rows and cells read, whatever their size: each costs the
# same however little it holds. That advert has 260 paragraphs; as bullet points, 2,000.
MAX_DOCX_BLOCKS = 20_000
# Parts in the archive: Word writes about 15, more with images.
MAX_DOCX_PARTS = 1_000
# HTML longer than this is refused before it is read: the limit the paste route had
# (20 times the check's 100,000 characters, as markup copied from a browser or Word is
# several times longer than its text). Reading 2,000,000 characters takes about 0.2 s.
MAX_HTML_CHARACTERS = 2_000_000
# Tags (start and end) past which reading stops and the HTML is refused. A long advert
# pasted from Word has about 10 tags a paragraph, some 15,000 in all; 100,000 tags take
# about 0.2 s to read, whatever their nesting.
MAX_HTML_TAGS = 100_000

_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav",
    "ol", "p", "pre", "section", "table", "tr", "ul",
})
_DROPPED_TAGS = frozenset({"script", "style", "template", "noscript", "head", "title", "iframe", "object", "svg"})
# Elements that never have content or an end tag (HTML's void elements).
_VOID_TAGS = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "menuitem", "meta",
    "param", "source", "track", "wbr", "basefont", "bgsound", "command", "frame", "image", "isindex",
    "nextid", "spacer",
})
# Elements whose content is text up to their end tag, never markup.
_RAW_TEXT_TAGS = frozenset({"script", "style"})
_HTML_TAG = re.compile(
    r"<(?:p|div|br|li|ul|ol|h[1-6]|table|tr|td|span|strong|b|em|i|a|html|body|section)\b[^<>]*>",
    re.IGNORECASE,
)
_SPACES = re.compile(r"[^\S\n\t]+")
_WHITE_SPACE = re.compile(r"\s+")
# The markup the reader acts on, found by one search from where it stands. Every part
# is possessive, so the reader never goes back over what it has read: the time it takes
# grows with the length of the HTML. Groups: 1 "/" of an end tag, 2 the tag name, 3 "/"
# of a tag that closes itself (<br/>), 4 the ">" that ends the tag (none if the HTML ends
# first), 5 "<!--" (a comment). Otherwise "</", "<!" or "<?": a doctype, declaration or
# bogus comment up to ">". A "<" before anything else is text. In a tag, a quote after
# "=" starts a value that may hold ">"; "/" in an unquoted value (href=/jobs/) is
# part of the value.
_MARKUP = re.compile(
    r"""<(?:(/?)([A-Za-z][^\t\n\r\f />\x00]*+)"""
    r"""(?:[^\s>="'/]++|\s++|=\s*+"[^"]*+"?|=\s*+'[^']*+'?|=\s*+[^\s>]*+|/(?!>)|["'])*+(?:(/?)(>)|\Z)"""
    r"""|(!--)|[/!?])"""
)
_RAW_TEXT_END = {name: re.compile(rf"</{name}[\t\n\r\f />]", re.IGNORECASE) for name in _RAW_TEXT_TAGS}


class ExtractionError(ValueError):
    """The file cannot be read. The message is written for the person who sent it."""


class ContentTooLarge(ExtractionError):
    """The file or pasted content is too large to read in the time a request may take."""


def looks_like_html(text: str) -> bool:
    """Whether pasted text is HTML markup (e.g. copied from a page's source)."""
    return len(_HTML_TAG.findall(text[:20_000])) >= 2


class _TextWriter:
    """The text of an HTML document, written as its tags open and close.

    Elements nest as Python's html.parser reads them (what BeautifulSoup built before):
    an end tag closes the most recent open element of its name and everything opened
    inside it; an end tag with nothing to close is ignored; void elements (br, hr, img)
    close at once. What each element adds to the text:

    * block elements (p, div, h1, tr, …): a blank line before and after;
    * li: a new "• " line; td and th: a tab after;
    * br: a line break; hr: a blank line;
    * script, style, head and the like: nothing, not even their text;
    * text: white space runs become one space, except inside pre.
    """

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.open: list[str] = []  # names of the open elements, innermost last
        self.open_counts: dict[str, int] = {}
        self.hidden = 0  # open elements whose content is not shown
        self.pre = 0  # open pre elements

    def start(self, name: str) -> None:
        if name in _VOID_TAGS:
            if not self.hidden:
                if name == "br":
                    self.parts.append("\n")
                elif name in _BLOCK_TAGS:
                    self.parts.append("\n\n\n\n")
            return
        if not self.hidden:
            if name in _BLOCK_TAGS:
                self.blank_line()
            elif name == "li":
                self.parts.append("\n" + BULLET)
        if name in _DROPPED_TAGS:
            self.hidden += 1
        elif name == "pre":
            self.pre += 1
        self.open.append(name)
        self.open_counts[name] = self.open_counts.get(name, 0) + 1

    def end(self, name: str) -> None:
        if not self.open_counts.get(name):
            return
        while True:
            closed = self.open.pop()
            self.close(closed)
            if closed == name:
                return

    def close(self, name: str) -> None:
        self.open_counts[name] -= 1
        if name in _DROPPED_TAGS:
            self.hidden -= 1
            return
        if name == "pre":
            self.pre -= 1
        if not self.hidden:
            if name == "li":
                self.parts.append("\n")
            elif name in ("td", "th"):
                self.parts.append("\t")
            elif name in _BLOCK_TAGS:
                self.blank_line()

    def blank_line(self) -> None:
        # One is as good as many (tidy_lines keeps one): nested blocks add one, not one each.
        if not self.parts or self.parts[-1] != "\n\n":
            self.parts.append("\n\n")

    def text(self, data: str) -> None:
        if data and not self.hidden:
            data = unescape(data)
            # HTML collapses white space, so line breaks in the source are only spaces.
            self.parts.append(data if self.pre else _WHITE_SPACE.sub(" ", data))

    def finish(self) -> str:
        while self.open:
            self.close(self.open.pop())
        return "".join(self.parts)


def html_to_text(html: str) -> str:
    """The text a reader of ``html`` sees, with paragraphs and "• " list items.

    One pass over the markup, never back: the time it takes grows with the length of
    the HTML (BeautifulSoup's tree took time growing with the square of the nesting
    depth, and Python's html.parser with the square of the length for some broken
    markup). Comments, doctypes and declarations (Word's ``<![if !supportLists]>``)
    are not text. Raises ContentTooLarge past MAX_HTML_CHARACTERS or MAX_HTML_TAGS.
    """
    if len(html) > MAX_HTML_CHARACTERS:
        raise ContentTooLarge(
            f"This web page (HTML) is too large to read: it is {len(html):,} characters and the limit "
            f"is {MAX_HTML_CHARACTERS:,}. Copy and paste the text of the advert instead, or check it in parts."
        )
    writer = _TextWriter()
    tags = 0
    position, end = 0, len(html)
    while position < end:
        markup = _MARKUP.search(html, position)
        if markup is None:
            writer.text(html[position:])
            break
        start = markup.start()
        if start > position:
            writer.text(html[position:start])
        end_tag, name, closes_itself, complete, comment = markup.groups()
        if name is None:
            # A comment, or "<!…>", "<?…>", "</…>" that is not a tag: nothing to show.
            close = html.find("-->", start + 4) if comment else html.find(">", start + 2)
            position = end if close < 0 else close + (3 if comment else 1)
            continue
        position = markup.end()
        if complete is None:
            break  # the HTML ends inside a tag: browsers drop the tag
        tags += 1
        if tags > MAX_HTML_TAGS:
            raise ContentTooLarge(
                f"This web page (HTML) has too much markup to read: more than {MAX_HTML_TAGS:,} tags. "
                "Copy and paste the text of the advert instead, or check it in parts."
            )
        name = name.lower()
        if end_tag:
            writer.end(name)
        elif closes_itself:  # <br/>, <p/>: opened and closed
            writer.start(name)
            writer.end(name)
        else:
            writer.start(name)
            if name in _RAW_TEXT_TAGS:  # script, style: text up to the end tag, never shown
                close_tag = _RAW_TEXT_END[name].search(html, position)
                position = end if close_tag is None else close_tag.start()
    return tidy_lines(writer.finish())


def tidy_lines(text: str) -> str:
    """Trim every line, keep one blank line between paragraphs, none between list items."""
    lines = [_SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").split("\n")]
    out: list[str] = []
    for line in lines:
        if not line:
            if out and out[-1]:
                out.append("")
            continue
        if line.startswith(BULLET) and len(out) >= 2 and out[-1] == "" and out[-2].startswith(BULLET):
            out.pop()
        out.append(line)
    return "\n".join(out).strip()


def decode_text(data: bytes) -> str:
    """Text files come from Windows as often as not: try UTF-8, then Windows-1252."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


_DOCX_TOO_LARGE = (
    "This Word document is too large to read. A long advert fits in a much smaller file: "
    "save a copy with only the advert in it and upload that, or copy and paste the text."
)


_DOCX_DAMAGED = (
    "We could not read this Word file. It may be damaged, or not really a .docx file. "
    "Open it in Word and save it again, or copy and paste the text."
)
# A zip entry's local header: signature, versions, flags, method, time, date, CRC,
# sizes, then the lengths of the name and of the extra field that come before the data.
_LOCAL_HEADER = struct.Struct("<4s5H3L2H")
# The parts python-docx parses as XML: the rest (images, fonts, embedded files) are
# never inflated, as the text does not need them; each is given to python-docx empty.
_XML_PARTS = (".xml", ".rels")


def _inflated(data: bytes, info: zipfile.ZipInfo, budget: int) -> bytes:
    """One part of the zip ``data``, inflated from its own bytes and never past
    ``budget`` bytes, whatever the zip's directory says of its size: a part that
    claims 100 bytes and inflates to a gigabyte is refused once it passes the budget,
    having held no more than that (``zipfile.read`` inflates the whole stream first).
    A part whose real size or checksum is not what the directory says is damaged
    (an encrypted part too: Word encrypts the whole file, as an older-style file)."""
    header = data[info.header_offset:info.header_offset + _LOCAL_HEADER.size]
    if len(header) < _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
        raise ExtractionError(_DOCX_DAMAGED)
    *_, name_length, extra_length = _LOCAL_HEADER.unpack(header)
    start = info.header_offset + _LOCAL_HEADER.size + name_length + extra_length
    stored = memoryview(data)[start:start + info.compress_size]
    if info.compress_type == zipfile.ZIP_STORED:
        if len(stored) > budget:
            raise ContentTooLarge(_DOCX_TOO_LARGE)
        part = bytes(stored)
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        try:
            part = inflater.decompress(stored, budget + 1)  # at most budget + 1 bytes out
        except zlib.error as error:
            raise ExtractionError(_DOCX_DAMAGED) from error
        if len(part) > budget:
            raise ContentTooLarge(_DOCX_TOO_LARGE)
        if not inflater.eof:
            raise ExtractionError(_DOCX_DAMAGED)  # the stream stops short
    else:  # Word writes only these two; others (bzip2, LZMA) cannot be inflated in bounds here
        raise ExtractionError(_DOCX_DAMAGED)
    if len(part) != info.file_size or zlib.crc32(part) != info.CRC:
        raise ExtractionError(_DOCX_DAMAGED)
    return part


def _bounded_docx(data: bytes) -> io.BytesIO:
    """The .docx ``data`` as python-docx may open it: its XML parts inflated within
    MAX_DOCX_XML together (counted as they inflate, not from the sizes the zip
    declares), every other part empty, written out again uncompressed. Refuses
    archives whose declared sizes are already too large before inflating anything."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
    if len(members) > MAX_DOCX_PARTS:
        raise ContentTooLarge(_DOCX_TOO_LARGE)
    if sum(info.file_size for info in members) > MAX_DOCX_UNCOMPRESSED:
        raise ContentTooLarge("This Word file is too large to check. Copy and paste the text instead.")
    if sum(info.file_size for info in members if info.filename.lower().endswith(_XML_PARTS)) > MAX_DOCX_XML:
        raise ContentTooLarge(_DOCX_TOO_LARGE)  # says so itself: no need to inflate it to find out
    if len({info.filename for info in members}) != len(members):
        raise ExtractionError(_DOCX_DAMAGED)  # a name twice: which one python-docx reads is unclear
    budget = MAX_DOCX_XML
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as rebuilt:
        for info in members:
            if info.is_dir():
                continue
            part = b""
            if info.filename.lower().endswith(_XML_PARTS):
                part = _inflated(data, info, budget)
                budget -= len(part)
            rebuilt.writestr(info.filename, part)
    out.seek(0)
    return out


def _list_styles(styles) -> tuple[frozenset[str], frozenset[str], bool]:
    """From styles.xml, read once: the paragraph style ids, those whose name starts with
    "List", and whether the default paragraph style's does. (python-docx's
    ``paragraph.style`` looks through every style for each paragraph: a few thousand
    paragraphs took seconds.) Resolved as python-docx does: the first style with an id
    counts; an unknown id, or one of another type, means the default style."""
    from docx.oxml.ns import qn

    first: dict[str, tuple[str, str]] = {}
    default_is_list = False
    for style in styles.iterchildren(qn("w:style")):
        style_type = style.get(qn("w:type"))
        name_element = style.find(qn("w:name"))
        name = (name_element.get(qn("w:val")) if name_element is not None else None) or ""
        style_id = style.get(qn("w:styleId"))
        if style_id is not None and style_id not in first:
            first[style_id] = (style_type or "paragraph", name)
        if style_type == "paragraph" and style.get(qn("w:default")) in ("1", "true", "on"):
            default_is_list = name.startswith("List")  # the last default counts
    paragraph_ids = frozenset(i for i, (kind, _) in first.items() if kind == "paragraph")
    list_ids = frozenset(i for i in paragraph_ids if first[i][1].startswith("List"))
    return paragraph_ids, list_ids, default_is_list


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_RUN_TEXT = {f"{_W}t": None, f"{_W}tab": "\t", f"{_W}ptab": "\t", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-",
             f"{_W}br": None}


def _paragraph_text(paragraph) -> str:
    """A paragraph's text as python-docx's ``paragraph.text`` gives it (its runs and
    hyperlinks' runs: text, tabs, line breaks), read with lxml alone: python-docx's own
    searches each run with XPath, several times slower on a run-heavy document."""
    parts = []
    for child in paragraph.iterchildren(f"{_W}r", f"{_W}hyperlink"):
        for run in child.iterchildren(f"{_W}r") if child.tag == f"{_W}hyperlink" else (child,):
            for item in run.iterchildren(*_RUN_TEXT):
                text = _RUN_TEXT[item.tag]
                if text is None:
                    if item.tag == f"{_W}t":
                        text = item.text or ""
                    else:  # a line break; a page or column break is no text
                        text = "\n" if item.get(f"{_W}type", "textWrapping") == "textWrapping" else ""
                parts.append(text)
    return "".join(parts)


def _table_lines(table) -> list[str]:
    """One line per row: the cells' text, tab-separated. A merged cell is read once per
    row it spans (a vertically merged cell repeats the text above, as python-docx's
    ``row.cells`` gives it, in one pass rather than a search up the table per cell)."""
    lines = []
    above: dict[int, str] = {}  # grid column -> the text of the cell starting there
    for row in table.tr_lst:
        here: dict[int, str] = {}
        cells: list[str] = []
        offset = row.grid_before
        for cell in row.tc_lst:
            if cell.vMerge == "continue":
                if offset not in above:
                    raise ValueError("a merged cell with no cell above it")
                text = above[offset]
            else:
                text = "\n".join(_paragraph_text(p) for p in cell.p_lst).strip()
            here[offset] = text
            offset += cell.grid_span  # a cell across columns is read once (python-docx repeats it)
            if text and (not cells or cells[-1] != text):  # merged cells repeat
                cells.append(text)
        above = here
        lines.append("\t".join(cells))
    return lines


def docx_to_text(data: bytes) -> str:
    from docx import Document
    from docx.oxml.ns import qn
    from docx.oxml.table import CT_Tbl

    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ExtractionError(
            "This is an older Word file (.doc). Open it in Word, save it as .docx "
            "and upload it again, or copy and paste the text."
        )
    try:
        document = Document(_bounded_docx(data))
        body = document.element.body
        if sum(1 for _ in body.iter(qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"))) > MAX_DOCX_BLOCKS:
            raise ContentTooLarge(_DOCX_TOO_LARGE)
        paragraph_styles, list_styles, default_is_list = _list_styles(document.styles.element)
        blocks = []
        for block in body.inner_content_elements:
            if isinstance(block, CT_Tbl):
                blocks.extend(_table_lines(block))
                blocks.append("")
                continue
            text = _paragraph_text(block).strip()
            style_id = block.style
            is_list = (block.pPr is not None and block.pPr.numPr is not None) or (
                style_id in list_styles if style_id in paragraph_styles else default_is_list
            )
            blocks.append(BULLET + text if is_list and text else text)
            blocks.append("")
    except ExtractionError:
        raise
    except Exception as error:  # python-docx raises many types for a damaged file
        raise ExtractionError(_DOCX_DAMAGED) from error
    return tidy_lines("\n".join(blocks))


def text_from_file(filename: str, data: bytes) -> str:
    """Plain text from an uploaded file, or ExtractionError with a clear message."""
    extension = PurePath(filename or "").suffix.lower()
    if extension not in SUPPORTED_EXTENSIONS:
        raise ExtractionError("The file must be a .txt, .html or .docx file.")
    if not data:
        raise ExtractionError("The file is empty.")
    if extension == ".docx":
        return docx_to_text(data)
    if extension in (".html", ".htm"):
        return html_to_text(decode_text(data))
    return decode_text(data).replace("\r\n", "\n")
