"""The walk-through's state and order. Every answer travels in the URL's query string.

Nothing is stored on the server: each request re-reads and re-checks all the answers,
so the back button, a bookmark or a shared link always shows what was typed.
"""
import re
from dataclasses import dataclass, field
from fractions import Fraction
from urllib.parse import parse_qsl, quote_plus

from django.conf import settings
from django.core.exceptions import TooManyFieldsSent

from policies import ScenarioError, estimate, load_cities
from policies.scenario import MAX_VISITS

from .forms import CityForm, FiguresForm, MoneyForm, PersonForm, VisitsForm, form_class, parse_decimal

STEP_ORDER = ("city", "person", "money", "visits", "figures", "check")
PERSON_KEYS = ("status", "enrolment", "sector", "age", "birth_month", "year")
MONEY_KEYS = ("base", "pension", "credit_before", "credit_after", "opening")
MAX_VALUE_LENGTH = 40        # no answer is longer; longer values are dropped, not echoed back


def query_values(request) -> dict[str, str]:
    """What request.GET.items() gives (each key's last value), read without building a QueryDict.

    A QueryDict cost each page about 25 µs, as much as its whole table (issue 5). This
    decodes as it does, and refuses as many fields as it refuses; a property test
    compares the two on any query string."""
    raw = request.environ.get("QUERY_STRING", "").encode("iso-8859-1")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("iso-8859-1")
    try:
        return dict(parse_qsl(text, keep_blank_values=True, encoding="utf-8",
                              max_num_fields=settings.DATA_UPLOAD_MAX_NUMBER_FIELDS))
    except ValueError as e:
        raise TooManyFieldsSent("The number of GET/POST parameters exceeded "
                                "settings.DATA_UPLOAD_MAX_NUMBER_FIELDS.") from e


def known_key(key: str) -> bool:
    return (key in ("city",) + PERSON_KEYS + MONEY_KEYS or key.startswith(("n_", "c_", "p_"))
            or key[:3] in ("ph_", "sp_", "aw_"))


def once_per_request(fn):
    """Dry runs of the engine are asked for several times while one page is built; run each once."""
    def wrapper(answers, *args):
        key = (fn.__name__, args)
        if key not in answers.memo:
            answers.memo[key] = fn(answers, *args)
        return answers.memo[key]
    wrapper.__name__, wrapper.__doc__ = fn.__name__, fn.__doc__
    return wrapper


@dataclass
class Answers:
    """What the person typed, as text, keyed by field name."""
    values: dict[str, str]
    memo: dict = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_query(cls, query) -> "Answers":
        values = {}
        for key, value in query.items():      # the last value of a repeated key wins
            if known_key(key) and len(key) < 60 and value.strip() and len(value) <= MAX_VALUE_LENGTH:
                values[key] = value.strip()
        return cls(values)

    @classmethod
    def from_request(cls, request) -> "Answers":
        return cls.from_query(query_values(request))

    def get(self, key, default=""):
        return self.values.get(key, default)

    @property
    def city(self):
        return load_cities().get(self.values.get("city", ""))

    def query(self, **changes) -> str:
        """The answers as a URL query, sorted so that the same answers give the same link."""
        if changes:
            return _encoded(dict(self.values, **changes))
        if "query" not in self.memo:         # a page links to several steps with the same answers
            self.memo["query"] = _encoded(self.values)
        return self.memo["query"]

    def hidden(self, exclude) -> list[tuple[str, str]]:
        """The other answers, to carry through a form as hidden fields."""
        return sorted((k, v) for k, v in self.values.items() if k not in exclude)


_URL_SAFE = re.compile(r"[A-Za-z0-9_.~-]*").fullmatch    # what quote_plus leaves as it is


def _encoded(values: dict) -> str:
    """urlencode(sorted(items)), without quote_plus for the usual keys and values that it would leave alone."""
    return "&".join(f"{k if _URL_SAFE(k) else quote_plus(k)}={v if _URL_SAFE(v) else quote_plus(v)}"
                    for k, v in sorted(values.items()) if v)


def make_form(step: str, answers: Answers, lang: str, bound: bool, every_question: bool = False):
    data = answers.values if bound else None
    city = answers.city
    initial = answers.values
    if step == "city":
        return CityForm(data, initial=initial, lang=lang)
    if step == "person":
        return form_class(PersonForm, city.id, lang)(data, initial=initial, city=city)
    if step == "money":
        form = MoneyForm(data, initial=initial)
        if every_question:          # the help desk shows base and pension side by side
            return form
        # Only the money question that applies is on the page, so only it is checked here.
        if not money_asked(answers.values, "base"):
            del form.fields["base"]
        if not (money_asked(answers.values, "pension") and asks_pension(city)):
            del form.fields["pension"]
        return form
    if step == "visits":
        return form_class(VisitsForm, city.id, lang)(data, initial=initial, city=city, lang=lang)
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
        n = kind["count"]
        timeline += [(Fraction(2 * i + 1, 2 * n), order) for i in range(n)]
    timeline.sort()
    visits = []
    for _, order in timeline:
        kind = kinds[order]
        if visits and visits[-1]["_order"] == order:
            visits[-1]["count"] += 1
        else:
            entry = {k: v for k, v in kind.items() if k not in ("n", "count")}
            visits.append({**entry, "count": 1, "_order": order})
    for v in visits:
        del v["_order"]
    return visits


def money_asked(values: dict, key: str) -> bool:
    """The base is asked of working people and the pension of retired people; other money always."""
    if key == "base":
        return values.get("status") == "in_service"
    if key == "pension":
        return values.get("status") == "retired"
    return True


def scenario_from(answers: Answers, lang: str, visits: bool = True) -> dict:
    city = answers.city
    data = {"city": city.id, "status": answers.get("status"), "lang": "en" if lang == "en" else "zh"}
    a = answers.values
    if a.get("age", "").isdecimal():        # not isdigit: "¹" is a digit that int() refuses
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
    for key, name in (("base", "monthly_base"), ("pension", "monthly_pension"), ("credit_before", "account_credit_before"),
                      ("credit_after", "account_credit_after"), ("opening", "opening_balance")):
        if a.get(key) and money_asked(a, key):
            number = parse_decimal(a[key])
            data[name] = str(number) if number is not None else a[key]
    params = {k[2:]: str(parse_decimal(v)) for k, v in a.items() if k.startswith("p_") and parse_decimal(v) is not None}
    if params:
        data["params"] = params
    # Counts that are not whole numbers still reach the engine, so that it names the field.
    kinds = [k for k in _visit_kinds(answers, city) if k["n"] and k["n"] != "0"]
    for k in kinds:
        k["count"] = int(k["n"]) if k["n"].isdecimal() else k["n"]
        number = parse_decimal(k["cost"])
        k["cost"] = str(number) if number is not None else k["cost"]
        if "other_scheme_paid" in k:
            other = parse_decimal(k["other_scheme_paid"])
            k["other_scheme_paid"] = str(other) if other is not None else "0"
    whole = [k for k in kinds if isinstance(k["count"], int)]
    if visits and len(whole) == len(kinds) and sum(k["count"] for k in kinds) <= MAX_VISITS:
        data["visits"] = spread_visits(kinds)
    elif visits:        # let the engine name the bad count or the excess, without spreading them
        data["visits"] = [{k: v for k, v in kind.items() if k != "n"} for kind in kinds]
    else:
        data["visits"] = []
    return data


def engine_problems(data: dict) -> dict[str, list[str]]:
    try:
        estimate(data)
    except ScenarioError as error:
        return error.messages(data.get("lang", "zh"))
    return {}


@once_per_request
def missing_money(answers: Answers, lang: str) -> dict[str, list[str]]:
    """The money page's fields the engine needs for this person, with the reason."""
    data = scenario_from(answers, lang, visits=False)
    data.pop("params", None)
    return {name: msgs for name, msgs in engine_problems(data).items()
            if name in ("monthly_base", "monthly_pension", "account_credit_before", "account_credit_after")}


@once_per_request
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


# Where each of the engine's fields is asked.
FIELD_STEP = {
    "city": "city", "status": "person", "age": "person", "enrolment": "person", "retiree_sector": "person",
    "birth_month": "person", "year": "person", "monthly_base": "money", "monthly_pension": "money",
    "account_credit_before": "money", "account_credit_after": "money", "opening_balance": "money",
}


def step_of(field_name: str) -> str:
    if field_name.startswith("params."):
        return "figures"
    if field_name.startswith("visits"):
        return "visits"
    return FIELD_STEP.get(field_name, "city")


@once_per_request
def problem_steps(answers: Answers, lang: str) -> set[str]:
    """The steps whose answers the engine cannot accept, found in one pass.

    Re-checking earlier pages on every request this way costs one engine run rather than
    building and validating each page's form.
    """
    if answers.city is None:
        return {"city"}
    return {step_of(f) for f in engine_problems(scenario_from(answers, lang))}
