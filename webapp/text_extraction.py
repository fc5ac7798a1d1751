"""Turn what people give us (pasted HTML, .txt, .html, .docx) into plain text.

Paragraphs stay separated by a blank line and list items become "• " lines, so
the highlighted text still reads like the advert.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import PurePath

from bs4 import BeautifulSoup, Comment, NavigableString

SUPPORTED_EXTENSIONS = (".txt", ".html", ".htm", ".docx")
BULLET = "\u2022 "
# A .docx is a zip; refuse archives that would expand past this (zip bombs).
MAX_DOCX_UNCOMPRESSED = 50 * 1024 * 1024

_BLOCK_TAGS = [
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav",
    "ol", "p", "pre", "section", "table", "tr", "ul",
]
_DROPPED_TAGS = ["script", "style", "template", "noscript", "head", "title", "iframe", "object", "svg"]
_HTML_TAG = re.compile(
    r"<(?:p|div|br|li|ul|ol|h[1-6]|table|tr|td|span|strong|b|em|i|a|html|body|section)\b[^<>]*>",
    re.IGNORECASE,
)
_SPACES = re.compile(r"[^\S\n\t]+")


class ExtractionError(ValueError):
    """The file cannot be read. The message is written for the person who sent it."""


def looks_like_html(text: str) -> bool:
    """Whether pasted text is HTML markup (e.g. copied from a page's source)."""
    return len(_HTML_TAG.findall(text[:20_000])) >= 2


def html_to_text(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(_DROPPED_TAGS):
        tag.decompose()
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    # HTML collapses white space, so line breaks in the source are only spaces.
    for string in soup.find_all(string=True):
        if not string.find_parent("pre"):
            string.replace_with(re.sub(r"\s+", " ", str(string)))
    for br in soup.find_all("br"):
        br.replace_with(NavigableString("\n"))
    for item in soup.find_all("li"):
        item.insert(0, NavigableString("\n" + BULLET))
        item.append(NavigableString("\n"))
    for cell in soup.find_all(["td", "th"]):
        cell.append(NavigableString("\t"))
    for tag in soup.find_all(_BLOCK_TAGS):
        tag.insert_before(NavigableString("\n\n"))
        tag.insert_after(NavigableString("\n\n"))
    return tidy_lines(soup.get_text())


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


def docx_to_text(data: bytes) -> str:
    from docx import Document
    from docx.table import Table

    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ExtractionError(
            "This is an older Word file (.doc). Open it in Word, save it as .docx "
            "and upload it again, or copy and paste the text."
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_DOCX_UNCOMPRESSED:
                raise ExtractionError("This Word file is too large to check. Copy and paste the text instead.")
        document = Document(io.BytesIO(data))
        blocks = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                for row in block.rows:
                    cells: list[str] = []
                    for cell in row.cells:
                        text = cell.text.strip()
                        if text and (not cells or cells[-1] != text):  # merged cells repeat
                            cells.append(text)
                    blocks.append("\t".join(cells))
                blocks.append("")
                continue
            text = block.text.strip()
            properties = block._p.pPr
            is_list = (properties is not None and properties.numPr is not None) or (
                block.style is not None and (block.style.name or "").startswith("List")
            )
            blocks.append(BULLET + text if is_list and text else text)
            blocks.append("")
    except ExtractionError:
        raise
    except Exception as error:  # python-docx raises many types for a damaged file
        raise ExtractionError(
            "We could not read this Word file. It may be damaged, or not really a .docx file. "
            "Open it in Word and save it again, or copy and paste the text."
        ) from error
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
