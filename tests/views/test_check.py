"""The check page: full page and htmx fragment from one URL, with and without JS."""

import io
import re

import pytest
from bs4 import BeautifulSoup
from docx import Document
from werkzeug.test import EnvironBuilder

from ..files import deflated_zeros, with_lying_part, with_part_method, with_part_twice
from ..helpers import HX_PARTIAL, assert_page_invariants, highlighted_words, normalize_spaces, parse

ADVERT = (
    "Leeds Teaching Hospitals NHS Foundation Trust wants an aggressive, ambitious, "
    "competitive product manager to support our teams and build trust with clinicians."
)


def post_check(client, text, headers=None):
    return client.post("/check", data={"text": text}, headers=headers or {})


def reader_text(element):
    """Text as it reads on screen: without the visually hidden "(masculine-coded)" labels."""
    for hidden in element.select(".nhsuk-u-visually-hidden"):
        hidden.decompose()
    return element.get_text()


def highlighted(soup):
    return highlighted_words(soup)


def test_check_page_has_the_form_and_a_stable_live_region(get_page):
    soup = get_page("/check")
    form = soup.select_one('form[action="/check"]')
    assert form["method"] == "post"
    textarea = form.select_one("textarea#text")
    assert textarea["hx-post"] == "/check"
    assert textarea["hx-target"] == "#check-results"
    # The text box and the role picker share one queue: a newer request replaces an older one.
    assert textarea["hx-sync"] == "closest form:replace"
    assert form.select_one("select#role")["hx-sync"] == "closest form:replace"
    # "checkagain": app.mjs checks text put back by Back or Forward.
    delay = re.fullmatch(r"input changed delay:(\d+)ms, checkagain", textarea["hx-trigger"])
    assert delay and int(delay.group(1)) <= 600
    # The no-JS path: a real submit button in the same form.
    assert form.select_one("button[type=submit], button:not([type])")
    status = soup.select_one("#check-status")
    assert status["aria-live"] == "polite" and status["role"] == "status"
    assert "check-status" in textarea["aria-describedby"]
    assert soup.select_one("#check-results")
    assert "nothing you paste or upload is stored" in normalize_spaces(soup.get_text()).lower()


def test_submitting_without_javascript_shows_the_full_results_page(client):
    response = post_check(client, ADVERT)
    assert response.status_code == 200
    assert {"HX-Request", "HX-Request-Type"} <= {v.strip() for v in response.headers["Vary"].split(",")}
    soup = parse(response)
    assert_page_invariants(soup)
    assert soup.select_one("textarea#text").get_text() == ADVERT  # the text stays in the box
    results = soup.select_one("#check-results")
    # The summary comes first, then the verdict on the writer's own words.
    assert [normalize_spaces(h.get_text()) for h in results.select("h2")][:2] == [
        "5 things to look at in your advert", "Your own words are masculine-coded"]
    assert highlighted(soup) == [
        ("aggressive", "masculine-coded"),
        ("ambitious", "masculine-coded"),
        ("competitive", "masculine-coded"),
        ("support", "feminine-coded"),
        ("trust", "feminine-coded"),
    ]
    # The Trust's name is shown but not highlighted.
    assert "NHS Foundation Trust" in soup.select_one(".app-highlighted-text").get_text()
    groups = [normalize_spaces(g.get_text()) for g in results.select("#category-masculine-coded .app-finding")]
    assert any(g.startswith("aggressive") and "Try instead:" in g for g in groups)
    assert normalize_spaces(soup.select_one("#check-status").get_text()) == (
        "5 things to look at, 3 warnings. This advert is masculine-coded: 3 masculine-coded words, "
        "2 feminine-coded words, in 22 words of your own."
    )


def test_htmx_gets_only_the_fragment_with_the_same_results(client):
    full = parse(post_check(client, ADVERT))
    response = post_check(client, ADVERT, HX_PARTIAL)
    assert response.status_code == 200
    assert {"HX-Request", "HX-Request-Type"} <= {v.strip() for v in response.headers["Vary"].split(",")}
    body = response.get_data(as_text=True)
    assert "<html" not in body and "<h1" not in body
    fragment = BeautifulSoup(body, "html5lib")
    assert highlighted(fragment) == highlighted(full)
    summary = fragment.select_one("[data-live-summary]")["data-live-summary"]
    assert summary == normalize_spaces(full.select_one("#check-status").get_text())


def test_text_with_no_coded_words_says_so(client):
    soup = parse(post_check(client, "Our team builds websites for the NHS."))
    assert normalize_spaces(soup.select_one("#check-results .app-verdict h2").get_text()) == "No gender-coded words found"
    assert normalize_spaces(soup.select_one("#check-results h2").get_text()) == "Nothing to fix in your advert"
    assert soup.select(".app-highlighted-text mark") == []


def test_pasted_script_is_shown_as_text_never_run(client):
    attack = '<script>alert("x")</script><img src=x onerror=alert(1)> aggressive'
    for headers in ({}, HX_PARTIAL):
        body = post_check(client, attack, headers).get_data(as_text=True)
        assert "<script>alert" not in body
        assert "<img src=x" not in body
    # The highlighted copy (the full page) shows it as text.
    assert "&lt;script&gt;" in post_check(client, attack).get_data(as_text=True)
    soup = parse(post_check(client, attack))
    # The textarea gives back exactly what was typed.
    assert soup.select_one("textarea#text").get_text() == attack


def test_textarea_escaping_through_the_nhs_macro(client):
    # The NHS macros are .jinja files: without autoescape this would close the textarea.
    attack = "</textarea><script>alert(1)</script>"
    soup = parse(post_check(client, attack))
    assert soup.select_one("textarea#text").get_text() == attack
    assert not [s for s in soup.select("script") if "alert(1)" in s.get_text()]


def test_pasted_html_is_checked_as_the_text_a_reader_sees(client):
    html = "<h2>About the role</h2><p>We want an <b>ambitious</b> person.</p><ul><li>Lead the team</li><li>Share ideas</li></ul>"
    soup = parse(post_check(client, html))
    text = reader_text(soup.select_one(".app-highlighted-text"))
    assert "<b>" not in text and "About the role" in text
    assert "\u2022 Lead the team\n\u2022 Share ideas" in text
    assert "checked the words a reader would see" in normalize_spaces(soup.get_text())
    assert soup.select_one("textarea#text").get_text() == html  # what was typed is kept


@pytest.mark.parametrize("headers", [{}, HX_PARTIAL])
def test_empty_text_gets_a_clear_error(client, headers):
    response = post_check(client, "", headers)
    assert response.status_code == 422
    soup = parse(response)
    assert "Enter or paste the text of an advert" in normalize_spaces(soup.get_text())
    if not headers:
        assert_page_invariants(soup)
        assert soup.title.get_text().startswith("Error: ")
        assert soup.select_one('.nhsuk-error-summary a[href="#text"]')
        # Said in the summary and beside the field, not a third time in the results.
        assert soup.select("#check-results .nhsuk-error-message") == []


@pytest.mark.parametrize("headers", [{}, HX_PARTIAL])
def test_text_over_the_limit_is_refused_and_kept(client, headers):
    text = "word " * 20_001  # 100,005 characters
    response = post_check(client, text, headers)
    assert response.status_code == 422
    soup = parse(response)
    assert "must be 100,000 characters or fewer. It is 100,005 characters" in normalize_spaces(soup.get_text())
    if not headers:
        assert soup.select_one("textarea#text").get_text() == text


def make_docx(paragraphs=(), bullets=(), table=None):
    document = Document()
    document.add_heading("Product manager", level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    for text in bullets:
        document.add_paragraph(text, style="List Bullet")
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def upload(client, filename, data):
    return client.post(
        "/check/upload",
        data={"file": (io.BytesIO(data), filename)},
        content_type="multipart/form-data",
    )


def test_upload_docx_fills_the_box_and_checks_it(client):
    data = make_docx(
        paragraphs=["We want a confident person.", "Café culture – naïve “quotes”."],
        bullets=["Lead the roadmap", "Support users"],
        table=[["Essential", "Desirable"], ["Analytical skills", "Kindness"]],
    )
    response = upload(client, "advert.docx", data)
    assert response.status_code == 200
    soup = parse(response)
    assert_page_invariants(soup)
    text = soup.select_one("textarea#text").get_text()
    assert text.startswith("Product manager\n\nWe want a confident person.")
    assert "Café culture – naïve “quotes”." in text
    assert "\u2022 Lead the roadmap\n\u2022 Support users" in text
    assert "Analytical skills\tKindness" in text
    assert [m for m, _ in highlighted(soup)] == ["confident", "Lead", "Support", "Analytical"]


def test_upload_txt_in_windows_encoding(client):
    soup = parse(upload(client, "advert.txt", "An ambitious caf\xe9 manager\r\n".encode("cp1252")))
    assert soup.select_one("textarea#text").get_text() == "An ambitious café manager\n"
    assert highlighted(soup) == [("ambitious", "masculine-coded")]


def test_upload_html_keeps_paragraphs_and_drops_scripts(client):
    html = b"<html><head><title>x</title><script>alert(1)</script></head><body><p>Be\n decisive.</p><p>Be kind.</p></body></html>"
    soup = parse(upload(client, "advert.html", html))
    assert soup.select_one("textarea#text").get_text() == "Be decisive.\n\nBe kind."
    assert [m for m, _ in highlighted(soup)] == ["decisive", "kind"]


@pytest.mark.parametrize(
    ("filename", "data", "message"),
    [
        ("advert.docx", b"PK\x03\x04 this is not really a zip", "We could not read this Word file"),
        ("advert.docx", b"not a zip at all", "We could not read this Word file"),
        ("advert.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "must be a .txt, .html or .docx file"),
        ("old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "older Word file (.doc)"),
        ("advert.pdf", b"%PDF-1.4", "must be a .txt, .html or .docx file"),
        ("advert.txt", b"", "The file is empty"),
    ],
)
def test_unreadable_uploads_get_a_clear_message(client, filename, data, message):
    response = upload(client, filename, data)
    assert response.status_code == 422
    soup = parse(response)
    assert_page_invariants(soup)
    assert message in normalize_spaces(soup.select_one("#file-error, .nhsuk-error-message").get_text())
    assert soup.select_one('.nhsuk-error-summary a[href="#file"]')


def test_upload_without_a_file(client):
    response = client.post("/check/upload", data={}, content_type="multipart/form-data")
    assert response.status_code == 422
    assert "Choose a .txt, .html or .docx file" in normalize_spaces(parse(response).get_text())


def test_a_file_over_5_mb_is_refused_with_a_page(client):
    # Built by hand so the test closes the request's temporary file itself.
    builder = EnvironBuilder(
        path="/check/upload",
        method="POST",
        data={"file": (io.BytesIO(b"a" * (5 * 1024 * 1024 + 1)), "big.txt")},
    )
    environ = builder.get_environ()
    try:
        response = client.open(environ)
    finally:
        environ["wsgi.input"].close()
        builder.close()
    assert response.status_code == 413
    soup = parse(response)
    assert_page_invariants(soup)
    assert "smaller than 5 MB" in normalize_spaces(soup.get_text())


def test_a_docx_that_expands_too_far_is_refused(client, monkeypatch):
    monkeypatch.setattr("webapp.text_extraction.MAX_DOCX_UNCOMPRESSED", 1000)
    response = upload(client, "advert.docx", make_docx(paragraphs=["x" * 5000]))
    assert response.status_code == 422
    assert "too large to check" in normalize_spaces(parse(response).get_text())


def test_pasted_rich_text_is_converted_with_paragraphs_and_list_items(client):
    html = (
        '<meta charset="utf-8"><p class="MsoNormal">About <b>the</b>\nrole</p>'
        "<ul><li>Lead the team</li><li>Be kind</li></ul><script>alert(1)</script>"
    )
    response = client.post("/check/convert-html", data={"html": html})
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    assert response.get_data(as_text=True) == "About the role\n\n\u2022 Lead the team\n\u2022 Be kind"


def test_pasted_rich_text_over_the_limit_is_refused(client):
    response = client.post("/check/convert-html", data={"html": "<p>" + "a" * 2_000_001})
    assert response.status_code == 413


def test_the_same_word_used_again_is_one_entry_with_a_link_to_each_place(client):
    text = "An ambitious team. Ambitious plans need ambitious people who listen."
    soup = parse(post_check(client, text))
    entries = soup.select("#category-masculine-coded .app-finding")
    assert len(entries) == 1
    entry = normalize_spaces(entries[0].get_text())
    assert entry.startswith("ambitious (go to the word) ×3") and entry.count("Try instead:") == 1
    where = next(p for p in entries[0].select("p") if p.get_text().startswith("Where:"))
    places = [a["href"][1:] for a in where.select("a")]
    assert len(places) == 3
    assert [normalize_spaces(soup.find(id=place).contents[0]) for place in places] == ["ambitious", "Ambitious", "ambitious"]
    # With JavaScript each link selects its word in the box.
    assert [(int(a["data-start"]), int(a["data-end"])) for a in where.select("a")] == [
        (m.start(), m.end()) for m in re.finditer("(?i)ambitious", text)]
    # The live check leaves the copy out; the same links go to the box.
    live = parse(post_check(client, text, HX_PARTIAL))
    assert live.select(".app-highlighted-text") == []
    live_where = next(p for p in live.select("#category-masculine-coded p") if p.get_text().startswith("Where:"))
    assert [(a["href"], a["data-highlight-element"], int(a["data-start"])) for a in live_where.select("a")] == [
        ("#text", "text", m.start()) for m in re.finditer("(?i)ambitious", text)]
    assert normalize_spaces(soup.select_one("#category-masculine-coded h3").get_text()) == "Masculine-coded words (3)"


def test_a_word_used_in_many_places_links_to_the_first_ten_and_highlights_them_all(client):
    text = " ".join(["An ambitious team."] * 14)
    soup = parse(post_check(client, text))
    entry = soup.select_one("#category-masculine-coded .app-finding")
    assert normalize_spaces(entry.get_text()).startswith("ambitious (go to the word) ×14")
    where = next(p for p in entry.select("p") if p.get_text().startswith("Where:"))
    assert len(where.select("a")) == 10
    assert normalize_spaces(where.get_text()).endswith("and 4 more, all highlighted")
    assert len(soup.select(".app-highlighted-text mark")) == 14  # every place is still marked


# Bounded work (issue 10): whatever is pasted or uploaded, the answer comes back in
# time a request may take, and what cannot be read is refused with a reason.


@pytest.mark.parametrize("headers", [{}, HX_PARTIAL])
def test_deeply_nested_pasted_html_is_checked(client, headers):
    # 96 KB of nested blocks: reading it once took time growing with the square of the depth.
    text = "<div><p>" * 12_000 + "We want an ambitious person."
    response = post_check(client, text, headers)
    assert response.status_code == 200
    soup = parse(response)
    assert highlighted(soup) == [("ambitious", "masculine-coded")]
    assert reader_text(soup.select_one(".app-highlighted-text")) == "We want an ambitious person."
    if not headers:
        assert soup.select_one("textarea#text").get_text() == text


def test_broken_markup_is_read_as_a_browser_reads_it(client):
    # A tag that never ends ("<a<a<a…"): Python's html.parser took 11 s over 100 KB of it.
    text = "<p>We want an ambitious person.</p><p>Be kind" + "<a" * 10_000
    soup = parse(post_check(client, text))
    assert reader_text(soup.select_one(".app-highlighted-text")) == "We want an ambitious person.\n\nBe kind"
    assert highlighted(soup) == [("ambitious", "masculine-coded"), ("kind", "feminine-coded")]


def test_pasted_word_markup_leaves_no_declarations_in_the_text(client):
    html = (
        '<!DOCTYPE html><html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p {}</style></head>'
        "<body><!--StartFragment--><p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'>"
        "<![if !supportLists]><span style='font-family:Symbol'>·<span>&nbsp;&nbsp; </span></span><![endif]>"
        "Lead the team<o:p></o:p></p><p class=MsoNormal>Be <b>kind</b> &amp; fair</p><!--EndFragment--></body></html>"
    )
    response = client.post("/check/convert-html", data={"html": html})
    assert response.get_data(as_text=True) == "· Lead the team\n\nBe kind & fair"


def test_pasted_rich_text_with_too_much_markup_is_refused(client):
    # 1.9 MB of nested <div>: under the size limit, over the number of tags.
    response = client.post("/check/convert-html", data={"html": "<div>" * 390_000})
    assert response.status_code == 413
    assert response.mimetype == "text/plain"
    assert "too much markup to read: more than 100,000 tags" in response.get_data(as_text=True)


def upload_large(client, filename, data):
    """Upload a file large enough to be spooled to disk, closing that file afterwards."""
    builder = EnvironBuilder(path="/check/upload", method="POST", data={"file": (io.BytesIO(data), filename)})
    environ = builder.get_environ()
    try:
        return client.open(environ)
    finally:
        environ["wsgi.input"].close()
        builder.close()


def test_an_html_file_too_large_to_read_is_refused(client):
    data = ("<p>We want an ambitious person.</p>" * 60_000).encode()  # 2.1 MB, under the 5 MB upload limit
    response = upload_large(client, "advert.html", data)
    assert response.status_code == 422
    soup = parse(response)
    assert_page_invariants(soup)
    assert "This web page (HTML) is too large to read: it is 2,100,000 characters" in normalize_spaces(
        soup.select_one("#file-error, .nhsuk-error-message").get_text())
    assert soup.select_one('.nhsuk-error-summary a[href="#file"]')


def test_html_over_the_tag_limit_in_the_box_is_refused_and_kept(client, monkeypatch):
    # With the 100,000-character limit no HTML in the box reaches the tag limit (it takes
    # 300,000 characters): the limit is lowered here to show the refusal the page, htmx
    # and the API would give.
    monkeypatch.setattr("webapp.text_extraction.MAX_HTML_TAGS", 50)
    text = "<p>We want an ambitious person.</p>" + "<b>" * 60
    for headers in ({}, HX_PARTIAL):
        response = post_check(client, text, headers)
        assert response.status_code == 422
        soup = parse(response)
        assert "too much markup to read: more than 50 tags" in normalize_spaces(soup.get_text())
        if not headers:
            assert soup.select_one("textarea#text").get_text() == text
            assert soup.select_one('.nhsuk-error-summary a[href="#text"]')
    api = client.post("/api/v1/check", json={"text": text, "format": "html"})
    assert api.status_code == 413
    assert "more than 50 tags" in api.get_json()["error"]["message"]


def docx_with_body(body_xml):
    """A .docx from python-docx with its body's content replaced by ``body_xml``."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(make_docx()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                xml = data.decode()
                start = xml.index("<w:body>") + len("<w:body>")
                data = (xml[:start] + body_xml + xml[xml.index("<w:sectPr"):]).encode()
            archive.writestr(info.filename, data)
    return buffer.getvalue()


def test_a_docx_whose_document_xml_is_too_large_is_refused(client):
    from webapp.text_extraction import MAX_DOCX_XML

    paragraph = "<w:p><w:r><w:t>We want an ambitious person.</w:t></w:r></w:p>"
    data = docx_with_body(paragraph * (MAX_DOCX_XML // len(paragraph) + 1))
    assert len(data) < 200_000  # a small file that expands far
    response = upload(client, "advert.docx", data)
    assert response.status_code == 422
    soup = parse(response)
    assert_page_invariants(soup)
    assert "This Word document is too large to read" in normalize_spaces(
        soup.select_one("#file-error, .nhsuk-error-message").get_text())
    assert soup.select_one('.nhsuk-error-summary a[href="#file"]')


def docx_parts():
    import zipfile

    with zipfile.ZipFile(io.BytesIO(make_docx())) as archive:
        return [info.filename for info in archive.infolist()]


@pytest.mark.parametrize("part", docx_parts())
def test_a_docx_part_that_lies_about_its_size_is_refused_within_bounded_memory(client, part):
    """Each part claims 100 bytes and holds 256 MiB of zeros: zipfile.read() held twice
    that before it cut the part to 100 bytes. The reader inflates at most the XML
    budget of any XML part and none of the others (the text needs no image)."""
    import tracemalloc

    from webapp.text_extraction import MAX_DOCX_XML

    data = with_lying_part(make_docx(paragraphs=["We want a kind person."]), part, mebibytes=256)
    assert len(data) < 300_000
    tracemalloc.start()
    try:
        response = upload(client, "advert.docx", data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 * MAX_DOCX_XML + 4 * len(data), f"{peak:,} bytes at the peak"
    soup = parse(response)
    assert_page_invariants(soup)
    if part.endswith((".xml", ".rels")):
        assert response.status_code == 422
        assert "This Word document is too large to read" in normalize_spaces(
            soup.select_one("#file-error, .nhsuk-error-message").get_text())
        assert "copy and paste the text" in normalize_spaces(soup.select_one("#file-error").get_text())
        assert soup.select_one('.nhsuk-error-summary a[href="#file"]')
    else:  # the thumbnail: never read, so the advert reads as usual
        assert response.status_code == 200
        assert "We want a kind person." in soup.select_one("textarea#text").get_text()


@pytest.mark.parametrize("declared", [100, 2_000])
def test_a_docx_part_whose_size_or_checksum_is_not_what_its_directory_says_is_damaged(client, declared):
    """Within the budget, a part that inflates to more (or less) than it says it holds,
    or whose checksum is wrong, is a damaged file, not read as far as it claims."""
    data = with_lying_part(make_docx(), "word/document.xml", mebibytes=1, declared=declared)
    response = upload(client, "advert.docx", data)
    assert response.status_code == 422
    assert "We could not read this Word file" in normalize_spaces(parse(response).select_one("#file-error").get_text())


def test_a_docx_with_a_part_named_twice_is_damaged(client):
    """Which copy another reader would take is unclear, so neither is read."""
    response = upload(client, "advert.docx", with_part_twice(make_docx(), "word/document.xml"))
    assert response.status_code == 422
    assert "We could not read this Word file" in normalize_spaces(parse(response).select_one("#file-error").get_text())


@pytest.mark.parametrize("method", [12, 14])
def test_a_docx_part_compressed_another_way_is_damaged(client, method):
    """bzip2 and LZMA cannot be inflated in bounded steps here; Word never writes them."""
    response = upload(client, "advert.docx", with_part_method(make_docx(), "word/document.xml", method))
    assert response.status_code == 422
    assert "We could not read this Word file" in normalize_spaces(parse(response).select_one("#file-error").get_text())


def test_the_lying_stream_inflates_to_what_it_says():
    """The stream the tests above hide in a part really is that large."""
    import zlib

    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    assert len(inflater.decompress(deflated_zeros(3))) == 3 * 1024 * 1024 and inflater.eof


def test_a_docx_with_too_many_paragraphs_is_refused(client):
    from webapp.text_extraction import MAX_DOCX_BLOCKS

    response = upload(client, "advert.docx", docx_with_body("<w:p/>" * (MAX_DOCX_BLOCKS + 1)))
    assert response.status_code == 422
    assert "This Word document is too large to read" in normalize_spaces(parse(response).get_text())


def test_a_long_docx_with_merged_cells_and_lists_fills_the_box(client):
    document = Document()
    document.add_paragraph("Person specification")
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate([["Criteria", "", "How assessed"], ["Degree", "Essential", "Application"],
                             ["Leadership", "Desirable", ""]]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    table.cell(0, 0).merge(table.cell(0, 1))  # across
    table.cell(1, 2).merge(table.cell(2, 2))  # down: each row reads it
    document.add_paragraph("Lead the roadmap", style="List Number")
    for _ in range(2_000):  # a long advert, as many paragraphs as a real one has
        document.add_paragraph("We support our users.")
    buffer = io.BytesIO()
    document.save(buffer)
    soup = parse(upload(client, "advert.docx", buffer.getvalue()))
    text = soup.select_one("textarea#text").get_text()
    assert text.startswith(
        "Person specification\n\nCriteria\tHow assessed\nDegree\tEssential\tApplication\n"
        "Leadership\tDesirable\tApplication\n\n\u2022 Lead the roadmap\n\nWe support our users.\n\n"
    )
    assert text.count("We support our users.") == 2_000


def test_after_a_full_page_check_the_results_take_the_focus_but_never_while_typing(client):
    page = parse(client.post("/check", data={"text": "We want an ambitious analyst."}))
    assert [(e.name, e.get("id"), e.get("tabindex")) for e in page.select("[autofocus]")] == [
        ("h2", "summary-heading", "-1")]
    live = parse(client.post("/check", data={"text": "We want an ambitious analyst."}, headers=HX_PARTIAL))
    assert live.select_one("#summary-heading") and live.select("[autofocus]") == []
    errors = parse(client.post("/check", data={"text": ""}))
    assert [e.get("class") for e in errors.select("[autofocus]")] == [["nhsuk-error-summary"]]
