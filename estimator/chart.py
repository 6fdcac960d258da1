"""The break-even chart's geometry: inline SVG drawn on the server, no JavaScript.

Coordinates are in the SVG's own units (viewBox); the template only places them.
"""
from decimal import Decimal
from typing import NamedTuple

from policies.money import grouped

WIDTH, HEIGHT = 420, 300
LEFT, RIGHT, TOP, BOTTOM = 62, 14, 16, 44


class Tick(NamedTuple):
    at: float
    label: str


def _ticks(low: Decimal, high: Decimal, count: int = 4) -> list[Decimal]:
    span = high - low
    raw = span / count
    step = Decimal(1)
    while step * 10 <= raw:
        step *= 10
    for m in (1, 2, 5, 10):
        if raw <= step * m:
            step *= m
            break
    first = (low / step).to_integral_value(rounding="ROUND_CEILING") * step
    ticks, value = [], first
    while value <= high:
        ticks.append(value)
        value += step
    return ticks


def short_yuan(amount: Decimal) -> str:
    """Axis labels: ¥12k rather than ¥12,000 so they fit on a phone."""
    if abs(amount) >= 10000:
        return ("−" if amount < 0 else "") + f"¥{abs(amount) / 1000:,.0f}k"
    return grouped(amount, 0)


def chart(be) -> dict:
    """Everything the template needs to draw the curves, marks and axes."""
    # Screen positions need no fen-exactness: float arithmetic, a tenth of a unit.
    points = [p for p in be.points if p.cost <= be.x_max]
    costs = [float(p.cost) for p in points]
    before = [float(p.net_before) for p in points]
    after = [float(p.net_after) for p in points]
    x_low, x_high = 0.0, float(be.x_max)
    y_low, y_high = min(before + after + [0.0]), max(before + after + [0.0])
    if y_high == y_low:
        y_high = y_low + 1
    pad = (y_high - y_low) / 20
    y_low, y_high = y_low - pad, y_high + pad
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    x_scale, y_scale = plot_w / (x_high - x_low), plot_h / (y_high - y_low)

    def x(v) -> float:
        return round(LEFT + (float(v) - x_low) * x_scale, 1)

    def y(v) -> float:
        return round(TOP + (y_high - float(v)) * y_scale, 1)

    xs = [f"{LEFT + (c - x_low) * x_scale:.1f}" for c in costs]      # shared by both lines

    def line(values: list[float]) -> str:
        return " ".join([f"{x},{TOP + (y_high - v) * y_scale:.1f}" for x, v in zip(xs, values)])

    def nearest(cost: Decimal) -> int:
        target = float(cost)
        gaps = [abs(c - target) for c in costs]
        return gaps.index(min(gaps))

    marks = {}
    if be.person_cost:
        i = nearest(be.person_cost)
        marks["person"] = {"x": x(costs[i]), "y_before": y(before[i]), "y_after": y(after[i])}
    if be.cost is not None and 0 < be.cost <= be.x_max:
        i = nearest(be.cost)
        marks["even"] = {"x": x(costs[i]), "y": y(after[i])}
    y_span = Decimal(repr(y_low)), Decimal(repr(y_high))     # ticks fall on exact round amounts
    return {
        "width": WIDTH, "height": HEIGHT, "left": LEFT, "right": WIDTH - RIGHT, "top": TOP,
        "bottom": HEIGHT - BOTTOM, "zero_y": y(0) if y_low <= 0 <= y_high else None,
        "before": line(before), "after": line(after),
        "x_ticks": [Tick(x(t), short_yuan(t)) for t in _ticks(Decimal(0), be.x_max)],
        "y_ticks": [Tick(y(t), short_yuan(t)) for t in _ticks(*y_span)],
        "marks": marks, "label_y": HEIGHT - 6, "x_mid": (LEFT + WIDTH - RIGHT) / 2,
    }
