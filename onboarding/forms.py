from typing import Any, cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import Perm
from accounts.selectors import user_list_with_capability, user_staff_label
from core.forms import TextLineField
from learning_centre.models import Stage
from onboarding.models import Application, InfoRequestTemplate, RejectionReason
from onboarding.selectors import application_case_list

MEMBER_SECTIONS: list[tuple[Any, list[str]]] = [
    (
        _("About you"),
        ["full_name", "work_email", "job_title", "role_category", "years_in_role"],
    ),
    (_("Your agency"), ["agency_name", "agency_type", "country", "unit"]),
    (_("Your supervisor"), ["supervisor_name", "supervisor_email", "supervisor_phone"]),
    (
        _("Your interests"),
        ["interests", "languages", "other_languages", "heard_about", "referee_email"],
    ),
    (_("Consent"), ["consent"]),
]
PROVIDER_SECTIONS: list[tuple[Any, list[str]]] = [
    (
        _("Your organisation"),
        ["organisation_name", "provider_type", "website", "country"],
    ),
    (_("Contact"), ["full_name", "job_title", "work_email"]),
    (_("Your tools"), ["tools_offered", "interests"]),
    (_("Consent"), ["consent"]),
]


class ApplicationForm(forms.ModelForm):
    """The questionnaire. Saving a draft accepts blanks; submitting does not."""

    # Never looked up here: the answer must not depend on who is a member.
    referee_email = forms.EmailField(
        label=_("Referee's email (optional)"),
        required=False,
        help_text=_(
            "An active member of the Hub who can vouch for you. We ask them "
            "ourselves once you submit."
        ),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you work in"),
        choices=settings.LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    interests = forms.ModelMultipleChoiceField(
        label=_("Areas of interest"),
        queryset=Stage.objects.order_by("position"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    consent = forms.BooleanField(
        label=_("I accept the terms of use and the privacy notice."),
        required=False,
    )

    class Meta:
        model = Application
        fields = [
            "full_name",
            "work_email",
            "job_title",
            "role_category",
            "years_in_role",
            "agency_name",
            "agency_type",
            "country",
            "unit",
            "supervisor_name",
            "supervisor_email",
            "supervisor_phone",
            "interests",
            "languages",
            "other_languages",
            "heard_about",
            "referee_email",
            "consent",
        ]
        widgets: dict[str, forms.Widget] = {
            "years_in_role": forms.NumberInput(attrs={"min": 0, "max": 60})
        }
        # Names shown to staff and, once vetted, to members: no bidi controls.
        field_classes = dict.fromkeys(
            [
                "full_name",
                "job_title",
                "agency_name",
                "unit",
                "supervisor_name",
                "organisation_name",
            ],
            TextLineField,
        )

    sections = MEMBER_SECTIONS
    # Browsers must not block "Save draft" over an empty required field.
    use_required_attribute = False

    def __init__(self, *args: Any, user: User, submitting: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.user = user
        self.submitting = submitting
        self.fields["interests"].label_from_instance = lambda stage: stage.local_name  # type: ignore[attr-defined]
        for name in self.required_on_submit():
            self.fields[name].required = submitting

    # Every other field of the questionnaire is required to submit (not to save).
    optional_on_submit: tuple[str, ...] = (
        "years_in_role",
        "interests",
        "languages",
        "other_languages",
        "heard_about",
        "referee_email",
    )

    def required_on_submit(self) -> list[str]:
        return [name for name in self.fields if name not in self.optional_on_submit]

    def section_list(self) -> list[tuple[Any, list[forms.BoundField]]]:
        return [
            (title, [self[name] for name in names]) for title, names in self.sections
        ]

    def clean_years_in_role(self) -> int | None:
        years = self.cleaned_data.get("years_in_role")
        if years is not None and years > 60:
            raise forms.ValidationError(_("Enter a number of years between 0 and 60."))
        return years

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        supervisor = (data.get("supervisor_email") or "").lower()
        own = {self.user.email.lower(), (data.get("work_email") or "").lower()}
        if supervisor and supervisor in own:
            self.add_error(
                "supervisor_email",
                _("Give your supervisor's address, not your own."),
            )
        # Only the applicant's own addresses are compared: nothing about members.
        referee = (data.get("referee_email") or "").lower()
        if referee and referee in own:
            self.add_error("referee_email", _("You cannot be your own referee."))
        return data

    def draft_data(self) -> dict[str, Any]:
        """Cleaned answers to store, without the M2M."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name != "interests"
        }


class ProviderApplicationForm(ApplicationForm):
    class Meta(ApplicationForm.Meta):
        fields = [
            "organisation_name",
            "provider_type",
            "website",
            "country",
            "full_name",
            "job_title",
            "work_email",
            "tools_offered",
            "interests",
            "consent",
        ]
        widgets = {"tools_offered": forms.Textarea(attrs={"rows": 5})}

    sections = PROVIDER_SECTIONS

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        for name in ("referee_email", "languages"):
            del self.fields[name]
        self.fields["work_email"].label = _("Contact email")
        self.fields["interests"].label = _("Workflow stages your tools support")

    optional_on_submit = ("interests",)


class AnswerForm(forms.Form):
    body = forms.CharField(
        label=_("Your answer"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class VersionForm(forms.Form):
    """The version of the case the verifier saw: a stale decision is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    # Several of these forms share the case page: ids must stay unique.
    id_format: str | bool = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", self.id_format)
        super().__init__(*args, **kwargs)


class LocalisedTitleChoiceField(forms.ModelChoiceField):
    """A reason or standard question, named by its title in the verifier's
    language (English when it has no translation)."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.localised("title"))


class RequestInfoForm(VersionForm):
    id_format = "info_%s"
    template = LocalisedTitleChoiceField(
        label=_("Standard question"),
        queryset=InfoRequestTemplate.objects.filter(active=True),
        required=False,
        empty_label=_("(write the question below)"),
        help_text=_("Sent in the applicant's language."),
    )
    question = forms.CharField(
        label=_("Question to the applicant"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("template") and not (data.get("question") or "").strip():
            raise forms.ValidationError(
                _("Choose a standard question or write one to the applicant.")
            )
        return data


class RejectForm(VersionForm):
    id_format = "reject_%s"
    reason = LocalisedTitleChoiceField(
        label=_("Reason"),
        queryset=RejectionReason.objects.filter(active=True),
        required=False,
        empty_label=_("(write the reason below)"),
    )
    message = forms.CharField(
        label=_("Message to the applicant"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("reason") and not (data.get("message") or "").strip():
            raise forms.ValidationError(
                _("Choose a reason or write a message to the applicant.")
            )
        return data


class NoteForm(forms.Form):
    body = forms.CharField(
        label=_("Internal note"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Seen by verifiers only, never by the applicant."),
    )


class ConfirmationForm(forms.Form):
    answer = forms.TypedChoiceField(
        label=_("Your answer"),
        choices=[("yes", _("Yes, I confirm")), ("no", _("No, I cannot confirm"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ObjectionForm(forms.Form):
    comment = forms.CharField(
        label=_("Why do you object? (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only the Hub's staff read this."),
    )


class VerifierChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return user_staff_label(obj)


class CaseBulkForm(forms.Form):
    """Claim or assign several open cases of the queue at once.

    ``cases`` accepts only open cases a verifier may see: any other id makes the
    form invalid, so nothing is done."""

    CLAIM, ASSIGN = "claim", "assign"
    action = forms.ChoiceField(
        label=_("Action"),
        choices=[(CLAIM, _("Claim (assign to me)")), (ASSIGN, _("Assign to…"))],
    )
    assignee = VerifierChoiceField(
        label=_("Verifier"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Choose a verifier"),
    )
    cases = forms.ModelMultipleChoiceField(
        queryset=Application.objects.none(), widget=forms.MultipleHiddenInput
    )
    query = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The queue's filter form has an "assignee" too: ids must stay unique.
        kwargs.setdefault("auto_id", "bulk-%s")
        super().__init__(*args, **kwargs)
        assignee = cast(VerifierChoiceField, self.fields["assignee"])
        assignee.queryset = user_list_with_capability(
            perm=Perm.VERIFY_APPLICATIONS
        ).order_by("full_name", "email")
        cases = cast(forms.ModelMultipleChoiceField, self.fields["cases"])
        cases.queryset = application_case_list().filter(
            status__in=Application.OPEN_STATUSES
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("action") == self.ASSIGN and not data.get("assignee"):
            self.add_error("assignee", _("Choose the verifier to assign the cases to."))
        return data
