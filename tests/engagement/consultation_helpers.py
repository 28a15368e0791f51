"""Helpers shared by the consultation and comment tests: addresses of routes, reading pages."""

from bs4 import BeautifulSoup


def route(page, suffix=""):
    """The address of a consultation route, such as ``route(page, "comment/")``."""
    return page.url + suffix


def soup(response):
    """The response parsed as HTML."""
    return BeautifulSoup(response.content, "html.parser")


def main_text(response):
    """The words inside ``<main>``, spaced."""
    return soup(response).select_one("main").get_text(" ", strip=True)


def error_summary(response):
    """The messages listed in the NHS.UK error summary, in order."""
    return [li.get_text(" ", strip=True) for li in soup(response).select(".nhsuk-error-summary__list li")]


def field_error(response, field_id):
    """The error message shown beside the field with this id (without the hidden "Error:")."""
    element = soup(response).select_one(f"#{field_id}-error")
    return element.get_text(" ", strip=True).replace("Error: ", "") if element else None
