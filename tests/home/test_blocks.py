"""Each StreamField block renders accessible NHS.UK markup."""

import pytest

from home import blocks
from home.demo import plan_content

pytestmark = pytest.mark.django_db


def render(block, raw):
    """Render a block from its JSON form, as the page template does."""
    return block.render(block.to_python(raw))


def test_heading_renders_at_the_chosen_level():
    html = render(blocks.HeadingBlock(), {"text": "Our priorities", "level": "h3"})
    assert "<h3>Our priorities</h3>" in html


def test_quotation_keeps_the_attribution_with_the_quote():
    html = render(blocks.QuotationBlock(), {"quote": "Help me stay at home.", "attribution": "A carer"})
    assert "<blockquote" in html and "Help me stay at home." in html
    assert "<figcaption" in html and "A carer" in html


def test_i_statements_are_headed_by_their_audience():
    html = render(blocks.IStatementsBlock(), {"audience": "partners", "statements": ["I am paid fairly."]})
    assert "Partners and providers" in html
    assert "<li>" in html and "I am paid fairly." in html


def test_design_principles_render_as_numbered_cards():
    raw = {"principles": [{"title": "Citizen-focused", "description": "Start with the person."}] * 2}
    html = render(blocks.DesignPrinciplesBlock(), raw)
    assert html.count('class="nhsuk-card"') == 2
    assert "2.</span> Citizen-focused" in html


def test_priorities_render_as_an_ordered_list():
    raw = {"priorities": [{"title": "Putting prevention into practice", "description": "Help earlier."}]}
    html = render(blocks.PrioritiesBlock(), raw)
    assert "<ol" in html and "<strong>Putting prevention into practice</strong>" in html


def test_key_figures_pair_each_number_with_its_label():
    raw = {"heading": "By 2024", "figures": [{"number": "18", "label": "fewer people in nursing care"}]}
    html = render(blocks.KeyFiguresBlock(), raw)
    assert '<dt class="ladder-key-figures__number">18</dt>' in html
    assert '<dd class="ladder-key-figures__label">fewer people in nursing care</dd>' in html


def test_table_renders_caption_headers_and_numeric_cells():
    raw = {
        "caption": "Home care",
        "columns": [{"type": "text", "heading": "Measure"}, {"type": "numeric", "heading": "Hours"}],
        "rows": [{"values": ["Weekly hours saved", "7,300"]}],
    }
    html = render(blocks.TableBlock(), raw)
    assert '<caption class="nhsuk-table__caption">Home care</caption>' in html
    assert '<th scope="col" class="nhsuk-table__header">Measure</th>' in html
    assert "nhsuk-table__cell--numeric" in html and "7,300" in html


def test_call_to_action_links_to_the_chosen_page(home_page):
    raw = {"heading": "Have your say", "text": "Comment now.", "page": home_page.pk, "link_text": "Go"}
    html = render(blocks.CallToActionBlock(), raw)
    assert 'class="nhsuk-action-link" href="/"' in html
    assert "Have your say" in html and "Go" in html


@pytest.mark.parametrize(
    "block",
    [
        blocks.HeadingBlock(),
        blocks.QuotationBlock(),
        blocks.IStatementsBlock(),
        blocks.DesignPrinciplesBlock(),
        blocks.PrioritiesBlock(),
        blocks.KeyFiguresBlock(),
    ],
    ids=lambda block: type(block).__name__,
)
def test_blocks_preview_value_renders(block):
    html = block.render(block.to_python(block.meta.preview_value))
    assert html.strip()


def test_every_custom_block_has_an_icon_and_a_template():
    for name, block in blocks.PlanBodyBlock().child_blocks.items():
        assert block.meta.icon, name
        if type(block).__module__ == "home.blocks":
            assert block.meta.template.startswith("blocks/"), name


def test_plan_body_extends_the_shared_body_stream():
    shared = set(blocks.BodyBlock().child_blocks)
    plan = set(blocks.PlanBodyBlock().child_blocks)
    assert shared < plan
    assert {"i_statements", "design_principles", "priorities", "key_figures", "call_to_action"} <= plan


def test_every_demo_plan_section_renders_each_of_its_blocks(home_page):
    stream_block = blocks.PlanBodyBlock()
    used = set()
    for section in plan_content.sections({"consultations": home_page.pk, "labs": home_page.pk}):
        for child in stream_block.to_python(section["body"]):
            used.add(child.block_type)
            assert child.render().strip(), (section["slug"], child.block_type)
    assert {"i_statements", "design_principles", "priorities", "key_figures", "table", "call_to_action"} <= used
