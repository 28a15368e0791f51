"""Cleaning text that people type into Ladder's public forms.

Every piece of user-generated text (comments, ladder feedback, and later ideas and survey answers)
passes through :func:`clean_user_text` before it is stored. ``nh3`` (a maintained HTML sanitiser)
sits behind this one function, so swapping or tuning it touches one place.

Stored text is plain text. To show it, :func:`render_user_text` escapes it, keeps its paragraphs
and line breaks, and turns web addresses into safe ``rel="nofollow ugc"`` links.
"""

import html
import re

import nh3
from django.utils.html import Urlizer

# Control characters other than tab and line breaks (NUL included), and the byte-order mark, which
# HTML parsers drop at the start of a text but keep elsewhere: nobody types them on purpose.
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff]")
# Spaces and tabs at the ends of each line, and runs of three or more line breaks.
_TRAILING_SPACE = re.compile(r"[ \t]+(?=\n)")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")
_MAX_PASSES = 5


def clean_user_text(text: str) -> str:
    """Return ``text`` as plain text: every HTML tag removed (its words kept), ends trimmed.

    Script and style elements lose their contents too. HTML entities are turned back into the
    characters they stand for, since the result is plain text that templates escape when shown.
    Windows line endings become ``\\n``, trailing spaces on each line go, and no more than one
    blank line is kept in a row. Control characters (NUL included) and byte-order marks are taken
    out. Cleaning cleaned text changes nothing. ``None`` gives ``""``.
    """
    if not text:
        return ""
    plain = _INVISIBLE.sub("", str(text))
    # Decoding entities can reveal markup ("&lt;b&gt;"), so strip again until nothing changes.
    for _ in range(_MAX_PASSES):
        cleaned = _INVISIBLE.sub("", html.unescape(nh3.clean(plain, tags=set(), attributes={}, strip_comments=True)))
        if cleaned == plain:
            break
        plain = cleaned
    plain = plain.replace("\r\n", "\n").replace("\r", "\n")
    plain = _TRAILING_SPACE.sub("", plain)
    plain = _MANY_BLANK_LINES.sub("\n\n", plain)
    return plain.strip()


_SHOWN_TAGS = {"p", "br", "a"}
_SHOWN_ATTRIBUTES = {"a": {"href"}}


class _WebAddressLinker(Urlizer):
    """Django's ``urlize``, except that email addresses stay text: a comment is public, so an
    address in it is not offered as a ``mailto:`` link."""

    def is_email_simple(self, value):
        return False


_link_web_addresses = _WebAddressLinker()


def render_user_text(text: str) -> str:
    """Return stored plain text as safe HTML to show: paragraphs, line breaks and links.

    Everything the person typed is escaped, so markup shows as harmless text. Django's ``urlize``
    finds web addresses (``http://``, ``https://``, ``www.`` and names ending ``.org``, ``.com``
    and the like; punctuation after them stays text) and they become links marked
    ``rel="nofollow ugc"`` (search engines do not count them as the site's own). Blank lines separate paragraphs; single line breaks stay.
    The result passes through ``nh3`` with an allow-list of ``p``, ``br`` and ``a href`` only.
    """
    if not text:
        return ""
    paragraphs = [block for block in re.split(r"\n\s*\n", str(text).replace("\r\n", "\n").strip()) if block.strip()]
    rendered = "".join(
        "<p>" + "<br>".join(_link_web_addresses(line, autoescape=True) for line in block.split("\n")) + "</p>"
        for block in paragraphs
    )
    return nh3.clean(
        rendered,
        tags=_SHOWN_TAGS,
        attributes=_SHOWN_ATTRIBUTES,
        url_schemes={"http", "https"},
        link_rel="nofollow ugc",
        strip_comments=True,
    )
