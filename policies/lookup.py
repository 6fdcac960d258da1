"""The typed accessor: "the pooling rules for this person on this date", "the credit rule for
this month", and a parameter's value at a date with the person's own figures on top.

This is the only module that builds parameter names; everything else asks it.
"""
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from operator import attrgetter
from types import SimpleNamespace

from .model import LATEST, City, CreditRule, Period
from .money import ZERO

SUPPLIED = "@supplied"       # a figure's source when the person gave it
_AWAY = attrgetter("away")
_NOT_GIVEN = object()


# ---- names: built here and nowhere else -------------------------------------------------------

def ratio_name(status: str, level: str) -> str:
    return f"ratio.{status}.{level}"


def annual_deductible_name(status: str) -> str:
    return f"deductible.{status}"


def level_deductible_name(level: str) -> str:
    return f"deductible.{level}"


def visit_deductible_name(level: str) -> str:
    return f"deductible_per_visit.{level}"


def cap_name(city: City, status: str, enrolment: str) -> str:
    """The yearly cap's parameter: by enrolment where the city sets one per tier (重庆), else by status."""
    by_tier = f"cap.{status}.{enrolment}"
    return by_tier if by_tier in city.params else f"cap.{status}"


def civil_servant_name(status: str) -> str:
    return f"civil_servant.{status}"


def sector_base_name(base: str, sector: str) -> str:
    return f"{base}.{sector}"


def base_name(rule: CreditRule, sector: str | None) -> str:
    """The city-wide figure a percent_of_param rule takes its share of (by retiree sector where split)."""
    return sector_base_name(rule.base_param, sector) if rule.by_sector else rule.base_param


def needed_names(city: City, kind: str | None, away: str | None) -> list[str]:
    """Every parameter the engine may ask this city for (the schema checks that each exists)."""
    from .model import STATUSES
    needed = ["reform_start_year", "reform_start_month", "deductible_kind", "pharmacy", "away",
              "other_schemes", "before_pooling"]
    for status in STATUSES:
        needed += [ratio_name(status, level) for level in city.levels]
        if kind == "annual":
            needed.append(annual_deductible_name(status))
        tiers = [f"cap.{status}.{e}" for e in city.enrolments]
        needed += tiers if any(t in city.params for t in tiers) else [f"cap.{status}"]
    if kind == "level_topup":
        needed += [level_deductible_name(level) for level in city.levels]
    if kind == "per_visit":
        needed += [visit_deductible_name(level) for level in city.levels]
    if away == "self_pay_first":
        needed.append("away_self_pay_first")
    return needed


SERIOUS_ILLNESS = ("serious_illness.deductible", "serious_illness.band_top", "serious_illness.ratio.low",
                   "serious_illness.ratio.high", "serious_illness.retiree_bonus_per_year",
                   "serious_illness.retiree_bonus_max")


# ---- values at a date, with the person's figures ----------------------------------------------

class Figures:
    """Parameters at a date with the person's overrides on top; records which unknown ones were needed."""

    def __init__(self, scenario):
        self.sc = scenario
        self.missing: dict[str, list] = {}

    def period(self, name: str, day: date) -> Period | None:
        return self.sc.city.params[name].at(day)

    def _override(self, name: str, period: Period):
        given = self.sc.overrides.get(name)
        if not given:
            return _NOT_GIVEN
        return given.get(period.start, given.get(None, _NOT_GIVEN))

    def get(self, name: str, day: date):
        """The value in force on `day` (the person's own figure if given); None, recorded, if unknown."""
        period = self.period(name, day)
        if period is None:
            return None
        value = self._override(name, period)
        if value is not _NOT_GIVEN:
            return value
        if period.value is None:
            self.missing.setdefault(f"params.{name}", []).append(("figure_missing", {"why": _cite(period)}))
        return period.value

    def lookup(self, name: str, day: date) -> tuple:
        """(value, what a step cites) in one look: get() and source() together."""
        period = self.sc.city.params[name].at(day)
        if period is None:
            return None, SUPPLIED
        value = self._override(name, period) if self.sc.overrides else _NOT_GIVEN
        if value is not _NOT_GIVEN:
            return value, SUPPLIED
        if period.value is None:
            self.missing.setdefault(f"params.{name}", []).append(("figure_missing", {"why": _cite(period)}))
        return period.value, period

    def source(self, name: str, day: date):
        """What a step cites for this figure: the dated value, or the person."""
        period = self.period(name, day)
        return SUPPLIED if period is None or self._override(name, period) is not _NOT_GIVEN else period


def _cite(period):
    from .values import Cite
    return Cite(period)


# ---- the pooling rules for this person on this date ------------------------------------------

@dataclass
class PoolingRules:
    """The after-reform figures this person's visits need, looked up once at one date."""
    kind: str
    annual_deductible: Decimal = ZERO
    level_deductible: dict = field(default_factory=dict)
    visit_deductible: dict = field(default_factory=dict)
    ratio: dict = field(default_factory=dict)
    cap: Decimal = ZERO
    away_first: Decimal | None = None
    day: date | None = None
    cap_share: Decimal | None = None          # a share of the cap in force on `day` (河南: halved in 2022)
    full_cap: Decimal | None = None
    # what each figure cites: a dated Period, or SUPPLIED
    deductible_source: object = None
    ratio_source: dict = field(default_factory=dict)
    cap_source: object = None
    cap_share_source: object = None
    away_first_source: object = None
    floor: Decimal | None = None
    floor_source: object = None


def pooling_rules_at(sc, day: date, levels, figures: Figures) -> PoolingRules:
    """The pooling rules for this person on this date, for visits at `levels`."""
    city, status = sc.city, sc.status
    kind_period = city.params["deductible_kind"].at(day)
    rules = PoolingRules(kind=kind_period.value, day=day)
    if not levels:
        return rules            # no visit reaches pooling, so none of its figures are needed
    get = figures.lookup
    if rules.kind == "annual":
        rules.annual_deductible, rules.deductible_source = get(annual_deductible_name(status), day)
    elif rules.kind == "level_topup":
        rules.level_deductible = {lv: get(level_deductible_name(lv), day)[0] for lv in levels}
        rules.deductible_source = kind_period
    else:
        rules.visit_deductible = {lv: get(visit_deductible_name(lv), day)[0] for lv in levels}
        rules.deductible_source = kind_period
    for lv in levels:
        rules.ratio[lv], rules.ratio_source[lv] = get(ratio_name(status, lv), day)
    rules.cap, rules.cap_source = get(cap_name(city, status, sc.enrolment), day)
    if city.optional_rules:
        if city.has("cap_share") and city.params["cap_share"].at(day) is not None:
            rules.cap_share, rules.cap_share_source = get("cap_share", day)
        if city.has("ratio_floor") and city.params["ratio_floor"].at(day) is not None:
            rules.floor, rules.floor_source = get("ratio_floor", day)
    if any(map(_AWAY, sc.visits)) and city.params["away"].at(day).value == "self_pay_first":
        rules.away_first, rules.away_first_source = get("away_self_pay_first", day)
    return rules


def city_pooling_at(city: City, status: str, enrolment: str, day: date, levels=None) -> PoolingRules:
    """The pooling rules the sources give on `day` (unknown figures are None), for pages that show a
    city's rules without a person's visits (desk, glossary, compare)."""
    person = SimpleNamespace(city=city, status=status, enrolment=enrolment, overrides={}, visits=())
    return pooling_rules_at(person, day, tuple(levels or city.levels), Figures(person))


def reform_start(city: City) -> Period:
    """The dated value that says when the reform began (what a step about the start cites)."""
    return city.params["reform_start_month"].at(city.start)


def reform_start_year(city: City) -> Period:
    return city.params["reform_start_year"].at(city.start)


def change_dates(city: City) -> list[date]:
    """Every date from the reform's start on at which one of the city's values or credit rules starts or
    stops (a stop counts from the next day): read from the dated model, no name built."""
    dated = [(r.start, r.end) for r in city.credit_rules]
    dated += [(p.start, p.end) for param in city.params.values() for p in param.periods]
    found = {city.start}
    for begins, ends in dated:
        found.add(begins)
        if ends != LATEST:
            found.add(ends + timedelta(days=1))
    return sorted(d for d in found if d >= city.start)


def pooling_day(city: City, year: int) -> date:
    """The date a year's pooling rules are read at: 1 January, or the day the reform began."""
    return max(date(year, 1, 1), city.start)


@dataclass(frozen=True)
class YearRules:
    """The city's rules of kind (not figures a person may replace) that a result's steps cite, read at
    the year's pooling date: the same for everyone in the city that year, so read once per city and year."""
    day: date
    before_pooling: Period          # general pooling before the reform, read on the last day before its year
    deductible_kind: Period
    other_schemes: Period
    pharmacy: Period
    away: Period


@cache
def year_rules(city: City, year: int) -> YearRules:
    # (bounded: a handful of cities, and years the scenario check allows)
    day = pooling_day(city, year)
    p = city.params
    return YearRules(day, p["before_pooling"].at(date(city.year_before, 12, 31)), p["deductible_kind"].at(day),
                     p["other_schemes"].at(day), p["pharmacy"].at(day), p["away"].at(day))


# ---- the credit rule for this month -----------------------------------------------------------

def asks_sector(city: City, status: str, enrolment: str, year: int) -> bool:
    """Whether a credit rule for this person in `year` depends on the retiree sector they must say
    (河南: 机关事业单位 or 企业; flexible-employed retirees count as 企业 and are not asked)."""
    return any(r is not None and r.by_sector and not r.fixed_sector(enrolment)
               for r in city.credit_rules_by_month(status, enrolment, year))


# ---- words for a parameter, for people (the forms ask for figures the sources lack) ----------------

_WHO = {"in_service": ("在职职工", "working people"), "retired": ("退休人员", "retired people")}
_LABELS = {     # a noun for each family; a question adds the unit
    "deductible_status": ("{who}的普通门诊起付标准", "the deductible (起付标准) for {who}"),
    "deductible_level": ("{level}的起付标准", "the deductible (起付标准) at {level}"),
    "deductible_visit": ("{level}每次就诊的起付标准", "the deductible (起付标准) per visit at {level}"),
    "ratio": ("{who}在{level}的统筹基金支付比例", "the payment ratio (支付比例) at {level} for {who}"),
    "cap": ("{who}的普通门诊统筹年度最高支付限额", "the yearly limit the fund pays (最高支付限额) for {who}"),
    "cap_enrolment": ("{who}的普通门诊统筹年度最高支付限额", "the yearly limit the fund pays (最高支付限额) for {who}"),
    "credit": ("{who}的个人账户划入标准", "the personal account credit for {who}"),
    "average_pension": ("全市{sector}退休人员月平均基本养老金", "the city's average basic pension{sector_en}"),
    "employer_average_base": ("原单位在职职工月平均缴费基数", "your former employer's average contribution base"),
    "reform_start_month": ("改革开始的月份", "the month the reform began"),
    "cap_share": ("改革实施当年的支付限额比例", "the share of the yearly limit in the reform's first year"),
    "ratio_floor": ("文件规定的最低支付比例", "the lowest share the document allows"),
    "away_self_pay_first": ("临时外出就医先自付的比例", "the share paid first on visits while away"),
    "reform_start_year": ("改革开始的年份", "the year the reform began"),
    "deductible_kind": ("起付标准的计算方式", "how the deductible is counted"),
    "pharmacy": ("定点药店外配处方的结算办法", "how pharmacy purchases on a prescription are paid"),
    "away": ("临时外出就医的结算办法", "how visits while away are paid"),
    "other_schemes": ("与两病、特病、国谈药待遇的衔接", "how the other outpatient schemes come first"),
    "before_pooling": ("改革前的普通门诊统筹", "general outpatient pooling before the reform"),
    "civil_servant": ("{who}的公务员医疗补助计入标准", "the civil servants' medical subsidy credit for {who}"),
    "serious_illness_deductible": ("职工大病保险起付标准", "the serious-illness insurance threshold"),
    "serious_illness_band": ("职工大病保险按较低比例支付的上限", "where the serious-illness insurance's higher share begins"),
    "serious_illness_ratio": ("职工大病保险支付比例", "the serious-illness insurance share"),
    "serious_illness_bonus": ("每多缴费一年提高的大病保险支付比例", "the extra serious-illness share per extra contribution year"),
    "serious_illness_bonus_max": ("大病保险支付比例最多提高", "the most the serious-illness share rises"),
    "flexible_wait": ("首次以灵活就业人员身份参保的等待期", "the wait for first-time flexible members"),
    "lump_sum": ("趸缴期间个人账户计入标准", "the account credit while paying a lump sum"),
}
_SECTOR = {"enterprise": ("企业", " of enterprise retirees"), "institution": ("机关事业单位", " of public-institution retirees")}
_UNIT_WORDS = {"yuan/year": ("元/年", "yuan a year"), "yuan/visit": ("元/次", "yuan a visit"),
               "yuan/month": ("元/月", "yuan a month"), "%": ("%", "%"),
               "% of base": ("缴费基数的%", "% of the contribution base"),
               "% of pension": ("养老金的%", "% of the pension"),
               "% of city average pension": ("全市平均养老金的%", "% of the city average pension"),
               "% of employer average base": ("单位平均缴费基数的%", "% of the employer's average base"),
               "month": ("1-12", "1-12"), "months": ("个月", "months"), "year": ("年", "year")}


def param_label(city: City, name: str, lang: str, question: bool = False) -> str:
    """A parameter in words a person reads (never its name); as a question, with its unit."""
    param = city.params[name]
    en = lang == "en"
    if param.term:              # the source names the figure itself: say it as the source does
        text = param.term_en if en else param.term
    else:
        parts = name.split(".")
        who = next((_WHO[p][en] for p in parts if p in _WHO), "")
        level = next((city.level_in_sentence(p, lang) for p in parts if p in city.level_names), "")
        sector = next((_SECTOR[p] for p in parts if p in _SECTOR), ("", ""))
        zh_text, en_text = _LABELS.get(param.family, ("资料没有给出的一个数", "a figure the documents leave open"))
        text = (en_text if en else zh_text).format(who=who, level=level, sector=sector[0], sector_en=sector[1])
    if not question or param.unit == "kind":
        return text
    unit = _UNIT_WORDS.get(param.unit, (param.unit, param.unit))[en]
    return f"{text[0].upper()}{text[1:]}, {unit}" if en else f"{text}（{unit}）"
