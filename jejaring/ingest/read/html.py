"""HTML: the article by trafilatura, with title, date and links from the page itself."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from jejaring.errors import DocumentError
from jejaring.ingest.read.metadata import _unique
from jejaring.ingest.read.text import _decode, _drop_boilerplate, _normalise, _Read, _Rules

_BLOCK_TAGS = frozenset({"p", "head", "quote", "code", "table", "list"})  # in trafilatura's XML
_HTML_BLOCKS = frozenset(  # lxml.html tags that start a new line in the fallback text
    ["p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "blockquote", "pre", "br", "dd"]
)  # fmt: skip


def _read_html(path: Path, data: bytes, rules: _Rules) -> _Read:
    import lxml.html
    import trafilatura
    from lxml import etree

    declared = _declared_charset(data[:4096])
    text, warnings = _decode(path, data, declared)
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", "", text)  # lxml refuses control characters
    if not text.strip():
        raise DocumentError(f"{path}: only whitespace, no text")
    try:
        page = lxml.html.document_fromstring(text.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError) as e:
        raise DocumentError(f"{path}: unreadable HTML ({e})") from e
    title = _html_title(page)
    published = _html_date(page)
    base = _html_base(page)

    xml = trafilatura.extract(
        text,
        favor_recall=True,
        include_comments=False,  # reader comments are not the document
        include_tables=True,
        include_links=True,  # kept as <ref target> in the XML, for references
        include_formatting=False,
        deduplicate=False,
        output_format="xml",
    )
    references: list[str] = []
    if xml:
        body = etree.fromstring(xml.encode("utf-8"))
        main = body.find("main")
        blocks = _xml_blocks(main if main is not None else body)
        references = [ref.get("target", "") for ref in body.iter("ref")]
        plain = "\n\n".join(b for b in blocks if b.strip())
    else:
        plain = _html_fallback_text(page)
    plain = _normalise(plain)
    if plain and title and not any(_same_line(title, line) for line in plain.split("\n")[:5]):
        plain = f"{title}\n\n{plain}"  # the headline tells what the page is about: keep it in the text
    references = _unique(_absolute(url, base) for url in [*_html_links(page, _drop_boilerplate(plain, rules), rules),
                                                          *references])
    return _Read(plain, title=title, date=published, references=references, warnings=warnings)


def _html_links(page, text: str, rules: _Rules) -> list[str]:
    """Targets of the page's links whose words are in the article text and not in page furniture.

    Trafilatura keeps links only on its main path; when it falls back to another extractor the
    links are gone, so they are also read from the page itself.
    """
    words = " ".join(text.split()).casefold()
    targets = []
    for anchor in page.iter("a"):
        href, label = anchor.get("href"), " ".join(anchor.text_content().split()).casefold()
        if not href or len(label) < 2 or label not in words:
            continue
        furniture = False
        for parent in anchor.iterancestors():
            if parent.tag in ("body", "html"):
                break
            tokens = f"{parent.get('class') or ''} {parent.get('id') or ''}".split()
            if parent.tag in ("nav", "header", "footer", "aside", "form") or any(
                rules.furniture_class.search(token) for token in tokens
            ):
                furniture = True
                break
        if not furniture:
            targets.append(href)
    return targets


def _same_line(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _declared_charset(head: bytes) -> str | None:
    match = re.search(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", head, re.IGNORECASE)
    return match.group(1).decode("ascii") if match else None


def _html_title(page) -> str | None:
    def clean(value: str | None) -> str | None:
        value = " ".join((value or "").split())
        return value or None

    og = page.xpath("//meta[@property='og:title' or @name='og:title' or @name='twitter:title']/@content")
    if og and clean(og[0]):
        return clean(og[0])
    for h1 in page.xpath("//article//h1 | //main//h1 | //*[@role='main']//h1"):
        if clean(h1.text_content()):
            return clean(h1.text_content())
    titles = page.xpath("//title")
    if titles and clean(titles[0].text_content()):
        title = clean(titles[0].text_content())
        site = page.xpath("//meta[@property='og:site_name']/@content")
        for separator in (" | ", " - ", " – ", " — ", " :: ", " » "):
            head, sep, tail = (title or "").rpartition(separator)
            if sep and head and (not site or tail.strip().casefold() == site[0].strip().casefold()):
                return head.strip()
        return title
    for h1 in page.xpath("//h1"):
        if clean(h1.text_content()):
            return clean(h1.text_content())
    return None


def _html_date(page) -> date | None:
    values = page.xpath(
        "//meta[@property='article:published_time' or @name='article:published_time' or @itemprop='datePublished'"
        " or @name='date' or @name='DC.date' or @name='dcterms.date' or @name='pubdate']/@content"
        " | //*[@itemprop='datePublished']/@datetime | //time/@datetime"
    )
    for value in values:
        match = re.match(r"\s*([0-9]{4})-([0-9]{2})-([0-9]{2})", value)
        if match:
            try:
                return date(*map(int, match.groups()))
            except ValueError:
                continue
    return None


def _html_base(page) -> str | None:
    for xpath in ("//base/@href", "//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content"):
        values = page.xpath(xpath)
        if values and _scheme(values[0]) in ("http", "https"):
            return values[0]
    return None


def _absolute(url: str, base: str | None) -> str:
    url = url.strip()
    if base:
        try:
            url = urljoin(base, url)
        except ValueError:  # a malformed base or link ("http://[")
            return ""
    return url if _scheme(url) in ("http", "https", "ftp") else ""


def _scheme(url: str) -> str:
    try:
        return urlsplit(url).scheme
    except ValueError:
        return ""


def _xml_blocks(element) -> list[str]:
    """Trafilatura's XML body as text blocks: paragraphs, headings, list items with "•", table rows."""
    blocks = [element.text.strip()] if element.text and element.text.strip() else []
    for child in element:
        tag = child.tag
        if tag == "list":
            blocks.append("\n".join(_list_lines(child, 0)))
        elif tag == "table":
            rows = []
            for row in child.iter("row"):
                cells = [" ".join(_inline(cell).split()) for cell in row if cell.tag == "cell"]
                rows.append(" | ".join(c for c in cells if c))
            blocks.append("\n".join(r for r in rows if r))
        elif tag in ("graphic", "comments"):
            continue
        elif tag in ("div", "main"):
            blocks.extend(_xml_blocks(child))
        else:
            blocks.append(_inline(child).strip())
        if child.tail and child.tail.strip():
            blocks.append(child.tail.strip())
    return blocks


def _list_lines(element, depth: int) -> list[str]:
    lines: list[str] = []
    ordered = element.get("rend", "") == "ol"
    indent = "  " * depth
    for number, item in enumerate((c for c in element if c.tag == "item"), start=1):
        marker = f"{number}." if ordered else "•"
        nested = [c for c in item if c.tag == "list"]
        for sub in nested:
            item.remove(sub)
        text_lines = [line.strip() for line in _inline(item).split("\n") if line.strip()]
        if text_lines:
            lines.append(f"{indent}{marker} {text_lines[0]}")
            lines.extend(f"{indent}  {line}" for line in text_lines[1:])
        for sub in nested:
            lines.extend(_list_lines(sub, depth + 1))
    return lines


def _inline(element) -> str:
    """Text of an element, ``<lb/>`` as a line break, nested blocks on their own lines."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            parts.append("\n")
        elif child.tag == "list":
            parts.append("\n" + "\n".join(_list_lines(child, 1)) + "\n")
        elif child.tag in _BLOCK_TAGS:
            parts.append("\n" + _inline(child) + "\n")
        elif child.tag != "graphic":
            parts.append(_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _html_fallback_text(page) -> str:
    """The visible text of the page minus scripts, menus, headers, footers and forms."""
    for bad in page.xpath(
        "//script | //style | //noscript | //template | //nav | //header | //footer | //aside | //form"
        " | //iframe | //svg | //button | //select | //*[@role='navigation'] | //*[@aria-hidden='true']"
    ):
        bad.drop_tree()
    for element in page.iter():
        if isinstance(element.tag, str) and element.tag in _HTML_BLOCKS:
            if element.tag == "li":
                element.text = "• " + (element.text or "")
            element.tail = "\n\n" + (element.tail or "") if element.tag != "br" else "\n" + (element.tail or "")
    body = page.find("body")
    return (body if body is not None else page).text_content()
