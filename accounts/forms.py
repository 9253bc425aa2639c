from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.saved_filters import SAVED_FILTER_VIEWS
from accounts.services.saved_filters import QUERY_MAX_LENGTH, saved_filter_query_clean
from core.forms import TextLineField


class SavedFilterForm(forms.Form):
    """Save the filters shown on a staff queue under a name."""

    name = TextLineField(label=_("Name these filters"), max_length=80)
    view = forms.ChoiceField(
        choices=[(view, view) for view in SAVED_FILTER_VIEWS],
        widget=forms.HiddenInput,
    )
    query = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_query(self) -> str:
        """Checked as it will be stored: URL-encoded, which can be six times
        longer than typed (an accented letter is ``%C3%A9``)."""
        query: str = self.cleaned_data["query"]
        if len(saved_filter_query_clean(query)) > QUERY_MAX_LENGTH:
            raise forms.ValidationError(
                _(
                    "These filters are too long to save. Shorten the search "
                    "or remove some filters, then save them again."
                ),
                code="max_length",
            )
        return query


def saved_filter_form(*, view: str, query: str) -> SavedFilterForm:
    """The form that saves the filters ``query`` shows on the queue ``view``."""
    return SavedFilterForm(
        initial={"view": view, "query": query}, auto_id="saved-filter-%s"
    )
