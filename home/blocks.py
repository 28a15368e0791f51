"""StreamField blocks for Ladder's pages and the commissioning plan.

``BodyBlock`` is the shared base stream for every page body; ``PlanBodyBlock`` adds the blocks
the commissioning plan needs (I statements, design principles, priorities, key figures, calls
to action). NHS.UK frontend blocks from ``wagtailnhsukfrontend`` are used where they fit.
Each custom block renders through a template in ``home/templates/blocks/``.
"""

from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtailnhsukfrontend import blocks as nhsuk_blocks

PLAIN_RICH_TEXT = ["bold", "italic", "link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    """A section heading inside a page body (h2 or h3, so the outline stays correct)."""

    text = blocks.CharBlock(max_length=200)
    level = blocks.ChoiceBlock(choices=[("h2", "Heading 2"), ("h3", "Heading 3")], default="h2")

    class Meta:
        icon = "title"
        template = "blocks/heading.html"
        preview_value = {"text": "Putting prevention into practice", "level": "h2"}


class QuotationBlock(blocks.StructBlock):
    """A quotation with the person or group it came from."""

    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(max_length=200, help_text="Who said it, for example 'A carer in North 2'.")

    class Meta:
        icon = "openquote"
        template = "blocks/quotation.html"
        preview_value = {
            "quote": "I want to stay in my own home and still see my friends every week.",
            "attribution": "A resident in Central 3",
        }


class TableBlock(TypedTableBlock):
    """A data table with a caption, styled as an NHS.UK table."""

    text = blocks.CharBlock(required=False)
    numeric = blocks.CharBlock(required=False, help_text="Numbers are right-aligned.")
    rich_text = blocks.RichTextBlock(features=PLAIN_RICH_TEXT, required=False)

    class Meta:
        icon = "table"
        template = "blocks/table.html"


class BodyBlock(blocks.StreamBlock):
    """The shared body stream used by every Ladder page; page types extend it."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=["h3", "h4", *PLAIN_RICH_TEXT], icon="pilcrow")
    quotation = QuotationBlock()
    table = TableBlock()
    inset_text = nhsuk_blocks.InsetTextBlock()
    warning_callout = nhsuk_blocks.WarningCalloutBlock()
    details = nhsuk_blocks.DetailsBlock()
    action_link = nhsuk_blocks.ActionLinkBlock()
    card_group = nhsuk_blocks.CardGroupBlock()
    summary_list = nhsuk_blocks.SummaryListBlock()


class IStatementsBlock(blocks.StructBlock):
    """Vision statements written in the first person for one audience."""

    AUDIENCES = [
        ("citizens", "Citizens, carers and families"),
        ("staff", "Staff"),
        ("partners", "Partners and providers"),
    ]

    audience = blocks.ChoiceBlock(choices=AUDIENCES, default="citizens")
    statements = blocks.ListBlock(blocks.CharBlock(max_length=300, label="I statement"))

    class Meta:
        icon = "user"
        label = "I statements"
        template = "blocks/i_statements.html"
        preview_value = {
            "audience": "citizens",
            "statements": ["I can live my best life safely and independently at home."],
        }

    def get_context(self, value, parent_context=None):
        """Add the audience's readable name."""
        context = super().get_context(value, parent_context)
        context["audience_label"] = dict(self.AUDIENCES).get(value["audience"], "")
        return context


class DesignPrincipleBlock(blocks.StructBlock):
    """One design principle: a short name and what it means in practice."""

    title = blocks.CharBlock(max_length=120)
    description = blocks.TextBlock()

    class Meta:
        icon = "tick-inverse"


class DesignPrinciplesBlock(blocks.StructBlock):
    """The plan's design principles, shown as a group of NHS.UK cards."""

    principles = blocks.ListBlock(DesignPrincipleBlock())

    class Meta:
        icon = "doc-full"
        label = "Design principle cards"
        template = "blocks/design_principles.html"
        preview_value = {
            "principles": [
                {"title": "Citizen-focused", "description": "We start from what matters to the person."},
                {"title": "Evidence-based", "description": "We use what we know works and measure what we do."},
            ]
        }


class PriorityBlock(blocks.StructBlock):
    """One priority for the year: its name and what we will do."""

    title = blocks.CharBlock(max_length=160)
    description = blocks.TextBlock(required=False)

    class Meta:
        icon = "list-ol"


class PrioritiesBlock(blocks.StructBlock):
    """A numbered list of the year's priorities."""

    priorities = blocks.ListBlock(PriorityBlock())

    class Meta:
        icon = "list-ol"
        label = "Priorities list"
        template = "blocks/priorities.html"
        preview_value = {
            "priorities": [
                {"title": "Putting prevention into practice", "description": "Help people before needs grow."},
                {"title": "Market development", "description": "Grow the local care market we need."},
            ]
        }


class KeyFigureBlock(blocks.StructBlock):
    """A number and what it counts."""

    number = blocks.CharBlock(max_length=20, help_text="For example '18' or 'over 90'.")
    label = blocks.CharBlock(max_length=200)

    class Meta:
        icon = "order"


class KeyFiguresBlock(blocks.StructBlock):
    """A few headline numbers, each with a label."""

    heading = blocks.CharBlock(max_length=200, required=False)
    figures = blocks.ListBlock(KeyFigureBlock())

    class Meta:
        icon = "order"
        label = "Key figures"
        template = "blocks/key_figures.html"
        preview_value = {
            "heading": "By 2024",
            "figures": [{"number": "18", "label": "fewer people living in nursing care"}],
        }


class CallToActionBlock(blocks.StructBlock):
    """Invite the reader to take part: a consultation, a survey or an Innovation Lab."""

    heading = blocks.CharBlock(max_length=160)
    text = blocks.TextBlock(required=False)
    page = blocks.PageChooserBlock(help_text="The consultation, survey or lab page to link to.")
    link_text = blocks.CharBlock(max_length=100, default="Have your say")

    class Meta:
        icon = "pick"
        label = "Call to action"
        template = "blocks/call_to_action.html"


class PlanBodyBlock(BodyBlock):
    """The body of a plan section: the shared blocks plus the plan's own."""

    i_statements = IStatementsBlock()
    design_principles = DesignPrinciplesBlock()
    priorities = PrioritiesBlock()
    key_figures = KeyFiguresBlock()
    call_to_action = CallToActionBlock()
