from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.saved_filters import SAVED_FILTER_VIEWS
from core.forms import TextLineField


class SavedFilterForm(forms.Form):
    """Save the filters shown on a staff queue under a name."""

    name = TextLineField(label=_("Name these filters"), max_length=80)
    view = forms.ChoiceField(
        choices=[(view, view) for view in SAVED_FILTER_VIEWS],
        widget=forms.HiddenInput,
    )
    query = forms.CharField(required=False, max_length=1000, widget=forms.HiddenInput)


def saved_filter_form(*, view: str, query: str) -> SavedFilterForm:
    """The form that saves the filters ``query`` shows on the queue ``view``."""
    return SavedFilterForm(
        initial={"view": view, "query": query}, auto_id="saved-filter-%s"
    )
