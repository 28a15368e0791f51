"""StreamField blocks for consultations.

``ProposalSectionBlock`` is one section of a consultation's proposal. Every section and every
paragraph in it keeps a stable block id, which gives it a permanent link (``#section-<id>``,
``#paragraph-<id>``) and lets comments point at it; ``proposal_stream`` builds that data outside
the page editor.
"""

import json
import uuid

from wagtail import blocks

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class ProposalSectionBlock(blocks.StructBlock):
    """One section of a proposal: a heading and paragraphs people can comment on one by one."""

    heading = blocks.CharBlock(max_length=150)
    paragraphs = blocks.ListBlock(
        blocks.RichTextBlock(features=PARAGRAPH_FEATURES),
        help_text="Each paragraph gets its own link and its own comments.",
    )

    class Meta:
        icon = "doc-full"
        label = "Proposal section"


def proposal_stream(sections):
    """Raw StreamField data for a proposal, each section and paragraph with a new block id.

    ``sections`` is ``[(heading, [paragraph HTML, ...]), ...]``. For demo content, benchmark data
    and tests that build consultations outside the page editor.
    """
    return json.dumps(
        [
            {
                "type": "section",
                "id": str(uuid.uuid4()),
                "value": {
                    "heading": heading,
                    "paragraphs": [{"type": "item", "id": str(uuid.uuid4()), "value": html} for html in paragraphs],
                },
            }
            for heading, paragraphs in sections
        ]
    )
