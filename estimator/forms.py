"""The question pages' forms, one per step, built from the question table (estimator.questions).

They check what was typed; the engine decides the money. Every message names the
question it belongs to and is worded when it is shown, in the page's language.
"""
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from functools import cache

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property, lazy      # Django's cached_property: no lock, unlike the stdlib's
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from policies import load_cities
from policies.lookup import asks_sector
from policies.scenario import covered_years
from policies.spacing import interpolate

from .questions import CITY, MAX_ENTRIES, MAX_VISITS, Question, in_language, language_code

ENROLMENT_LABELS = {
    "employer": gettext_lazy("Through my employer"),
    "flexible": gettext_lazy("As a flexible worker (灵活就业)"),
    "individual_tier1": gettext_lazy("On my own, tier 1 (个人参加职工医保一档)"),
    "individual_tier2": gettext_lazy("On my own, tier 2 (个人参加职工医保二档)"),
}
STATUS_LABELS = {"in_service": gettext_lazy("Working (在职)"), "retired": gettext_lazy("Retired (退休)")}
SECTOR_LABELS = {"enterprise": gettext_lazy("A company, or flexible work"),
                 "institution": gettext_lazy("A government body or public institution (机关事业单位)")}
CHOICE_MESSAGES = {
    "city": gettext_lazy("Select the city where you are insured"),
    "status": gettext_lazy("Select whether you are working or retired"),
    "enrolment": gettext_lazy("Select how you are enrolled"),
    "sector": gettext_lazy("Select where you retired from"),
    "year": gettext_lazy("Select a year from the list"),
}
LEVEL_MESSAGE = gettext_lazy("Select the level of the hospital")


# Commas only between groups of three digits: "6,000" and "1,234.50", never "62,5".
THOUSANDS = re.compile(r"\d{1,3}(,\d{3})+(\.\d*)?")
# A Chinese input method in Chinese punctuation gives "。" for the "." key (QA8 finding 10). Between two digits it
# can only be a decimal point: no one writes a number with "。" in any other sense (it is no thousands mark), so it
# is read as one, as the full-width "．" is; anywhere else ("60。", "。5") it stays and the number is refused.
IME_POINT = re.compile(r"(?<=\d)。(?=\d)")


def plain_number(text) -> str:
    """What people type, as a plain number: full-width digits and spaces, ¥ before it, 元 after it,
    thousands commas and an input method's "。" as the decimal point allowed. Anything else stays as
    typed, so that it is refused with a message rather than read as another number: "62元5" is not
    625, nor is "62,5"."""
    if not text:
        return ""                    # most boxes are left empty
    # NFKC turns full-width digits, ￥ and ， into 0-9, ¥ and ",", and the ideographic space into " ".
    text = unicodedata.normalize("NFKC", str(text)).replace(" ", "")
    if "。" in text:
        text = IME_POINT.sub(".", text)
    text = text.removeprefix("¥").removesuffix("元")
    return text.replace(",", "") if THOUSANDS.fullmatch(text) else text


UNKNOWN_WORDS = ("不知道", "不清楚", "不晓得", "不确定", "不详", "未知", "don't know", "dont know", "do not know",
                 "not sure", "unknown", "no idea", "?", "？")


def looks_unknown(text: str) -> bool:
    """Whether what was typed in a number box says "I don't know" in words."""
    text = text.lower().replace("’", "'").replace(" ", "")      # plain_number has taken the spaces out
    return any(word.replace(" ", "") in text for word in UNKNOWN_WORDS)


def parse_decimal(text) -> Decimal | None:
    return _decimal(plain_number(text))


# The word people add after a whole number: an age ("62岁"), a month ("3月"), a count of visits ("10次").
WHOLE_UNITS = ("周岁", "岁", "个月", "月", "次")


def plain_whole(text) -> str:
    """A whole-number box's answer as a plain number: as plain_number, and a unit word after it is dropped."""
    plain = plain_number(text)
    for unit in WHOLE_UNITS:
        if plain.endswith(unit):
            return plain.removesuffix(unit)
    return plain


def as_read(text, whole: bool = False) -> str:
    """A number box's answer as it was read, to show back: "６２" → "62", "￥６，０００" → "6000", and in a
    whole-number box "62岁" → "62". What cannot be read as a number stays as typed, so the person sees
    what to put right."""
    plain = plain_whole(text) if whole else plain_number(text)
    return plain if _decimal(plain) is not None else str(text)


# A number as people write one: digits 0-9 with at most one decimal point (a minus sign is read, so that
# the message can say the amount cannot be below 0). Python's Decimal also reads "1e3", "1_200", "NaN"
# and other scripts' digits ("١٢٠٠"), which the engine refuses or a person would not recognise shown back.
PLAIN_NUMBER = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)", re.ASCII)


def _decimal(plain: str) -> Decimal | None:
    if not isinstance(plain, str) or not PLAIN_NUMBER.fullmatch(plain):
        return None
    try:
        return Decimal(plain)
    except InvalidOperation:
        return None


class ShownField(forms.BoundField):
    """A bound field with what its template shows, worked out once as plain values."""

    @cached_property
    def shown(self) -> dict:
        name, field = self.html_name, self.field
        # The form's errors as BoundField.errors reads them, without the empty list it makes for a field without any.
        errors = self.form.errors.get(self.name)
        errors = list(errors) if errors else []
        hint = getattr(field, "hint", "")
        hint = str(hint) if hint else ""       # a lazy hint, translated once, not at each use
        value = self.value()
        current = "" if value is None else str(value)
        if current and isinstance(field, NumberField):       # an empty box has nothing to read back
            current = as_read(current, field.question.kind == "whole")   # the number read, not the digits typed
        if hint:
            described = f"{name}-hint {name}-error" if errors else f"{name}-hint"
        else:
            described = f"{name}-error" if errors else ""
        shown = {"name": name, "id": f"id_{name}", "label": self.label, "hint": hint, "errors": errors,
                 "value": current, "inputmode": getattr(field, "inputmode", ""), "describedby": described,
                 "heading": getattr(field, "heading", False), "accesskey": getattr(field, "accesskey", ""),
                 "private": getattr(field, "private", False)}
        if isinstance(field, forms.ChoiceField):
            # The options' values are text already (made so once, in _options below).
            shown["options"] = [{"id": f"id_{name}_{i}", "value": v, "text": text, "chosen": v == current}
                                for i, (v, text) in enumerate(field.choices)]
        return shown


FEN = Decimal("0.01")


class NumberField(forms.Field):
    """A whole number, an amount of yuan or a percentage, checked against the question's limits.

    Its messages are worded only when one is shown, in the language active then."""
    widget = forms.TextInput

    def __init__(self, question: Question):
        super().__init__(label=question.label, required=question.required)
        self.question = question
        self.hint = question.hint    # not help_text: a BoundField would translate it on every check
        self.inputmode = "numeric" if question.kind == "whole" else "decimal"

    def message(self, code: str) -> str:
        # A message may begin with the question's name ("the number of visits…"): a sentence starts
        # with a capital letter (capfirst leaves Chinese as it is).
        return capfirst(self._message(code))

    def _message(self, code: str) -> str:
        # interpolate: a figure's name may begin with a year ("2021 年全市…"), spaced from the Chinese before it.
        q, what = self.question, self.question.what
        if code == "required":
            return interpolate(_("Enter %(what)s"), {"what": what})
        if q.kind == "percent":
            if q.example:
                return interpolate(_("Enter %(what)s as a number from 0 to 100, like %(example)s"),
                                   {"what": what, "example": q.example})
            return interpolate(_("Enter %(what)s as a number from 0 to 100"), {"what": what})
        if q.kind == "whole":
            texts = {"invalid": _("Enter %(what)s as a whole number, like %(low)s"),
                     "low": _("%(what)s must be %(low)s or more"), "high": _("%(what)s must be %(high)s or less")}
            low = (q.example or max(q.low, 1)) if code == "invalid" else q.low
            return interpolate(texts[code], {"what": what, "low": low, "high": q.high})
        example = q.example or 6000
        return interpolate({"invalid": _("Enter %(what)s as a number of yuan, like %(example)s or %(example)s.50"),
                            "low": _("%(what)s cannot be less than 0"),
                            "high": _("%(what)s must be %(high)s yuan or less"),
                            "places": _("%(what)s can have at most 2 decimal places (fen)")}[code],
                           {"what": what, "high": f"{q.high:,}", "example": example})

    def unknown_message(self, box: bool) -> str:
        """What to do when the person typed "不知道": tick the "I don't know" box only where the page shows one."""
        if box:
            return interpolate(_("If you do not know %(what)s, leave the box empty; where the figure is needed, "
                                 "tick \"I don't know\" below it"), {"what": self.question.what})
        return interpolate(_("If you do not know %(what)s, leave the box empty"), {"what": self.question.what})

    def to_python(self, value):
        if not value:
            return None                  # most boxes are left empty
        text = plain_whole(value) if self.question.kind == "whole" else plain_number(value)
        if not text:
            return None
        number = _decimal(text.strip())         # parse_decimal(text), which would tidy the text a second time
        if number is None and self.question.unknown_box and looks_unknown(text):
            raise ValidationError(self.unknown_message(box=True), code="unknown")
        if number is None or (self.question.kind == "whole" and number != number.to_integral_value()):
            raise ValidationError(self.message("invalid"), code="invalid")
        if number < self.question.low:
            raise ValidationError(self.message("low"), code="low")
        if number > self.question.high:
            raise ValidationError(self.message("high"), code="high")
        if self.question.kind == "whole":
            return int(number)
        if number != number.quantize(FEN):
            raise ValidationError(self.message("places"), code="places")
        return number

    def validate(self, value):
        if value is None and self.required:
            raise ValidationError(self.message("required"), code="required")


def choice_field(question: Question, choices, message=None, radios=False, initial=None) -> forms.ChoiceField:
    # The pages draw every field themselves from what it shows (ShownField.shown, components/fields.html), never
    # through a Django widget: the widget only reads the answer from the query, and a text input reads the one
    # value a select or a radio group sends. A Select would copy and check the choices twice more on every form
    # made (each page makes its step's form and those of the steps before it), to draw nothing.
    field = forms.ChoiceField(label=question.label, choices=choices, required=question.required, initial=initial,
                              widget=forms.TextInput, error_messages={"required": message, "invalid_choice": message})
    field.hint = question.hint       # words shown with the question, translated only when shown
    field.radios = radios            # shown as radio buttons: the error summary links to the first
    return field


@cache
def _options(question: str, city_id: str, lang: str) -> tuple[tuple[str, str], ...]:
    """A choice question's options in a city and page language: the same for everyone, so made once
    (and worded once: each text translated here, not each time a page shows it)."""
    with override(language_code(lang)):
        return tuple((str(value), str(text)) for value, text in _options_of(question, city_id, lang))


def _options_of(question: str, city_id: str, lang: str):
    if question == "city":
        return tuple((c.id, c.name(lang)) for c in load_cities().values())
    city = load_cities()[city_id]
    if question == "status":
        return tuple(STATUS_LABELS.items())
    if question == "enrolment":
        return tuple((e, ENROLMENT_LABELS[e]) for e in city.enrolments)
    if question == "sector":
        return tuple(SECTOR_LABELS.items())
    if question == "year":
        return tuple((str(y), str(y)) for y in year_choices(city))
    return tuple((lv, city.level_name(lv, lang)) for lv in city.levels)


# The options, lazily: a field takes lazy choices as they are (Django normalises a plain list
# twice for each field it makes, once for the field and once for its widget), and each use reads the
# list made once above.
options = lazy(_options, tuple)


class BoxesForm(forms.Form):
    """Boxes a result page asks (the year table's missing credits, the figures a person said they did not know),
    each checked as the page that asks it checks it, and bound to the link's answers: a figure that fails its
    check is left out of the estimate (estimator.year_credits.given, Journey.mistyped) and named beside its box,
    and the page stays where it is. A box left empty is a figure still not known, never an error."""
    bound_field_class = ShownField

    def __init__(self, values: dict[str, str], questions):
        super().__init__(values)
        for q in questions:
            self.fields[q.key] = NumberField(q)
            self.fields[q.key].required = False


class StepForm(forms.Form):
    """A step's questions, for one person in one city.

    No label suffix: the templates write the labels (components/fields.html), and Django would
    translate its ":" for every form it makes."""
    step = ""
    bound_field_class = ShownField

    def __init__(self, journey, bound: bool):
        super().__init__(journey.answers.values if bound else None, initial=journey.answers.values, label_suffix="")
        self.journey = journey
        for q in journey.questions(self.step):
            self.fields[q.key] = self.field_for(q)

    def field_for(self, q: Question):
        if q.kind != "choice":
            return NumberField(q)
        city, lang = self.journey.city, self.journey.lang
        if q.key == "status":
            return choice_field(q, options("status", city.id, lang), CHOICE_MESSAGES["status"], radios=True)
        if q.key == "enrolment":
            return choice_field(q, options("enrolment", city.id, lang), CHOICE_MESSAGES["enrolment"], radios=True,
                                initial="employer")
        if q.key == "sector":
            return choice_field(q, options("sector", city.id, lang), CHOICE_MESSAGES["sector"], radios=True)
        if q.key == "year":
            return choice_field(q, options("year", city.id, lang), CHOICE_MESSAGES["year"],
                                initial=str(city.first_full_year))
        return choice_field(q, options("level", city.id, lang), LEVEL_MESSAGE)


def year_choices(city) -> list[int]:
    """The years after the reform the form offers: the engine's own limits (policies.scenario.covered_years)."""
    return list(covered_years(city))


class CityForm(forms.Form):
    step = "city"
    bound_field_class = ShownField

    def __init__(self, journey, bound: bool):
        super().__init__(journey.answers.values if bound else None, initial=journey.answers.values, label_suffix="")
        self.journey = journey
        lang = journey.lang
        self.fields["city"] = choice_field(in_language((CITY,), lang)[0], options("city", "", lang), CHOICE_MESSAGES["city"],
                                           radios=True)
        self.fields["city"].heading = True          # the page's one question is its heading


class PersonForm(StepForm):
    step = "person"

    def clean(self):
        data = super().clean()
        if "year" in self.errors and (given := plain_number(self.data.get("year", ""))).isdecimal() and given.isascii():
            # A link's year the list does not hold: say which, and which years can be worked out.
            years = year_choices(self.journey.city)
            self.errors["year"] = self.error_class([_("There is no estimate for %(year)s: select a year from %(first)s "
                                                      "to %(last)s") % {"year": given, "first": years[0],
                                                                         "last": years[-1]}])
        if data.get("status") == "retired" and "sector" in self.fields and not data.get("sector"):
            # Only where a credit rule depends on it: 河南's flexible-employed retirees count with the
            # enterprise retirees (seed 000 第二章), so they are not made to choose.
            city = self.journey.city
            year = data.get("year") or city.first_full_year
            if asks_sector(city, "retired", data.get("enrolment") or "employer", int(year)):
                self.add_error("sector", CHOICE_MESSAGES["sector"])
        return data


class MoneyForm(StepForm):
    step = "money"

    def clean(self):
        data = super().clean()
        # A family month without its amount is a question half answered: ask for the amount.
        for amount, month in (("fam_med", "fam_med_m"), ("fam_res", "fam_res_m")):
            if (amount in self.fields and amount not in self.errors and month not in self.errors
                    and data.get(month) and data.get(amount) is None):
                self.add_error(amount, self.fields[amount].message("required"))
        return data


class VisitsForm(StepForm):
    step = "visits"

    def clean(self):
        data = super().clean()
        total = 0
        for row in self.journey.visit_rows:
            count, cost = row.count.key, row.cost.key
            if count in self.errors or cost in self.errors:
                continue
            n = data.get(count) or 0
            total += n
            # A half-filled row is a question half answered: say which half is missing.
            if n and data.get(cost) is None:
                self.add_error(cost, self.fields[cost].message("required"))
            elif not n and data.get(cost) and data.get(count) is None:
                self.add_error(count, self.fields[count].message("required"))
        if "sp_o" in self.fields and "sp_o" not in self.errors:
            other, cost = data.get("sp_o"), data.get("sp_c")
            if data.get("sp_n") and other is None:
                self.add_error("sp_o", self.fields["sp_o"].message("required"))
            elif other is not None and cost is not None and other > cost:
                self.add_error("sp_o", _("What the schemes pay cannot be more than the cost of the visit"))
        if data.get("total"):
            total += 1                        # a yearly total is one visit (questions.TOTAL)
        if total > MAX_VISITS:
            self.add_error(None, _("That is more than %(max)s visits in a year: check the numbers") % {"max": MAX_VISITS})
        elif not self.errors and len(self.journey.spread(data)) > MAX_ENTRIES:
            self.add_error(None, _("These visits are too many to spread over the year one by one (at most %(max)s "
                                   "changes from one kind of visit to another). Enter fewer visits.")
                           % {"max": MAX_ENTRIES})
        return data


class FiguresForm(StepForm):
    step = "figures"

    def __init__(self, journey, bound: bool):
        super().__init__(journey, bound)
        if "figures" in journey.unknown:      # "I don't know these": the result says what is missing
            for f in self.fields.values():
                f.required = False


class OwnAnswersForm(StepForm):
    """The comparison's boxes: the person's own answers (their pension, where they retired from…) that other
    cities need and their own city's pages do not ask, each checked as the page that asks it checks it."""
    step = "compare"             # no step of the walk-through: its questions are given

    def __init__(self, journey, asked):
        super().__init__(journey, bound=True)
        for q in asked:
            self.fields[q.key] = self.field_for(q)
