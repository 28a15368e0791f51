"""Helpers for browser journeys: accessibility checks, mail reading, signing in."""

import re
import time
from email import message_from_string
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
_axe = Axe()


def assert_accessible(page):
    """Run axe-core on the page at WCAG 2.2 A and AA; fail with a readable report of every violation."""
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
    violations = results.response["violations"]
    report = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(node["html"][:200] for node in v["nodes"][:5])
        for v in violations
    )
    assert not violations, f"axe-core found {len(violations)} violation(s) on {page.url}:\n{report}"


class Mailbox:
    """Emails written by Django's file-based backend, one file per connection."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)

    def messages(self):
        found = []
        for path in sorted(self.directory.glob("*.log"), key=lambda p: p.stat().st_mtime):
            for chunk in path.read_text().split("-" * 79):
                if chunk.strip():
                    found.append(message_from_string(chunk.strip()))
        return found

    def to(self, address, wait=5.0):
        """Texts of the messages sent to ``address``, waiting briefly for one to arrive."""
        deadline = time.monotonic() + wait
        while True:
            texts = [_body(m) for m in self.messages() if address in (m.get("To") or "")]
            if texts or time.monotonic() > deadline:
                return texts
            time.sleep(0.1)

    def link_to(self, address, pattern):
        """The first URL in the newest message to ``address`` that matches ``pattern``."""
        texts = self.to(address)
        assert texts, f"no email was sent to {address}"
        for url in re.findall(r"https?://\S+", texts[-1]):
            if re.search(pattern, url):
                return url
        raise AssertionError(f"no link matching {pattern!r} in the email to {address}:\n{texts[-1]}")


def _body(message):
    if message.is_multipart():
        for part in message.walk():
            if part.get_content_type() == "text/plain":
                return part.get_payload(decode=True).decode()
    payload = message.get_payload(decode=True)
    return payload.decode() if payload else message.get_payload()


def sign_in(page, email, password):
    """Sign in through the real login form, and wait until the sign-in has gone through (a page
    opened straight after the click could otherwise cancel it)."""
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def focused(page, expression):
    """Evaluate ``expression`` on the focused element, e.g. ``"tagName"`` or ``"getAttribute('href')"``."""
    return page.evaluate(f"document.activeElement.{expression}")


def tab_to(page, text, limit=250):
    """Press Tab until the focused element's text contains ``text``; fail if it never does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if text in (page.evaluate("document.activeElement && document.activeElement.textContent") or ""):
            return
    raise AssertionError(f"Tab never reached {text!r}")


def tab_until(page, attribute, value, limit=80):
    """Press Tab until the focused element's ``attribute`` is ``value``; fail if it never is."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused(page, f"getAttribute('{attribute}')") == value:
            return
    raise AssertionError(f"Tab never reached an element with {attribute}={value!r}")
