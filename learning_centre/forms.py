from typing import Any

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.translation import localised_html
from learning_centre.models import Module, ReadinessQuestion

READINESS_SCALE = [
    ("0", _("Not started")),
    ("1", _("Planned")),
    ("2", _("Partly in place")),
    ("3", _("Mostly in place")),
    ("4", _("Fully in place")),
]


class QuizForm(forms.Form):
    """One radio group per question; values are option ids."""

    def __init__(self, *args: Any, module: Module, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(module.questions.all())
        for number, question in enumerate(self.questions, start=1):
            self.fields[f"q{question.pk}"] = forms.TypedChoiceField(
                label=format_html(
                    "{}. {}", number, localised_html(question.local_text)
                ),
                choices=[
                    (o.pk, localised_html(o.local_text)) for o in question.options.all()
                ],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "invalid_choice": _("Choose one of the answers shown."),
                    "required": _("Answer this question."),
                },
            )

    def answers(self) -> dict[int, int]:
        return {q.pk: self.cleaned_data[f"q{q.pk}"] for q in self.questions}


class ReadinessForm(forms.Form):
    def __init__(
        self, *args: Any, questions: list[ReadinessQuestion], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[f"r{question.pk}"] = forms.TypedChoiceField(
                label=localised_html(question.local_text),
                choices=READINESS_SCALE,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "invalid_choice": _("Choose one of the answers shown."),
                    "required": _("Answer this statement."),
                },
            )

    def answers(self) -> dict[int, int]:
        return {q.pk: self.cleaned_data[f"r{q.pk}"] for q in self.questions}

    def fields_by_dimension(self) -> list[tuple[str, list[forms.BoundField]]]:
        groups: dict[str, list[forms.BoundField]] = {}
        labels: dict[str, str] = {}
        for question in self.questions:
            labels[question.dimension] = str(question.get_dimension_display())
            groups.setdefault(question.dimension, []).append(self[f"r{question.pk}"])
        return [(labels[d], fields) for d, fields in groups.items()]
