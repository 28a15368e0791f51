"""Site search on Wagtail's search backend.

What a person types is never handed to the database's search syntax. :func:`search_terms`
keeps its words (letters and digits in any script) and drops everything else: quotes,
brackets, ``*``, ``:``, ``^``, control characters, emoji. :func:`search_query` makes those words
a ``PlainText`` query, which the backend quotes term by term, so ``AND``, ``OR``, ``NOT`` and
``NEAR`` are searched for as words, not obeyed as operators, on SQLite (FTS5) and PostgreSQL alike.
Text with no words in it finds nothing.
"""

import re

from django.core.paginator import Paginator
from wagtail.models import Page
from wagtail.search.query import PlainText

#: A word: letters, digits (and underscores) in any script.
WORD = re.compile(r"\w+")
#: Words beyond this many are ignored; a word is cut to this many characters.
MAX_TERMS = 20
MAX_TERM_LENGTH = 100
#: Control characters (NUL included), taken out of the query before it is shown back.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def displayable_query(text: str) -> str:
    """The query as the results page shows it back: control characters removed, spaces trimmed."""
    return CONTROL_CHARACTERS.sub(" ", text or "").strip()


def search_terms(text: str) -> list[str]:
    """The words of ``text`` to search for, at most ``MAX_TERMS`` of them, each at most ``MAX_TERM_LENGTH`` long."""
    return [word[:MAX_TERM_LENGTH] for word in WORD.findall(text or "")[:MAX_TERMS]]


def search_query(text: str) -> PlainText | None:
    """A backend query for the words of ``text`` (any of them may match), or ``None`` when it has none."""
    terms = search_terms(text)
    return PlainText(" ".join(terms), operator="or") if terms else None


def search_pages(query, page_number=1, per_page=10):
    """Return a page of live, public pages matching the query (None when the query is empty).

    A query with no words in it (only punctuation or emoji, say) gives an empty page of results.
    """
    if not query:
        return None
    built = search_query(query)
    results = Page.objects.live().public().specific().search(built) if built is not None else Page.objects.none()
    return Paginator(results, per_page).get_page(page_number)
