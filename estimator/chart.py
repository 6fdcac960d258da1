"""The break-even chart's geometry: inline SVG drawn on the server, no JavaScript.

Coordinates are in the SVG's own units (viewBox); the template only places them. The
lines go through policies.breakeven's points, each an exact year; every mark sits on the
point of the curve it names (BreakEven.key_points), so the break-even circle is where the
two lines meet and the person's dots are on the lines at their own cost.
"""
from decimal import Decimal
from math import ceil
from typing import NamedTuple

from django.utils.translation import get_language

from policies.breakeven import BREAK_EVEN, CAP, PERSON
from policies.money import grouped

# The SVG scales with its column: on a 360 px phone it is drawn 328 px wide, so its units are
# about 0.91 px and text of FONT units shows at 14.6 px (site.css sets .chart__tick/.chart__label
# to the same FONT). The margins hold the titles above and below; left and right are at least
# LEFT and RIGHT, and wider where a tick label needs it (label_width).
WIDTH, HEIGHT = 360, 300
FONT = 16
LEFT, RIGHT, TOP, BOTTOM = 66, 20, 34, 54
X_TICKS = 3                  # few enough that "¥1.5万"-wide labels never touch at FONT
GAP = 6                      # between a y tick label and the axis
# A tick label's characters in em, as wide as DejaVu Sans draws them, the widest of the fonts the stylesheet's
# list can end on (system fonts draw them narrower): a digit or ¥ 0.64. The SVG's labels are not clipped (its
# overflow is visible), so a margin too narrow for one put it outside the drawing's box, off a phone's screen.
EM = {"−": 0.84, ",": 0.32, ".": 0.32, "k": 0.58, "万": 1.0}


def label_width(label: str) -> float:
    """A tick label's width in SVG units, at most as wide as the browser draws it."""
    return FONT * sum(EM.get(ch, 0.64) for ch in label)


class Frame(NamedTuple):
    """The drawing's size in SVG units, its margins, and how long an axis title's line may be."""
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    title_chars: int = 0     # 0: a title is one line
    end_ticks_only: bool = False   # the cost axis labels only its two ends (no room between them)


STANDARD = Frame(WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM)
# Large-text mode (大字版): text of at least 18 pt (24 CSS px; ELDERLY-FRIENDLY.md). The same FONT
# in a drawing 190 units wide is 24.3 px on a 320 px phone (288 px drawn) and 27.6 px at 360 px
# (328 px); large-text.css keeps the chart at most 24rem wide, so its text stays near that size on
# a desktop. The left margin holds "−¥5,000" at that size; the axis titles wrap to lines of at most
# 16 characters (two lines for the English ones: "Account balance / minus cash paid"), with room
# above and below for them, and the x title is centred under the whole drawing to have its width.
# The cost axis labels only its ends: "¥5,000" and "¥10k" would touch between them.
LARGE = Frame(190, 236, 80, 18, 52, 76, title_chars=16, end_ticks_only=True)
LINE = FONT + 3              # the distance between a wrapped title's lines


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


def short_yuan(amount: Decimal, lang: str = "zh") -> str:
    """Axis labels short enough for a phone: ¥1.5万 in Chinese, ¥15k in English, from ten thousand up."""
    if abs(amount) < 10000:
        return grouped(amount, 0)
    sign = "−" if amount < 0 else ""
    if lang == "en":
        return f"{sign}¥{format((abs(amount) / 1000).normalize(), ',f')}k"
    return f"{sign}¥{format((abs(amount) / 10000).normalize(), ',f')}万"


def chart(be, lang: str | None = None, large: bool = False) -> dict:
    """Everything the template needs to draw the curves, marks, axes and axis titles.

    Returns: width, height, left, right, top, bottom (the plot area), zero_y (the ¥0
    line, or None), before and after (polyline points), x_ticks and y_ticks (Tick:
    position, label), marks {"person": {x, y_before, y_after}, "even": {x, y},
    "cap": {x, y}} (each present only when the curve has that point), and
    axis_titles {"x": {x, y, anchor}, "y": {x, y, anchor}} for the two axis titles
    (x: cost in the year, under the axis; y: net position, above the axis, left-aligned).
    label_y and x_mid repeat the x title's position for templates written before it.
    `large`: the large-text frame (LARGE); title_chars and line then say how to wrap the titles."""
    f = LARGE if large else STANDARD
    if lang is None:            # the page's language, for the tick labels
        lang = "en" if (get_language() or "").startswith("en") else "zh"
    # Screen positions need no fen-exactness: float arithmetic, a tenth of a unit.
    points = be.points or ()      # none when the curve cannot be drawn (BreakEven.missing): an empty frame
    costs = [float(p.cost) for p in points]
    before = [float(p.net_before) for p in points]
    after = [float(p.net_after) for p in points]
    x_end = max([be.x_max] + [p.cost for p in points[-1:]])     # the axis end's year may cost a fen or two more
    x_low, x_high = 0.0, float(x_end)
    y_low, y_high = min(before + after + [0.0]), max(before + after + [0.0])
    if y_high == y_low:
        y_high = y_low + 1
    pad = (y_high - y_low) / 20
    y_low, y_high = y_low - pad, y_high + pad
    y_span = Decimal(repr(y_low)), Decimal(repr(y_high))     # ticks fall on exact round amounts
    x_ticks = _ticks(Decimal(0), x_end, X_TICKS)
    if f.end_ticks_only and len(x_ticks) > 2:
        x_ticks = [x_ticks[0], x_ticks[-1]]
    x_labels = [short_yuan(t, lang) for t in x_ticks]
    y_ticks = [(t, short_yuan(t, lang)) for t in _ticks(*y_span)]
    # Room for the longest y label left of the axis, and for half the last x label (centred on the plot's end)
    # right of the plot: every label inside the drawing's box (QA7 finding 5: "−¥5,000" started 9 px left of it).
    left = max(f.left, ceil(max((label_width(label) for _t, label in y_ticks), default=0) + GAP + 1))
    right = max(f.right, ceil(label_width(x_labels[-1]) / 2 + 1))
    top = f.top
    plot_w, plot_h = f.width - left - right, f.height - f.top - f.bottom
    x_scale, y_scale = plot_w / (x_high - x_low), plot_h / (y_high - y_low)

    def x(v) -> float:
        return round(left + (float(v) - x_low) * x_scale, 1)

    def y(v) -> float:
        return round(top + (y_high - float(v)) * y_scale, 1)

    xs = [f"{left + (c - x_low) * x_scale:.1f}" for c in costs]      # shared by both lines

    def line(values: list[float]) -> str:
        return " ".join([f"{x},{top + (y_high - v) * y_scale:.1f}" for x, v in zip(xs, values)])

    marks = {}
    for key in be.key_points:
        if PERSON in key.kinds and be.person_cost:
            marks["person"] = {"x": x(key.cost), "y_before": y(key.net_before), "y_after": y(key.net_after)}
        if BREAK_EVEN in key.kinds and key.cost > 0:
            marks["even"] = {"x": x(key.cost), "y": y(key.net_after)}
        if CAP in key.kinds:
            marks["cap"] = {"x": x(key.cost), "y": y(key.net_after)}
    x_mid = f.width / 2 if f.title_chars else (left + f.width - right) / 2
    # Wrapped titles (large text): the x title's first line sits under the tick labels as a one-line
    # title does in the standard frame; the y title's last line sits 12 units above the plot, and the
    # template moves its first line up by the lines above it.
    tick_y = f.height - f.bottom + FONT + 4
    label_y = tick_y + 26 if f.title_chars else f.height - 8
    return {
        "width": f.width, "height": f.height, "left": left, "right": f.width - right, "top": f.top,
        "bottom": f.height - f.bottom, "zero_y": y(0) if y_low <= 0 <= y_high else None,
        "before": line(before), "after": line(after),
        "x_ticks": [Tick(x(t), label) for t, label in zip(x_ticks, x_labels)],
        "y_ticks": [Tick(y(t), label) for t, label in y_ticks],
        "marks": marks, "label_y": label_y, "x_mid": x_mid,
        "y_label_x": left - GAP, "x_label_y": tick_y,      # where tick labels sit
        "axis_titles": {"x": {"x": x_mid, "y": label_y, "anchor": "middle"},
                        "y": {"x": 2, "y": f.top - 12, "anchor": "start"}},
        "title_chars": f.title_chars, "line": LINE,
    }
