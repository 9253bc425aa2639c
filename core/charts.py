"""Server-side SVG bar chart geometry: the template draws, this measures.

One geometry for every chart (the Learning Centre's readiness result, the staff
dashboard): a label above each bar, so long translations never clip; draw it with
``templates/includes/bar_chart.html`` or the same coordinates.
"""

from dataclasses import dataclass

BAR_HEIGHT = 28
GAP = 12
LABEL_WIDTH = 0  # labels sit above each bar, so long translations never clip
CHART_WIDTH = 600

# (label, value) pairs: what a chart shows, and the table beside it.
ChartRows = list[tuple[str, int]]


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    label_y: int
    bar_y: int
    width: int
    value_x: int


def bar_chart(
    rows: list[tuple[str, int]], *, maximum: int = 100
) -> tuple[list[Bar], int]:
    """Rows of (label, value) -> bars and the chart's height.

    A bar's width is its value's share of ``maximum`` (percentages by default;
    pass the largest value for counts).
    """
    bars = []
    y = 0
    usable = CHART_WIDTH - 60
    for label, value in rows:
        width = round(usable * max(0, min(value, maximum)) / maximum) if maximum else 0
        bars.append(
            Bar(
                label=label,
                value=value,
                label_y=y + 16,
                bar_y=y + 22,
                width=width,
                value_x=width + 8,
            )
        )
        y += 22 + BAR_HEIGHT + GAP
    return bars, y
