import zoneinfo
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.selectors import user_staff_label
from community.challenges.attachments import ALLOWED_EXTENSIONS
from community.models import Challenge, Criterion
from community.models.challenges import SCORE_MAX, SCORE_MIN
from core.forms import TextLineField
from core.timezones import time_zone_choices
from learning_centre.models import Stage
from tools_catalog.models import Tool

TIMELINE = (
    ("registration_opens_at", _("Registration opens")),
    ("registration_closes_at", _("Registration closes")),
    ("build_ends_at", _("Submission deadline")),
    ("judging_ends_at", _("Judging ends")),
    ("results_at", _("Results announced")),
)


class ChallengeForm(forms.ModelForm):
    """Times are typed in the chosen zone and stored in UTC."""

    time_zone = forms.ChoiceField(
        label=_("Time zone of the dates below"),
        choices=time_zone_choices,  # a callable: the reader's language, per form
        initial="UTC",
    )

    class Meta:
        model = Challenge
        fields = [
            "title",
            "slug",
            "problem",
            "stage",
            "rules",
            "eligibility",
            "team_size_max",
        ]
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 8}),
            "rules": forms.Textarea(attrs={"rows": 6}),
        }
        field_classes = {"title": TextLineField}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, label in TIMELINE:
            self.fields[f"{name}_local"] = forms.DateTimeField(
                label=label,
                widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
            )
            moment = getattr(self.instance, name, None)
            if moment is not None:
                self.initial[f"{name}_local"] = moment.astimezone(
                    zoneinfo.ZoneInfo("UTC")
                ).replace(tzinfo=None)

    def clean(self) -> dict:
        data = super().clean() or {}
        zone = zoneinfo.ZoneInfo(data.get("time_zone") or "UTC")
        for name, _label in TIMELINE:
            local = data.get(f"{name}_local")
            if local is not None:
                setattr(self.instance, name, local.replace(tzinfo=zone))
        return data


class CriterionForm(forms.Form):
    name = TextLineField(label=_("Criterion"), max_length=120)
    description = TextLineField(
        label=_("What judges look for"), max_length=400, required=False
    )
    weight = forms.IntegerField(label=_("Weight"), min_value=1, max_value=100)


CriterionFormSet = forms.formset_factory(
    CriterionForm, extra=2, min_num=1, validate_min=True, max_num=10
)


def criteria_initial(challenge: Challenge) -> list[dict[str, Any]]:
    return [
        {"name": c.name, "description": c.description, "weight": c.weight}
        for c in Criterion.objects.filter(challenge=challenge)
    ]


class JudgeChoiceField(forms.ModelChoiceField):
    """A staff screen: people are identified."""

    def label_from_instance(self, obj: User) -> str:
        return user_staff_label(obj)


class JudgeAssignForm(forms.Form):
    user = JudgeChoiceField(label=_("Judge"), queryset=User.objects.none())

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = candidates  # type: ignore[attr-defined]


class ResultsForm(forms.Form):
    summary = forms.CharField(
        label=_("Results summary (public)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown on the landing page: name no person, only teams and ideas."),
    )


class TeamForm(forms.Form):
    name = TextLineField(label=_("Team name"), max_length=80)


class JoinCodeForm(forms.Form):
    code = TextLineField(label=_("Team code"), max_length=24)


class SubmissionForm(forms.Form):
    title = TextLineField(label=_("Title"), max_length=160)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What it does, and for whom in the investigation."),
    )
    stage = forms.ModelChoiceField(
        label=_("Workflow stage it helps"), queryset=Stage.objects.order_by("position")
    )
    tool = forms.ModelChoiceField(
        label=_("Tool it improves (optional)"),
        queryset=Tool.objects.published().order_by("name"),
        required=False,
        help_text=_("Its provider sees the result in their portal."),
    )
    repository_url = forms.URLField(label=_("Repository link"), required=False)
    demo_url = forms.URLField(label=_("Demo link"), required=False)
    attachment = forms.FileField(
        label=_("Attachment (optional)"),
        required=False,
        help_text=_("PDF, PNG, JPEG, plain text or ZIP. Never attach evidence."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ALLOWED_EXTENSIONS)}),
    )


class ScoreForm(forms.Form):
    """One score and comment per criterion, built from the challenge's criteria."""

    def __init__(self, *args: Any, criteria: list[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"score_{criterion.pk}"] = forms.IntegerField(
                label=criterion.name,
                min_value=SCORE_MIN,
                max_value=SCORE_MAX,
                help_text=criterion.description,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment on “%(name)s”") % {"name": criterion.name},
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def values(self) -> dict[int, tuple[int, str]]:
        return {
            c.pk: (
                self.cleaned_data[f"score_{c.pk}"],
                self.cleaned_data.get(f"comment_{c.pk}", ""),
            )
            for c in self.criteria
        }
