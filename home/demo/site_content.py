"""Demo text for the home page, the index pages, the privacy notice and the accessibility statement."""

HOME_TITLE = "Shape adult social care in the city"
HOME_INTRO = (
    "Ladder is where residents, carers, care providers and community groups help the city's Local Care "
    "Organisation decide how adult social care is planned and bought. Read the plan, have your say, and "
    "tell us how involved you really felt."
)


def home_body(links):
    """Featured links to the plan and every activity. ``links`` maps names to page ids."""
    cards = [
        ("plan", "Read the commissioning plan", "Our vision, principles and priorities for adult social care."),
        ("consultations", "Comment on a consultation", "Say what you think about changes before they are decided."),
        ("surveys", "Answer a survey", "Short questions about the care and support you know."),
        ("labs", "Join an Innovation Lab", "Quarterly sessions where providers and commissioners solve problems."),
        ("ladder", "The ladder of co-production", "How we measure whether we are doing things with you, not to you."),
    ]
    return [
        {"type": "heading", "value": {"text": "What you can do here", "level": "h2"}},
        {
            "type": "card_group",
            "value": {
                "column": "one-third",
                "body": [
                    {
                        "type": "card_clickable",
                        "value": {
                            "heading": heading,
                            "heading_level": 3,
                            "heading_size": "small",
                            "body": f"<p>{description}</p>",
                            "internal_page": links[key],
                            "url": "",
                        },
                    }
                    for key, heading, description in cards
                    if links.get(key)
                ],
            },
        },
        {
            "type": "paragraph",
            "value": "<p>Every page has a short question at the bottom: <b>How involved did you feel?</b> "
            "Your answer places us on the seven rungs of the ladder of co-production, from being done to, "
            "through being done for, to working with you as equals.</p>",
        },
    ]


INDEX_PAGES = {
    "consultations": {
        "title": "Consultations",
        "intro": "<p>Before we change a service or refresh the plan, we ask what you think. Open consultations "
        "are listed here; when one closes we publish what you said and what we did about it.</p>",
    },
    "surveys": {
        "title": "Surveys",
        "intro": "<p>Short surveys about care and support in your neighbourhood. Most take under ten minutes.</p>",
    },
    "labs": {
        "title": "Innovation Labs",
        "intro": "<p>Every quarter, commissioners, partners and providers meet to work on the big challenges of "
        "adult social care together. Join a session live, post ideas and vote on what to try next.</p>",
    },
    "ladder": {
        "title": "The ladder of co-production",
        "intro": "<p>The ladder describes seven ways organisations involve people, from being told what will "
        "happen to sharing power as equals. We use it to ask how involved you felt in everything we do.</p>",
    },
}


def _rich(html):
    return {"type": "paragraph", "value": html}


def _heading(text):
    return {"type": "heading", "value": {"text": text, "level": "h2"}}


PRIVACY = {
    "title": "Privacy notice",
    "slug": "privacy",
    "introduction": "What information this site keeps about you, why, for how long, and how you stay in control.",
    "body": [
        _heading("Who we are"),
        _rich(
            "<p>This site is run by the city's Local Care Organisation, a partnership between the city council "
            "and the local NHS trust for community health and adult social care. We are the data controller "
            "for the information you give us here.</p>"
        ),
        _heading("What we collect"),
        _rich(
            "<p>You can read every page without an account and without giving us anything. If you create an "
            "account, we keep:</p>"
            "<ul><li>your email address and a scrambled (hashed) copy of your password</li>"
            "<li>the name you choose to show next to your comments</li>"
            "<li>whether you are a resident, a carer, a provider or VCSE group, or staff</li>"
            "<li>your neighbourhood, and for providers the name and type of your organisation</li>"
            "<li>what you post: comments, survey answers, ideas and votes in Innovation Labs, and your "
            "answers to 'How involved did you feel?'</li></ul>"
            "<p>Our servers also record technical details of each visit, such as your IP address, to keep "
            "the site secure.</p>"
        ),
        _heading("Why we use it"),
        _rich(
            "<p>We use your information to run consultations, surveys and Innovation Labs, to let you sign in, "
            "to understand feedback by neighbourhood, locality and type of respondent, and to publish what we "
            "heard and what we did. Published summaries never name you. Your display name appears next to "
            "comments you choose to make public.</p>"
        ),
        _heading("Our lawful basis"),
        _rich(
            "<p>Planning and buying adult social care is part of our public task, so we rely on "
            "Article 6(1)(e) of the UK General Data Protection Regulation (public task). We do not ask for "
            "information about your health. If you choose to share it in a comment, we use it only to "
            "understand your feedback and we remove it before anything is published.</p>"
        ),
        _heading("How long we keep it"),
        _rich(
            "<ul><li>Your account details: for as long as your account is open.</li>"
            "<li>When you delete your account, your personal details are removed at once. Things you posted "
            "publicly stay, marked as from a deleted account, so that conversations still make sense.</li>"
            "<li>Server logs: 30 days.</li></ul>"
        ),
        _heading("Your rights"),
        _rich(
            "<p>You have the right to see the information we hold about you, to have it corrected, to have it "
            "deleted, to restrict or object to how we use it, and to complain to the Information "
            "Commissioner's Office (ICO).</p>"
            "<p>You can do the first three yourself. On your account page you can:</p>"
            "<ul><li>download everything we hold about you as a file (JSON format)</li>"
            "<li>change your details</li>"
            "<li>delete your account</li></ul>"
        ),
        _heading("Cookies"),
        _rich(
            "<p>We use only the cookies the site needs to work: one to keep you signed in and one to protect "
            "forms from misuse. We do not use analytics, advertising or any other tracking cookies, so we do "
            "not ask you to accept cookies.</p>"
        ),
        _heading("Contact us"),
        _rich(
            "<p>For questions about your data, contact our data protection officer at "
            "dpo@example.org. If you are unhappy with our answer you can complain to the ICO at ico.org.uk.</p>"
        ),
    ],
}

ACCESSIBILITY = {
    "title": "Accessibility statement",
    "slug": "accessibility",
    "introduction": "We want everyone to be able to use this site, including people who use assistive technology.",
    "body": [
        _heading("How accessible this site is"),
        _rich(
            "<p>We aim to meet the Web Content Accessibility Guidelines (WCAG) version 2.2 at level AA. You "
            "should be able to:</p>"
            "<ul><li>use the whole site with a keyboard alone</li>"
            "<li>use it with a screen reader or speech recognition software</li>"
            "<li>zoom in up to 400% without text spilling off the screen</li>"
            "<li>change colours, contrast and fonts in your browser</li></ul>"
            "<p>The site uses the NHS.UK design system, whose components are tested with disabled people.</p>"
        ),
        _heading("How we test"),
        _rich(
            "<p>Every change to the site is checked automatically against WCAG 2.2 A and AA rules in a real "
            "browser before it goes live. We also test journeys by keyboard.</p>"
        ),
        _heading("Known problems"),
        _rich(
            "<p>Some documents published before this site, such as older PDF versions of the plan, may not "
            "work well with screen readers. Every plan on this site is also published as web pages.</p>"
        ),
        _heading("Report a problem"),
        _rich(
            "<p>If something on this site does not work for you, or you need information in another format "
            "such as large print, easy read or audio, email accessibility@example.org. Tell us the page and "
            "what went wrong. We will reply within 5 working days.</p>"
        ),
        _heading("If you are not happy with our response"),
        _rich(
            "<p>The Equality and Human Rights Commission (EHRC) makes sure public bodies follow the "
            "accessibility regulations for websites. If you are not happy with how we answer your "
            "complaint, you can contact the Equality Advisory and Support Service (EASS), which can help you "
            "take it further.</p>"
        ),
    ],
}
