"""Hypothesis strategies for what people type into Ladder's forms, friendly and hostile.

``typed_text()`` mixes ordinary words with what an attacker or a careless paste brings: HTML and
script fragments, event-handler attributes, ``javascript:`` links, entities that decode to markup,
search-engine syntax, control characters (NUL included), emoji and, now and then, very long runs.
"""

from hypothesis import strategies as st

#: Pieces of markup and syntax that must never come out of Ladder as markup or as a 500.
FRAGMENTS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "<a href='JaVaScRiPt:alert(1)'>x</a>",
    "<svg onload=alert(1)>",
    "<iframe src=//evil.example>",
    '<div style="background:url(javascript:alert(1))">',
    "<p onclick=alert(1)>hi</p>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&amp;lt;b&amp;gt;",
    "&#60;img src=x onerror=alert(1)&#62;",
    "&#xFEFF;",
    "&#0;",
    "&#11;",
    "<!-- comment -->",
    "<![CDATA[<script>]]>",
    "<style>body{display:none}</style>",
    "javascript:alert(1)",
    'https://example.org/a?b=<c>&d="e"',
    'http://example.org/"onmouseover="alert(1)',
    '"',
    "'",
    "(",
    ")",
    "*",
    "AND",
    "OR",
    "NOT",
    "NEAR",
    "title:",
    "%s",
    "%",
    "\\",
    "\x00",
    "\r\n",
    "\t",
    "\u202e",
    "\ufeff",
    "🙂",
    "👩🏽‍⚕️",
    "漢字",
    "Ω≈ç√",
]

fragments = st.sampled_from(FRAGMENTS)
words = st.sampled_from(["care", "carers", "prevention", "home", "social", "value", "North", "we", "said"])
pieces = st.one_of(fragments, words, st.text(max_size=20), st.just(" "))


@st.composite
def typed_text(draw, max_pieces=12, long=True):
    """A string built from words, hostile fragments and arbitrary characters; sometimes very long."""
    text = "".join(draw(st.lists(pieces, max_size=max_pieces)))
    if long and draw(st.integers(min_value=0, max_value=9)) == 0:
        text += draw(st.sampled_from(["x", "<b>", "🙂", "a "])) * draw(st.integers(min_value=500, max_value=3000))
    return text
