"""Each question type's validation, on its own form, as the answering page builds it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from townhall.core.question_blocks import QUESTION_TYPES
from townhall.core.question_form import QuestionPageForm
from townhall.core.questions import Question, condition_met, shown

BLOCKS = dict(QUESTION_TYPES)


def _question(kind: str, **values) -> Question:
    block = BLOCKS[kind]
    raw = {"key": "q", "label": "Question", "required": True, **values}
    return Question(kind, block.to_python(raw))


def _form(question: Question, data: dict, files: dict | None = None, answers=None):
    form = QuestionPageForm([question], answers or {}, data, files or {})
    form.is_valid()
    return form


@pytest.mark.parametrize(
    ("kind", "values", "data", "error"),
    [
        ("short_text", {"max_words": 3}, {"q": "one two three four"}, "4 words"),
        ("single_choice", {"choices": ["Yes", "No"]}, {"q": "Maybe"}, "Select a valid choice"),
        ("dropdown", {"choices": ["A", "B"]}, {"q": ""}, "Choose an answer: Question"),
        ("multiple_choice", {"choices": ["A", "B"]}, {"q": ["A", "C"]}, "Select a valid choice"),
        ("scale", {"points": ["Good", "Bad"]}, {}, "Choose an answer: Question"),
        ("date", {}, {"q": "2026-02-30"}, "Enter a real date"),
        ("consent", {}, {}, "Tick the box to continue"),
        ("ward", {}, {"q": "999999"}, "Select a valid choice"),
    ],
)
def test_a_bad_answer_gets_a_clear_error(db, kind, values, data, error):
    form = _form(_question(kind, **values), data)
    assert error in str(form.errors)


def test_a_matrix_asks_each_row_on_the_same_scale():
    question = _question("matrix", rows=["Parks", "Roads"], points=["Good", "Poor"])
    form = _form(question, {"q__0": "Good", "q__1": "Poor"})
    assert form.answers() == {"q": {"Parks": "Good", "Roads": "Poor"}}
    assert shown(question, form.answers()["q"]) == "Parks: Good; Roads: Poor"
    assert "Choose an answer: Roads" in str(_form(question, {"q__0": "Good"}).errors)


def test_a_ranking_needs_a_different_position_for_each_item():
    question = _question("ranking", items=["Hours", "Books", "Space"])
    assert "different position" in str(
        _form(question, {"q__0": "1", "q__1": "1", "q__2": "2"}).errors
    )
    good = _form(question, {"q__0": "2", "q__1": "3", "q__2": "1"})
    assert good.answers() == {"q": ["Space", "Hours", "Books"]}


@pytest.mark.parametrize(
    ("name", "size", "error"),
    [
        ("evil.exe", 10, "must be one of these types: jpg, pdf"),
        ("big.pdf", 2 * 1024 * 1024 + 1, "smaller than 2 MB"),
        ("fine.PDF", 10, None),
    ],
)
def test_a_file_answer_is_limited_in_type_and_size(name, size, error):
    question = _question("file", max_megabytes=2, types="pdf, jpg")
    upload = SimpleUploadedFile(name, b"x" * size)
    form = _form(question, {}, {"q": upload})
    if error:
        assert error in str(form.errors)
    else:
        assert form.is_valid() and form.uploads() == {"q": upload}


def test_an_optional_question_may_be_left_empty():
    form = _form(_question("long_text", max_words=10, required=False), {"q": ""})
    assert form.is_valid() and form.answers() == {"q": None}


@pytest.mark.parametrize(
    ("answers", "met"),
    [
        ({"uses": "Yes"}, True),
        ({"uses": "yes"}, True),  # answers and conditions match whatever the case
        ({"uses": "No"}, False),
        ({}, False),
        ({"uses": ["Maybe", "Yes"]}, True),  # a multiple choice that includes it
    ],
)
def test_skip_logic_conditions(answers, met):
    assert condition_met({"show_if_key": "uses", "show_if_value": "Yes"}, answers) is met


def test_a_question_without_a_condition_always_shows():
    assert condition_met({"show_if_key": "", "show_if_value": ""}, {}) is True


def test_a_ward_is_chosen_or_found_from_a_postcode_which_is_not_kept(db):
    from townhall.core.models import Ward

    ward = Ward.objects.order_by("name").first()
    question = _question("ward")
    assert _form(question, {"q": ward.pk}).answers() == {"q": ward.code}
    assert "Choose your ward, or give your postcode" in str(_form(question, {}).errors)
    assert "Enter a real postcode, like NW4 4BG, or choose your ward" in str(
        _form(question, {"q__postcode": "nonsense"}).errors
    )

    from tests.postcodes import load_sample_postcodes

    load_sample_postcodes()
    found = _form(question, {"q__postcode": "n3 1ab"})
    assert found.answers() == {"q": Ward.objects.get(name="West Finchley").code}
    assert "n3 1ab" not in str(found.cleaned_data)  # only the ward is kept


def test_editors_are_told_of_repeated_keys_and_conditions_on_later_questions(libraries):
    from django.core.exceptions import ValidationError

    stage = libraries.stages.get(title__startswith="Stage 2")
    stage.full_clean()  # the demo's form is sound
    pages = stage.pages.raw_data
    pages[0]["value"]["show_if_key"] = "library"  # asked on page 2
    stage.pages = pages
    with pytest.raises(ValidationError, match="not a question on an earlier page"):
        stage.full_clean()
    pages[0]["value"]["show_if_key"] = ""
    pages[2]["value"]["questions"][0]["value"]["key"] = "library"
    stage.pages = pages
    with pytest.raises(ValidationError, match="Two questions have the key “library”"):
        stage.full_clean()


def test_with_postcodes_loaded_the_ward_question_asks_for_the_postcode_first(db):
    from tests.postcodes import load_sample_postcodes
    from townhall.core.models import Ward

    load_sample_postcodes()
    question = _question("ward")
    form = QuestionPageForm([question], {})
    assert [name for name in form.fields if name.startswith("q")] == ["q__postcode", "q"]
    assert 'type="hidden" name="q"' in str(form["q"])
    assert _form(question, {"q__postcode": "NW4 4BG"}).answers() == {
        "q": Ward.objects.get(name="Hendon").code
    }
    unknown = _form(question, {"q__postcode": "N3 9ZZ"})
    assert unknown.errors["q"] == [
        "N3 9ZZ is not one of Barnet's postcodes: check it, or choose your ward"
    ]
    assert '<select name="q"' in str(unknown["q"])  # the ward list, offered now
