from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.forms import TextLineField
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
from tools_catalog.ratings import MAX_RATING, rating_stars_label
from tools_catalog.services import Decision


class UniqueIdsMixin:
    """Forms sharing a page get ids of their own (``review_text``, not ``id_text``)."""

    id_prefix = "id"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


class TermChoiceField(forms.ModelMultipleChoiceField):
    """Every term of a vocabulary, whether or not a tool uses it yet, named in
    the viewer's language (``local_name`` where the model has one) and posted
    by its slug (a stage by its key), as the listing's JSON stores it."""

    def __init__(self, *, queryset: Any, key: str = "slug", **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(queryset=queryset, to_field_name=key, **kwargs)

    def label_from_instance(self, obj: Any) -> str:
        return str(getattr(obj, "local_name", None) or obj.name)


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

    stages = TermChoiceField(
        label=_("Workflow stages"),
        queryset=Stage.objects.all(),
        key="key",
        widget=forms.CheckboxSelectMultiple,
    )
    capabilities = TermChoiceField(
        label=_("Capabilities"), queryset=Capability.objects.all()
    )
    data_types = TermChoiceField(
        label=_("Data types"),
        queryset=DataType.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    deployments = TermChoiceField(
        label=_("Deployment"),
        queryset=DeploymentMode.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    integrations = TermChoiceField(
        label=_("Integrations"), queryset=Integration.objects.all()
    )
    languages = TermChoiceField(
        label=_("Languages supported"),
        queryset=SupportedLanguage.objects.all(),
        widget=forms.CheckboxSelectMultiple,
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
        field_classes = {"name": TextLineField}

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


def _rating_choices() -> list[tuple[int, str]]:
    return [(i, rating_stars_label(i)) for i in range(1, MAX_RATING + 1)]


RATING_REQUIRED = _("Choose a rating from 1 to 5 stars.")


class ReviewForm(UniqueIdsMixin, forms.ModelForm):
    """No rating is chosen for the member: five radios, none checked, and a
    clear message when none is chosen (a select would show 1 as chosen)."""

    id_prefix = "review"

    rating = forms.TypedChoiceField(
        label=_("Rating"),
        choices=_rating_choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": RATING_REQUIRED, "invalid_choice": RATING_REQUIRED},
    )

    class Meta:
        model = Review
        fields = ["rating", "text", "show_name"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4, "maxlength": 5000})}
        help_texts = {
            "show_name": _(
                "Members see your agency type and country with your review, and "
                "your name only if you tick this. Providers never see who wrote it."
            )
        }

    def __init__(self, *args: Any, name_may_show: bool = True, **kwargs: Any) -> None:
        """``name_may_show``: the member's account lets others see their name
        (``User.show_name``). When it does not, no review may show it, so the
        box is not offered (``accounts.selectors.user_display_name`` agrees)."""
        super().__init__(*args, **kwargs)
        if not name_may_show:
            del self.fields["show_name"]


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


class IdListField(forms.Field):
    """Many positive integer ids from repeated fields (``tools=3&tools=7``),
    de-duplicated in order; at most ``max_ids`` are read, whatever is posted."""

    widget = forms.MultipleHiddenInput

    def __init__(self, *, max_ids: int, **kwargs: Any) -> None:
        self.max_ids = max_ids
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> list[int]:
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        ids: list[int] = []
        for raw in list(value)[: self.max_ids]:
            try:
                pk = int(raw)
            except (TypeError, ValueError):
                raise forms.ValidationError(
                    _("Not a tool of the catalogue."), code="invalid"
                ) from None
            if pk > 0 and pk not in ids:
                ids.append(pk)
        return ids


class CompareTrayForm(forms.Form):
    """What the compare tray's buttons post: tools ticked on cards or a tool
    page (``tools``), one tool to take out (``drop``), or a ``command``. (A
    control named ``remove`` or ``action`` would hide the form element's own
    ``remove()`` and ``action``, which htmx uses.)"""

    class Command(models.TextChoices):
        ADD = "add", _("Add to compare")
        COMPARE = "compare", _("Compare selected")
        CLEAR = "clear", _("Empty the tray")

    tools = IdListField(max_ids=20, required=False)
    drop = forms.IntegerField(min_value=1, required=False)
    command = forms.ChoiceField(choices=Command.choices, required=False)
    next = forms.CharField(max_length=2000, required=False)


class ShortlistCreateForm(forms.Form):
    name = TextLineField(label=_("New shortlist name"), max_length=120)


class ShortlistAddForm(UniqueIdsMixin, forms.Form):
    id_prefix = "shortlist"

    shortlist: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Shortlist"), queryset=None, required=False
    )
    new_name = TextLineField(
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
