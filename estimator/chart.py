"""The break-even chart's geometry: inline SVG drawn on the server, no JavaScript.

Coordinates are in the SVG's own units (viewBox); the template only places them.
"""
from dataclasses import dataclass
from decimal import Decimal

from policies.money import grouped

WIDTH, HEIGHT = 420, 300
LEFT, RIGHT, TOP, BOTTOM = 62, 14, 16, 44


@dataclass(frozen=True)
class Tick:
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
    ys = [v for p in be.points for v in (p.net_before, p.net_after)]
    x_low, x_high = Decimal(0), be.x_max
    y_low, y_high = min(ys + [Decimal(0)]), max(ys + [Decimal(0)])
    if y_high == y_low:
        y_high = y_low + 1
    pad = (y_high - y_low) / 20
    y_low, y_high = y_low - pad, y_high + pad
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    # Screen positions need no fen-exactness: float arithmetic, a tenth of a unit.
    x_scale, y_scale = plot_w / float(x_high - x_low), plot_h / float(y_high - y_low)

    def x(v: Decimal) -> float:
        return round(LEFT + float(v - x_low) * x_scale, 1)

    def y(v: Decimal) -> float:
        return round(TOP + float(y_high - v) * y_scale, 1)

    def line(attr: str) -> str:
        # One formatting per point: this string is most of the chart's time.
        return " ".join("%.1f,%.1f" % (LEFT + float(p.cost - x_low) * x_scale, TOP + float(y_high - getattr(p, attr)) * y_scale)
                        for p in be.points if p.cost <= x_high)

    def at(cost: Decimal):
        nearest = min(be.points, key=lambda p: abs(p.cost - cost))
        return nearest

    marks = {}
    if be.person_cost:
        p = at(be.person_cost)
        marks["person"] = {"x": x(p.cost), "y_before": y(p.net_before), "y_after": y(p.net_after)}
    if be.cost is not None and be.cost > 0 and be.cost <= x_high:
        p = at(be.cost)
        marks["even"] = {"x": x(p.cost), "y": y(p.net_after)}
    return {
        "width": WIDTH, "height": HEIGHT, "left": LEFT, "right": WIDTH - RIGHT, "top": TOP,
        "bottom": HEIGHT - BOTTOM, "zero_y": y(Decimal(0)) if y_low <= 0 <= y_high else None,
        "before": line("net_before"), "after": line("net_after"),
        "x_ticks": [Tick(x(t), short_yuan(t)) for t in _ticks(x_low, x_high)],
        "y_ticks": [Tick(y(t), short_yuan(t)) for t in _ticks(y_low, y_high)],
        "marks": marks, "label_y": HEIGHT - 6, "x_mid": (LEFT + WIDTH - RIGHT) / 2,
    }


def key_points(be) -> list:
    """The few points the sentence and the table speak of, in cost order."""
    wanted = {Decimal(0), be.x_max}
    for c in (be.person_cost, be.cost, be.cap_cost):
        if c is not None and c <= be.x_max:
            wanted.add(c)
    rows = []
    for p in be.points:
        if any(abs(p.cost - w) < Decimal("0.05") for w in wanted):
            rows.append(p)
    return rows
