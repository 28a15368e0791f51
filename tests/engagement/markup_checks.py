"""What shown user text may contain once it is HTML: paragraphs, line breaks and safe links, nothing else."""

from bs4 import BeautifulSoup

SHOWN_TAGS = {"p", "br", "a"}


def unsafe_markup(fragment: str) -> list[str]:
    """Every way ``fragment`` (HTML made from a person's text) could act as markup; [] when it cannot.

    Only ``p``, ``br`` and ``a`` may appear; a link has only ``href`` (http or https) and ``rel``;
    no element has an ``on…`` attribute, and no ``<script>`` survives in any form.
    """
    problems = []
    for element in BeautifulSoup(fragment, "html.parser").find_all(True):
        if element.name not in SHOWN_TAGS:
            problems.append(f"<{element.name}>")
        for name, value in element.attrs.items():
            if name.lower().startswith("on"):
                problems.append(f"{element.name}[{name}]")
            elif element.name == "a" and name == "href":
                if not value.lower().startswith(("http://", "https://")):
                    problems.append(f"a[href={value!r}]")
            elif not (element.name == "a" and name == "rel"):
                problems.append(f"{element.name}[{name}]")
    return problems
