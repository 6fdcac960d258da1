"""The one place that says what a city file may contain, and checks it.

A file with an unknown key anywhere, a unit outside the vocabulary or one that does not fit
the parameter's family, an optional rule it does not declare, overlapping dates, or a
parameter asked for on a date it is not in force, does not load. Every refusal names the
file, the key and what was expected: a wrong policy number must never reach a person quietly.
"""
import re
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from .lookup import needed_names, sector_base_name
from .model import (
    CREDIT_KINDS, DOCUMENT_STATUSES, EARLIEST, ENROLMENTS, LATEST, LEVELS, SECTORS, SOURCE_KINDS,
    STATUSES, City, CreditRule, Explanation, Param, Period, Source, same_reference,
)


class PolicyDataError(Exception):
    """A data file is wrong. The message names the file and the key."""


def fail(file: str, where: str, message: str):
    raise PolicyDataError(f"{file}: {where}: {message}")


# ---- the keys each table may have: name -> (type, required) ----------------------------

TOP = {"schema": (int, True), "id": (str, True), "name_zh": (str, True), "name_en": (str, True),
       "document_status": (str, True), "enrolments": (list, True), "retiree_sectors": (list, True),
       "levels": (list, True), "level_names": (dict, True), "sources": (dict, True), "params": (dict, True),
       "credit": (list, True), "explain": (list, False), "optional_rules": (list, False)}
# en_with_article: the English name as it reads after "from" ("a level 2 hospital", "the First People's Hospital…").
LEVEL_NAME = {"zh": (str, True), "en": (str, True), "en_with_article": (str, False)}
SOURCE = {"title": (str, True), "kind": (str, True), "number": (str, False), "seed": (str, False), "url": (str, False),
          "title_en": (str, False), "number_en": (str, False)}
VALUE = {"value": (str, True), "from": (date, False), "until": (date, False), "source": (str, True),
         "article": (str, False), "article_en": (str, False), "reading": (str, False), "reading_en": (str, False),
         "alias": (str, False)}
# `term`, `term_en`: the source's own name for the figure (the Henan draft's "2021 年全市企业单位退休人员基本
# 养老金月平均水平"), quoted, and in English; a person reads it instead of the family's general words.
PARAM = {"unit": (str, True), "values": (list, False), **{k: (t, False) for k, (t, _) in VALUE.items()},
         "term": (str, False), "term_en": (str, False)}
PARAM_ONLY = ("unit", "term", "term_en")
CREDIT = {"status": (str, True), "enrolments": (list, True), "kind": (str, True), "bands": (list, False),
          "base_param": (str, False), "by_sector": (bool, False), "sector_by_enrolment": (dict, False),
          "from": (date, False), "until": (date, False), "source": (str, True), "article": (str, False),
          "article_en": (str, False), "reading": (str, False), "reading_en": (str, False)}
EXPLAIN = {"key": (str, True), "zh": (str, True), "en": (str, True), "source": (str, True), "article": (str, False),
           "article_en": (str, False)}
EXPLANATION_KEYS = ("unchanged", "account_uses", "other_benefits")

# ---- units -------------------------------------------------------------------------------

MONEY_UNITS = ("yuan/year", "yuan/visit", "yuan/month")
PERCENT_UNITS = ("%", "% of base", "% of pension", "% of city average pension", "% of employer average base")
UNITS = MONEY_UNITS + PERCENT_UNITS + ("year", "month", "months", "kind")
CREDIT_UNITS = {"percent_of_base": ("% of base",), "percent_of_pension": ("% of pension",),
                "percent_of_param": ("% of city average pension", "% of employer average base"),
                "fixed_monthly": ("yuan/month",)}

# ---- parameter families: what a name may be, its unit, its kind values, and its optional rule ----
_ST = "(in_service|retired)"
_LV = "(" + "|".join(LEVELS) + ")"
_EN = "(" + "|".join(ENROLMENTS) + ")"
_SE = "(" + "|".join(SECTORS) + ")"
FAMILIES = [
    # (family, name pattern, units allowed, optional rule or "")
    ("reform_start_year", r"reform_start_year", ("year",), ""),
    ("reform_start_month", r"reform_start_month", ("month",), ""),
    ("deductible_kind", r"deductible_kind", ("kind",), ""),
    ("pharmacy", r"pharmacy", ("kind",), ""),
    ("away", r"away", ("kind",), ""),
    ("other_schemes", r"other_schemes", ("kind",), ""),
    ("before_pooling", r"before_pooling", ("kind",), ""),
    ("deductible_status", rf"deductible\.{_ST}", ("yuan/year",), ""),
    ("deductible_level", rf"deductible\.{_LV}", ("yuan/year",), ""),
    ("deductible_visit", rf"deductible_per_visit\.{_LV}", ("yuan/visit",), ""),
    ("ratio", rf"ratio\.{_ST}\.{_LV}", ("%",), ""),
    ("cap", rf"cap\.{_ST}", ("yuan/year",), ""),
    ("cap_enrolment", rf"cap\.{_ST}\.{_EN}", ("yuan/year",), ""),
    ("away_self_pay_first", r"away_self_pay_first", ("%",), ""),
    ("credit", rf"credit(_before)?\.{_ST}\.[a-z0-9_]+", PERCENT_UNITS[1:] + ("yuan/month",), ""),
    ("average_pension", rf"average_pension(\.{_SE})?", ("yuan/month",), ""),
    ("employer_average_base", r"employer_average_monthly_base", ("yuan/month",), ""),
    ("cap_share", r"cap_share", ("%",), "cap_share"),
    ("ratio_floor", r"ratio_floor", ("%",), "ratio_floor"),
    ("civil_servant", rf"civil_servant\.{_ST}", ("% of base", "% of pension"), "civil_servant"),
    ("serious_illness_deductible", r"serious_illness\.deductible", ("yuan/year",), "serious_illness"),
    ("serious_illness_band", r"serious_illness\.band_top", ("yuan/year",), "serious_illness"),
    ("serious_illness_ratio", r"serious_illness\.ratio\.(low|high)", ("%",), "serious_illness"),
    ("serious_illness_bonus", r"serious_illness\.retiree_bonus_per_year", ("%",), "serious_illness"),
    ("serious_illness_bonus_max", r"serious_illness\.retiree_bonus_max", ("%",), "serious_illness"),
    ("flexible_wait", r"flexible_wait", ("months",), "flexible_wait"),
    ("lump_sum", r"lump_sum\.rate", ("% of base",), "lump_sum"),
]
_FAMILY_RES = [(f, re.compile(p + r"\Z"), u, r) for f, p, u, r in FAMILIES]
OPTIONAL_RULES = {
    "cap_share": ("cap_share",),
    "ratio_floor": ("ratio_floor",),
    "civil_servant": ("civil_servant.in_service", "civil_servant.retired"),
    "serious_illness": ("serious_illness.deductible", "serious_illness.band_top", "serious_illness.ratio.low",
                        "serious_illness.ratio.high", "serious_illness.retiree_bonus_per_year",
                        "serious_illness.retiree_bonus_max"),
    "flexible_wait": ("flexible_wait",),
    "lump_sum": ("lump_sum.rate",),
}
KIND_VALUES = {
    "deductible_kind": ("annual", "level_topup", "per_visit"),
    "pharmacy": ("prescriber_level", "not_in_source"),
    "away": ("same_rules", "self_pay_first", "not_in_source"),
    "other_schemes": ("remainder_pooled",),
    "before_pooling": ("none", "three_segment_unknown"),
}
# Families the after-reform pooling reads once per year: their values may change only on 1 January
# or on the day the reform began, so one lookup per year is exact.
POOLING_FAMILIES = ("deductible_status", "deductible_level", "deductible_visit", "ratio", "cap", "cap_enrolment",
                    "away_self_pay_first", "cap_share", "ratio_floor", "deductible_kind", "pharmacy", "away",
                    "other_schemes")
_NUMBER = re.compile(r"\d{1,9}(\.\d{1,6})?\Z")


def family_of(name: str) -> tuple[str, tuple[str, ...], str] | None:
    for family, pattern, units, rule in _FAMILY_RES:
        if pattern.match(name):
            return family, units, rule
    return None


# ---- small checks ---------------------------------------------------------------------------

def check_keys(table, spec: dict, file: str, where: str) -> dict:
    """The table is a table, has every required key with the right type, and no other key."""
    if not isinstance(table, dict):
        fail(file, where or "(file)", "should be a table")
    unknown = sorted(set(table) - set(spec))
    if unknown:
        fail(file, f"{where}.{unknown[0]}" if where else unknown[0],
             f"unknown key (expected one of: {', '.join(spec)})")
    for key, (kind, required) in spec.items():
        at = f"{where}.{key}" if where else key
        if key not in table:
            if required:
                fail(file, at, "missing")
            continue
        value = table[key]
        if kind is date:
            if not isinstance(value, date) or hasattr(value, "hour"):
                fail(file, at, "should be a date like 2024-01-01")
        elif (kind is int and isinstance(value, bool)) or not isinstance(value, kind):
            fail(file, at, f"should be {kind.__name__}, found {type(value).__name__}")
    return table


def _names(table: dict, key: str, allowed, what: str, file: str, where: str = "") -> tuple[str, ...]:
    at = f"{where}.{key}" if where else key
    names = tuple(table[key])
    for name in names:
        if name not in allowed:
            fail(file, at, f"{name!r} is not {what} (expected one of: {', '.join(allowed)})")
    if len(set(names)) != len(names):
        fail(file, at, "a name is listed twice")
    return names


def parse_value(raw: str, unit: str, family: str) -> object:
    """Turn a written value into what the engine uses. Raises ValueError with a reason."""
    if raw == "unknown":
        return None
    if unit == "kind":
        allowed = KIND_VALUES.get(family)
        if allowed is None:
            raise ValueError(f"no kind values are defined for {family!r}")
        if raw not in allowed:
            raise ValueError(f"{raw!r} is not one of {', '.join(allowed)}")
        return raw
    if not _NUMBER.match(raw):
        raise ValueError(f"{raw!r} is not a plain non-negative number (at most 9 digits, 6 places)")
    if unit in ("year", "month", "months"):
        if "." in raw:
            raise ValueError("should be a whole number")
        number = int(raw)
        if unit == "month" and not 1 <= number <= 12:
            raise ValueError("a month is 1 to 12")
        if unit == "year" and not 1990 <= number <= 2100:
            raise ValueError("a year is 1990 to 2100")
        if unit == "months" and number > 120:
            raise ValueError("at most 120 months")
        return number
    number = Decimal(raw)
    if unit in PERCENT_UNITS:
        if number > 100:
            raise ValueError("a percentage is at most 100")
        return number / 100
    return number


def _source(table: dict, sources: dict, file: str, where: str) -> Source:
    key = table["source"]
    if key not in sources:
        fail(file, f"{where}.source", f"no source called {key!r} (expected one of: {', '.join(sources)})")
    return sources[key]


def _dates(table: dict) -> tuple[date, date]:
    return table.get("from", EARLIEST), table.get("until", LATEST)


def _check_reading(table: dict, file: str, where: str):
    """A reading is shown to people in both languages."""
    if ("reading" in table) != ("reading_en" in table):
        fail(file, f"{where}.reading_en" if "reading" in table else f"{where}.reading",
             "a reading is given in Chinese (`reading`) and English (`reading_en`), both or neither")


def _needs_article(source: Source, article: str, file: str, where: str, article_en: str = ""):
    if source.kind in ("official", "draft") and not article:
        fail(file, f"{where}.article", "missing: a value from an official or draft document names its article")
    if not same_reference(article, article_en):
        fail(file, f"{where}.article_en", "should cite the same article as `article`, its notes in English")


# ---- tables -------------------------------------------------------------------------------------

def load_source(key: str, table, file: str) -> Source:
    where = f"sources.{key}"
    check_keys(table, SOURCE, file, where)
    kind = table["kind"]
    if kind not in SOURCE_KINDS:
        fail(file, f"{where}.kind", f"{kind!r} is not one of {', '.join(SOURCE_KINDS)}")
    source = Source(key=key, title=table["title"], kind=kind, number=table.get("number", ""),
                    seed=table.get("seed", ""), url=table.get("url", ""), title_en=table.get("title_en", ""),
                    number_en=table.get("number_en", ""))
    if kind == "secondary" and not source.url.startswith("http"):
        fail(file, f"{where}.url", "a secondary source needs its address")
    if kind in ("official", "draft") and not source.seed:
        fail(file, f"{where}.seed", "an official or draft source names its seed file")
    return source


def load_param(name: str, table, sources: dict, file: str) -> Param:
    where = f"params.{name}"
    check_keys(table, PARAM, file, where)
    found = family_of(name)
    if found is None:
        fail(file, where, "unknown parameter: its name fits no parameter family the engine reads")
    family, units, rule = found
    unit = table["unit"]
    if unit not in UNITS:
        fail(file, f"{where}.unit", f"{unit!r} is not a unit (expected one of: {', '.join(UNITS)})")
    if unit not in units:
        fail(file, f"{where}.unit", f"{unit!r} does not fit this parameter (expected {' or '.join(units)})")
    if "values" in table:
        if set(table) - {"values", *PARAM_ONLY}:
            fail(file, where, "give either `values = [...]` or one value's keys, not both")
        entries = [(f"{where}.values[{i}]", v) for i, v in enumerate(table["values"])]
        if not entries:
            fail(file, f"{where}.values", "needs at least one value")
    else:
        entries = [(where, {k: v for k, v in table.items() if k not in PARAM_ONLY})]
    periods = []
    for at, entry in entries:
        check_keys(entry, VALUE, file, at)
        if "from" not in entry and "until" not in entry:
            fail(file, at, "needs the dates it is in force: `from`, `until` or both")
        start, end = _dates(entry)
        if end < start:
            fail(file, f"{at}.until", "is before `from`")
        source = _source(entry, sources, file, at)
        try:
            value = parse_value(entry["value"], unit, family)
        except ValueError as problem:
            fail(file, f"{at}.value", str(problem))
        if value is not None:
            _needs_article(source, entry.get("article", ""), file, at, entry.get("article_en", ""))
        elif not same_reference(entry.get("article", ""), entry.get("article_en", "")):
            fail(file, f"{at}.article_en", "should cite the same article as `article`, its notes in English")
        _check_reading(entry, file, at)
        periods.append(Period(name=name, value=value, raw=entry["value"], unit=unit, start=start, end=end,
                              source=source, article=entry.get("article", ""), reading=entry.get("reading", ""),
                              reading_en=entry.get("reading_en", ""), alias=entry.get("alias", ""),
                              article_en=entry.get("article_en", "")))
    periods.sort(key=lambda p: p.start)
    for earlier, later in zip(periods, periods[1:]):
        if later.start <= earlier.end:
            fail(file, where, f"values overlap: one runs to {earlier.end}, the next starts {later.start}")
    if ("term" in table) != ("term_en" in table):
        fail(file, f"{where}.term_en" if "term" in table else f"{where}.term",
             "a figure's own term is given in Chinese (`term`) and English (`term_en`), both or neither")
    return Param(name=name, unit=unit, family=family, periods=tuple(periods), rule=rule,
                 term=table.get("term", ""), term_en=table.get("term_en", ""))


def load_credit_rule(i: int, table, sources: dict, params: dict, file: str) -> CreditRule:
    where = f"credit[{i}]"
    check_keys(table, CREDIT, file, where)
    status = table["status"]
    if status not in STATUSES + ("any",):
        fail(file, f"{where}.status", f"{status!r} is not a status (expected one of: in_service, retired, any)")
    enrolments = _names(table, "enrolments", ENROLMENTS, "an enrolment", file, where)
    kind = table["kind"]
    if kind not in CREDIT_KINDS:
        fail(file, f"{where}.kind", f"{kind!r} is not one of {', '.join(CREDIT_KINDS)}")
    if "from" not in table and "until" not in table:
        fail(file, where, "needs the dates it is in force: `from`, `until` or both")
    start, end = _dates(table)
    if end < start:
        fail(file, f"{where}.until", "is before `from`")
    bands = []
    for band in table.get("bands", []):
        if (not isinstance(band, list) or len(band) != 2 or not isinstance(band[0], int)
                or isinstance(band[0], bool) or not isinstance(band[1], str)):
            fail(file, f"{where}.bands", "each band is [minimum age, parameter name]")
        if band[1] not in params:
            fail(file, f"{where}.bands", f"no parameter called {band[1]!r}")
        unit = params[band[1]].unit
        if kind in CREDIT_UNITS and unit not in CREDIT_UNITS[kind]:
            fail(file, f"params.{band[1]}.unit", f"{unit!r} does not fit a {kind} rule "
                 f"(expected {' or '.join(CREDIT_UNITS[kind])})")
        bands.append((band[0], band[1]))
    if kind in CREDIT_UNITS and not bands:
        fail(file, f"{where}.bands", f"a {kind} rule needs at least one band")
    if kind not in CREDIT_UNITS and bands:
        fail(file, f"{where}.bands", f"a {kind} rule takes no bands")
    if bands != sorted(bands) or len({a for a, _ in bands}) != len(bands):
        fail(file, f"{where}.bands", "bands go from the youngest age up, one per age")
    base_param = table.get("base_param", "")
    by_sector = table.get("by_sector", False)
    if (kind == "percent_of_param") != bool(base_param):
        fail(file, f"{where}.base_param", "a percent_of_param rule names its base_param; no other rule does")
    bases = [sector_base_name(base_param, s) for s in SECTORS] if by_sector else [base_param] if base_param else []
    for n in bases:
        if n not in params:
            fail(file, f"{where}.base_param", f"no parameter called {n!r}")
        if params[n].unit != "yuan/month":
            fail(file, f"params.{n}.unit", "a rule's base is in yuan/month")
    fixed = table.get("sector_by_enrolment", {})
    for enrolment, sector in fixed.items():
        if enrolment not in enrolments or sector not in SECTORS:
            fail(file, f"{where}.sector_by_enrolment.{enrolment}",
                 f"should map one of the rule's enrolments to one of: {', '.join(SECTORS)}")
    if fixed and not by_sector:
        fail(file, f"{where}.sector_by_enrolment", "only a by_sector rule sets a sector")
    source = _source(table, sources, file, where)
    _needs_article(source, table.get("article", ""), file, where, table.get("article_en", ""))
    _check_reading(table, file, where)
    rule = CreditRule(status=status, enrolments=enrolments, kind=kind, bands=tuple(bands), source=source,
                      start=start, end=end, article=table.get("article", ""), reading=table.get("reading", ""),
                      reading_en=table.get("reading_en", ""), article_en=table.get("article_en", ""),
                      base_param=base_param, by_sector=by_sector,
                      sector_by_enrolment=tuple(fixed.items()))
    for name in [n for _, n in bands] + bases:          # every figure it reads is in force whenever it applies
        _check_in_force(params[name], start, end, file, f"{where} (uses params.{name})")
    return rule


def _check_in_force(param: Param, start: date, end: date, file: str, where: str):
    """The parameter has a value on every day from start to end."""
    day = start
    for period in param.periods:
        if period.end < day:
            continue
        if period.start > day:
            break
        if period.end >= end:
            return
        day = period.end + timedelta(days=1)
    shown = "since the sources begin" if day == EARLIEST else f"on {day}"
    fail(file, where, f"params.{param.name} is not in force {shown}, when the engine uses it")


def _check_overlaps(rules: tuple[CreditRule, ...], file: str):
    for i, a in enumerate(rules):
        for j in range(i + 1, len(rules)):
            b = rules[j]
            same_people = (a.status == b.status or "any" in (a.status, b.status)) and set(a.enrolments) & set(b.enrolments)
            if same_people and a.start <= b.end and b.start <= a.end:
                fail(file, f"credit[{j}]", f"overlaps credit[{i}]: both cover the same people from "
                     f"{max(a.start, b.start)}")


def _check_complete(city: City, file: str):
    """The parameters the engine will look up exist, are in force from the reform on, and change only on 1 January."""
    p = city.params
    kind = p["deductible_kind"].value if "deductible_kind" in p else None
    needed = needed_names(city, kind, p["away"].value if "away" in p else None)
    for rule in city.optional_rules:
        needed += OPTIONAL_RULES[rule]
    for name in needed:
        if name not in p:
            fail(file, f"params.{name}", "missing: the engine needs it for this city")
    for name, param in p.items():
        if param.rule and param.rule not in city.optional_rules:
            fail(file, f"params.{name}", f"belongs to the optional rule {param.rule!r}, "
                 "which `optional_rules` does not declare")
        if param.family in POOLING_FAMILIES and not param.rule:
            _check_in_force(param, city.start, LATEST, file, f"params.{name}")
        if param.family in POOLING_FAMILIES:
            for period in param.periods[1:]:
                if (period.start.month, period.start.day) != (1, 1) and period.start != city.start:
                    fail(file, f"params.{name}", f"a value starts {period.start}: pooling figures change "
                         "only on 1 January or the day the reform began")
    # the before column is the calendar year before the reform began
    _check_in_force(p["before_pooling"], date(city.year_before, 1, 1), city.start - timedelta(days=1), file,
                    "params.before_pooling")
    for key in ("deductible_kind", "pharmacy", "away", "other_schemes", "before_pooling"):
        if len(p[key].periods) > 1:
            fail(file, f"params.{key}", "a kind of rule has one value")
    read = set(needed)
    for rule in city.credit_rules:
        read.update(n for _, n in rule.bands)
        if rule.by_sector:
            read.update(sector_base_name(rule.base_param, s) for s in SECTORS)
        elif rule.base_param:
            read.add(rule.base_param)
    for name in p:
        if name not in read:
            fail(file, f"params.{name}", "the engine never reads it for this city (a misspelt name, or a rule "
                 "that does not use it)")


def build_city(data, file: str, stem: str) -> City:
    """Check a parsed city file and build the City the engine reads."""
    check_keys(data, TOP, file, "")
    if data["schema"] != 2:
        fail(file, "schema", "this engine reads schema 2")
    city_id = data["id"]
    if city_id != stem:
        fail(file, "id", f"should match the file name {stem!r}")
    if data["document_status"] not in DOCUMENT_STATUSES:
        fail(file, "document_status", f"{data['document_status']!r} is not one of {', '.join(DOCUMENT_STATUSES)}")
    levels = _names(data, "levels", LEVELS, "a level the engine knows", file)
    level_names = data["level_names"]
    for level, names in level_names.items():
        if level not in levels:
            fail(file, f"level_names.{level}", f"not one of this city's levels ({', '.join(levels)})")
        check_keys(names, LEVEL_NAME, file, f"level_names.{level}")
    for level in levels:
        if level not in level_names:
            fail(file, f"level_names.{level}", "missing: needs zh and en names")
    enrolments = _names(data, "enrolments", ENROLMENTS, "an enrolment", file)
    sectors = _names(data, "retiree_sectors", SECTORS, "a sector", file)
    optional = _names(data, "optional_rules", tuple(OPTIONAL_RULES), "an optional rule", file) \
        if "optional_rules" in data else ()
    sources = {k: load_source(k, v, file) for k, v in data["sources"].items()}
    params = {k: load_param(k, v, sources, file) for k, v in data["params"].items()}
    aliases = {}
    for param in params.values():
        for period in param.periods:
            if period.alias:
                if period.alias in params or period.alias in aliases:
                    fail(file, f"params.{param.name}.alias", f"{period.alias!r} already names a parameter")
                aliases[period.alias] = (param.name, period.start if len(param.periods) > 1 else None)
    for name in ("reform_start_year", "reform_start_month"):
        if name not in params:
            fail(file, f"params.{name}", "missing: the engine needs it for this city")
    year_param, month_param = params["reform_start_year"], params["reform_start_month"]
    start = year_param.periods[0].start
    if year_param.value is None or start == EARLIEST:
        fail(file, "params.reform_start_year", "the year the reform began must be known, with its `from` date")
    if year_param.value != start.year or month_param.value not in (None, start.month):
        fail(file, "params.reform_start_month", f"should agree with the day the reform began ({start})")
    rules = tuple(load_credit_rule(i, t, sources, params, file) for i, t in enumerate(data["credit"]))
    _check_overlaps(rules, file)
    rules = tuple(replace(r, regime="before" if r.end < start else "after") for r in rules)
    explanations = []
    for i, table in enumerate(data.get("explain", [])):
        where = f"explain[{i}]"
        check_keys(table, EXPLAIN, file, where)
        if table["key"] not in EXPLANATION_KEYS:
            fail(file, f"{where}.key", f"{table['key']!r} is not an explanation the site shows "
                 f"(expected one of: {', '.join(EXPLANATION_KEYS)})")
        if not same_reference(table.get("article", ""), table.get("article_en", "")):
            fail(file, f"{where}.article_en", "should cite the same article as `article`, its notes in English")
        explanations.append(Explanation(table["key"], table["zh"], table["en"],
                                        _source(table, sources, file, where), table.get("article", ""),
                                        table.get("article_en", "")))
    city = City(id=city_id, name_zh=data["name_zh"], name_en=data["name_en"],
                document_status=data["document_status"], enrolments=enrolments, retiree_sectors=sectors,
                levels=levels, level_names=level_names, sources=sources, params=params, credit_rules=rules,
                explanations=tuple(explanations), optional_rules=optional, aliases=aliases, start=start,
                start_month_known=month_param.value is not None, file=file)
    _check_complete(city, file)
    return city
