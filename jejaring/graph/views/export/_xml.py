"""Escaping for the XML exports (GraphML, GEXF): text and attribute values, without characters XML 1.0 forbids."""

from __future__ import annotations

import re

__all__ = ["attr", "text", "token"]

# Control characters, lone surrogates and U+FFFE/U+FFFF are not allowed anywhere in an XML 1.0 document.
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTR = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;",
                       "\t": "&#9;"})


def text(value: object) -> str:
    """Element content, escaped.

    >>> text("a < b & c")
    'a &lt; b &amp; c'
    """
    return _INVALID.sub("", str(value)).translate(_TEXT)


def attr(value: object) -> str:
    """An attribute value in double quotes, escaped (line breaks kept as character references).

    >>> attr('say "hi"\\n')
    '"say &quot;hi&quot;&#10;"'
    """
    return '"' + _INVALID.sub("", str(value)).translate(_ATTR) + '"'


def token(value: object) -> str:
    """Whitespace collapsed to single spaces, as ``xsd:token`` values (GEXF labels) must be.

    >>> token(" Sri  Rahayu\\nLestari ")
    'Sri Rahayu Lestari'
    """
    return " ".join(str(value).split())
