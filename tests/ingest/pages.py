"""Test helpers that turn a clean article into a realistic web page or a PDF, as users' documents come."""

from __future__ import annotations

import html
import re
from pathlib import Path

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def pdf_document(path: Path, paragraphs: list[list[str]], font: Path | None = None) -> Path:
    """Render paragraphs (lists of lines, indentation kept) to a PDF with fpdf2."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    if font:
        pdf.add_font("DejaVu", fname=str(font))
        pdf.set_font("DejaVu", size=11)
    else:
        pdf.set_font("helvetica", size=11)
    pdf.add_page()
    for paragraph in paragraphs:
        for line in paragraph:
            indent = len(line) - len(line.lstrip())
            pdf.set_x(pdf.l_margin + 2 * indent)
            pdf.multi_cell(0, 6, line.strip(), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(5)
    pdf.output(str(path))
    return path


def paragraphs(text: str) -> list[list[str]]:
    return [block.split("\n") for block in re.split(r"\n\s*\n", text) if block.strip()]



def html_page(text: str) -> str:
    """Wrap a clean article (title line, paragraphs, "•" lists) in a realistic web page."""
    title, *blocks = paragraphs(text)

    def inline(line: str) -> str:
        escaped = html.escape(line.strip(), quote=False)
        return re.sub(r"(https?://[^\s)]+[^\s).,])", r'<a href="\1">\1</a>', escaped)

    body = []
    for block in blocks:
        if block[0].lstrip().startswith("•"):
            items: list[list[str]] = []
            for line in block:
                if line.lstrip().startswith("•"):
                    items.append([line.strip()[1:]])
                else:
                    items[-1].append(line)
            body.append("<ul>" + "".join(f"<li>{'<br>'.join(map(inline, item))}</li>" for item in items) + "</ul>")
        else:
            body.append(f"<p>{'<br>'.join(map(inline, block))}</p>")
    heading = html.escape(title[0])
    return f"""<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8"><title>{heading} – Jakarta Berketahanan</title>
<meta property="og:title" content="{heading}">
<meta property="article:published_time" content="2019-06-14T09:00:00+07:00">
<link rel="canonical" href="https://jakarta.example.org/berita/diskusi-publik/"></head>
<body class="single-post">
<header><div class="logo"><a href="/">Jakarta Berketahanan</a></div>
<nav class="main-menu"><ul><li><a href="/">Beranda</a></li><li><a href="/tentang">Tentang Kami</a></li>
<li><a href="/publikasi">Publikasi</a></li><li><a href="/kontak">Kontak</a></li></ul></nav></header>
<div class="breadcrumbs"><a href="/">Beranda</a> &gt; <a href="/berita">Berita</a> &gt; <span>{heading}</span></div>
<main><article class="post">
<div class="cat-links"><a href="/c/berita">Berita</a><a href="/c/kegiatan">Kegiatan</a></div>
<h1 class="entry-title">{heading}</h1>
<div class="entry-content">{"".join(body)}</div>
<div class="share-buttons"><span>Bagikan:</span><a href="https://www.facebook.com/sharer.php">Facebook</a>
<a href="https://twitter.com/intent/tweet">Tweet</a><a href="https://api.whatsapp.com/send">WhatsApp</a></div>
<div class="show-more"><a href="/berita/page/2">Show More</a></div>
</article>
<section class="related-posts"><h3>Related Articles</h3><ul>
<li><a href="/berita/lokakarya">Lokakarya Strategi Ketahanan Kota Jakarta</a></li>
<li><a href="/berita/kampung-iklim">Peluncuran Program Kampung Iklim</a></li></ul></section>
<div id="respond" class="comment-respond"><h3>Tinggalkan Balasan</h3>
<form action="/wp-comments-post.php" method="post"><p>Alamat email Anda tidak akan dipublikasikan.</p>
<label for="author">Nama</label><input id="author" name="author"><label for="email">Email</label>
<input id="email" name="email"><label for="comment">Komentar</label><textarea id="comment"></textarea>
<button type="submit">Kirim Komentar</button></form></div></main>
<aside class="sidebar"><h3>Berita Terbaru</h3><ul><li><a href="/b/1">Lokakarya Strategi Ketahanan Kota Jakarta</a></li>
</ul></aside>
<footer><p>Copyright © 2019 Jakarta Berketahanan. All rights reserved.</p>
<p class="credit">WP Facebook Auto Publish Powered By : <a href="https://xyzscripts.com">XYZScripts.com</a></p></footer>
<script>window.dataLayer = [];</script></body></html>"""
