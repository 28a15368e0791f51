"""The demo commissioning plan, "Better Outcomes, Better Lives", written in plain English.

Each section is a dict with a title, slug, introduction and a body in StreamField's JSON form.
``links`` holds page ids for calls to action (``consultations``, ``labs``), filled in at build time.
"""

PLAN = {
    "title": "Better Outcomes, Better Lives",
    "slug": "plan",
    "year": 2021,
    "status": "current",
    "summary": (
        "Our plan for buying and shaping adult social care in the city. It says what we want life to be "
        "like for people who draw on care and support, the principles we will work to, what we will do "
        "first, and how we will know it is working. We update it every 12 months, with you."
    ),
    "search_description": "The city's adult social care commissioning plan, first published in September 2021.",
}


def paragraph(html):
    return {"type": "paragraph", "value": html}


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def i_statements(audience, *statements):
    return {"type": "i_statements", "value": {"audience": audience, "statements": list(statements)}}


def call_to_action(heading_text, text, page_id, link_text):
    return {
        "type": "call_to_action",
        "value": {"heading": heading_text, "text": text, "page": page_id, "link_text": link_text},
    }


def sections(links):
    """The plan's sections, in reading order. ``links`` maps 'consultations' and 'labs' to page ids."""
    consultations = links.get("consultations")
    labs = links.get("labs")
    result = [
        {
            "title": "Our vision",
            "slug": "vision",
            "introduction": (
                "What good care and support should feel like, told from the point of view of the people "
                "who draw on it, the people who work in it and the organisations that provide it."
            ),
            "body": [
                paragraph(
                    "<p>This plan is part of Better Outcomes, Better Lives, the city's programme to change how "
                    "adult social care works. We want people to live the lives they choose, with care that "
                    "builds on what they can do rather than what they cannot.</p>"
                    "<p>We wrote our vision as &#x27;I statements&#x27;: things people should be able to say "
                    "if we get this right. We will test our work against them.</p>"
                ),
                heading("What good looks like"),
                i_statements(
                    "citizens",
                    "I live my best life, safely and independently, in my own home for as long as I can.",
                    "I am connected to my community and to the people who matter to me.",
                    "I tell my story once and the people who support me listen and remember it.",
                    "As a carer, I get help to look after myself as well as the person I care for.",
                ),
                i_statements(
                    "staff",
                    "I have the time and the trust to work with people on what matters to them.",
                    "I know the services in my neighbourhood and can connect people to them quickly.",
                    "I keep learning, and my ideas for doing things better are heard.",
                ),
                i_statements(
                    "partners",
                    "I am a partner in designing services, not only a supplier of them.",
                    "I am paid a fair price that lets me pay my staff well and give good care.",
                    "I can share what I learn with other providers without it counting against me.",
                ),
                {
                    "type": "quotation",
                    "value": {
                        "quote": "I don't want to be looked after. I want help to keep doing the things I love.",
                        "attribution": "A resident in North 2, at an early listening event",
                    },
                },
            ],
        },
        {
            "title": "Design principles",
            "slug": "design-principles",
            "introduction": "Seven principles guide every commissioning decision we make, large or small.",
            "body": [
                paragraph("<p>When we design, buy or review a service, we check it against these principles.</p>"),
                {
                    "type": "design_principles",
                    "value": {
                        "principles": [
                            {
                                "title": "Citizen-focused",
                                "description": "We start with the person and what matters to them, "
                                "not with the service we already have.",
                            },
                            {
                                "title": "Collaborate and co-produce",
                                "description": "We work with partners, providers and residents as equals, "
                                "from the first idea to the final review.",
                            },
                            {
                                "title": "Systems facilitator",
                                "description": "We bring the whole system together and help it work as one, "
                                "rather than managing each contract on its own.",
                            },
                            {
                                "title": "A learning culture",
                                "description": "We try things, look honestly at what happened and share "
                                "what we learn, including when it did not work.",
                            },
                            {
                                "title": "Evidence-based",
                                "description": "We use data, research and people's own experience to decide "
                                "what to do and to check it is working.",
                            },
                            {
                                "title": "Innovation",
                                "description": "We make room for new ideas and new kinds of support, and we "
                                "share the risk of trying them.",
                            },
                            {
                                "title": "Paying the right price",
                                "description": "We pay fairly for good care and look for social value: "
                                "the wider good a contract does for the city.",
                            },
                        ]
                    },
                },
            ],
        },
        {
            "title": "Our priorities for the next 12 months",
            "slug": "priorities",
            "introduction": (
                "Eight things we will focus on this year, starting with putting prevention into practice."
            ),
            "body": [
                {
                    "type": "priorities",
                    "value": {
                        "priorities": [
                            {
                                "title": "Putting prevention into practice",
                                "description": "Help people earlier, in their neighbourhood, so that "
                                "small needs do not grow into a crisis.",
                            },
                            {
                                "title": "Market development",
                                "description": "Work with providers to grow the kinds of care the city will "
                                "need, in the places it will need them.",
                            },
                            {
                                "title": "Citizen commissioning",
                                "description": "Give people more say and more control over the support they "
                                "buy, including through direct payments.",
                            },
                            {
                                "title": "Community-led commissioning",
                                "description": "Let neighbourhoods and community groups shape what is bought "
                                "for their area.",
                            },
                            {
                                "title": "Flagship commissioning activities",
                                "description": "Carry out a few large pieces of work well, such as "
                                "technology-enabled care and supported housing.",
                            },
                            {
                                "title": "Building local good practice into business as usual",
                                "description": "When something works in one neighbourhood, make it the "
                                "normal way of doing things everywhere.",
                            },
                            {
                                "title": "Contract management",
                                "description": "Manage contracts as relationships: regular conversations "
                                "about outcomes, not only about activity counts.",
                            },
                            {
                                "title": "Skills for strengths-based commissioning",
                                "description": "Train our own staff to commission around what people can "
                                "do and the support around them.",
                            },
                        ]
                    },
                },
            ],
        },
        {
            "title": "Population health",
            "slug": "population-health",
            "introduction": "Five aims we share with our health partners for everyone in the city.",
            "body": [
                paragraph(
                    "<p>Adult social care is one part of the city's health and care system. With our NHS "
                    "partners we are working towards five aims:</p>"
                    "<ol><li>improve the health and wellbeing of everyone in the city</li>"
                    "<li>make people's experience of care better</li>"
                    "<li>lower the cost of care per person and make better use of every pound</li>"
                    "<li>narrow the gaps in health and care between different groups and places</li>"
                    "<li>improve the wellbeing and engagement of the people who work in care</li></ol>"
                ),
                {
                    "type": "inset_text",
                    "value": {
                        "body": "<p>The city has 12 neighbourhoods in three localities: North, Central and "
                        "South. Each neighbourhood is home to between 30,000 and 50,000 people, and we plan "
                        "services neighbourhood by neighbourhood.</p>"
                    },
                },
            ],
        },
        {
            "title": "Quality of care",
            "slug": "quality",
            "introduction": "Our ambition is that every care provider in the city is rated good or outstanding.",
            "body": [
                paragraph(
                    "<p>We look at the risks in every service we buy, using the same five questions the care "
                    "regulator asks. We work alongside providers to improve, and we act quickly when care "
                    "is not safe.</p>"
                ),
                {
                    "type": "table",
                    "value": {
                        "caption": "The five key lines of enquiry",
                        "columns": [
                            {"type": "text", "heading": "Question"},
                            {"type": "text", "heading": "What it means for the person"},
                        ],
                        "rows": [
                            {"values": ["Is it safe?", "I am protected from harm and abuse."]},
                            {"values": ["Is it effective?", "My care helps me reach the outcomes I want."]},
                            {"values": ["Is it caring?", "I am treated with kindness, dignity and respect."]},
                            {"values": ["Is it responsive?", "My care changes when my needs change."]},
                            {"values": ["Is it well-led?", "The service is run well and listens to me."]},
                        ],
                    },
                },
                {
                    "type": "warning_callout",
                    "value": {
                        "title": "If you are worried about someone's care",
                        "heading_level": 2,
                        "body": "<p>Contact the provider first if you can. If you think someone is at risk "
                        "of harm, contact adult social care straight away, or call 999 in an emergency.</p>",
                    },
                },
            ],
        },
        {
            "title": "Social value",
            "slug": "social-value",
            "introduction": (
                "Paying the right price means asking what else a contract does for the city: jobs, skills, "
                "cleaner air and a stronger local economy."
            ),
            "body": [
                paragraph(
                    "<p>Every provider we work with can add social value. We ask providers to show how "
                    "they will:</p>"
                    "<ul><li>create jobs and chances to learn new skills</li>"
                    "<li>be the best employer they can be</li>"
                    "<li>help keep the city's air clean</li>"
                    "<li>buy locally and build a supply chain that can cope with shocks</li>"
                    "<li>make their organisation greener</li></ul>"
                ),
                {
                    "type": "details",
                    "value": {
                        "title": "How we weigh social value in a tender",
                        "body": [
                            {
                                "type": "richtext",
                                "value": "<p>Social value carries its own share of the marks in every "
                                "tender. We tell bidders in advance how it will be judged, and we check "
                                "the promises made during the life of the contract.</p>",
                            }
                        ],
                    },
                },
            ],
        },
        {
            "title": "Measures of success",
            "slug": "measures-of-success",
            "introduction": "How we will know the plan is working, and what could change by 2024.",
            "body": [
                paragraph(
                    "<p>We will report on these measures every year:</p>"
                    "<ul><li>more carers have an assessment of their own needs</li>"
                    "<li>a forward plan agreed with the voluntary, community and social enterprise (VCSE) "
                    "sector</li>"
                    "<li>more of our spending goes to local providers</li>"
                    "<li>more care-home beds are rated good or outstanding</li>"
                    "<li>95% of staff have an appraisal every year</li></ul>"
                ),
                {
                    "type": "key_figures",
                    "value": {
                        "heading": "If the programme works, by 2024 there could be",
                        "figures": [
                            {"number": "18", "label": "fewer people living in nursing care"},
                            {"number": "Over 90", "label": "fewer people living in residential care"},
                            {
                                "number": "52",
                                "label": "fewer people moving into supported accommodation, out of about "
                                "800 we would otherwise expect",
                            },
                            {"number": "About 84", "label": "fewer people needing home care"},
                            {"number": "Over 7,300", "label": "fewer hours of home care needed each week"},
                        ],
                    },
                },
                paragraph(
                    "<p>Fewer people in care homes is not a target in itself. It means more people getting "
                    "the right help early enough to stay independent at home.</p>"
                ),
            ],
        },
    ]
    if consultations:
        result[2]["body"].append(
            call_to_action(
                "Tell us what you think of these priorities",
                "We refresh the plan every year. Comment on the current consultation and say how involved you felt.",
                consultations,
                "Go to consultations",
            )
        )
    if labs:
        result[5]["body"].append(
            call_to_action(
                "Work on social value with us",
                "Social value is a theme of our Innovation Labs, where commissioners and providers work on "
                "shared problems together.",
                labs,
                "See the Innovation Labs",
            )
        )
    return result
