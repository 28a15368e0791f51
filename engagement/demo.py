"""Demo consultations: one open and pre-moderated, one open and post-moderated, one upcoming, and
one closed with a published "You said, we did". Idempotent: consultations are found by slug.

Dates are relative to the day the demo is loaded, so the open ones stay open for a while.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from engagement import ladder
from engagement.blocks import proposal_stream
from engagement.models import (
    Comment,
    ConsultationIndexPage,
    ConsultationPage,
    ConsultationResponse,
    LadderRating,
    ResponseTheme,
    Topic,
)
from people.models import Neighbourhood

TOPICS = (
    ("The commissioning plan", "commissioning-plan"),
    ("Carers' support", "carers-support"),
    ("Technology-enabled care", "technology-enabled-care"),
    ("Integrated neighbourhood teams", "integrated-neighbourhood-teams"),
    ("Supported housing", "supported-housing"),
)

OFFLINE = (
    "<p>You can also take part without using this website.</p>"
    "<ul><li>Phone the engagement team on 0300 000 0000 (Monday to Friday, 9am to 5pm) and we will write "
    "down your views for you.</li><li>Write to the Engagement Team, Local Care Organisation, Freepost LADDER.</li>"
    "<li>Come to a drop-in session at your neighbourhood hub; dates are on the noticeboard at each hub.</li></ul>"
)

CONSULTATIONS = (
    {
        "slug": "refreshing-the-commissioning-plan",
        "title": "Refreshing the commissioning plan for next year",
        "summary": "Every year we update the commissioning plan. Tell us whether our priorities are the right "
        "ones and what we should do differently next year.",
        "easy_read": "<p>We write a plan every year about the care we buy.</p><p>We want to know what you think "
        "about it.</p><p>You can tell us on this website, by phone or by letter.</p>",
        "who_for": "<p>Everyone who uses adult social care or community health services in the city, their carers "
        "and families, and the organisations that provide care.</p>",
        "opens": -14,
        "closes": 45,
        "moderation": ConsultationPage.Moderation.PRE,
        "topics": ("commissioning-plan",),
        "neighbourhoods": (),
        "sections": (
            (
                "Our priorities",
                (
                    "We propose to keep putting prevention into practice as our first priority: helping people "
                    "earlier, close to home, so that small needs do not become a crisis.",
                    "We also propose to give more weight to community-led commissioning, where neighbourhood "
                    "groups help decide what is bought for their area.",
                ),
            ),
            (
                "How we work with providers",
                (
                    "We will hold an Innovation Lab every quarter so providers and commissioners can work on the "
                    "hardest problems together.",
                    "We want to manage contracts as relationships, with regular conversations about the "
                    "difference care makes, not only about hours delivered.",
                ),
            ),
            (
                "Measuring success",
                (
                    "We will count carers' assessments, spending with local providers and the share of care-home "
                    "beds rated good or outstanding.",
                    "We will ask people how involved they felt, on the ladder of co-production, after every "
                    "consultation, survey and lab.",
                ),
            ),
        ),
    },
    {
        "slug": "a-contact-point-for-carers",
        "title": "A single contact point for carers",
        "summary": "Carers tell us they are passed from service to service. We propose one phone number, one "
        "web page and one team for carers in the North locality first.",
        "easy_read": "<p>Carers look after family or friends.</p><p>We want carers to have one phone number "
        "to call for help.</p><p>Tell us if this is a good idea.</p>",
        "who_for": "<p>Unpaid carers in the North locality, and the groups that support them.</p>",
        "opens": -7,
        "closes": 30,
        "moderation": ConsultationPage.Moderation.POST,
        "topics": ("carers-support",),
        "neighbourhoods": ("north-1", "north-2", "north-3", "north-4"),
        "sections": (
            (
                "What we propose",
                (
                    "One contact point, open six days a week, staffed by people who know the local carers' groups.",
                    "A carer who calls would get a named worker who stays with them until their question is answered.",
                ),
            ),
            (
                "What would change for you",
                (
                    "You would not need to repeat your story to several services.",
                    "Carers' assessments could be booked in the same call.",
                ),
            ),
        ),
    },
    {
        "slug": "technology-enabled-care-at-home",
        "title": "Technology-enabled care at home",
        "summary": "Sensors, alarms and video calls can help some people live safely at home for longer. We want "
        "to hear what would and would not work for you before we buy anything.",
        "easy_read": "<p>Some gadgets can help people stay safe at home.</p><p>We want to know what you think "
        "before we buy them.</p>",
        "who_for": "<p>People who use home care, their families, and home-care providers.</p>",
        "opens": 14,
        "closes": 70,
        "moderation": ConsultationPage.Moderation.PRE,
        "topics": ("technology-enabled-care",),
        "neighbourhoods": (),
        "sections": (
            (
                "What we are thinking about",
                ("Personal alarms that call a response team, and sensors that notice when routines change.",),
            ),
        ),
    },
    {
        "slug": "draft-commissioning-prospectus",
        "title": "Draft commissioning prospectus",
        "summary": "We asked for views on the draft prospectus for two months. This consultation is closed; "
        "read what you told us and what we did.",
        "easy_read": "<p>We asked what you thought of our plans.</p><p>You told us. Read what we are doing "
        "about it.</p>",
        "who_for": "<p>Stakeholders, providers, academics and voluntary and community groups.</p>",
        "opens": -120,
        "closes": -60,
        "moderation": ConsultationPage.Moderation.PRE,
        "topics": ("commissioning-plan", "integrated-neighbourhood-teams"),
        "neighbourhoods": (),
        "sections": (
            (
                "Integrated neighbourhood teams",
                (
                    "Health and social care staff would work as one team in each of the 12 neighbourhoods.",
                    "Each team would know the community groups in its area and refer people to them.",
                ),
            ),
            (
                "Paying the right price",
                ("We would weigh social value, such as local jobs and cleaner air, alongside cost.",),
            ),
        ),
    },
)

DEMO_COMMENTS = {
    "refreshing-the-commissioning-plan": (
        ("resident@example.org", 0, 0, "Prevention matters most to me. My mum only got help after a fall.", True),
        ("carer@example.org", 0, 1, "Community groups know who is struggling long before services do.", True),
        (
            "provider@example.org",
            1,
            0,
            "Quarterly labs are welcome, but please share the agenda two weeks before.",
            True,
        ),
        ("resident@example.org", 2, 1, "Please also publish how many people answered each time.", False),
    ),
    "a-contact-point-for-carers": (
        ("carer@example.org", 0, 0, "Six days a week is good. Evenings matter too: most carers work.", True),
        ("resident@example.org", 1, 0, "Not repeating my story would make a huge difference.", True),
    ),
    "draft-commissioning-prospectus": (
        ("provider@example.org", 0, 0, "Shared training across health and care staff would help teams gel.", True),
        ("carer@example.org", 0, 1, "Please make sure carers' groups are on the list of community groups.", True),
        ("resident@example.org", 1, 0, "Local jobs should count for a lot when you choose providers.", True),
    ),
}


@transaction.atomic
def create_demo_consultations():
    """Create the demo topics, consultations, comments and one published response; return how many exist."""
    index = ConsultationIndexPage.objects.first()
    if index is None:
        return 0
    topics = {slug: Topic.objects.get_or_create(slug=slug, defaults={"name": name})[0] for name, slug in TOPICS}
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    for spec in CONSULTATIONS:
        if ConsultationPage.objects.filter(slug=spec["slug"]).exists():
            continue
        page = ConsultationPage(
            title=spec["title"],
            slug=spec["slug"],
            summary=spec["summary"],
            search_description=spec["summary"],
            easy_read_summary=spec["easy_read"],
            who_it_is_for=spec["who_for"],
            how_to_take_part_offline=OFFLINE,
            opens_at=now + timedelta(days=spec["opens"]),
            closes_at=now + timedelta(days=spec["closes"]),
            moderation=spec["moderation"],
            proposal=proposal_stream(
                [(heading, [f"<p>{text}</p>" for text in texts]) for heading, texts in spec["sections"]]
            ),
        )
        page.topics = [topics[slug] for slug in spec["topics"]]
        page.neighbourhoods = list(Neighbourhood.objects.filter(slug__in=spec["neighbourhoods"]))
        index.add_child(instance=page)
        page.save_revision().publish()
        _demo_comments(page)
        if page.status == ConsultationPage.Status.CLOSED:
            _demo_response(page)
    return ConsultationPage.objects.count()


def _demo_comments(page):
    people = {
        person.email: person for person in get_user_model().objects.select_related("profile__neighbourhood__locality")
    }
    sections = page.sections()
    for email, section_index, paragraph_index, text, published in DEMO_COMMENTS.get(page.slug, ()):
        author = people.get(email)
        if author is None:
            continue
        section_id, _heading, paragraphs = sections[section_index]
        profile = getattr(author, "profile", None)
        neighbourhood = getattr(profile, "neighbourhood", None)
        Comment.objects.create(
            consultation=page,
            section_id=section_id,
            paragraph_id=paragraphs[paragraph_index][0],
            author=author,
            text=text,
            status=Comment.Status.PUBLISHED if published else Comment.Status.PENDING,
            status_changed_at=timezone.now(),
            respondent_type=getattr(profile, "respondent_type", ""),
            neighbourhood=getattr(neighbourhood, "name", ""),
            locality=getattr(getattr(neighbourhood, "locality", None), "name", ""),
        )
    for email, rung in (("resident@example.org", 3), ("carer@example.org", 4), ("provider@example.org", 5)):
        author = people.get(email)
        if author is not None:
            LadderRating.objects.get_or_create(
                page=page, author=author, perspective=LadderRating.Perspective.PARTICIPANT, defaults={"rung": rung}
            )


def _demo_response(page):
    response = ConsultationResponse.objects.create(
        consultation=page,
        introduction="Thank you to everyone who took part. These are the main things you told us, and what we "
        "are doing about each of them.",
        organisation_rung=5,
        status=ConsultationResponse.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    comments = list(page.comments.order_by("pk"))
    themes = (
        (
            "Teams need time to get to know each other",
            "Staff from health and care should learn together.",
            "Every neighbourhood team now has a shared induction and a monthly learning session.",
            comments[:1],
        ),
        (
            "Carers must be part of the picture",
            "Carers' groups should be among the community groups teams work with.",
            "Each team's directory of community groups now starts with the local carers' groups.",
            comments[1:2],
        ),
        (
            "Social value should count",
            "Local jobs and greener services should weigh heavily in choosing providers.",
            "Social value now makes up a fifth of the score when we choose providers.",
            comments[2:3],
        ),
    )
    for order, (theme, you_said, we_did, linked) in enumerate(themes):
        row = ResponseTheme.objects.create(
            response=response, sort_order=order, theme=theme, you_said=you_said, we_did=we_did
        )
        row.comments = linked
        row.save()
    LadderRating.objects.get_or_create(
        page=page,
        author=None,
        perspective=LadderRating.Perspective.ORGANISATION,
        defaults={"rung": ladder.rung(5).number},
    )
