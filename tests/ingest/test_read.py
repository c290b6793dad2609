"""Reading text, Markdown, HTML and PDF files into clean Documents; bad input; language; paths."""

from __future__ import annotations

import os
import re
import threading
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pages import FONT, html_page, paragraphs, pdf_document

from jejaring.errors import DocumentError
from jejaring.ingest.document import Document
from jejaring.ingest.read import detect_language, iter_paths, read_document

SHARED = Path(__file__).parents[2].parent / "shared"
REFERENCE = SHARED / "corpus" / "seed-seoul-clv.txt"


@pytest.fixture
def reference() -> Path:
    """The reference web article in ../shared beside the repository; skip when absent."""
    if not REFERENCE.is_file():
        pytest.skip(f"the reference document {REFERENCE} is not there (../shared beside the repository)")
    return REFERENCE


@pytest.fixture
def font() -> Path:
    """A Unicode TTF font for fpdf2 (Debian package fonts-dejavu-core); skip when absent."""
    if not FONT.is_file():
        pytest.skip(f"{FONT} is missing: apt-get install -y fonts-dejavu-core")
    return FONT


def _lines(text: str, *, bullets: bool = True) -> list[str]:
    """Non-blank lines with runs of spaces collapsed; without a leading list marker unless ``bullets``."""
    out = []
    for line in text.split("\n"):
        line = " ".join(line.split())
        if not bullets:
            line = re.sub(r"^[•*-] ", "", line)
        if line:
            out.append(line)
    return out


def _write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


# --------------------------------------------------------------------------------------------
# Each format from a file


SIMPLE_TEXT = (
    "Kunjungan Belajar ke Seoul\n\nJakarta, 13 Juni 2019.\n\nPeserta:\n  • Oswar Mungkasa\n  • [i] Tri Mulyani\n"
)
SIMPLE_HTML = (
    "<html><head><title>Kunjungan Belajar ke Seoul | Situs Kota</title></head><body>"
    "<nav><a href='/'>Beranda</a> <a href='/kontak'>Kontak</a></nav>"
    "<article><h1>Kunjungan Belajar ke Seoul</h1>"
    "<p>Jakarta, 13 Juni 2019. Pemerintah Provinsi DKI Jakarta mengirim sembilan orang ke Seoul untuk belajar "
    "tentang ketahanan kota, dan hasilnya dibahas dalam diskusi publik.</p>"
    "<p>Peserta:</p><ul><li>Oswar Mungkasa</li><li>[i] Tri Mulyani</li></ul></article>"
    "<footer>Copyright © 2019 Situs Kota</footer></body></html>"
)
SIMPLE_MARKDOWN = (
    "# Kunjungan Belajar ke Seoul\n\nJakarta, **13 Juni 2019**.\n\nPeserta:\n\n- Oswar Mungkasa\n- [i] Tri Mulyani\n"
)


@pytest.mark.parametrize(
    ("name", "content", "media_type"),
    [
        ("visit.txt", SIMPLE_TEXT, "text/plain"),
        ("visit.md", SIMPLE_MARKDOWN, "text/markdown"),
        ("visit.markdown", SIMPLE_MARKDOWN, "text/markdown"),
        ("visit.html", SIMPLE_HTML, "text/html"),
        ("VISIT.HTM", SIMPLE_HTML, "text/html"),
    ],
)
def test_read_each_text_format(tmp_path: Path, name: str, content: str, media_type: str) -> None:
    doc = read_document(_write(tmp_path, name, content), tmp_path)
    assert isinstance(doc, Document)
    assert (doc.identity, doc.media_type, doc.title) == (name, media_type, "Kunjungan Belajar ke Seoul")
    assert doc.date == date(2019, 6, 13)
    lines = _lines(doc.text, bullets=False)
    assert "Oswar Mungkasa" in lines and "[i] Tri Mulyani" in lines
    assert not any(word in doc.text for word in ("Beranda", "Copyright", "**", "# "))


def test_read_pdf_format(tmp_path: Path) -> None:
    path = pdf_document(tmp_path / "visit.pdf", paragraphs(SIMPLE_TEXT.replace("•", "-")))  # helvetica has no "•"
    doc = read_document(path)
    assert (doc.identity, doc.media_type, doc.title, doc.date) == (
        "visit.pdf", "application/pdf", "Kunjungan Belajar ke Seoul", date(2019, 6, 13),
    )  # fmt: skip
    assert _lines(doc.text)[-3:] == ["Peserta:", "- Oswar Mungkasa", "- [i] Tri Mulyani"]


def test_read_normalises_text(tmp_path: Path) -> None:
    raw = "\ufeffJudul\r\n\r\n\r\n\r\nKota\tSeoul\u00a0dan  Jakarta   \r\nCafe\u0301 di Seoul\u200b.\r\n"
    doc = read_document(_write(tmp_path, "a.txt", raw))
    assert doc.text == "Judul\n\nKota Seoul dan  Jakarta\nCafé di Seoul."


@pytest.mark.parametrize("marker", ["•", "-", "*", "1.", "[i]", "a)"])
def test_read_keeps_list_markers(tmp_path: Path, marker: str) -> None:
    doc = read_document(
        _write(tmp_path, "a.txt", f"Peserta kunjungan:\n  {marker} Oswar Mungkasa\n  {marker} Denny Aputra\n")
    )
    assert doc.text.split("\n")[1:] == [f"  {marker} Oswar Mungkasa", f"  {marker} Denny Aputra"]


# --------------------------------------------------------------------------------------------
# Boilerplate lines


CONTENT = "Pemerintah Kota Seoul berbagi pengalaman membangun ketahanan kota dengan Jakarta."


@pytest.mark.parametrize(
    "furniture",
    [
        "Show More",
        "Read more",
        "Baca selengkapnya",
        "Baca juga: Jakarta Luncurkan Strategi Ketahanan Kota",
        "Share",
        "Bagikan:",
        "Tweet",
        "Facebook | Twitter | WhatsApp",
        "Powered By WordPress",
        "WP Facebook Auto Publish Powered By : XYZScripts.com",
        "Leave a Reply",
        "Tinggalkan Balasan",
        "Copyright © 2019 Jakarta Berketahanan",
        "Home > News > Events",
        "Beranda » Berita » Kegiatan",
        "Tags: ketahanan, Seoul",
        "Next Post: Lokakarya Ketahanan Kota",
        "Tonton juga video \"Wali Kota Tinjau Tanggul Laut\" di sini:",
        "Lihat juga Video: Dinas Perhubungan Uji Coba Bus Listrik",
        "Lihat juga Video 'Kejaksaan Tahan Dua Tersangka Korupsi Pasar':",
        "Simak Video 'Pemda Siapkan Lahan untuk Taman Kota'",
        "SCROLL TO CONTINUE WITH CONTENT",
    ],
)
def test_read_drops_boilerplate_line(tmp_path: Path, furniture: str) -> None:
    doc = read_document(_write(tmp_path, "a.txt", f"{CONTENT}\n\n{furniture}\n\n{CONTENT}\n"))
    assert furniture not in doc.text
    assert doc.text == f"{CONTENT}\n\n{CONTENT}"


@pytest.mark.parametrize("category", ["BeritaKegiatan", "NewsEvents"])
def test_read_drops_glued_category_line_at_top_only(tmp_path: Path, category: str) -> None:
    doc = read_document(_write(tmp_path, "a.txt", f"{category}\n\nJudul Berita\n\n{CONTENT}\n\n{category}\n"))
    assert _lines(doc.text) == ["Judul Berita", CONTENT, category]


@pytest.mark.parametrize("heading", ["Related Articles", "Artikel Terkait", "Berita Terkait"])
def test_read_drops_related_articles_at_the_end(tmp_path: Path, heading: str) -> None:
    text = f"{CONTENT}\n\n{CONTENT}\n\n{heading}\n\nLokakarya Ketahanan Kota\nPeluncuran Strategi Ketahanan\n"
    doc = read_document(_write(tmp_path, "a.txt", text))
    assert doc.text == f"{CONTENT}\n\n{CONTENT}"


@pytest.mark.parametrize(
    "sentence",
    [
        "The new bus fleet is powered by electricity from solar panels on the depot roof.",
        "Powered by solar panels, the new bus depot in Seoul runs without grid electricity.",
        "Kota Seoul berbagi pengalaman: bagikan pengetahuan adalah kunci ketahanan.",
        "Copyright law was one topic of the visit, along with open data and public participation in planning.",
    ],
)
def test_read_keeps_sentences_that_resemble_boilerplate(tmp_path: Path, sentence: str) -> None:
    doc = read_document(_write(tmp_path, "a.txt", f"{CONTENT}\n\n{sentence}\n"))
    assert sentence in doc.text


@pytest.mark.parametrize(("glued", "parted"), [
    ("Rapat dipimpin Ketua Wiratmo WidjayaBendahara koperasi.", "Rapat dipimpin Ketua Wiratmo Widjaya Bendahara koperasi."),
    ("Harga beras turun, kataWiratmo di pasar.", "Harga beras turun, kata Wiratmo di pasar."),
    ("Festival MusikDalam kota digelar.", "Festival Musik Dalam kota digelar."),
    ("Tanggul sudah selesai dibangun.Selain itu, pompa diperbaiki.",
     "Tanggul sudah selesai dibangun. Selain itu, pompa diperbaiki."),
])
def test_read_parts_words_a_web_page_glued(tmp_path: Path, glued: str, parted: str) -> None:
    assert read_document(_write(tmp_path, "a.txt", f"{CONTENT}\n\n{glued}\n")).text == f"{CONTENT}\n\n{parted}"


@pytest.mark.parametrize("name", ["IndoStrategi", "YouTube", "JavaScript", "TransJakarta", "KemenPANRB", "iPhone",
                                  "www.Situsdinas.go.id"])
def test_read_keeps_brand_names_whole(tmp_path: Path, name: str) -> None:
    sentence = f"Warga memakai {name} setiap hari."
    assert sentence in read_document(_write(tmp_path, "a.txt", f"{CONTENT}\n\n{sentence}\n")).text


def test_read_all_boilerplate_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match=r"a\.txt: no text left"):
        read_document(_write(tmp_path, "a.txt", "Show More\nRelated Articles\n"))


# --------------------------------------------------------------------------------------------
# Markdown, identity, title, date, genre


def test_read_markdown_strips_markup_and_collects_links(tmp_path: Path) -> None:
    markdown = (
        "---\ndate: 2019-06-13\n---\n# Diskusi *Publik*\n\nLaporan [lengkap](https://example.org/laporan.pdf) "
        "dan [paparan][p] tersedia; lihat <https://example.org/a>.\n\n## Peserta\n\n* **Oswar** Mungkasa\n"
        "1. _Denny_ Aputra\n\n![foto](foto.jpg)\n\n[p]: https://example.org/paparan.pdf\n"
    )
    doc = read_document(_write(tmp_path, "a.md", markdown))
    assert doc.title == "Diskusi Publik"
    assert doc.date == date(2019, 6, 13)
    assert _lines(doc.text) == [
        "Diskusi Publik",
        "Laporan lengkap dan paparan tersedia; lihat https://example.org/a.",
        "Peserta",
        "* Oswar Mungkasa",
        "1. Denny Aputra",
    ]
    assert doc.references == [
        "https://example.org/laporan.pdf", "https://example.org/paparan.pdf", "https://example.org/a",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("relative", "root", "identity"),
    [("a/b/c.txt", True, "a/b/c.txt"), ("a/b/c.txt", False, "c.txt"), ("c.txt", True, "c.txt")],
)
def test_read_identity(tmp_path: Path, relative: str, root: bool, identity: str) -> None:
    path = _write(tmp_path, relative, CONTENT)
    assert read_document(path, tmp_path if root else None).identity == identity


@pytest.mark.parametrize(
    ("first_line", "title"),
    [
        ("Kunjungan Belajar ke Seoul", "Kunjungan Belajar ke Seoul"),
        ("Seoul mengajarkan banyak hal kepada Jakarta.", None),  # a sentence
        ("Kota " * 50, None),  # too long for a title
        ("• Oswar Mungkasa", None),
    ],
)
def test_read_title_from_first_line(tmp_path: Path, first_line: str, title: str | None) -> None:
    doc = read_document(_write(tmp_path, "a.txt", f"{first_line}\n\n{CONTENT}\n"))
    assert doc.title == title


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Judul pada Maret 2018\n\nJakarta, 13 Juni 2019.\n\nKunjungan 19-23 Maret 2018.", date(2019, 6, 13)),
        ("Judul\n\nKunjungan dilaksanakan 19-23 Maret 2018.", date(2018, 3, 19)),
        ("Judul\n\n" + "Kota belajar. " * 60 + "\n\nDitulis Rabu (29/11/2018).", date(2018, 11, 29)),
        ("Judul pada Maret 2018\n\nTanpa tanggal lengkap, hanya tahun 2019.", None),
    ],
)
def test_read_document_date(tmp_path: Path, text: str, expected: date | None) -> None:
    assert read_document(_write(tmp_path, "a.txt", text)).date == expected


@pytest.mark.parametrize(
    ("text", "genre"),
    [
        ("Laporan Kunjungan Belajar ke Seoul\n\nIsi laporan.", "Report"),
        ("Notulen Rapat Koordinasi\n\nIsi.", "Report"),
        ("Minutes of the Resilience Meeting\n\nText.", "Report"),
        ("Seoul Visit\n\nAgenda of the second day.", "Report"),
        ("Diskusi Publik Hasil Pembelajaran\n\nIsi berita.", "NewsArticle"),
        ("City Visit\n\nThe visit took 15 minutes.", "NewsArticle"),
    ],
)
def test_read_genre(tmp_path: Path, text: str, genre: str) -> None:
    assert read_document(_write(tmp_path, "a.txt", text)).genre == genre


# --------------------------------------------------------------------------------------------
# The reference document as text, HTML and PDF


FURNITURE = [
    "Beranda", "Tentang Kami", "Publikasi", "Kontak", "Berita", "Kegiatan", "Bagikan:", "Facebook", "Tweet",
    "WhatsApp", "Tinggalkan Balasan", "Kirim Komentar", "Alamat email Anda tidak akan dipublikasikan.",
    "Related Articles", "Lokakarya Strategi Ketahanan Kota Jakarta", "Peluncuran Program Kampung Iklim",
    "Berita Terbaru", "Copyright © 2019 Jakarta Berketahanan. All rights reserved.",
    "WP Facebook Auto Publish Powered By : XYZScripts.com", "Show More",
]  # fmt: skip


def test_read_reference_text(reference: Path) -> None:
    doc = read_document(reference, reference.parent)
    lines = _lines(doc.text)
    assert doc.identity == reference.name
    assert doc.title == lines[0] and "Cross Learning Visit" in doc.title
    assert doc.date == date(2019, 6, 13)  # the dateline, not the visit month in the headline
    assert (doc.language, doc.genre, doc.media_type, doc.warnings) == ("id", "NewsArticle", "text/plain", [])
    assert not {"BeritaKegiatan", "Show More", "Related Articles"} & set(lines)
    assert "XYZScripts" not in doc.text
    assert "Jakarta, 13 Juni 2019." in lines
    assert any(line.startswith("• Pemprov DKI Jakarta ([i] Oswar Mungkasa") for line in lines)
    assert all(url.endswith(".pdf") for url in doc.references) and len(doc.references) == 2


def test_read_reference_ashtml_page(reference: Path, tmp_path: Path) -> None:
    expected = read_document(reference)
    page = _write(tmp_path, "page.html", html_page(expected.text))
    doc = read_document(page)
    lines = _lines(doc.text, bullets=False)
    missing = [line for line in _lines(expected.text, bullets=False) if line not in lines]
    assert missing == []
    assert [line for line in lines if line in FURNITURE] == []
    assert not any(word in doc.text for word in ("XYZScripts", "Kirim Komentar", "Tentang Kami", "Lokakarya"))
    assert (doc.title, doc.date, doc.media_type) == (expected.title, date(2019, 6, 14), "text/html")
    assert doc.references == expected.references  # the links inside the article, not menus or share buttons
    assert doc.language == "id"


def test_read_reference_aspdf_document(reference: Path, font: Path, tmp_path: Path) -> None:
    expected = read_document(reference)
    pdf = pdf_document(tmp_path / "article.pdf", paragraphs(expected.text), font)
    doc = read_document(pdf)
    lines = _lines(doc.text)
    assert [line for line in _lines(expected.text) if line not in lines] == []
    assert sum(line.startswith("• ") for line in lines) == sum(line.startswith("• ") for line in _lines(expected.text))
    assert "“" in doc.text and "”" in doc.text  # curly quotes survive a Unicode font
    assert (doc.title, doc.date, doc.language) == (expected.title, expected.date, "id")
    assert doc.references == expected.references


def test_read_pdf_rejoins_hyphenated_and_wrapped_lines(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    for line in [
        "Pemerintah Kota Seoul menjelaskan proses pemba-",
        "ngunan kota yang melibatkan warga, termasuk anak-",
        "anak dan kelompok rentan, dalam setiap tahap kegiatan.",
    ]:
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(tmp_path / "h.pdf"))
    doc = read_document(tmp_path / "h.pdf")
    assert doc.text == (
        "Pemerintah Kota Seoul menjelaskan proses pembangunan kota yang melibatkan warga, "
        "termasuk anak-anak dan kelompok rentan, dalam setiap tahap kegiatan."
    )


def test_read_pdf_drops_page_numbers_and_running_headers(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    pdf.set_auto_page_break(False)  # the footer sits in the bottom margin
    body = [
        "Pembukaan oleh Deputi Gubernur.",
        "Kunjungan lapangan ke Cheonggyecheon.",
        "Diskusi dengan pejabat Kota Seoul.",
        "Rencana tindak lanjut di Jakarta.",
    ]
    for number, sentence in enumerate(body, start=1):
        pdf.add_page()
        pdf.cell(0, 6, "Laporan Kunjungan Belajar Jakarta - Seoul", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(8)
        pdf.cell(0, 6, sentence, new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(-20)
        pdf.cell(0, 6, f"Halaman {number} dari {len(body)}", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(tmp_path / "r.pdf"))
    doc = read_document(tmp_path / "r.pdf")
    assert _lines(doc.text) == body


# --------------------------------------------------------------------------------------------
# Bad input


def _nul_bytes(folder: Path) -> Path:
    return _write(folder, "a.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.txt", r"missing\.txt: no such file"),
        (lambda d: _write(d, "sub/a.txt", "x").parent, r"sub: a folder, not a file"),
        (lambda d: _write(d, "a.docx", "x"), r"a\.docx: unsupported file type '\.docx'; supported: \.htm, \.html"),
        (lambda d: _write(d, "README", "x"), r"README: unsupported file type \(no file name ending\)"),
        (lambda d: _write(d, "a.txt", b""), r"a\.txt: empty file"),
        (lambda d: _write(d, "a.md", " \n\t\r\n  "), r"a\.md: only whitespace"),
        (lambda d: _write(d, "a.html", "<html><body>  </body></html>"), r"a\.html: no text found"),
        (_nul_bytes, r"a\.txt: a binary file, not text \(NUL bytes"),
        (lambda d: _write(d, "a.txt", bytes(range(1, 32)) * 50), r"a\.txt: a binary file, not text \(mostly control"),
        (lambda d: _write(d, "a.pdf", b"not a pdf at all"), r"a\.pdf: not a PDF"),
        (lambda d: _write(d, "a.pdf", b"%PDF-1.7\n1 0 obj garbage"), r"a\.pdf: broken PDF"),
    ],
)
def test_read_bad_input_is_one_line_error(tmp_path: Path, make, message: str) -> None:
    with pytest.raises(DocumentError, match=message) as raised:
        read_document(make(tmp_path))
    assert "\n" not in str(raised.value)
    assert raised.value.exit_code == 2


@pytest.mark.parametrize(
    ("raw", "encoding", "text"),
    [
        ("Kafé di Jakarta – “kota” ketahanan".encode("cp1252"), "cp1252", "Kafé di Jakarta – “kota” ketahanan"),
        (b"Caf\xe9 \x81 Jakarta", "latin-1", "Café  Jakarta"),  # 0x81: no cp1252 character, a control in latin-1
    ],
)
def test_read_undecodable_bytes_warn(tmp_path: Path, raw: bytes, encoding: str, text: str) -> None:
    doc = read_document(_write(tmp_path, "a.txt", raw))
    assert doc.warnings == [f"not valid UTF-8 (bad byte at offset 3); read as {encoding}"]
    assert doc.text == text


def test_read_utf16_with_bom(tmp_path: Path) -> None:
    doc = read_document(_write(tmp_path, "a.txt", "Kota Seoul dan Jakarta".encode("utf-16")))
    assert (doc.text, doc.warnings) == ("Kota Seoul dan Jakarta", [])


def test_read_pdf_without_text_layer_needs_ocr(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 140, style="F")  # a page that is only a picture, as a scan is
    pdf.output(str(tmp_path / "scan.pdf"))
    with pytest.raises(DocumentError, match=r"scan\.pdf: the PDF has no text layer .* needs OCR first"):
        read_document(tmp_path / "scan.pdf")


def test_read_encryptedpdf_document(tmp_path: Path) -> None:
    from fpdf import FPDF

    for name, user_password in (("locked.pdf", "rahasia"), ("owner-only.pdf", None)):
        pdf = FPDF()
        pdf.set_encryption(owner_password="pemilik", user_password=user_password)
        pdf.add_page()
        pdf.set_font("helvetica", size=12)
        pdf.cell(text="Laporan kunjungan belajar ke Seoul.")
        pdf.output(str(tmp_path / name))
    with pytest.raises(DocumentError, match=r"locked\.pdf: encrypted PDF .*decrypt it first"):
        read_document(tmp_path / "locked.pdf")
    assert read_document(tmp_path / "owner-only.pdf").text == "Laporan kunjungan belajar ke Seoul."


def test_read_over_max_bytes_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as stream:
        stream.truncate(50_000_000)  # sparse: big on paper, nothing to read
    opened: list[Path] = []
    real_open = Path.open
    monkeypatch.setattr(Path, "open", lambda self, *a, **k: opened.append(self) or real_open(self, *a, **k))
    with pytest.raises(DocumentError) as raised:
        read_document(path)
    assert str(raised.value) == (
        f"{path}: 50.0 MB (50000000 bytes) is over the limit of 20.0 MB (20000000 bytes); "
        "split the document or raise --max-size"
    )
    assert opened == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_read_over_max_bytes_reads_at_most_one_byte_more(tmp_path: Path) -> None:
    pipe = tmp_path / "endless.txt"
    os.mkfifo(pipe)  # its size says 0, its stream never ends: only a bounded read returns
    written = []

    def feed() -> None:
        try:
            with open(pipe, "wb") as stream:
                for _ in range(1000):
                    written.append(stream.write(b"Kota Seoul. " * 100))
        except BrokenPipeError:
            pass

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    with pytest.raises(DocumentError, match=r"endless\.txt: more than 1\.0 kB .* limit of 1\.0 kB \(1000 bytes\)"):
        read_document(pipe, max_bytes=1000)
    writer.join(timeout=10)
    assert not writer.is_alive()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.one_of(
        st.binary(max_size=3000),
        st.text(max_size=2000).map(lambda s: s.encode("utf-8", "surrogatepass")),
        st.text(alphabet=st.characters(max_codepoint=255), max_size=500).map(lambda s: s.encode("latin-1")),
    )
)
def test_read_any_bytes_give_document_or_document_error(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "any.txt"
    path.write_bytes(raw)
    try:
        doc = read_document(path)
    except DocumentError:
        return
    assert doc.text.strip() and doc.text == doc.text.strip("\n")
    assert doc.language in ("id", "en") and doc.genre in ("Report", "NewsArticle")


# --------------------------------------------------------------------------------------------
# Language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Kegiatan ini dibuka oleh Deputi Gubernur dan dihadiri oleh unsur pemerintah provinsi, lembaga "
            "swadaya masyarakat, serta perwakilan pemuda yang telah mengikuti kunjungan belajar ke Seoul.",
            "id",
        ),
        (
            "The visit was opened by the Deputy Governor and attended by officials from the provincial "
            "government, who shared what they had learned from Seoul with the rest of the city.",
            "en",
        ),
        ("Jakarta Seoul 2019", "id"),
    ],
)
def test_read_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language


# --------------------------------------------------------------------------------------------
# Paths


def test_read_iter_paths_expands_folders(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    for name in ["b.txt", "a/z.PDF", "a/y.md", "notes.docx", ".hidden.txt", ".git/x.txt", "c.htm"]:
        _write(docs, name, "x")
    named = _write(tmp_path, "named.docx", "x")
    pairs = list(iter_paths([docs, named, tmp_path / "missing.txt", docs / "b.txt"]))
    assert [(f.relative_to(r).as_posix(), r) for f, r in pairs] == [
        ("a/y.md", docs), ("a/z.PDF", docs), ("b.txt", docs), ("c.htm", docs),
        ("named.docx", tmp_path), ("missing.txt", tmp_path),
    ]  # fmt: skip


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_read_iter_paths_symlinks(tmp_path: Path) -> None:
    docs, outside = tmp_path / "docs", tmp_path / "outside"
    _write(docs, "own.txt", "x")
    _write(outside, "secret.txt", "x")
    (docs / "link-out.txt").symlink_to(outside / "secret.txt")
    (docs / "dir-out").symlink_to(outside, target_is_directory=True)
    (docs / "loop").symlink_to(docs, target_is_directory=True)
    (docs / "link-in.txt").symlink_to(docs / "own.txt")

    def names(follow: bool) -> list[str]:
        return [f.relative_to(docs).as_posix() for f, _ in iter_paths([docs], follow_symlinks=follow)]

    assert names(False) == ["own.txt"]  # link-in.txt is the same file
    assert names(True) == ["dir-out/secret.txt", "own.txt"]


def test_read_html_metadata_and_links(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Lokakarya Ketahanan Kota | Jakarta Berketahanan</title>"
        "<meta property='og:site_name' content='Jakarta Berketahanan'>"
        "<base href='https://jakarta.example.org/berita/'></head><body>"
        "<nav><a href='/kontak'>Kontak</a></nav><article><p>Diterbitkan <time datetime='2019-07-02'>2 Juli</time>."
        " Pemerintah Provinsi DKI Jakarta mengadakan lokakarya ketahanan kota bersama perwakilan Kota Seoul dan "
        "Plan International Indonesia untuk membahas hasil kunjungan belajar.</p>"
        "<p>Bahan lokakarya: <a href='lokakarya.pdf'>paparan</a> dan <a href='mailto:info@example.org'>surel</a>."
        "</p></article><footer><a href='https://www.facebook.com/sharer.php'>Facebook</a></footer></body></html>"
    )
    doc = read_document(_write(tmp_path, "p.html", page))
    assert doc.title == "Lokakarya Ketahanan Kota"
    assert doc.date == date(2019, 7, 2)
    assert doc.references == ["https://jakarta.example.org/berita/lokakarya.pdf"]
    assert _lines(doc.text)[0] == "Lokakarya Ketahanan Kota"  # the headline is kept in the text
    assert "Bahan lokakarya: paparan dan surel." in doc.text  # trafilatura may merge this short paragraph
