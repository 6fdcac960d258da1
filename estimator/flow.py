"""The walk-through's state and order. Every answer travels in the URL's query string.

Nothing is stored on the server: each request re-reads and re-checks all the answers,
so the back button, a bookmark or a shared link always shows what was typed.
"""
from dataclasses import dataclass
from fractions import Fraction
from urllib.parse import urlencode

from policies import ScenarioError, estimate, load_cities

from .forms import CityForm, FiguresForm, MoneyForm, PersonForm, VisitsForm, parse_decimal

STEP_ORDER = ("city", "person", "money", "visits", "figures", "check")
PERSON_KEYS = ("status", "enrolment", "sector", "age", "birth_month", "year")
MONEY_KEYS = ("base", "pension", "credit_before", "credit_after", "opening")
MAX_VALUE_LENGTH = 40        # no answer is longer; longer values are dropped, not echoed back


def known_key(key: str) -> bool:
    return (key in ("city",) + PERSON_KEYS + MONEY_KEYS or key.startswith(("n_", "c_", "p_"))
            or key[:3] in ("ph_", "sp_", "aw_"))


@dataclass
class Answers:
    """What the person typed, as text, keyed by field name."""
    values: dict[str, str]

    @classmethod
    def from_query(cls, query) -> "Answers":
        values = {}
        for key, value in query.items():      # the last value of a repeated key wins
            if known_key(key) and len(key) < 60 and value.strip() and len(value) <= MAX_VALUE_LENGTH:
                values[key] = value.strip()
        return cls(values)

    def get(self, key, default=""):
        return self.values.get(key, default)

    @property
    def city(self):
        return load_cities().get(self.values.get("city", ""))

    def query(self, **changes) -> str:
        values = dict(self.values, **changes)
        return urlencode(sorted((k, v) for k, v in values.items() if v))

    def hidden(self, exclude) -> list[tuple[str, str]]:
        """The other answers, to carry through a form as hidden fields."""
        return sorted((k, v) for k, v in self.values.items() if k not in exclude)


def make_form(step: str, answers: Answers, lang: str, bound: bool):
    data = answers.values if bound else None
    city = answers.city
    initial = answers.values
    if step == "city":
        return CityForm(data, initial=initial, lang=lang)
    if step == "person":
        return PersonForm(data, initial=initial, city=city)
    if step == "money":
        return MoneyForm(data, initial=initial)
    if step == "visits":
        return VisitsForm(data, initial=initial, city=city, lang=lang)
    if step == "figures":
        return FiguresForm(data, initial=initial, city=city, names=missing_figures(answers), lang=lang)
    raise ValueError(step)


# ---- from answers to the engine's scenario -------------------------------------------

def _visit_kinds(answers: Answers, city) -> list[dict]:
    kinds = []
    for lv in city.levels:
        kinds.append({"level": lv, "n": answers.get(f"n_{lv}"), "cost": answers.get(f"c_{lv}")})
    for prefix, extra in (("ph", {"where": "pharmacy"}), ("sp", {}), ("aw", {"away": True})):
        kinds.append({"level": answers.get(f"{prefix}_lv") or city.levels[0], "n": answers.get(f"{prefix}_n"),
                      "cost": answers.get(f"{prefix}_c"), **extra,
                      **({"other_scheme_paid": answers.get("sp_o") or "0"} if prefix == "sp" else {})})
    return kinds


def spread_visits(kinds: list[dict]) -> list[dict]:
    """Spread each kind of visit evenly over the year, then merge neighbours into blocks.

    The order matters where a deductible depends on the level (枣庄 累计补差) and where the
    cap runs out, so visits are not simply grouped by kind.
    """
    timeline = []
    for order, kind in enumerate(kinds):
        n = int(kind["n"])
        timeline += [(Fraction(2 * i + 1, 2 * n), order) for i in range(n)]
    timeline.sort()
    visits = []
    for _, order in timeline:
        kind = kinds[order]
        if visits and visits[-1]["_order"] == order:
            visits[-1]["count"] += 1
        else:
            entry = {k: v for k, v in kind.items() if k != "n"}
            visits.append({**entry, "count": 1, "_order": order})
    for v in visits:
        del v["_order"]
    return visits


def scenario_from(answers: Answers, lang: str, visits: bool = True) -> dict:
    city = answers.city
    data = {"city": city.id, "status": answers.get("status"), "lang": "en" if lang == "en" else "zh"}
    a = answers.values
    if a.get("age", "").isdigit():
        data["age"] = int(a["age"])
    else:
        data["age"] = a.get("age")
    if a.get("year"):
        data["year"] = a["year"]
    if a.get("birth_month"):
        data["birth_month"] = a["birth_month"]
    if a.get("enrolment"):
        data["enrolment"] = a["enrolment"]
    if a.get("sector") and a.get("status") == "retired":
        data["retiree_sector"] = a["sector"]
    for key, field in (("base", "monthly_base"), ("pension", "monthly_pension"), ("credit_before", "account_credit_before"),
                       ("credit_after", "account_credit_after"), ("opening", "opening_balance")):
        if a.get(key):
            number = parse_decimal(a[key])
            data[field] = str(number) if number is not None else a[key]
    params = {k[2:]: str(parse_decimal(v)) for k, v in a.items() if k.startswith("p_") and parse_decimal(v) is not None}
    if params:
        data["params"] = params
    kinds = [k for k in _visit_kinds(answers, city) if (k["n"] or "0").isdigit() and int(k["n"] or 0) > 0]
    for k in kinds:
        number = parse_decimal(k["cost"])
        k["cost"] = str(number) if number is not None else k["cost"]
        if "other_scheme_paid" in k:
            other = parse_decimal(k["other_scheme_paid"])
            k["other_scheme_paid"] = str(other) if other is not None else "0"
    data["visits"] = spread_visits(kinds) if visits else []
    return data


def engine_problems(data: dict) -> dict[str, list[str]]:
    try:
        estimate(data)
    except ScenarioError as error:
        return error.messages(data.get("lang", "zh"))
    return {}


def missing_money(answers: Answers, lang: str) -> dict[str, list[str]]:
    """The money page's fields the engine needs for this person, with the reason."""
    data = scenario_from(answers, lang, visits=False)
    data.pop("params", None)
    return {field: msgs for field, msgs in engine_problems(data).items()
            if field in ("monthly_base", "monthly_pension", "account_credit_before", "account_credit_after")}


def missing_figures(answers: Answers) -> list[str]:
    """Parameters the sources lack that this person's visits need (Xi'an's deductible, ...)."""
    city = answers.city
    if city is None:
        return []
    data = scenario_from(answers, "zh")
    data.pop("params", None)
    data.update(account_credit_before="0", account_credit_after="0")
    return [f[len("params."):] for f in engine_problems(data) if f.startswith("params.")]


def steps_for(answers: Answers) -> list[str]:
    steps = list(STEP_ORDER)
    if not missing_figures(answers):
        steps.remove("figures")
    return steps


def asks_pension(city) -> bool:
    """Whether any of the city's rules for retired people credits a share of the own pension."""
    return any(r.kind == "percent_of_pension" and r.status in ("retired", "any") for r in city.credit_rules)
