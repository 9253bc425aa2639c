from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from learning_centre.models import Stage
from tools_catalog.models import (
    Adoption,
    Capability,
    DataType,
    DeploymentMode,
    Integration,
    Provider,
    Review,
    SupportedLanguage,
    Tool,
)
from tools_catalog.services import Decision


class UniqueIdsMixin:
    """Forms sharing a page get ids of their own (``review_text``, not ``id_text``)."""

    id_prefix = "id"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


# The listing's fields whose values come from the curated vocabulary.
VOCABULARY_FIELDS = (
    "capabilities",
    "data_types",
    "deployments",
    "integrations",
    "languages",
)


class ListingForm(forms.ModelForm):
    """What a provider may say about their tool; editors approve it."""

    stages = forms.ModelMultipleChoiceField(
        label=_("Workflow stages"),
        queryset=Stage.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    capabilities = forms.ModelMultipleChoiceField(
        label=_("Capabilities"), queryset=Capability.objects.all(), required=False
    )
    data_types = forms.ModelMultipleChoiceField(
        label=_("Data types"),
        queryset=DataType.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    deployments = forms.ModelMultipleChoiceField(
        label=_("Deployment"),
        queryset=DeploymentMode.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    integrations = forms.ModelMultipleChoiceField(
        label=_("Integrations"), queryset=Integration.objects.all(), required=False
    )
    languages = forms.ModelMultipleChoiceField(
        label=_("Languages supported"),
        queryset=SupportedLanguage.objects.all(),
        required=False,
    )

    class Meta:
        model = Tool
        fields = [
            "name",
            "summary",
            "description",
            "website",
            "stages",
            "capabilities",
            "data_types",
            "deployments",
            "deployment_notes",
            "data_leaves_premises",
            "cost_model",
            "cost_notes",
            "maturity",
            "integrations",
            "languages",
            "human_in_the_loop",
            "bias_statement",
            "security_certifications",
            "support_contact",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 6, "maxlength": 5000})}

    def __init__(
        self, *args: Any, providers: list[Provider] | None = None, **kwargs: Any
    ) -> None:
        """``providers``: the organisations the representative may list for; with
        more than one, the form asks which (only those are valid choices)."""
        super().__init__(*args, **kwargs)
        for name in VOCABULARY_FIELDS:
            messages = self.fields[name].error_messages
            messages["invalid_choice"] = _(
                "“%(value)s” is not in the catalogue's vocabulary: choose from "
                "the list, or ask the catalogue editors to add it."
            )
            messages["invalid_pk_value"] = _(
                "“%(pk)s” is not in the catalogue's vocabulary: choose from "
                "the list, or ask the catalogue editors to add it."
            )
        if providers and len(providers) > 1:
            self.fields = {
                "provider": forms.ModelChoiceField(
                    label=_("Organisation"),
                    queryset=Provider.objects.filter(pk__in=[p.pk for p in providers]),
                    help_text=_("The organisation this listing is for."),
                ),
                **self.fields,
            }

    def clean_description(self) -> str:
        text = self.cleaned_data.get("description") or ""
        if len(text) > 5000:
            raise forms.ValidationError(
                _("Keep the description under 5,000 characters.")
            )
        return text


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (Decision.APPROVE, _("Approve")),
            (Decision.REQUEST_CHANGES, _("Request changes")),
            (Decision.REJECT, _("Reject")),
        ],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment to the provider"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you request changes."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            cleaned.get("decision") == Decision.REQUEST_CHANGES
            and not (cleaned.get("comment") or "").strip()
        ):
            self.add_error("comment", _("Say what needs to change."))
        return cleaned


class ReviewForm(UniqueIdsMixin, forms.ModelForm):
    id_prefix = "review"

    class Meta:
        model = Review
        fields = ["rating", "text", "show_name"]
        widgets = {
            "rating": forms.Select(choices=[(i, str(i)) for i in range(1, 6)]),
            "text": forms.Textarea(attrs={"rows": 4, "maxlength": 5000}),
        }


class QuestionForm(UniqueIdsMixin, forms.Form):
    id_prefix = "question"

    text = forms.CharField(
        label=_("Your question to the provider"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class AdoptionForm(UniqueIdsMixin, forms.Form):
    id_prefix = "adoption"

    status = forms.ChoiceField(
        label=_("Your agency's status with this tool"),
        choices=[("", _("No status")), *Adoption.Status.choices],
        required=False,
    )


class ShortlistCreateForm(forms.Form):
    name = forms.CharField(label=_("New shortlist name"), max_length=120)


class ShortlistAddForm(UniqueIdsMixin, forms.Form):
    id_prefix = "shortlist"

    shortlist: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Shortlist"), queryset=None, required=False
    )
    new_name = forms.CharField(
        label=_("Or a new shortlist"), max_length=120, required=False
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, shortlists: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["shortlist"].queryset = shortlists  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("shortlist") and not (cleaned.get("new_name") or "").strip():
            raise forms.ValidationError(_("Choose a shortlist or name a new one."))
        return cleaned


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
