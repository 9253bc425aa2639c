import zoneinfo
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField  # type: ignore[attr-defined]

from accounts.selectors import user_staff_label
from community.models import (
    Category,
    Event,
    EventAudience,
    MemberProfile,
    Post,
    Registration,
    RegistrationStatus,
    Sensitivity,
)
from community.selectors import (
    directory_clean_query,
    directory_query_terms,
    flagged_post_list,
)
from community.services.directory import PROFILE_FIELDS
from core.forms import TextLineField
from core.timezones import time_zone_choices
from learning_centre.models import Stage

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def _country_choices() -> list[tuple[str, str]]:
    """Country names in the reader's language, sorted in it (each time the
    form is shown, not once at import in whatever language was active then)."""
    return [("", "—"), *countries]


def _post_body_field(*, label: "StrOrPromise", rows: int) -> forms.CharField:
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": rows}),
        max_length=20000,
        help_text=_(
            "Markdown is supported. Never post evidence or identifying details of victims."  # noqa: E501
        ),
    )


class TopicForm(forms.Form):
    title = TextLineField(label=_("Title"), max_length=160)
    sensitivity = forms.ChoiceField(
        label=_("Sensitivity label"),
        choices=Sensitivity.choices,
        initial=Sensitivity.GREEN,
        help_text=_(
            "AMBER topics are never copied into emails; only their title and a link are."  # noqa: E501
        ),
    )
    body = _post_body_field(label=_("Text"), rows=10)


class PostForm(forms.Form):
    body = _post_body_field(label=_("Your reply"), rows=8)


class FlagForm(forms.Form):
    reason = forms.CharField(
        label=_("Why should a moderator look at this post?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=1000,
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the forums"), min_length=2, max_length=100)


class TopicMoveForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("Move to"), queryset=Category.objects.all()
    )


class SuspendForm(forms.Form):
    email = forms.EmailField(label=_("Member's email address"))
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class DirectorySearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name, agency, unit, role or language"),
        required=False,
        max_length=60,
        help_text=_(
            "Words of three letters or more, matched at the start of a word. "
            "Only details members chose to show are searched."
        ),
    )
    country = LazyTypedChoiceField(
        label=_("Country"), choices=_country_choices, required=False
    )
    stage = forms.ModelChoiceField(
        label=_("Expertise"),
        queryset=Stage.objects.all(),
        required=False,
        to_field_name="key",
        empty_label="—",
    )

    def clean_q(self) -> str:
        """The searched terms only: one- and two-letter words narrow nothing
        ("e e" matched every listed officer), so a query made only of them,
        or of wildcards, is refused rather than run."""
        query = directory_clean_query(self.cleaned_data.get("q", ""))
        terms = directory_query_terms(query)
        if query and not terms:
            raise forms.ValidationError(
                _(
                    "Type at least one word of three letters or more; shorter "
                    "words and wildcards are not searched."
                )
            )
        return " ".join(terms)

    def clean(self) -> dict:
        """A country narrows a search but is not one: alone it would page
        through every listed officer of that country."""
        data = super().clean() or {}
        if not self.errors and not (data.get("q") or data.get("stage")):
            raise forms.ValidationError(
                _(
                    "Type a name or a term, or choose an area of expertise; "
                    "a country only narrows the search."
                )
            )
        return data


class ContactRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=1000,
        help_text=_("Say who you are and why you would like to get in touch."),
    )


class ProfileForm(forms.ModelForm):
    """Community settings, saved by ``services.directory.profile_update`` (the
    time zone may be left unset).

    Until the member picks a zone the list starts on "not chosen" (UTC), and
    static/js/community.js may preselect the browser's zone (marked by the
    ``data-browser-time-zone`` attribute); without JavaScript nothing changes.
    """

    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        help_text=_("Event times are shown in this zone."),
        widget=forms.Select(attrs={"data-browser-time-zone": "suggest"}),
    )
    # The account's choice (User.show_name), read by every app: saved with the rest.
    show_name = forms.BooleanField(
        label=_("Show my name to other members"),
        required=False,
        help_text=_(
            "In the forums, events and this directory. Otherwise they see a "
            "pseudonym such as “Member 7KQ3XM”."
        ),
    )

    class Meta:
        model = MemberProfile
        fields = PROFILE_FIELDS
        widgets = {
            "expertise": forms.CheckboxSelectMultiple,
            "contact_details": forms.Textarea(attrs={"rows": 3}),
        }
        field_classes = {
            "agency": TextLineField,
            "unit": TextLineField,
            "role_title": TextLineField,
            "languages": TextLineField,
        }

    field_order = ["listed", "show_name"]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if self.instance.user_id:
            self.initial.setdefault("show_name", self.instance.user.show_name)
        field = cast(forms.ChoiceField, self.fields["time_zone"])
        zones = time_zone_choices(
            country=str(self.instance.country or ""),
            current=self.instance.time_zone,
        )
        if self.instance.time_zone_chosen:
            field.choices = zones
            self.initial["time_zone"] = self.instance.time_zone
        else:
            field.required = False
            field.choices = [("", _("Not chosen yet (times are shown in UTC)")), *zones]
            self.initial["time_zone"] = ""


class EventForm(forms.ModelForm):
    time_zone = forms.ChoiceField(label=_("Event time zone"))
    starts_local = forms.DateTimeField(
        label=_("Starts (in the event's time zone)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    ends_local = forms.DateTimeField(
        label=_("Ends (in the event's time zone)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )

    class Meta:
        model = Event
        fields = [
            "title",
            "slug",
            "kind",
            "description",
            "time_zone",
            "audience",
            "recurrence",
            "recurrence_count",
            "online_url",
            "venue",
            "capacity",
            "recording_url",
            "materials",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "materials": forms.Textarea(attrs={"rows": 4}),
        }
        field_classes = {"title": TextLineField, "venue": TextLineField}
        field_order = [
            "title",
            "slug",
            "kind",
            "description",
            "time_zone",
            "starts_local",
            "ends_local",
        ]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        # Left out, an event is for members, as every event was before audiences.
        self.fields["audience"].required = False
        cast(forms.ChoiceField, self.fields["time_zone"]).choices = time_zone_choices(
            current=self.instance.time_zone if self.instance.pk else ""
        )
        if self.instance.pk:
            zone = zoneinfo.ZoneInfo(self.instance.time_zone)
            self.initial["starts_local"] = self.instance.starts_at.astimezone(
                zone
            ).replace(tzinfo=None)
            self.initial["ends_local"] = self.instance.ends_at.astimezone(zone).replace(
                tzinfo=None
            )

    def clean_audience(self) -> str:
        return self.cleaned_data.get("audience") or EventAudience.MEMBERS

    def clean(self) -> dict:
        data = super().clean() or {}
        zone_name = data.get("time_zone")
        if zone_name and data.get("starts_local") and data.get("ends_local"):
            zone = zoneinfo.ZoneInfo(zone_name)
            starts = data["starts_local"].replace(tzinfo=zone)
            ends = data["ends_local"].replace(tzinfo=zone)
            if ends <= starts:
                self.add_error("ends_local", _("The event must end after it starts."))
            self.instance.starts_at = starts
            self.instance.ends_at = ends
        return data


class AttendeeChoiceField(forms.ModelMultipleChoiceField):
    """Moderators record attendance: a staff screen, so people are identified."""

    def label_from_instance(self, obj: Registration) -> str:
        return user_staff_label(obj.user)


class AttendanceForm(forms.Form):
    attended = AttendeeChoiceField(
        label=_("Who attended"),
        queryset=Registration.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Tick everyone who came; registered members left unticked did not."
        ),
    )

    def __init__(self, *args: object, event: Event, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        registrations = (
            Registration.objects.filter(
                event=event, status=RegistrationStatus.REGISTERED
            )
            .select_related("user")
            .order_by("user__full_name", "pk")
        )
        field = cast(forms.ModelMultipleChoiceField, self.fields["attended"])
        field.queryset = registrations
        self.initial["attended"] = [r.pk for r in registrations if r.attended]


class PostBulkModerateForm(forms.Form):
    """Hide several flagged posts, or dismiss their flags, at once. Only posts
    with an open flag may be ticked: any other id makes the form invalid."""

    action = forms.ChoiceField(
        label=_("Action"),
        choices=[("dismiss", _("Dismiss the flags")), ("hide", _("Hide"))],
    )
    posts = forms.ModelMultipleChoiceField(
        queryset=Post.objects.none(), widget=forms.MultipleHiddenInput
    )
    query = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "bulk-%s")
        super().__init__(*args, **kwargs)
        posts = cast(forms.ModelMultipleChoiceField, self.fields["posts"])
        posts.queryset = flagged_post_list()
