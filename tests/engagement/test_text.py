"""clean_user_text: every tag stripped, words kept, ends trimmed."""

import pytest

from engagement.text import clean_user_text


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("<b>Good</b> session", "Good session"),
        ("Before <script>alert('x')</script>after", "Before after"),
        ('<a href="javascript:alert(1)" onclick="x()">link text</a>', "link text"),
        ("  spaced out \n", "spaced out"),
        ("Carers & families < 5 miles", "Carers & families < 5 miles"),
        ("&lt;img src=x onerror=alert(1)&gt;", ""),
        ("line one\r\n\r\n\r\n\r\nline two", "line one\n\nline two"),
        ("I liked it <3", "I liked it <3"),
        ("<!-- hidden -->shown", "shown"),
        ("", ""),
        (None, ""),
    ],
)
def test_clean_user_text_keeps_only_plain_words(typed, stored):
    assert clean_user_text(typed) == stored
