from tests.browser.consultation_fixtures import DEMO_PASSWORD
from tests.browser.helpers import WCAG_TAGS, _axe, sign_in


def run(page, url):
    page.goto(url)
    r = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
    print("\n==", url, page.title())
    for v in r.response["violations"]:
        print(v["id"], v["impact"], v["help"])
        for n in v["nodes"][:4]:
            print("   ", n["target"], n["html"][:160])

def test_scratch(page, db_access):
    from engagement.models import Comment
    sign_in(page, "commissioner@example.org", DEMO_PASSWORD)
    for url in ["/admin/you-said-we-did/", "/admin/you-said-we-did/edit/1/", "/admin/you-said-we-did/publish/1/", "/admin/you-said-we-did/new/", "/admin/you-said-we-did/close/"]:
        run(page, url)
    page.context.clear_cookies()
    sign_in(page, "resident@example.org", DEMO_PASSWORD)
    c = Comment.objects.filter(status="published", consultation__slug="refreshing-the-commissioning-plan").exclude(author__email="resident@example.org").first()
    base = "/consultations/refreshing-the-commissioning-plan/"
    for url in [base, base+f"comment/{c.pk}/flag/", base+"comments/", base+f"comment/?parent={c.pk}", base+"feedback/", "/consultations/technology-enabled-care-at-home/", "/consultations/draft-commissioning-prospectus/", "/consultations/?neighbourhood=north-1"]:
        run(page, url)
    page.context.clear_cookies()
    for url in [base+f"comment/{c.pk}/flag/", base+"comment/", "/consultations/technology-enabled-care-at-home/comment/", base+"confirm/nonsense/"]:
        run(page, url)
