"""Names with one home: a comparison as a menu offers it, why a group is hidden, a crossed group's name."""

from equity.model.groups import Grouping
from equity.stats.privacy import ALL_OR_NONE, DIFFERENCE
from equity.words.groupings import grouping_group
from equity.words.labels import comparison_choices, hidden_note
from equity.words.reader import reading


def test_a_menu_offers_all_students_all_others_then_the_groups_in_order():
    assert comparison_choices({"Asian": "Asian"}) == {"all": "All students", "others": "All other students",
                                                      "Asian": "Asian"}
    with reading("es"):
        assert list(comparison_choices(None).values()) == ["Todos los estudiantes", "Todos los demás estudiantes"]


def test_every_reason_for_hiding_has_its_words_in_both_languages():
    assert hidden_note(DIFFERENCE, 10).startswith("Hidden: it differs from the same race counted alone by fewer "
                                                  "than 10 students")
    with reading("es"):
        assert hidden_note(ALL_OR_NONE, 10).startswith("Oculto: en un grupo tan pequeño")


def test_a_crossed_group_is_named_by_both_parts_in_the_readers_language():
    crossed = Grouping("english_learner", "low_income")
    assert grouping_group(crossed, (True, True)) == "English learners · Low income"
    with reading("es"):
        assert grouping_group(crossed, (True, False)).endswith(" · " + "Sin bajos ingresos")
