"""The shapes a city's policy data takes once loaded and checked."""
from dataclasses import dataclass, field
from functools import cached_property
from datetime import date

STATUSES = ("in_service", "retired")
ENROLMENTS = ("employer", "flexible", "individual_tier1", "individual_tier2")
SECTORS = ("enterprise", "institution")
LEVELS = ("primary", "other", "secondary", "tertiary_other", "tertiary", "tertiary_provincial_a")
SOURCE_KINDS = ("official", "draft", "secondary", "supplied")
DOCUMENT_STATUSES = ("in_force", "draft", "framework")
CREDIT_KINDS = ("percent_of_base", "percent_of_pension", "percent_of_param", "fixed_monthly", "none", "same_as_before")
# The values a `kind` parameter may take, by parameter name.
KIND_VALUES = {
    "deductible_kind": ("annual", "level_topup", "per_visit"),
    "pharmacy": ("prescriber_level", "not_in_source"),
    "away": ("same_rules", "self_pay_first", "not_in_source"),
    "other_schemes": ("remainder_pooled",),
    "before_pooling": ("none", "three_segment_unknown"),
}


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    kind: str
    number: str = ""
    seed: str = ""
    url: str = ""

    def cite(self, article: str = "") -> str:
        """One line naming the document, the article and where its text is."""
        head = self.number or self.title
        if self.kind == "secondary":
            return f"非官方二手资料 / secondary source: {self.title} {self.url}".strip()
        parts = [f"《{self.title}》" if not self.number else f"{head}《{self.title}》"]
        if article:
            parts.append(article)
        if self.seed:
            parts.append(f"[seed {self.seed}]")
        if self.kind == "draft":
            parts.append("（征求意见稿 / draft）")
        return " ".join(parts)


class Cited:
    """Something with a source and an article: its citation, worked out once."""

    @cached_property
    def citation(self) -> str:
        return self.source.cite(self.article)

    def cite(self) -> str:
        return self.citation


@dataclass(frozen=True)
class Param(Cited):
    name: str
    value: object          # Decimal (money or a fraction), int, str (a kind), or None if unknown
    raw: str               # the value as written in the data file
    unit: str
    start: date | None
    end: date | None
    source: Source
    article: str = ""
    reading: str = ""

    @property
    def unknown(self) -> bool:
        return self.value is None

    @property
    def numeric(self) -> bool:
        return self.unit not in ("kind",)



@dataclass(frozen=True)
class CreditRule(Cited):
    regime: str               # "before" or "after"
    status: str               # "in_service", "retired" or "any"
    enrolments: tuple[str, ...]
    kind: str
    bands: tuple[tuple[int, str], ...]   # (minimum age, parameter name), ascending
    source: Source
    article: str = ""
    reading: str = ""
    base_param: str = ""
    by_sector: bool = False
    start: date | None = None
    end: date | None = None

    def covers(self, regime: str, status: str, enrolment: str, day: date) -> bool:
        return (
            self.regime == regime
            and self.status in (status, "any")
            and enrolment in self.enrolments
            and (self.start is None or self.start <= day)
            and (self.end is None or day <= self.end)
        )

    def base_name(self, sector: str | None) -> str:
        """The city-wide figure a percent_of_param rule takes its share of (by retiree sector where split)."""
        return f"{self.base_param}.{sector}" if self.by_sector else self.base_param

    def band_param(self, age: int) -> str:
        chosen = self.bands[0][1]
        for min_age, name in self.bands:
            if age >= min_age:
                chosen = name
        return chosen



@dataclass(frozen=True)
class Explanation(Cited):
    key: str
    zh: str
    en: str
    source: Source
    article: str = ""

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True)
class City:
    id: str
    name_zh: str
    name_en: str
    document_status: str
    enrolments: tuple[str, ...]
    retiree_sectors: tuple[str, ...]
    levels: tuple[str, ...]
    level_names: dict[str, dict[str, str]]
    sources: dict[str, Source]
    params: dict[str, Param]
    credit_rules: tuple[CreditRule, ...]
    explanations: tuple[Explanation, ...] = ()
    start_year: int = 0
    start_month: int | None = None   # None: the sources do not say which month
    file: str = ""
    extra: dict = field(default_factory=dict)
    # Which credit rule covers each month, worked out once per (regime, status, enrolment, year).
    _rules_by_month: dict = field(default_factory=dict, init=False, compare=False, repr=False)

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_zh

    def level_name(self, level: str, lang: str) -> str:
        return self.level_names[level]["en" if lang == "en" else "zh"]

    def cap_name(self, status: str, enrolment: str) -> str:
        """The yearly cap's parameter: by enrolment where the city sets one per tier (重庆), else by status."""
        by_tier = f"cap.{status}.{enrolment}"
        return by_tier if by_tier in self.params else f"cap.{status}"

    def credit_rules_by_month(self, regime: str, status: str, enrolment: str, year: int) -> tuple:
        """The rule in force on the first of each month (None where none is), January first."""
        key = (regime, status, enrolment, year)
        try:
            return self._rules_by_month[key]
        except KeyError:
            found = self._rules_by_month[key] = tuple(
                next((r for r in self.credit_rules if r.covers(regime, status, enrolment, date(year, m, 1))), None)
                for m in range(1, 13))
            return found

    def explained(self, key: str) -> "Explanation | None":
        return next((e for e in self.explanations if e.key == key), None)

    @property
    def first_full_year(self) -> int:
        return self.start_year if self.start_month == 1 else self.start_year + 1
