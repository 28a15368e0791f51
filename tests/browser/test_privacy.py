"""The site loads nothing from other sites: no fonts, scripts or trackers from third parties."""

from urllib.parse import urlparse


def test_public_pages_make_no_third_party_requests(page, base_url):
    own_host = urlparse(base_url).netloc
    elsewhere = []
    page.on(
        "request",
        lambda request: elsewhere.append(request.url) if urlparse(request.url).netloc not in (own_host, "") else None,
    )
    for path in (
        "/",
        "/plan/",
        "/consultations/",
        "/consultations/refreshing-the-commissioning-plan/",
        "/accounts/login/",
    ):
        page.goto(path)
        page.wait_for_load_state("networkidle")
    assert [url for url in elsewhere if not url.startswith("data:")] == []
