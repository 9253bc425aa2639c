"""Server-side SVG bar chart geometry: the template draws, this measures."""

from dataclasses import dataclass

BAR_HEIGHT = 28
GAP = 12
LABEL_WIDTH = 0  # labels sit above each bar, so long translations never clip
CHART_WIDTH = 600


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    label_y: int
    bar_y: int
    width: int
    value_x: int


def bar_chart(rows: list[tuple[str, int]]) -> tuple[list[Bar], int]:
    """Rows of (label, percentage) -> bars and the chart's height."""
    bars = []
    y = 0
    usable = CHART_WIDTH - 60
    for label, value in rows:
        width = round(usable * max(0, min(value, 100)) / 100)
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
