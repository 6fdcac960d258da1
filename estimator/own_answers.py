"""The comparison's questions for the person: answers other cities need that the person's own city does not ask.

Their pension, contribution base or where they retired from is the person's own, the same whichever city,
so the comparison may use it for every city (estimator.questions.OWN_ANSWERS). Figures given for their
own city (a known account credit, a figure the city has not published) are not: policies.compare leaves them.
"""
from django.utils.translation import gettext as _

from policies import load_cities

from .forms import OwnAnswersForm
from .questions import MONEY, OWN_ANSWERS, PERSON, city_uses, in_language, question_for_path

# Problems an answer of the person's would settle, rather than a figure the city's documents leave out.
PERSON_PATHS = ("retiree_sector", "monthly_base", "monthly_pension", "status", "enrolment", "age")


def asked_of_person(path: str) -> bool:
    return path in PERSON_PATHS


def own_form(journey, outcomes) -> OwnAnswersForm | None:
    """A box for each own answer another city needs, or the link already gives, that the person's own city's
    pages do not ask (None: no box). Bound to the answers, so a bad one is named beside its box."""
    home_asks = {q.key for step in ("person", "money") for q in journey.questions(step)}
    # Only answers that can give another city a result: a city whose documents leave a figure out whatever
    # the person answers says so on its card and asks nothing (policies.compare.Outcome.lacks).
    needed = {path for o in outcomes if not o.home and o.answerable for path in o.problems if asked_of_person(path)}
    hopeless = {o.city_id for o in outcomes if o.estimate is None and not o.answerable}
    values, lang = journey.answers.values, journey.lang
    asked = [q for q in in_language(MONEY + PERSON, lang)
             if q.key in OWN_ANSWERS and q.key not in home_asks and OWN_ANSWERS[q.key](journey.city, values)
             and (q.path in needed or q.key in values)]
    if not asked:
        return None
    asked.sort(key=lambda q: list(OWN_ANSWERS).index(q.key))
    form = OwnAnswersForm(journey, asked)
    for q in asked:
        # Named inside the sentence, after its colon: "…use it: a Henan city (draft for comment)". The cities
        # it helps: those whose rules use it and that it can give a result; a box kept only because the link
        # holds its answer names the cities that use it.
        using = [c for c in load_cities().values() if c.id != journey.city.id and city_uses(c, q.key)]
        helped = [c.name_in_sentence(lang) for c in using if c.id not in hopeless]
        if helped:
            hint = _("With it we can work out: %(cities)s.") % {"cities": _(", ").join(helped)}
        else:
            hint = _("The cities whose rules use it: %(cities)s.") % {
                "cities": _(", ").join(c.name_in_sentence(lang) for c in using)}
        form.fields[q.key].hint = hint
    return form


def wanted(problems, form) -> list[dict]:
    """The person's answers a city still needs, named as the check-answers page names them, each with its box
    on the page if it has one."""
    shown = []
    for path in problems:
        if not asked_of_person(path):
            continue
        question = question_for_path(path)
        if question is None:
            continue
        name = str(question.short)
        box = ""
        if form is not None and question.key in form.fields:
            box = f"#id_{question.key}" + ("_0" if getattr(form.fields[question.key], "radios", False) else "")
        if all(w["name"] != name for w in shown):
            shown.append({"name": name, "box": box})
    return shown
