"""Every attribute of a tool as labelled, grouped cells, for the page, compare and CSV.

A cell is "not disclosed" (a value of its own, never "no") when the fact is
missing. Works on prefetched tools: no queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tools_catalog.models import Disclosure, Provider, Tool, ToolClaim
from tools_catalog.ratings import rating_average_summary


@dataclass
class Cell:
    text: str
    missing: bool = False
    provenance: str = ""


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
    return Cell(", ".join(names)) if names else _nd()


def _country(provider: Provider) -> Cell:
    country: Any = provider.country
    return Cell(str(country.name)) if country else _nd()


def _claims(tool: Tool) -> dict[str, ToolClaim]:
    return {c.kind: c for c in tool.claims.all()}


def card_facts(tool: Tool) -> list[tuple[str, Cell]]:
    """The first questions a result card answers, from the card's columns and
    its attached deployments (``selectors.tools_cards_attach``): no queries."""
    return [
        (_("Deployment"), _names(list(tool.deployments.all()))),
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
    claim_rows = []
    for kind in ToolClaim.Kind:
        claim = claims.get(kind.value)
        if claim is None or claim.value == Disclosure.NOT_DISCLOSED:
            cell = _nd()
        else:
            cell = Cell(
                claim.get_value_display(), provenance=claim.effective_provenance_label
            )
        claim_rows.append((str(kind.label), cell))
    return [
        (
            _("Overview"),
            [
                (_("Provider"), Cell(provider.name)),
                (_("Provider country"), _country(provider)),
                (_("Provider type"), Cell(provider.get_provider_type_display())),
                (_("Maturity"), _choice(tool.maturity, tool.get_maturity_display())),
                (
                    _("Last vetted"),
                    Cell(date_format(tool.last_vetted_on))
                    if tool.last_vetted_on
                    else Cell(_("Not vetted yet"), missing=True),
                ),
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
