"""Each question type (core.question_blocks) as form fields, and its answer as JSON and text.

Everything works without JavaScript: a matrix is one radio group per row, a ranking is one
"position" dropdown per item, checked on the server for repeats.
"""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from townhall.core.models import Ward

REQUIRED = {  # how the "this must be answered" message starts, by question type
    "short_text": gettext_lazy("Enter your answer"),
    "long_text": gettext_lazy("Enter your answer"),
    "single_choice": gettext_lazy("Choose an answer"),
    "dropdown": gettext_lazy("Choose an answer"),
    "scale": gettext_lazy("Choose an answer"),
    "multiple_choice": gettext_lazy("Choose at least one answer"),
    "matrix": gettext_lazy("Choose an answer for each row"),
    "ranking": gettext_lazy("Give each item a position"),
    "date": gettext_lazy("Enter a date"),
    "file": gettext_lazy("Choose a file"),
    "consent": gettext_lazy("Tick the box to continue"),
}
TEXT_LIMIT = 20_000  # characters; word limits are the editors' and are checked apart


@dataclass
class Question:
    """A question block's value with its type, as the form and the results use it."""

    kind: str
    value: Any  # the block's StructValue

    @property
    def key(self) -> str:
        return self.value["key"]

    @property
    def label(self) -> str:
        return self.value["label"]

    def shown_when(self, answers: dict) -> bool:
        return condition_met(self.value, answers)


def condition_met(block_value, answers: dict) -> bool:
    """A page or question with a condition shows only when that earlier answer matches."""
    key = (block_value.get("show_if_key") or "").strip()
    if not key:
        return True
    wanted = (block_value.get("show_if_value") or "").strip().casefold()
    answer = answers.get(key)
    if isinstance(answer, list):
        return wanted in {str(item).casefold() for item in answer}
    if isinstance(answer, dict):
        return wanted in {str(item).casefold() for item in answer.values()}
    return answer is not None and str(answer).casefold() == wanted


def _words(limit: int):
    def check(value: str) -> None:
        count = len(value.split())
        if count > limit:
            raise forms.ValidationError(
                ngettext(
                    "Your answer is %(count)s word: make it %(limit)s words or fewer",
                    "Your answer is %(count)s words: make it %(limit)s words or fewer",
                    count,
                )
                % {"count": count, "limit": limit}
            )

    return check


def _choices(options) -> list[tuple[str, str]]:
    return [(str(option), str(option)) for option in options]


def _file_check(value):
    def check(upload) -> None:
        if upload is None:
            return
        allowed = {t.strip().lower().lstrip(".") for t in value["types"].split(",") if t.strip()}
        ending = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if ending not in allowed:
            raise forms.ValidationError(
                _("The file must be one of these types: %(types)s")
                % {"types": ", ".join(sorted(allowed))}
            )
        if upload.size > value["max_megabytes"] * 1024 * 1024:
            raise forms.ValidationError(
                _("The file must be smaller than %(megabytes)s MB")
                % {"megabytes": value["max_megabytes"]}
            )

    return check


def fields_for(question: Question) -> dict[str, forms.Field]:
    """The form fields of one question, named by its key (a matrix or ranking has several)."""
    value, kind, key = question.value, question.kind, question.key
    common = {
        "label": value["label"],
        "help_text": value.get("hint") or "",
        "required": bool(value.get("required")),
        "error_messages": {
            # Translators: "Choose an answer: How often do you use the library?"
            "required": _("%(what_to_do)s: %(question)s")
            % {"what_to_do": REQUIRED.get(kind) or _("Answer"), "question": value["label"]}
        },
    }
    if kind in ("short_text", "long_text"):
        widget = forms.Textarea(attrs={"rows": 6}) if kind == "long_text" else forms.TextInput
        return {
            key: forms.CharField(
                max_length=TEXT_LIMIT,
                widget=widget,
                validators=[_words(value["max_words"])],
                **common,
            )
        }
    if kind in ("single_choice", "scale"):
        options = value["choices"] if kind == "single_choice" else value["points"]
        return {
            key: forms.ChoiceField(choices=_choices(options), widget=forms.RadioSelect, **common)
        }
    if kind == "dropdown":
        return {
            key: forms.ChoiceField(
                choices=[("", _("Choose one")), *_choices(value["choices"])], **common
            )
        }
    if kind == "multiple_choice":
        return {
            key: forms.MultipleChoiceField(
                choices=_choices(value["choices"]), widget=forms.CheckboxSelectMultiple, **common
            )
        }
    if kind == "matrix":
        return {
            f"{key}__{index}": forms.ChoiceField(
                label=row,
                choices=_choices(value["points"]),
                widget=forms.RadioSelect,
                required=common["required"],
                error_messages={"required": _("Choose an answer: %(row)s") % {"row": row}},
            )
            for index, row in enumerate(value["rows"])
        }
    if kind == "ranking":
        positions = [("", _("Choose a position"))] + [
            (str(n), str(n)) for n in range(1, len(value["items"]) + 1)
        ]
        return {
            f"{key}__{index}": forms.ChoiceField(
                label=item,
                choices=positions,
                required=common["required"],
                error_messages={"required": _("Give a position to %(item)s") % {"item": item}},
            )
            for index, item in enumerate(value["items"])
        }
    if kind == "date":
        return {
            key: forms.DateField(
                widget=forms.DateInput(attrs={"type": "date"}),
                **{
                    **common,
                    "error_messages": {
                        **common["error_messages"],
                        "invalid": _("Enter a real date, for example 27 3 2026"),
                    },
                },
            )
        }
    if kind == "ward":
        # Either may be given; the form's clean() needs one when the question is required.
        ward = forms.ModelChoiceField(
            queryset=Ward.objects.order_by("name"),
            empty_label=_("Choose your ward"),
            **{**common, "required": False},
        )
        postcode = forms.CharField(
            label=_("Or give your postcode"),
            help_text=_("We use it only to find your ward, and do not keep it."),
            required=False,
            max_length=10,
        )
        if not _postcodes_resolve():
            return {key: ward, f"{key}__postcode": postcode}
        # Where postcodes give the ward, ask for the postcode; the ward list comes back, with
        # the reason, only when it gives none (QuestionForm.clean).
        postcode.label = common["label"]
        postcode.help_text = _("We use your postcode only to find your ward, and do not keep it.")
        ward.label, ward.hidden_until_needed = _("Or choose your ward"), ward.widget
        ward.widget = forms.HiddenInput()
        return {f"{key}__postcode": postcode, key: ward}
    if kind == "file":
        return {key: forms.FileField(validators=[_file_check(value)], **common)}
    if kind == "consent":
        return {key: forms.BooleanField(**common)}
    raise ValueError(f"Unknown question type {kind}")


def answer_from(question: Question, cleaned: dict) -> Any:
    """The answer as stored in the response's JSON (None when not answered)."""
    value, kind, key = question.value, question.kind, question.key
    if kind == "matrix":
        rows = {row: cleaned.get(f"{key}__{i}") for i, row in enumerate(value["rows"])}
        return {row: point for row, point in rows.items() if point} or None
    if kind == "ranking":
        ranks = {item: cleaned.get(f"{key}__{i}") for i, item in enumerate(value["items"])}
        ranked = sorted((int(rank), item) for item, rank in ranks.items() if rank)
        return [item for _, item in ranked] or None
    answer = cleaned.get(key)
    if kind == "date":
        return answer.isoformat() if answer else None
    if kind == "ward":
        return answer.code if answer else None
    if kind == "file":
        return None  # stored as an AnswerFile; the services record its name
    if kind == "consent":
        return bool(answer) or None
    return answer or None


def _postcodes_resolve() -> bool:
    from townhall.core.models import Borough
    from townhall.core.services.postcodes import has_postcodes

    return any(has_postcodes(borough) for borough in Borough.objects.all())


def ward_from(question: Question, cleaned: dict) -> tuple[Ward | None, str | None]:
    """The ward chosen, or found from the postcode; or why neither works."""
    from townhall.core.models import Borough
    from townhall.core.services.postcodes import look_up_postcode

    key = question.key
    if cleaned.get(key):
        return cleaned[key], None
    text = cleaned.get(f"{key}__postcode", "").strip()
    if text:
        reasons = []
        for borough in Borough.objects.all():
            found = look_up_postcode(borough, text)
            if found.found:
                return found.ward, None
            reasons.append(found.reason_and_ward_list)
        return None, reasons[0] if reasons else _("Choose your ward")
    if question.value.get("required"):
        return None, _("Choose your ward, or give your postcode")
    return None, None


def check_ranking(question: Question, cleaned: dict) -> str | None:
    """A ranking must not give two items the same position."""
    key = question.key
    ranks = [cleaned.get(f"{key}__{i}") for i in range(len(question.value["items"]))]
    given = [rank for rank in ranks if rank]
    if len(given) != len(set(given)):
        return _("Give each item a different position")
    if given and len(given) != len(ranks):
        return _("Give every item a position, or none")
    return None


def initial_for(question: Question, answer: Any) -> dict:
    """Form initial data from a stored answer, so people see what they saved."""
    key, kind, value = question.key, question.kind, question.value
    if answer is None:
        return {}
    if kind == "matrix":
        rows = list(value["rows"])
        return {f"{key}__{rows.index(row)}": point for row, point in answer.items() if row in rows}
    if kind == "ranking":
        items = list(value["items"])
        return {
            f"{key}__{items.index(item)}": str(n)
            for n, item in enumerate(answer, 1)
            if item in items
        }
    if kind == "ward":
        return {key: Ward.objects.filter(code=answer).first()}
    return {key: answer}


def shown(question: Question, answer: Any) -> str:
    """An answer as words, for receipts, check-your-answers and exports."""
    if answer is None or answer == "":
        return _("Not answered")
    if question.kind == "matrix":
        return "; ".join(f"{row}: {point}" for row, point in answer.items())
    if question.kind == "ranking":
        return ", ".join(f"{n}. {item}" for n, item in enumerate(answer, 1))
    if question.kind == "multiple_choice":
        return ", ".join(answer)
    if question.kind == "consent":
        return _("Yes")
    if question.kind == "ward":
        ward = Ward.objects.filter(code=answer).first()
        return ward.name if ward else answer
    return str(answer)
