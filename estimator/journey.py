"""The walk-through's steps and one person's way through them. Every answer travels in the URL.

Nothing is stored on the server. Each request reads the answers from request.GET, drops
those the chosen city cannot use (and says so), checks the earlier steps with their own
forms and runs the engine at most once (Journey.outcome), so the back button, a bookmark
or a shared link always shows what was typed. The step registry follows the MoJ
send-money pattern: a step has its form, its template, the step before it, and when it
applies.
"""
import math
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property     # the standard library's takes a lock at each first read
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from policies import ScenarioError, load_cities, parse_scenario, run
from policies.compare import following
from policies.partial import run_known

from .context import path_of
from .display import MODES
from .forms import BoxesForm, CityForm, FiguresForm, MoneyForm, NumberField, PersonForm, VisitsForm, options, plain_number
from . import year_credits
from .questions import (FAMILY, FAMILY_KINDS, KINDS, MONEY, OWN_ANSWERS, PERSON, TOTAL, city_uses, dated_credits,
                        figure_question,
                        in_language, money_questions, param_name, questions, step_of_path, visit_questions,
                        visit_rows)

MAX_VALUE_LENGTH = 40        # no answer is longer; longer values are dropped, not echoed back
# s: the step whose form was sent; r=check: came from the check-answers page; from_city: see RECHECKED_STEPS.
CONTROL_KEYS = ("s", "r", "from_city")
# After a change of city, the steps whose answers can mean something else in the new city: the years offered
# (person) and the years the account credits are for (money: "the year before the reform" is the new city's).
# The city page sends the city it showed (from_city); a different city chosen, these steps are shown again,
# unsent (no error for a question not yet seen), each saying which answers were kept and which to check; the
# key travels only between them.
FROM_CITY_KEY = "from_city"
RECHECKED_STEPS = ("person", "money")
RECHECKED_KEYS = ("year", "credit_before", "credit_after")
# dk ("don't know"): the figures the person said they do not know, comma-separated. A new key: an
# older link never has it, so no saved link changes meaning. credit_before/credit_after: that year's
# account credit; base, pension: the person's own; figures: the figures the city has not published.
UNKNOWN_KEY = "dk"
UNKNOWN_CHOICES = ("base", "pension", "credit_before", "credit_after", "figures")
UNKNOWN_PATHS = {"monthly_base": "base", "monthly_pension": "pension", "account_credit_before": "credit_before",
                 "account_credit_after": "credit_after"}


@cache
def _lacking_pooling_figures(city_id: str) -> bool:
    return any(p.unknown and name.startswith(("deductible", "ratio", "cap"))
               for name, p in load_cities()[city_id].params.items())


def lacks_pooling_figures(city) -> bool:
    """Whether the city's documents leave out figures general pooling needs (Xi'an's framework document)."""
    return _lacking_pooling_figures(city.id)


@dataclass(frozen=True)
class Step:
    name: str
    form: type
    template: str
    previous: str | None
    applies: Callable = lambda journey: True


STEPS = {step.name: step for step in (
    Step("city", CityForm, "questions/city.html", None),
    Step("person", PersonForm, "questions/person.html", "city"),
    Step("money", MoneyForm, "questions/money.html", "person"),
    Step("visits", VisitsForm, "questions/visits.html", "money"),
    Step("figures", FiguresForm, "questions/figures.html", "visits",
         applies=lambda journey: lacks_pooling_figures(journey.city)),
)}
STEP_ORDER = tuple(STEPS)


def _known_key(key: str) -> bool:
    return (key in ("city", UNKNOWN_KEY) or key in MODES or key in _PLAIN_KEYS or key.startswith(("n_", "c_", "p_"))
            or key[:3] in ("ph_", "sp_", "aw_") or year_credits.year_of(key) is not None) and len(key) < 60


_PLAIN_KEYS = {q.key for q in PERSON + MONEY + TOTAL + FAMILY}
_RECHECKED_WORDS = {q.key: q.what for q in PERSON + MONEY if q.key in RECHECKED_KEYS}


class Answers:
    """What the person typed, as text, keyed by the link's keys: only answers this city can use."""

    def __init__(self, values: dict[str, str]):
        self.values = values

    def get(self, key: str, default: str = "") -> str:
        return self.values.get(key, default)

    def query(self, **changes) -> str:
        """The answers as a URL query, sorted so that the same answers give the same link."""
        return _encoded({**self.values, **changes}) if changes else self.plain_query

    @cached_property
    def plain_query(self) -> str:
        # A page links to several steps with the same answers (which never change once read): encoded once.
        return _encoded(self.values)


def _encoded(values: dict[str, str]) -> str:
    return urlencode(sorted((k, v) for k, v in values.items() if v))


def read_answers(query) -> dict[str, str]:
    """Each known key's last value, stripped; blank and overlong values are no answer."""
    values = {}
    for key in query:
        if key in CONTROL_KEYS or not _known_key(key):
            continue
        if key == UNKNOWN_KEY:       # ticked boxes come as dk=a&dk=b, a kept link as dk=a,b
            said = {v.strip() for item in query.getlist(key) if len(item) <= MAX_VALUE_LENGTH
                    for v in item.split(",")} if hasattr(query, "getlist") else set(query[key].split(","))
            if said := ",".join(c for c in UNKNOWN_CHOICES if c in said):
                values[key] = said
            continue
        value = query[key].strip()           # QueryDict: the last value of a repeated key
        if key in MODES and value != MODES[key]:
            continue                         # how the page is shown, not an answer: only a mode that is on is kept
        if value and len(value) <= MAX_VALUE_LENGTH:
            values[key] = value
    return values


@cache
def asked_keys(city_id: str, lang: str) -> frozenset[str]:
    """Every key a city's pages ask: the same for everyone in the city, so worked out once."""
    return frozenset(q.key for q in visit_questions(load_cities()[city_id], lang)) | _PLAIN_KEYS


def usable(values: dict[str, str], city, asked: frozenset[str],
           by_status: bool = True) -> tuple[dict[str, str], list[str]]:
    """The answers this city can use (of those its pages ask: `asked`), and the names of those it cannot
    (to say they were left out). With `by_status`, also a base or pension no rule for the person's status
    reads (the help desk shows both boxes to everyone and keeps what is typed in them)."""
    kept, dropped = {}, []
    status = values.get("status") if by_status else None
    main = None                              # the main year, read only for a link with a year's credit
    for key, value in values.items():
        why = None
        if key == "year":
            value = plain_number(value)          # a link's ２０２４ is the year 2024, as in a number box
        if key in ("city", UNKNOWN_KEY) or key in MODES:
            pass
        elif key == "base" and status == "retired" or key == "pension" and status == "in_service":
            # No rule for this person reads it, in this city or any other.
            why = _("your contribution base") if key == "base" else _("your pension")
        elif key == "enrolment" and value not in city.enrolments:
            why = _("how you are enrolled")
        elif (credit_year := year_credits.year_of(key)) is not None:
            main = main or year_credits.main_year(city, values.get("year", ""))
            if credit_year not in year_credits.credit_years(city, main):
                why = year_credits.credit_question(credit_year).what     # a year the city's table cannot use
        elif key.startswith("p_"):
            param = city.params.get(param_name(city, key[2:]))
            if param is None or not param.numeric:
                why = _("a figure this city does not use")
            elif not any(period.unknown for period in param.periods):
                # A link fills only figures the documents leave out; a published one is never replaced.
                why = _("a figure the city's documents already give")
        elif key not in asked:
            prefix = key[:2]
            if prefix in KINDS and key == f"{prefix}_lv":
                # A kind's level alone is no answer: every visits page sent carries its list's first choice. Its
                # count and cost, if given, are said to be left out.
                continue
            why = str(KINDS[prefix][0]).lower() if prefix in KINDS else _("visits at a level this city does not have")
        if why is None:
            kept[key] = value
        elif why not in dropped:
            dropped.append(str(why))
    return kept, dropped


# The person's own answers that the comparison's other cities may use, and how a sentence names each.
KEPT_FOR_COMPARISON = (("base", gettext_noop("your contribution base")), ("pension", gettext_noop("your pension")),
                       ("sector", gettext_noop("where you retired from")))


class Journey:
    """One request's view of the walk-through: answers, forms and the engine's outcome, each worked out once."""

    def __init__(self, query, lang: str, every_question: bool = False):
        self.lang = lang
        self.every_question = every_question     # the help desk shows base and pension side by side
        raw = read_answers(query)
        self.city = load_cities().get(raw.get("city", ""))
        if self.city is not None:
            values, self.dropped = usable(raw, self.city, asked_keys(self.city.id, lang), not every_question)
        else:
            values, self.dropped = raw, []
        self.unusable = {k: v for k, v in raw.items() if k not in values}
        # A person's own answer (their base, pension or where they retired from) that this city's rules do not
        # use for them travels on for the comparison (other cities' rules may; the compare page asks and checks
        # them): said, so that an answer no page here shows is not kept silently.
        self.for_comparison = [_(words) for key, words in KEPT_FOR_COMPARISON
                               if self.city is not None and not every_question and key in values
                               and OWN_ANSWERS[key](self.city, values) and not city_uses(self.city, key, values)]
        self.answers = Answers(values)
        was = query.get(FROM_CITY_KEY, "")
        self.changed_from = load_cities().get(was) if self.city is not None and was != self.city.id else None
        self.submitted = query.get("s", "")
        self.returning = query.get("r") == "check"
        self._forms: dict = {}
        self._questions: dict = {}
        self._spread: dict = {}
        # What the result page's "Found them?" box sent (s=result) that fails its box's check: see typed_in_result.
        self.mistyped: dict[str, str] = {}
        if self.submitted == "result" and self.city is not None and UNKNOWN_KEY in values:
            self.typed_in_result()

    def typed_in_result(self):
        """The result page's "Found them?" box sends figures the person had said they did not know. A figure
        that passes its box's check replaces the "I don't know" tick; one that does not is set aside (mistyped),
        the tick still standing, so that the same result page comes back with the error beside the box, as the
        year table's boxes do (estimator.year_credits), not the money page of an earlier step."""
        values = self.answers.values
        said = set(values[UNKNOWN_KEY].split(","))
        typed = [k for k in values if k in said or k.startswith("p_") and "figures" in said]
        if not typed:
            return
        by_key = {q.key: q for q in self.questions("money")}
        questions = [by_key[k] if k in by_key else figure_question(param_name(self.city, k[2:]), self.city, self.lang)
                     for k in typed if k in by_key or k.startswith("p_")]
        boxes = BoxesForm(values, questions)
        for q in questions:
            if q.key in boxes.errors:
                self.mistyped[q.key] = values.pop(q.key)
            else:
                said.discard(q.key)            # "figures" stays: others the city leaves out may still be unknown
        if said := ",".join(c for c in UNKNOWN_CHOICES if c in said):
            values[UNKNOWN_KEY] = said
        else:
            del values[UNKNOWN_KEY]

    @cached_property
    def unknown(self) -> frozenset[str]:
        """What the person said they do not know (the dk key)."""
        return frozenset(v for v in self.answers.get(UNKNOWN_KEY).split(",") if v)

    def said_unknown(self, path: str) -> bool:
        """Whether the engine's missing field is one the person said they do not know."""
        if path.startswith("params."):
            return "figures" in self.unknown
        return UNKNOWN_PATHS.get(path) in self.unknown

    # ---- steps ---------------------------------------------------------------------
    @cached_property
    def steps(self) -> list[str]:
        """The steps that apply: known from the city alone, so the count never changes on the way."""
        if self.city is None:
            return ["city"]
        return [name for name, step in STEPS.items() if step.applies(self)]

    def previous(self, name: str) -> str | None:
        before = STEPS[name].previous
        while before is not None and before not in self.steps:
            before = STEPS[before].previous
        return before

    def following(self, name: str) -> str:
        later = self.steps[self.steps.index(name) + 1:]
        return later[0] if later else "check"

    def url(self, page: str, **extra) -> str:
        if self.changed_from is not None and page in RECHECKED_STEPS:
            extra.setdefault(FROM_CITY_KEY, self.changed_from.id)
        query = self.answers.query(**extra)
        return path_of(page, self.lang) + (f"?{query}" if query else "")

    def redirect_url(self, page: str, **extra) -> str:
        """Where a redirect goes: the answers left out still travel once, so the page reached says so."""
        return self.url(page, **self.unusable, **extra)

    def controls(self, step: str) -> list[tuple[str, str]]:
        """The control keys a step's form sends besides the answers: the city page the city it shows (or, shown
        again with a city chosen and not yet sent, by a header switch, the one before it), the steps to check
        after a change of city the city changed from."""
        if step == "city" and self.city is not None:
            return [(FROM_CITY_KEY, (self.changed_from or self.city).id)]
        if step in RECHECKED_STEPS and self.changed_from is not None:
            return [(FROM_CITY_KEY, self.changed_from.id)]
        return []

    def rechecked(self) -> list[str]:
        """After a change of city, the answers given whose meaning can differ in the new city (their words)."""
        return [str(_RECHECKED_WORDS[key]) for key in RECHECKED_KEYS if key in self.answers.values] + [
            str(year_credits.credit_question(year).what) for year in sorted(
                y for y in map(year_credits.year_of, self.answers.values) if y is not None)]

    # ---- questions and forms ---------------------------------------------------------
    @cached_property
    def visit_rows(self):
        return visit_rows(self.city, self.lang)

    def questions(self, step: str) -> list:
        """The step's questions for this person (read, never changed: the forms, the check-answers
        rows and the engine's problems all ask, so they are worked out once)."""
        if step not in self._questions:
            self._questions[step] = self._asked(step)
        return self._questions[step]

    def _asked(self, step: str) -> list:
        if step == "figures":
            return self.figure_questions
        if step == "visits":
            return list(visit_questions(self.city, self.lang))
        if step == "money" and self.every_question:
            # The desk asks the family's spending only when the caller's link carries it (estimator.desk).
            family = FAMILY if any(q.key in self.answers.values for q in FAMILY) else ()
            asked = list(in_language(MONEY + family, self.lang))
        elif step == "money":
            asked = money_questions(self.city, self.answers.values, self.lang)
        else:
            return questions(self.city, self.answers.values, self.lang, step)
        # The credit boxes say which calendar years they are for: the years the engine works out.
        return dated_credits(asked, self.city.year_before,
                             year_credits.main_year(self.city, self.answers.get("year")), self.lang)

    def form(self, step: str, bound: bool = True):
        """The step's form (bound to the answers unless asked otherwise), with the engine's problems added.

        A bound form is checked once: its answers feed the engine (cleaned), and the
        engine's problems with them are added to it afterwards."""
        if not bound:
            if (step, False) not in self._forms:
                self._forms[step, False] = STEPS[step].form(self, False)
            return self._forms[step, False]
        form = self._checked(step)
        if step != "city" and form.is_valid() and (step, "engine") not in self._forms:
            self._forms[step, "engine"] = True
            for name, message in self.problems_for(step):
                form.add_error(name if name in form.fields else None, message)
        return form

    def _checked(self, step: str):
        if (step, True) not in self._forms:
            form = STEPS[step].form(self, True)
            self._forms[step, "cleaned"] = dict(form.cleaned_data) if form.is_valid() else {}
            self._forms[step, True] = form
        return self._forms[step, True]

    def cleaned(self, step: str) -> dict:
        """A step's checked answers, before the engine's view of them is added (so the engine can be asked)."""
        self._checked(step)
        return self._forms[step, "cleaned"]

    def first_unfinished(self, before: str | None = None) -> str | None:
        """The first step, before `before` (or any), whose answers are not all usable."""
        for name in self.steps:
            if name == before:
                return None
            if name == "city" and self.city is not None:
                continue                  # a known city is the city step answered: no form needed
            if not self.form(name).is_valid():
                return name
        return None

    # ---- the engine, once ------------------------------------------------------------
    def spread(self, visits: dict) -> list[dict]:
        """The visits as the engine's entries: each kind spread evenly over the year, neighbours merged.

        The order matters where a deductible depends on the level (枣庄 累计补差) and where
        the cap runs out, so visits are not simply grouped by kind. Worked out once per request
        (the visits form counts the entries, the scenario carries them); the entries are read,
        never changed (policies.scenario and policies.compare make their own)."""
        key = tuple(sorted((k, str(v)) for k, v in visits.items()))
        if self._spread.get("key") != key:
            self._spread = {"key": key, "entries": self._spread_out(visits)}
        return list(self._spread["entries"])

    def _spread_out(self, visits: dict) -> list[dict]:
        kinds = []
        for row in self.visit_rows:
            count = visits.get(row.count.key) or 0
            if not count:
                continue
            entry = {"level": row.level_id or visits.get(row.level.key) or self.city.levels[0],
                     "cost": str(visits.get(row.cost.key) or 0), **row.extra}
            if row.other is not None:
                entry["other_scheme_paid"] = str(visits.get(row.other.key) or 0)
            kinds.append((count, entry))
        if visits.get("total"):           # a yearly total: one visit of that cost at its level (questions.TOTAL)
            kinds.append((1, {"level": visits.get("total_lv") or self.city.levels[0], "cost": str(visits["total"])}))
        if not kinds:
            return []
        # Kind k's i-th visit (of n) falls at (2i + 1) / 2n of the year. Over one common denominator
        # the times are whole numbers, each stored as time × (number of kinds) + kind so that one sort
        # of plain integers orders them, and a tie goes to the kind listed first: a kind's times are
        # then an arithmetic progression (a range).
        whole = math.lcm(*(2 * n for n, _ in kinds))
        width = len(kinds)
        timeline = []
        for order, (n, _) in enumerate(kinds):
            gap = whole // n * width
            timeline += range(gap // 2 + order, gap * n, gap)
        timeline.sort()
        entries, last = [], None
        for at in timeline:
            order = at % width
            if order == last:
                entries[-1]["count"] += 1
            else:
                entries.append({**kinds[order][1], "count": 1})
            last = order
        return entries

    @cached_property
    def params(self) -> dict:
        """Figures the person gave for the city (p_ answers), each checked as its question checks it."""
        given = {}
        for key, value in self.answers.values.items():
            if key.startswith("p_"):
                try:
                    number = NumberField(figure_question(param_name(self.city, key[2:]), self.city,
                                                         self.lang)).clean(value)
                except ValidationError:  # a bad figure is named on the figures page, not used
                    continue
                if number is not None:
                    given[key[2:]] = str(number)
        return given

    def carried(self, q):
        """An answer no page shows for this city but the link carries (a retiree's pension where no rule
        uses it, where they retired from in a city that does not ask: the comparison's other cities may):
        used if it passes its question's check."""
        value = self.answers.values[q.key]
        if q.kind == "choice":          # one of the options its own question offers
            return value if value in dict(options(q.key, self.city.id, self.lang)) else None
        try:
            return NumberField(q).clean(value)
        except ValidationError:
            return None

    def scenario(self) -> dict:
        """The engine's scenario, from the checked answers of every step."""
        person, money = self.cleaned("person"), self.cleaned("money")
        data = {"city": self.city.id, "lang": self.lang}
        applies = dict(person, **money)
        for q in PERSON + MONEY:
            asked = person if q.step == "person" else money
            value = asked.get(q.key)
            own = OWN_ANSWERS.get(q.key)
            carried = (q.key not in asked and q.key in self.answers.values
                       and (q.kind != "choice" or own is not None))
            if carried:
                value = self.carried(q)
            # A question applies where the city asks it; a person's own answer it does not ask, to whom it concerns.
            if not (q.applies(self.city, applies) or carried and own is not None and own(self.city, applies)):
                continue
            if value not in (None, ""):
                data[q.path] = str(value) if isinstance(value, Decimal) else value
        if data.get("status") != "retired":
            data.pop("retiree_sector", None)
        if "year" in data:
            data["year"] = int(data["year"])
        data["visits"] = self.spread(self.cleaned("visits"))
        family = self.family(money)
        if family:
            data["family"] = family
        if self.params:
            data["params"] = self.params
        by_year = year_credits.given(self.answers.values, self.city, data.get("year") or self.city.first_full_year)
        if by_year:
            data["account_credit_by_year"] = by_year
        return data

    @staticmethod
    def family(money: dict) -> list[dict]:
        """The family's spending from the money step's answers: an entry per kind given, with its month if given."""
        entries = []
        for kind, (amount_key, month_key) in FAMILY_KINDS.items():
            if money.get(amount_key):
                entry = {"kind": kind, "amount": str(money[amount_key])}
                if money.get(month_key):
                    entry["month"] = money[month_key]
                entries.append(entry)
        return entries

    @cached_property
    def outcome(self):
        """(estimate, problems): the engine run once for this request; problems map field → [(key, args)]."""
        try:
            return run(parse_scenario(self.scenario())), {}
        except ScenarioError as error:
            return None, error.problems

    @property
    def estimate(self):
        return self.outcome[0]

    @cached_property
    def follows(self) -> frozenset[str]:
        """The engine's missing fields that only follow from another missing one (policies.compare.following: a
        credit the rule gives as last year's own amount, 镇江's retirees in 2023): never asked on their own, since
        what the year before lacks is what is missing."""
        return following(self.outcome[1])

    @cached_property
    def known(self):
        """What can be worked out without the figures the person does not know (policies.partial), or None:
        only when every figure the engine misses is one they said they do not know (or follows from one)."""
        problems = self.outcome[1]
        if not problems or not all(self.said_unknown(path) or path in self.follows for path in problems):
            return None
        return run_known(parse_scenario(self.scenario()))

    def problems_for(self, step: str) -> list[tuple[str | None, str]]:
        """The engine's problems that belong to a step: (the question's key or None, a sentence)."""
        from .presenters import problem_sentence       # words for people live with the other words
        shown = []
        for path, items in self.outcome[1].items():
            if self.said_unknown(path) or path in self.follows:
                continue                               # "I don't know": the result says what is missing; a
                                                       # credit following last year's: the year before says it
            owner = step_of_path(path)
            if owner not in self.steps:
                owner = self.steps[-1]                 # asked nowhere else: the last question says it
            if owner != step:
                continue
            key = next((q.key for q in self.questions(step) if q.path == path), None)
            for problem, args in items:
                shown.append((key, problem_sentence(path, problem, args, self)))
        return shown

    @cached_property
    def figure_questions(self):
        """Figures the sources lack that this person needs, and those they already gave."""
        names = [name for name in self.params_asked]
        return [figure_question(name, self.city, self.lang) for name in names]

    @cached_property
    def params_asked(self) -> list[str]:
        city = self.city
        given = [param_name(city, k[2:]) for k in self.answers.values if k.startswith("p_")]
        missing = [path[len("params."):] for path in self.outcome[1] if path.startswith("params.")]
        return sorted(set(given) | set(missing), key=list(city.params).index)
