"""Cleaning text that people type into Ladder's public forms.

Every piece of user-generated text (ladder comments now; comments, ideas and survey answers later)
passes through :func:`clean_user_text` before it is stored. ``nh3`` (a maintained HTML sanitiser)
sits behind this one function, so swapping or tuning it touches one place.

Stored text is plain text: templates escape it as usual when they show it. Turning web addresses
into links when showing text is left to later work and would live here too.
"""

import html
import re

import nh3

# Spaces and tabs at the ends of each line, and runs of three or more line breaks.
_TRAILING_SPACE = re.compile(r"[ \t]+(?=\n)")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")
_MAX_PASSES = 5


def clean_user_text(text: str) -> str:
    """Return ``text`` as plain text: every HTML tag removed (its words kept), ends trimmed.

    Script and style elements lose their contents too. HTML entities are turned back into the
    characters they stand for, since the result is plain text that templates escape when shown.
    Windows line endings become ``\\n``, trailing spaces on each line go, and no more than one
    blank line is kept in a row. ``None`` gives ``""``.
    """
    if not text:
        return ""
    plain = str(text)
    # Decoding entities can reveal markup ("&lt;b&gt;"), so strip again until nothing changes.
    for _ in range(_MAX_PASSES):
        cleaned = html.unescape(nh3.clean(plain, tags=set(), attributes={}, strip_comments=True))
        if cleaned == plain:
            break
        plain = cleaned
    plain = plain.replace("\r\n", "\n").replace("\r", "\n")
    plain = _TRAILING_SPACE.sub("", plain)
    plain = _MANY_BLANK_LINES.sub("\n\n", plain)
    return plain.strip()
