"""LadderRatingForm: one rung from 1 to 7, optional text; bad input gets a plain message."""

import pytest

from engagement.forms import RUNG_ERROR, TEXT_TOO_LONG, LadderRatingForm
from engagement.models import RATING_TEXT_MAX_LENGTH


def test_a_rung_and_text_are_accepted():
    form = LadderRatingForm({"rung": "6", "text": "We planned it together"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"rung": 6, "text": "We planned it together"}


def test_the_text_is_optional():
    form = LadderRatingForm({"rung": "1"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["text"] == ""


@pytest.mark.parametrize("tampered", [None, "", "0", "8", "abc", "-1", "4.5", "7; DROP TABLE"])
def test_a_missing_or_tampered_rung_gets_one_plain_message_and_keeps_the_text(tampered):
    data = {"text": "Nobody asked me"}
    if tampered is not None:
        data["rung"] = tampered
    form = LadderRatingForm(data)
    assert not form.is_valid()
    assert form.errors["rung"] == [RUNG_ERROR]
    assert RUNG_ERROR == "Choose how involved you felt, from 1 to 7"
    assert form["text"].value() == "Nobody asked me"


def test_text_over_the_limit_is_refused_and_kept_for_editing():
    too_long = "a" * (RATING_TEXT_MAX_LENGTH + 1)
    form = LadderRatingForm({"rung": "3", "text": too_long})
    assert not form.is_valid()
    assert form.errors["text"] == [TEXT_TOO_LONG]
    assert form["text"].value() == too_long


def test_the_question_and_labels_are_in_plain_english():
    form = LadderRatingForm()
    assert form.fields["rung"].label == "How involved did you feel?"
    labels = dict(form.fields["rung"].choices)
    assert labels[1].startswith("Coercion: ")
    assert labels[7].startswith("Co-production: ")
    assert "Tell us more" in form.fields["text"].label


def test_the_choices_can_be_shown_grouped_by_band():
    groups = LadderRatingForm().band_groups()
    assert [band.name for band, _ in groups] == ["Doing to", "Doing for", "Doing with"]
    assert [rung.number for _, options in groups for rung, _ in options] == list(range(1, 8))
    first_option = groups[0][1][0][1]
    assert first_option.id_for_label == "ladder-rung_0"
