"""The pattern library's sample content (/staff/design/): every component in
every state, with made-up data and nothing read from the database."""

from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _

from core.forms import TextLineField


class SampleForm(forms.Form):
    """A form shown blank and with errors: fields, hints, selects."""

    full_name = TextLineField(
        label=_("Full name"), help_text=_("As it appears on your ID."), max_length=80
    )
    organisation_type = forms.ChoiceField(
        label=_("Organisation type"),
        choices=[
            ("", "---------"),
            ("ngo", _("Non-profit organisation")),
            ("school", _("School")),
        ],
    )
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea, required=False)


def icon_names() -> list[str]:
    listing = Path(settings.BASE_DIR) / "static" / "icons" / "icons.txt"
    return [
        line.strip()
        for line in listing.read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]


def design_context() -> dict[str, Any]:
    paginator = Paginator(list(range(50)), 10)
    return {
        "blank_form": SampleForm(auto_id="blank_%s"),
        "invalid_form": SampleForm(data={}, auto_id="invalid_%s"),
        "first_page": paginator.page(1),
        "middle_page": paginator.page(3),
        "table_headers": [_("Name"), _("Stage"), _("Status")],
        "table_rows": [
            ["Amina Rahman", "2", _("Submitted")],
            ["李小龙", "3", _("In review")],
            ["فاطمة الزهراء", "1", _("Approved")],
        ],
        "tabs": [
            {"label": _("Needs action"), "href": "#tabs", "current": True},
            {"label": _("Assigned to me"), "href": "#tabs"},
            {"label": _("All"), "href": "#tabs"},
        ],
        "breadcrumb": [
            {"label": _("Staff"), "href": "#breadcrumb"},
            {"label": _("Design system"), "href": "#breadcrumb"},
        ],
        "chips": [_("Safeguarding"), _("Free"), _("English")],
        "monogram_names": [
            "Amina Rahman",
            "Child Safety Lab",
            "فاطمة الزهراء",
            "李小龙",
            "Олег Петров",
            "Zoë",
        ],
        "icon_names": icon_names(),
        "sort_options": [("name", _("Name")), ("age", _("Oldest first"))],
    }
