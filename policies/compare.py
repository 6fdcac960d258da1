"""The same person and the same visits in every city whose rules can be computed for them.

Institution levels and enrolments differ between cities, so each is mapped to the
nearest one the other city has, and the mapping is returned so it can be stated.
Figures that belong to one city (a known account credit, a supplied parameter) are not
carried to the others.
"""
from dataclasses import dataclass, field, replace
from decimal import Decimal

from .engine import Estimate, _Missing, account_credit, run
from .loader import load_cities
from .scenario import Scenario, ScenarioError, parse_scenario
from .steps import Notes
from .values import Cite

# Every city has primary, secondary and tertiary; the others fold into the nearest.
GENERIC_LEVEL = {"primary": "primary", "other": "primary", "secondary": "secondary",
                 "tertiary_other": "tertiary", "tertiary": "tertiary", "tertiary_provincial_a": "tertiary"}
NEAREST_ENROLMENT = {"flexible": ("flexible", "individual_tier2"), "individual_tier1": ("flexible", "individual_tier1"),
                     "individual_tier2": ("flexible", "individual_tier2"), "employer": ("employer",)}


@dataclass
class Outcome:
    city_id: str
    estimate: Estimate | None = None
    problems: dict[str, list[str]] = field(default_factory=dict)
    # Fields missing only because another missing one is: said once, by the one they follow from.
    follows: frozenset[str] = frozenset()
    level_map: dict[str, str] = field(default_factory=dict)      # the person's level -> this city's
    enrolment: str = "employer"
    pharmacy_as_hospital: bool = False
    home: bool = False
    # What the city's documents leave out for this person whatever they answer (fields, in the engine's
    # order), and whether the answers it waits for (ANSWERS) would give it a result: said before they are
    # asked, so that no one answers for a city that could not be worked out anyway.
    lacks: tuple[str, ...] = ()
    answerable: bool = False


def nearest_level(level: str, city) -> str:
    """The level of `city` a visit at another city's `level` counts as: the same where the city has it, else the
    nearest (GENERIC_LEVEL). The compare page states it; the help desk moves a call's visits by it."""
    return level if level in city.levels else GENERIC_LEVEL.get(level, level)


def _elsewhere(data: dict, city) -> tuple[dict, Outcome]:
    outcome = Outcome(city.id)
    moved = {k: v for k, v in data.items()
             if k not in ("city", "year", "account_credit_before", "account_credit_after", "params",
                          "account_credit_by_year")}
    moved["city"] = city.id
    wanted = data.get("enrolment", "employer")
    outcome.enrolment = next((e for e in NEAREST_ENROLMENT.get(wanted, ("employer",)) if e in city.enrolments),
                             "employer")
    moved["enrolment"] = outcome.enrolment
    visits = []
    for v in data.get("visits", []):
        level = v.get("level")
        target = nearest_level(level, city)
        outcome.level_map[level] = target
        entry = dict(v, level=target)
        if entry.get("where") == "pharmacy" and city.params["pharmacy"].value != "prescriber_level":
            entry["where"] = "hospital"
            outcome.pharmacy_as_hospital = True
        visits.append(entry)
    moved["visits"] = visits
    return moved, outcome


def following(problems: dict[str, list[tuple[str, dict]]]) -> frozenset[str]:
    """The fields whose problem only follows from another field's: an after-reform credit that the city's rule
    makes the same as the year before's (镇江's retirees from 2023), asked because that year's credit could
    not be worked out. Its own rule is given; what the year before lacks (the person's pension, or a figure)
    is what is missing."""
    return frozenset(name for name, items in problems.items()
                     if name == "account_credit_after" and items
                     and all(key == "credit_missing" and isinstance(args.get("why"), Cite)
                             and getattr(args["why"].cited, "kind", "") == "same_as_before" for key, args in items))


# The person's own answers a city may wait for. Whether a figure is missing never depends on the amount of a
# pension or a base (only what the credit comes to does), so any amount stands in for one; where they retired
# from chooses which city figure is read, so each of the city's answers is tried.
ANSWERS = ("monthly_pension", "monthly_base", "retiree_sector")
CREDITS = ("account_credit_before", "account_credit_after")
STAND_IN = Decimal("1000")


def _whatever_they_answer(sc: Scenario, problems: dict) -> tuple[tuple[str, ...], bool]:
    """(what the documents leave out whatever the person answers, whether some answer gives a result) for a
    city whose estimate failed with `problems`. Only the credits and pooling rules are worked out again."""
    awaited = [name for name in ANSWERS if name in problems]
    if not awaited:
        return tuple(name for name in problems if name not in following(problems)), False
    sectors = (sc.city.retiree_sectors if "retiree_sector" in awaited else ()) or (sc.retiree_sector,)
    # The pooling rules do not depend on these answers: what they lack is already known. Nor does a figure a
    # credit's rule reads whatever the answer (an answer only lets the rule read more): such a credit stays
    # missing. Only the other credits are worked out again.
    rest = [name for name in problems if name not in CREDITS and name not in ANSWERS]
    missing_anyway = {name for name in CREDITS if _lacks_a_figure(name, problems.get(name, ()))}
    left_each = []
    for sector in sectors:
        trial = replace(sc, retiree_sector=sector,
                        monthly_pension=sc.monthly_pension if sc.monthly_pension is not None else STAND_IN,
                        monthly_base=sc.monthly_base if sc.monthly_base is not None else STAND_IN)
        left = _credits_missing(trial, missing_anyway)
        follows = following(left)
        left_each.append([name for name in CREDITS if name in missing_anyway or (name in left and name not in follows)]
                         + rest)
    # A figure is said to be missing before the answer only if it is missing whatever the answer.
    lacks = tuple(name for name in left_each[0] if all(name in left for left in left_each[1:]))
    return lacks, any(not left for left in left_each)


def _lacks_a_figure(name: str, items) -> bool:
    """Whether a credit's problems name a figure no source gives (read whatever the person answers), or, for
    the credit before the reform, a year no rule covers. (The credit after may lack a rule only for months
    the year before's credit would fill: that depends on the answers.)"""
    keys = {key for key, _ in items}
    return bool(keys & {"credit_figure_missing", "credit_figure_missing_draft"}) or (
        name == "account_credit_before" and any(key == "credit_missing" for key in keys))


def _credits_missing(sc: Scenario, known: set) -> dict:
    """The problems of the credits not already `known` to be missing for `sc`, as engine.year_parts names them,
    without reading the pooling rules again."""
    notes, problems = Notes(sc), {}
    before = None
    if "account_credit_before" not in known:
        try:
            before = account_credit(sc, sc.city.year_before, "before", notes)
        except _Missing as missing:
            problems.update(missing.args[0])
    if "account_credit_after" not in known:
        try:
            account_credit(sc, sc.year, "after", notes, before)
        except _Missing as missing:
            for name, items in missing.args[0].items():
                problems.setdefault(name, items)
    return problems


def everywhere(data: dict) -> list[Outcome]:
    """An outcome per city, the person's own city first."""
    home = data.get("city")
    outcomes = []
    for city in load_cities().values():
        if city.id == home:
            scenario, outcome = data, Outcome(city.id, home=True, enrolment=data.get("enrolment", "employer"),
                                              level_map={v["level"]: v["level"] for v in data.get("visits", [])})
        else:
            scenario, outcome = _elsewhere(data, city)
        sc = None
        try:
            sc = parse_scenario(scenario)
            outcome.estimate = run(sc)
        except ScenarioError as error:
            outcome.problems = error.messages(data.get("lang", "zh"))
            outcome.follows = following(error.problems)
            if sc is not None and not outcome.home:
                outcome.lacks, outcome.answerable = _whatever_they_answer(sc, error.problems)
        outcomes.append(outcome)
    outcomes.sort(key=lambda o: not o.home)
    return outcomes
