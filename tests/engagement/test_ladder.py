"""The ladder module: seven rungs in three bands, and its helpers."""

import pytest

from engagement import ladder


def test_the_ladder_has_seven_rungs_numbered_from_the_bottom():
    assert [r.number for r in ladder.RUNGS] == [1, 2, 3, 4, 5, 6, 7]
    assert [r.name for r in ladder.RUNGS] == [
        "Coercion",
        "Educating",
        "Informing",
        "Consultation",
        "Engagement",
        "Co-design",
        "Co-production",
    ]


def test_every_rung_has_a_plain_description_and_a_first_person_one():
    for r in ladder.RUNGS:
        assert len(r.description) > 20, r
        assert r.felt.startswith("I "), r


@pytest.mark.parametrize(
    ("number", "band_name"),
    [(1, "Doing to"), (2, "Doing to"), (3, "Doing for"), (5, "Doing for"), (6, "Doing with"), (7, "Doing with")],
)
def test_band_boundaries_follow_the_ladders_own_grouping(number, band_name):
    assert ladder.band_for(number).name == band_name


def test_the_bands_cover_every_rung_once_in_order():
    numbers = [r.number for b in ladder.BANDS for r in b.rungs]
    assert numbers == list(range(1, 8))
    assert [b.key for b in ladder.BANDS] == ["doing_to", "doing_for", "doing_with"]


@pytest.mark.parametrize("bad", [0, 8, -1, "3", 3.0, None, True])
def test_anything_but_a_whole_number_from_one_to_seven_is_not_a_rung(bad):
    assert not ladder.is_rung(bad)
    with pytest.raises(ValueError):
        ladder.rung(bad)
    with pytest.raises(ValueError):
        ladder.band_for(bad)


def test_each_band_says_which_rungs_it_holds_in_words():
    assert [b.range_label for b in ladder.BANDS] == ["rungs 1 and 2", "rungs 3 to 5", "rungs 6 and 7"]


def test_rung_looks_a_rung_up_by_number():
    assert ladder.rung(6).name == "Co-design"
    assert str(ladder.rung(6)) == "6. Co-design"
    assert ladder.rung(7).band is ladder.band("doing_with")


def test_model_choices_number_and_name_each_rung():
    assert ladder.RUNG_CHOICES[0] == (1, "1. Coercion")
    assert len(ladder.RUNG_CHOICES) == 7
    assert ladder.BAND_CHOICES == [("doing_to", "Doing to"), ("doing_for", "Doing for"), ("doing_with", "Doing with")]


def test_form_choices_label_each_rung_with_its_name_and_meaning_grouped_by_band_when_asked():
    flat = ladder.form_choices()
    assert flat[5] == (6, f"Co-design: {ladder.rung(6).felt}")
    grouped = ladder.form_choices(grouped=True)
    assert [name for name, _ in grouped] == ["Doing to", "Doing for", "Doing with"]
    assert [number for _, choices in grouped for number, _ in choices] == list(range(1, 8))


def test_the_source_is_credited_to_tlaps_advisory_group():
    assert "National Co-production Advisory Group (2016)" in ladder.SOURCE_CREDIT
    assert "Think Local Act Personal" in ladder.SOURCE_CREDIT
