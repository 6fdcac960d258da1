"""Every question the walk-through asks, in one table.

Each row ties together what the link calls an answer (its key), the scenario field the
engine reads (its path), the step that asks it, and the words people see (the question,
the short name on the check-answers page, and how a message names it). Forms, the
answers → scenario mapping, the check-answers rows and "which step asks this" are all
read from here; nothing else lists the keys.

Limits come from the engine (policies.scenario), so the form never accepts what the
engine refuses.
"""
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache

from django.utils.functional import Promise, lazy
from django.utils.translation import gettext, gettext_noop, override
from django.utils.translation import gettext_lazy as _

from policies import load_cities
from policies.lookup import param_label
from policies.scenario import LAST_YEAR, MAX_COUNT, MAX_ENTRIES, MAX_MONEY, MAX_VISITS


# policies.scenario checks a visit's cost and what other schemes paid against this figure.
MAX_VISIT_COST = Decimal("1000000")

__all__ = ["CITY", "CREDIT_TERM", "FAMILY", "FAMILY_KINDS", "LAST_YEAR", "MAX_COUNT", "MAX_ENTRIES", "MAX_MONEY",
           "MAX_VISITS", "MAX_VISIT_COST", "MONEY", "dated_credits", "for_person", "OWN_ANSWERS", "OWN_FIGURE_KINDS", "PERSON", "city_uses", "Question", "TOTAL", "VisitRow", "figure_label",
           "figure_question", "in_language", "language_code", "param_name", "question_for_path", "questions", "sentences", "step_of_path", "term_of",
           "visit_questions", "visit_rows"]


def _phrase(message: str, **args) -> str:
    return gettext(message) % {k: str(v) for k, v in args.items()}


# A message with its values, worded only when shown and in the language active then.
phrase = lazy(_phrase, str)


def always(city, values) -> bool:
    return True


def is_retired(city, values) -> bool:
    return values.get("status") == "retired"


def is_working(city, values) -> bool:
    return values.get("status") == "in_service"


# The person's own figures a credit rule may read: the kind of rule that reads each.
OWN_FIGURE_KINDS = {"base": "percent_of_base", "pension": "percent_of_pension"}


def reads_own_figure(city, key: str, status: str | None = None, enrolment: str | None = None) -> bool:
    """Whether any of the city's credit rules (those for a status and an enrolment, if given) reads the person's
    own base or pension (`key`): a Chongqing tier 1 member's account is credited nothing (第九条), so no base."""
    return _reads_own_figure(city.id, key, status, enrolment)


@cache
def _reads_own_figure(city_id: str, key: str, status: str | None, enrolment: str | None) -> bool:
    # From the city's data alone: the same for everyone of that status and enrolment, so worked out once.
    kind = OWN_FIGURE_KINDS[key]
    return any(r.kind == kind and (status is None or r.status in (status, "any"))
               and (enrolment is None or enrolment in r.enrolments) for r in load_cities()[city_id].credit_rules)


def asks_pension(city) -> bool:
    """Whether any of the city's rules for retired people credits a share of the own pension."""
    return reads_own_figure(city, "pension", "retired")


@dataclass(frozen=True)
class Question:
    key: str                         # the link's key
    path: str                        # the scenario's field
    step: str                        # the page that asks it
    label: str | Promise             # the question on its page
    short: str | Promise             # its name on the check-answers page
    what: str | Promise              # how a message names it: "Enter {what}"
    kind: str                        # choice, whole, money or percent
    low: int | Decimal = 0
    high: int | Decimal = MAX_MONEY
    required: bool = False
    hint: str | Promise = ""
    example: int | None = None       # for "like 45" in a message: a size this figure really has
    unknown_box: bool = False        # offers "I don't know" (a figure the sources may lack)
    applies: Callable = field(default=always, compare=False)


PERSON = (
    Question("status", "status", "person", _("Are you working or retired?"), _("Working or retired"),
             _("whether you are working or retired"), "choice", required=True),
    Question("enrolment", "enrolment", "person", _("How are you enrolled?"), _("Enrolment"),
             _("how you are enrolled"), "choice", applies=lambda city, v: len(city.enrolments) > 1),
    Question("sector", "retiree_sector", "person", _("If you are retired, where did you retire from?"),
             _("Retired from"), _("where you retired from"), "choice",
             hint=_("Only if you are retired: in this city the amount credited to retired people's accounts "
                    "depends on it."),
             applies=lambda city, v: bool(city.retiree_sectors)),
    Question("age", "age", "person", _("How old are you?"), _("Age"), _("your age"), "whole", 16, 120,
             required=True, hint=_("Your age on 1 January of the after-reform year you choose on this page (not necessarily this "
                    "year)."), example=45),                 # the year is asked after the age: name it, not "the year"
    Question("birth_month", "birth_month", "person", _("Birthday month (optional)"), _("Birthday month"),
             _("your birthday month"), "whole", 1, 12,
             hint=_("A number from 1 to 12. Only needed if a birthday in that year moves you into a new age band, "
                    "for example turning 70.")),
    Question("year", "year", "person", _("Which year after the reform?"), _("Year after the reform"),
             _("the year"), "choice"),
)

MONEY = (
    Question("base", "monthly_base", "money", _("Your contribution base (缴费基数), yuan a month"),
             _("Contribution base a month"), _("your contribution base"), "money",
             hint=_("Your monthly contribution base (缴费基数). It is on your payslip, in your medical insurance app "
                    "(医保 App) or your social insurance statement; it is usually close to last year's average "
                    "monthly wage."),
             applies=is_working, example=6000, unknown_box=True),
    Question("pension", "monthly_pension", "money", _("Your basic pension, yuan a month"),
             _("Basic pension a month"), _("your pension"), "money",
             hint=_("Your basic pension (基本养老金) each month. Some of this city's rules credit the account as a "
                    "share of it."),
             applies=is_retired, example=3200, unknown_box=True),        # asked on the money page only where a rule uses it (asks_pension)
    Question("credit_before", "account_credit_before", "money",
             _("Account credit in the year before the reform, yuan"), _("Account credit before the reform"),
             _("the account credit before the reform"), "money", hint=_("Optional."), example=2500,
             unknown_box=True),
    Question("credit_after", "account_credit_after", "money", _("Account credit in the year after the reform, yuan"),
             _("Account credit after the reform"), _("the account credit after the reform"), "money",
             hint=_("Optional."), example=1300, unknown_box=True),
    Question("opening", "opening_balance", "money", _("Account balance at the start of the year, yuan (optional)"),
             _("Account balance at the start of the year"), _("the opening balance"), "money",
             hint=_("What was already in your account on 1 January. Leave blank for none."), example=800),
)


# The credit boxes name their calendar year (QA8 finding 4): the year before the reform is the city's (for
# Zaozhuang and the Henan draft two years before their first full year), the year after is the one the person
# chose. Label, short name and how a message names it, each with the year.
DATED_CREDITS = {
    "credit_before": (_("Account credit in %(year)s (the year before the reform), yuan"),
                      _("Account credit in %(year)s (before the reform)"),
                      _("the account credit in %(year)s (the year before the reform)")),
    "credit_after": (_("Account credit in %(year)s (after the reform), yuan"),
                     _("Account credit in %(year)s (after the reform)"),
                     _("the account credit in %(year)s (after the reform)")),
}


def dated_credits(asked: list, year_before: int, year_after: int, lang: str) -> list:
    """A page's questions with the credit boxes naming their years."""
    return [_dated_credit(q.key, year_before if q.key == "credit_before" else year_after, lang)
            if q.key in DATED_CREDITS else q for q in asked]


@cache
def _dated_credit(key: str, year: int, lang: str) -> "Question":
    # The same for everyone in a language and year: worded once.
    with override(language_code(lang)):
        label, short, what = (str(words) % {"year": year} for words in DATED_CREDITS[key])
        return replace(_worded(lang)[key], label=label, short=short, what=what)


# The family's use of the account (家庭共济), asked in a folded section of the money page:
# one amount and its month for each kind (policies.family). Path "family.<kind>" and "family.<kind>.month"
# name the entry the scenario gets; the amount's month is optional (spread over the year when blank).
FAMILY = (
    Question("fam_med", "family.medical", "money",
             _("Your family's medical costs your account will pay this year, yuan"), _("Family's medical costs"),
             _("your family's medical costs"), "money",
             hint=_("What your spouse, parents or children pay themselves for medicine and treatment that you "
                    "plan to pay from your account. Leave blank for none.")),
    Question("fam_med_m", "family.medical.month", "money", _("Month they are paid (1 to 12, optional)"),
             _("Month of the family's medical costs"), _("the month of your family's medical costs"), "whole", 1, 12,
             hint=_("Leave blank if they are spread over the year."), example=3),
    Question("fam_res", "family.resident_contribution", "money",
             _("Residents' medical insurance contributions for family members, yuan"),
             _("Family's residents' insurance contributions"), _("your family's insurance contributions"), "money",
             hint=_("The yearly contribution (城乡居民医保个人缴费) for each family member you pay it for, added up. "
                    "It is set each year: your local office or app shows it.")),
    Question("fam_res_m", "family.resident_contribution.month", "money",
             _("Month it is paid (1 to 12, optional)"), _("Month of the contributions"),
             _("the month of the contributions"), "whole", 1, 12, example=1),
)


CITY = Question("city", "city", "city", _("Which city are you insured in?"), "", "", "choice", required=True,
                hint=_("The city where your employee medical insurance (职工医保) is registered. "
                       "The Henan city's rules are only a draft for comment."))


@dataclass(frozen=True)
class VisitRow:
    """One row of the visits page: a count and a cost, and for the special kinds a level (and what schemes paid)."""
    prefix: str                      # "" for a level's own row, else ph, sp or aw
    count: Question
    cost: Question
    level: Question | None = None
    other: Question | None = None
    level_id: str = ""               # for a level's own row
    name: str = ""                   # the level's name, for a level's own row
    extra: dict = field(default_factory=dict, compare=False)    # what the scenario's visit entries add

    @property
    def keys(self) -> str:
        """The row's link keys, space-separated (for a template filter)."""
        return " ".join(q.key for q in self.questions)

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for q in (self.count, self.cost, self.other, self.level) if q is not None)


def language_code(lang: str) -> str:
    """Django's code for a page language ("zh" or "en")."""
    return "en" if lang == "en" else "zh-hans"


def worded(q: Question) -> Question:
    """The question with its words in the active language: for the tables below, made once per language."""
    return replace(q, label=str(q.label), short=str(q.short), what=str(q.what), hint=str(q.hint))


def _count(key, what):
    return Question(key, "visits.count", "visits", _("Number of visits"), "", what, "whole", 0, MAX_COUNT)


def _cost(key, what, label=_("Usual cost of one visit, yuan")):
    return Question(key, "visits.cost", "visits", label, "", what, "money", 0, MAX_VISIT_COST, example=200)


KINDS = {
    "ph": (_("Pharmacy purchases on a prescription"), _("pharmacy purchases"), {"where": "pharmacy"}),
    "sp": (_("Special-disease visits"), _("special-disease visits"), {}),
    "aw": (_("Visits while away"), _("visits while away"), {"away": True}),
}


# For people who think in a yearly total, as the Chongqing Q&A's examples do ("一年大约一共花多少钱"):
# one amount at one level. The engine takes it as one visit of that cost at that level, added to any
# visits given row by row (the visits page says so).
TOTAL = (
    Question("total", "visits.cost", "visits", _("About how much do you spend on outpatient care in a year, in all, yuan"),
             _("Outpatient spending in a year"), _("your outpatient spending in a year"), "money", 0, MAX_VISIT_COST),
    Question("total_lv", "visits.level", "visits", _("Where do you go most?"), "", _("where you go most"), "choice"),
)


def visit_rows(city, lang: str) -> tuple[VisitRow, ...]:
    """The visits page's rows for a city: one per level, then the special kinds the city pays its own way.

    The same for every request in a city and language (their words are worded when shown): made once."""
    return _visit_rows(city.id, lang)


@cache
def _visit_rows(city_id: str, lang: str) -> tuple[VisitRow, ...]:
    # Worded once in the page language: every page in this city and language shows the same words.
    with override(language_code(lang)):
        return tuple(replace(row, **{part: worded(q) for part in ("count", "cost", "level", "other")
                                     if (q := getattr(row, part)) is not None})
                     for row in _unworded_visit_rows(city_id, lang))


def _unworded_visit_rows(city_id: str, lang: str) -> tuple[VisitRow, ...]:
    city = load_cities()[city_id]
    rows = []
    for lv in city.levels:
        name, inside = city.level_name(lv, lang), city.level_in_sentence(lv, lang)
        rows.append(VisitRow("", _count(f"n_{lv}", phrase(gettext_noop("the number of visits at %(level)s"), level=inside)),
                             _cost(f"c_{lv}", phrase(gettext_noop("the cost of a visit at %(level)s"), level=inside)),
                             level_id=lv,
                             name=name))
    for prefix, (short, what, extra) in KINDS.items():
        if prefix == "ph" and city.params["pharmacy"].value != "prescriber_level":
            continue                 # the city's document does not say how these are paid
        if prefix == "aw" and city.params["away"].value != "self_pay_first":
            continue                 # paid as any other visit: nothing to ask separately
        count = Question(f"{prefix}_n", "visits.count", "visits", _("Number of times"), short,
                         phrase(gettext_noop("the number of %(what)s"), what=what), "whole", 0, MAX_COUNT)
        cost = _cost(f"{prefix}_c", phrase(gettext_noop("the cost of %(what)s"), what=what),
                     _("Usual cost each time, yuan"))
        level = Question(f"{prefix}_lv", "visits.level", "visits",
                         _("Level of the hospital that wrote the prescription") if prefix == "ph"
                         else _("Level of the hospital"), "", _("the level of the hospital"), "choice")
        other = None
        if prefix == "sp":
            # 重庆 问答十四: these schemes pay first; only the rest of the covered cost goes to outpatient pooling.
            other = Question("sp_o", "visits.other_scheme_paid", "visits", _("Paid by those schemes per visit, yuan"),
                             "", _("what the schemes pay per visit"), "money", 0, MAX_VISIT_COST, example=100,
                             hint=_("What those schemes paid for each visit, before anything else: only the rest "
                                    "goes to outpatient pooling. On your settlement slip (结算单) it is part of what "
                                    "the insurance paid; the hospital's payment desk can tell you how much."))
        rows.append(VisitRow(prefix, count, cost, level, other, extra=extra))
    return tuple(rows)


def visit_questions(city, lang: str) -> tuple[Question, ...]:
    """Every question of the visits page for a city, in order: the rows', then the yearly total."""
    return _visit_questions(city.id, lang)


@cache
def _visit_questions(city_id: str, lang: str) -> tuple[Question, ...]:
    return tuple(q for row in _visit_rows(city_id, lang) for q in row.questions) + in_language(TOTAL, lang)


@cache
def _worded(lang: str) -> dict[str, Question]:
    with override(language_code(lang)):
        return {q.key: worded(q) for q in PERSON + MONEY + FAMILY + TOTAL + (CITY,)}


def in_language(table: tuple[Question, ...], lang: str) -> tuple[Question, ...]:
    """A table's questions with their words in a page language (a question's words are the same for
    everyone: translated once per language and process, not at each use on each page)."""
    worded = _worded(lang)
    return tuple(worded[q.key] for q in table)


@cache
def _asked_on(lang: str, step: str | None) -> tuple[Question, ...]:
    """The person, money and family questions (those of one step, if given), worded in a language: made once."""
    return tuple(q for q in in_language(PERSON + MONEY + FAMILY, lang) if step is None or q.step == step)


def questions(city, values: dict, lang: str, step: str | None = None) -> list[Question]:
    """The questions that apply to this person in this city (those of one step, if given)."""
    asked = [q for q in _asked_on(lang, step) if q.applies(city, values)]
    if step in (None, "visits"):
        asked += visit_questions(city, lang)          # every one of them on the visits page
    return asked


def money_questions(city, values: dict, lang: str) -> list[Question]:
    """The money page's questions for this person (for_person)."""
    return for_person(city, questions(city, values, lang, "money"), values)


def for_person(city, asked: list[Question], values: dict) -> list[Question]:
    """Of money questions, those for this person: their own base or pension only where a rule for their status
    and enrolment uses it. (The scenario still carries one given: the comparison uses it in other cities.)"""
    return [q for q in asked if q.key not in OWN_FIGURE_KINDS or city_uses(city, q.key, values)]


# The person's own answers, the same whichever city they are insured in. A link carries them even where the
# city's pages do not ask them (a Chongqing retiree's pension, where they retired from): the comparison's other
# cities may need them. Each is used only for the people it concerns.
OWN_ANSWERS = {"base": is_working, "pension": is_retired, "sector": is_retired}


def city_uses(city, key: str, values: dict | None = None) -> bool:
    """Whether the city's rules use one of the person's own answers (OWN_ANSWERS): for anyone in the city, or
    (`values`) for this person, by their status and enrolment."""
    if key == "sector":
        return bool(city.retiree_sectors)
    if values is None:
        return reads_own_figure(city, key, "retired" if key == "pension" else "in_service")
    return reads_own_figure(city, key, values.get("status"), values.get("enrolment") or "employer")


STEP_OF_PATH = {q.path: q.step for q in PERSON + MONEY} | {"city": "city"}
FAMILY_KINDS = {"medical": ("fam_med", "fam_med_m"), "resident_contribution": ("fam_res", "fam_res_m")}


def step_of_path(path: str) -> str:
    """Which step asks for a scenario field the engine names ("visits[2].cost", "params.cap.retired", ...)."""
    if path.startswith("params."):
        return "figures"
    if path.startswith("visits"):
        return "visits"
    if path.startswith("family"):
        return "money"
    return STEP_OF_PATH.get(path, "")         # "": no page asks it; the last question will say it


def question_for_path(path: str) -> Question | None:
    return QUESTION_OF_PATH.get(path)


QUESTION_OF_PATH = {q.path: q for q in reversed(PERSON + MONEY)}       # the first question asking it wins


def param_name(city, name: str) -> str:
    """A parameter's name as the city file has it now: a link may carry an older name (CONTRACT.md)."""
    return name if name in city.params else city.aliases.get(name, (name, None))[0]


def figure_label(name: str, city, lang: str) -> str:
    """A readable question for a parameter the sources do not give: the engine words it (policies.lookup)."""
    return param_label(city, param_name(city, name), lang, question=True)


# Each term in one plain sentence, with an example of the size such a figure has (not any city's figure).
TERMS = {
    "deductible": (_("The deductible (起付标准) is the part of a year's outpatient costs you pay yourself before the "
                     "fund starts to pay: with a deductible of 700 yuan, the first 700 yuan is yours."), 700),
    "ratio": (_("The payment ratio (支付比例) is the share of the cost above the deductible that the fund pays: at 60%, "
                "the fund pays 60 yuan of every 100 yuan above it."), 60),
    "cap": (_("The yearly limit (最高支付限额) is the most the fund pays for your outpatient visits in a year: with a "
              "limit of 2000 yuan, it pays nothing more once it has paid 2000 yuan."), 2000),
}
CREDIT_TERM = _("The account credit (个人账户划入) is the money put into your personal medical account over a year, "
                "for example 1,800 yuan (150 yuan a month).")


def sentences(lang: str, *parts) -> str:
    """Sentences in a row: Chinese puts no space between them, English one."""
    return ("" if lang == "zh" else " ").join(str(p) for p in parts if p)


def term_of(name: str) -> tuple[str, int | None]:
    """The plain sentence that explains a parameter's term, and an example of its size (or "", None)."""
    for prefix, (sentence, example) in TERMS.items():
        if name.startswith(prefix):
            return str(sentence), example
    return "", None


def figure_question(name: str, city, lang: str) -> Question:
    param = city.params[name]
    label = figure_label(name, city, lang)
    # Inside a message ("Enter …", "… must be 100 or less"): the figure's name alone, as a sentence reads it.
    what = param_label(city, param_name(city, name), lang)
    term, example = term_of(name)
    source = gettext('Source:') + (' ' if lang == 'en' else '') + param.cite(lang)
    hint = sentences(lang, term, source) if term else param.cite(lang)
    if param.unit.startswith("%"):
        return Question(f"p_{name}", f"params.{name}", "figures", label, label, what, "percent", 0, 100,
                        required=True, hint=hint, example=example, unknown_box=True)
    if param.unit in ("month", "year"):
        return Question(f"p_{name}", f"params.{name}", "figures", label, label, what, "whole", 1,
                        12 if param.unit == "month" else LAST_YEAR, required=True, hint=hint)
    return Question(f"p_{name}", f"params.{name}", "figures", label, label, what, "money", required=True,
                    hint=hint, example=example, unknown_box=True)
