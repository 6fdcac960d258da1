"""Typed values for the words of steps, warnings and errors: each knows how people read it.

A message's arguments are kept typed (money, percent, count, date, citation...) until the
moment it is shown, so a percentage can never be printed as money, and a figure from the
data is said as the data has it. A bare Decimal is refused: its kind would be a guess.
"""
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .money import grouped


@dataclass(frozen=True)
class Money:
    amount: Decimal
    places: int = 2

    def show(self, lang: str) -> str:
        return grouped(self.amount, self.places)


@dataclass(frozen=True)
class Percent:
    fraction: Decimal          # 0.6 for 60%

    def show(self, lang: str) -> str:
        return f"{format((self.fraction * 100).normalize(), 'f')}%"


@dataclass(frozen=True)
class Points:
    """Percentage points added to a share (镇江: +1 point per year)."""
    fraction: Decimal

    def show(self, lang: str) -> str:
        n = format((self.fraction * 100).normalize(), "f")
        if lang == "en":
            return f"{n} percentage point" + ("" if n == "1" else "s")
        return f"{n} 个百分点"


@dataclass(frozen=True)
class Count:
    n: int

    def show(self, lang: str) -> str:
        return str(self.n)


@dataclass(frozen=True)
class Month:
    """A month of the year, 1–12."""
    month: int

    def show(self, lang: str) -> str:
        return date(2000, self.month, 1).strftime("%B") if lang == "en" else f"{self.month}月"


@dataclass(frozen=True)
class Cite:
    """A citation of something with a source (a parameter's value, a rule)."""
    cited: object

    def show(self, lang: str) -> str:
        return self.cited.cite(lang)


@dataclass(frozen=True)
class Reading:
    """How we read text that leaves room, in the page's language."""
    zh: str
    en: str

    def show(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True)
class Words:
    """Another message, by key, in the same language."""
    key: str

    def show(self, lang: str) -> str:
        from .messages import say
        return say(self.key, lang)


@dataclass(frozen=True)
class Level:
    city: object
    level: str

    def show(self, lang: str) -> str:
        # Inside a message; a message that begins with it gets its capital in messages.said().
        return self.city.level_in_sentence(self.level, lang)


@dataclass(frozen=True)
class LevelWithPharmacy:
    """A level whose costs include pharmacy purchases on its prescriptions (settled at the prescriber's
    level): "二级医疗机构（含药店购药 ¥900.00）"."""
    city: object
    level: str
    pharmacy: Decimal

    def show(self, lang: str) -> str:
        from .messages import said
        return said("level_with_pharmacy", lang, {"level": self.city.level_in_sentence(self.level, lang),
                                                   "amount": grouped(self.pharmacy)})


@dataclass(frozen=True)
class ParamLabel:
    """A parameter said in words (never its name)."""
    city: object
    name: str

    def show(self, lang: str) -> str:
        from .lookup import param_label
        return param_label(self.city, self.name, lang)


@dataclass(frozen=True)
class CityName:
    city: object

    def show(self, lang: str) -> str:
        # As it reads inside a sentence ("In a Henan city …"); said() adds the capital where a sentence begins with it.
        return self.city.name_in_sentence(lang)


@dataclass(frozen=True)
class Joined:
    """Several typed values shown as one, e.g. "基层 ¥0 / 二级 ¥40"."""
    parts: tuple

    def show(self, lang: str) -> str:
        return " / ".join(" ".join(shown(p, lang) for p in part) for part in self.parts)


@dataclass(frozen=True)
class Said:
    """A message with its own typed arguments, inside another message."""
    key: str
    args: tuple = ()          # (name, value) pairs

    def show(self, lang: str) -> str:
        from .messages import say
        return say(self.key, lang, **show_args(dict(self.args), lang))


def shown(value, lang: str) -> str:
    kind = type(value)
    if kind is str:
        return value
    if kind is int:
        return str(value)
    if value is None:
        return "—"
    show = getattr(value, "show", None)
    if show is None:       # a bare Decimal, a float, a bool: its kind would be a guess
        raise TypeError(f"{value!r} in a message: give it a type (Money, Percent, Count...)")
    return show(lang)


def show_args(args: dict, lang: str) -> dict:
    # Almost always every argument is a typed value (money, above all) that shows itself; a plain
    # text or number among them (or a bare Decimal, refused by shown) takes the longer way.
    try:
        return {k: v.show(lang) for k, v in args.items()}
    except AttributeError:
        return {k: show(lang) if (show := getattr(v, "show", None)) is not None else shown(v, lang)
                for k, v in args.items()}
