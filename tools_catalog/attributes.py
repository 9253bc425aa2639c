"""Every attribute of a tool as labelled, grouped cells, for the page, compare and CSV.

A cell is "not disclosed" (a value of its own, never "no") when the fact is
missing. Terms carry their one-line definitions (``items``); a claim carries
its evidence (``evidence``). A claim's value is read from the listing where the
listing states the fact (``claim_value``), so the two never disagree. Works on
prefetched tools: no queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlsplit

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tools_catalog import conf
from tools_catalog.models import Disclosure, Provider, Tool, ToolClaim, claim_value
from tools_catalog.ratings import rating_average_summary


@dataclass
class Evidence:
    """What backs a claim, as a member reads it."""

    url: str = ""
    title: str = ""
    host: str = ""
    document_date: date | None = None
    verified_by: str = ""
    verified_on: date | None = None
    expires_on: date | None = None
    expired: bool = False


@dataclass
class Cell:
    text: str
    missing: bool = False
    provenance: str = ""
    # Terms with their definitions: (name, definition), for the tool page.
    items: list[tuple[str, str]] = field(default_factory=list)
    evidence: Evidence | None = None
    warning: str = ""


@dataclass
class Row:
    label: str
    cells: list[Cell]

    @property
    def differs(self) -> bool:
        return len({(c.text, c.provenance) for c in self.cells}) > 1


def _nd() -> Cell:
    return Cell(_("Not disclosed"), missing=True)


def _text(value: str) -> Cell:
    return Cell(value) if value else _nd()


def _choice(value: str, label: str) -> Cell:
    return _nd() if value == Disclosure.NOT_DISCLOSED else Cell(label)


def _names(items: list) -> Cell:
    names = [getattr(i, "local_name", None) or i.name for i in items]
    if not names:
        return _nd()
    definitions = [getattr(i, "local_definition", "") for i in items]
    return Cell(", ".join(names), items=list(zip(names, definitions, strict=True)))


def _host(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def _evidence(claim: ToolClaim) -> Evidence:
    verified = claim.provenance == ToolClaim.Provenance.STAFF_VERIFIED
    verifier = ""
    if verified:
        user = claim.verified_by
        verifier = (user.full_name if user else "") or _("a catalogue editor")
    return Evidence(
        url=claim.evidence_url,
        title=claim.evidence_title or _host(claim.evidence_url),
        host=_host(claim.evidence_url),
        document_date=claim.evidence_date,
        verified_by=verifier,
        verified_on=claim.dated if verified else None,
        expires_on=claim.verification_expires_on if verified else None,
        expired=claim.verification_expired,
    )


def _claim_cell(tool: Tool, kind: str, claim: ToolClaim | None) -> Cell:
    """The claim's value (from the listing where it states the fact) and its
    evidence; a claim with no value is "not disclosed", whatever its evidence."""
    value = claim_value(tool, kind, claim)
    if value == Disclosure.NOT_DISCLOSED:
        return _nd()
    label = str(Disclosure(value).label)
    if claim is None:
        return Cell(label, provenance=_("No evidence recorded"))
    return Cell(
        label,
        provenance=claim.effective_provenance_label,
        evidence=_evidence(claim),
    )


def _last_vetted(tool: Tool) -> Cell:
    if not tool.last_vetted_on:
        return Cell(_("Not vetted yet"), missing=True)
    cell = Cell(date_format(tool.last_vetted_on))
    due = tool.last_vetted_on + timedelta(days=conf.verification_valid_days())
    if due < timezone.localdate():
        cell.warning = _("Due for vetting again")
    return cell


def _country(provider: Provider) -> Cell:
    country: Any = provider.country
    return Cell(str(country.name)) if country else _nd()


def _claims(tool: Tool) -> dict[str, ToolClaim]:
    return {c.kind: c for c in tool.claims.all()}


def card_facts(
    tool: Tool, *, deployments: list | None = None
) -> list[tuple[str, Cell]]:
    """The first questions a result card answers, from the card's columns and
    its deployments (``deployments``, already labelled: the browse page's
    ``selectors.BrowseResults``; else the tool's own): no queries."""
    if deployments is None:
        deployments = list(tool.deployments.all())
    return [
        (_("Deployment"), _names(deployments)),
        (_("Cost"), _choice(tool.cost_model, tool.get_cost_model_display())),
        (
            _("Data leaves the premises"),
            _choice(tool.data_leaves_premises, tool.get_data_leaves_premises_display()),
        ),
        (_("Maturity"), _choice(tool.maturity, tool.get_maturity_display())),
    ]


def tool_groups(tool: Tool) -> list[tuple[str, list[tuple[str, Cell]]]]:
    provider = tool.provider
    claims = _claims(tool)
    rating = (
        Cell(rating_average_summary(tool.rating_average, tool.rating_count))
        if tool.rating_count
        else Cell(_("No reviews yet"), missing=True)
    )
    claim_rows = [
        (str(kind.label), _claim_cell(tool, kind.value, claims.get(kind.value)))
        for kind in ToolClaim.Kind
    ]
    return [
        (
            _("Overview"),
            [
                (_("Provider"), Cell(provider.name)),
                (_("Provider country"), _country(provider)),
                (_("Provider type"), Cell(provider.get_provider_type_display())),
                (_("Maturity"), _choice(tool.maturity, tool.get_maturity_display())),
                (_("Last vetted"), _last_vetted(tool)),
                (_("Members' rating"), rating),
            ],
        ),
        (
            _("Workflow and capabilities"),
            [
                (_("Workflow stages"), _names(list(tool.stages.all()))),
                (_("Capabilities"), _names(list(tool.capabilities.all()))),
                (_("Data types"), _names(list(tool.data_types.all()))),
                (_("Integrations"), _names(list(tool.integrations.all()))),
                (_("Languages supported"), _names(list(tool.languages.all()))),
            ],
        ),
        (
            _("Deployment and data"),
            [
                (_("Deployment"), _names(list(tool.deployments.all()))),
                (_("Deployment notes"), _text(tool.deployment_notes)),
                (
                    _("Data leaves the agency's premises"),
                    _choice(
                        tool.data_leaves_premises,
                        tool.get_data_leaves_premises_display(),
                    ),
                ),
            ],
        ),
        (
            _("Cost"),
            [
                (
                    _("Cost for law enforcement"),
                    _choice(tool.cost_model, tool.get_cost_model_display()),
                ),
                (_("Cost notes"), _text(tool.cost_notes)),
            ],
        ),
        (
            _("Safeguards and support"),
            [
                (_("Human in the loop"), _text(tool.human_in_the_loop)),
                (_("Training data and bias"), _text(tool.bias_statement)),
                (_("Security certifications"), _text(tool.security_certifications)),
                (_("Support contact"), _text(tool.support_contact)),
            ],
        ),
        (_("Key claims and their evidence"), claim_rows),
    ]


def compare_rows(tools: list[Tool]) -> list[tuple[str, list[Row]]]:
    """The groups of ``tool_groups``, one cell per tool in each row."""
    per_tool = [tool_groups(tool) for tool in tools]
    groups = []
    for g, (group_label, rows) in enumerate(per_tool[0]):
        out = []
        for r, (label, _cell) in enumerate(rows):
            out.append(Row(label=label, cells=[pt[g][1][r][1] for pt in per_tool]))
        groups.append((group_label, out))
    return groups
