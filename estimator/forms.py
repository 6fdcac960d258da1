"""The question pages' forms. They check what was typed; the engine decides the money.

Forms are built for the chosen city (its enrolments, institution levels, and the
figures its sources lack), and every error message names the question it belongs to.
"""
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import cache

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from policies import load_cities
from policies.lookup import param_label
from policies.scenario import MAX_COUNT, MAX_VISITS

LATEST_YEAR = 2026
NUMERIC = {"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"}
DECIMAL = {"inputmode": "decimal", "autocomplete": "off", "spellcheck": "false"}


def plain_number(text: str) -> str:
    """What people type, as a plain number: full-width digits, 元, ¥ and thousands commas allowed."""
    text = unicodedata.normalize("NFKC", text or "").strip()
    for junk in ("元", "¥", "￥", ",", " ", "，"):
        text = text.replace(junk, "")
    return text


class MoneyField(forms.DecimalField):
    def __init__(self, label, what, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(label=label, min_value=Decimal(0), max_value=Decimal("10000000"), max_digits=12,
                         decimal_places=2, widget=forms.TextInput(attrs=DECIMAL), **kwargs)
        self.error_messages.update({
            "required": _("Enter %(what)s") % {"what": what},
            "invalid": _("Enter %(what)s as a number of yuan, like 6000 or 6000.50") % {"what": what},
            "min_value": _("%(what)s cannot be less than 0") % {"what": what},
            "max_value": _("%(what)s must be 10,000,000 yuan or less") % {"what": what},
            "max_decimal_places": _("%(what)s can have at most 2 decimal places (fen)") % {"what": what},
            "max_digits": _("%(what)s must be 10,000,000 yuan or less") % {"what": what},
            "max_whole_digits": _("%(what)s must be 10,000,000 yuan or less") % {"what": what},
        })

    def to_python(self, value):
        return super().to_python(plain_number(value) if isinstance(value, str) else value)


class WholeField(forms.IntegerField):
    def __init__(self, label, what, low, high, example=None, **kwargs):
        super().__init__(label=label, min_value=low, max_value=high,
                         widget=forms.TextInput(attrs=NUMERIC), **kwargs)
        low_example = example if example is not None else max(low, 1)
        self.error_messages.update({
            "required": _("Enter %(what)s") % {"what": what},
            "invalid": _("Enter %(what)s as a whole number, like %(low)s") % {"what": what, "low": low_example},
            "min_value": _("%(what)s must be %(low)s or more") % {"what": what, "low": low},
            "max_value": _("%(what)s must be %(high)s or less") % {"what": what, "high": high},
        })

    def to_python(self, value):
        return super().to_python(plain_number(value) if isinstance(value, str) else value)


def _choice(label, choices, message, **kwargs):
    return forms.ChoiceField(label=label, choices=choices, widget=forms.RadioSelect,
                             error_messages={"required": message, "invalid_choice": message}, **kwargs)


def city_choices(lang):
    return [(c.id, c.name(lang)) for c in load_cities().values()]


class CityForm(forms.Form):
    step = "city"

    def __init__(self, *args, lang="zh", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"] = _choice(_("Which city are you insured in?"), city_choices(lang),
                                      _("Select the city where you are insured"))


ENROLMENT_LABELS = {
    "employer": _("Through my employer"),
    "flexible": _("As a flexible worker (灵活就业)"),
    "individual_tier1": _("On my own, tier 1 (个人参加职工医保一档)"),
    "individual_tier2": _("On my own, tier 2 (个人参加职工医保二档)"),
}


class PersonForm(forms.Form):
    step = "person"

    def __init__(self, *args, city, **kwargs):
        super().__init__(*args, **kwargs)
        self.city = city

    @staticmethod
    def build(fields: dict, city):
        fields["status"] = _choice(_("Are you working or retired?"), [
            ("in_service", _("Working (在职)")), ("retired", _("Retired (退休)"))],
            _("Select whether you are working or retired"))
        if len(city.enrolments) > 1:
            fields["enrolment"] = _choice(_("How are you enrolled?"),
                                               [(e, ENROLMENT_LABELS[e]) for e in city.enrolments],
                                               _("Select how you are enrolled"), initial="employer", required=False)
        if city.retiree_sectors:
            fields["sector"] = _choice(_("If you are retired, where did you retire from?"), [
                ("enterprise", _("A company, or flexible work")),
                ("institution", _("A government body or public institution (机关事业单位)"))],
                _("Select where you retired from"), required=False)
        fields["age"] = WholeField(_("How old are you?"), _("your age"), 16, 120, example=45)
        fields["birth_month"] = WholeField(_("Birthday month (optional)"), _("your birthday month"), 1, 12,
                                                required=False)
        years = range(city.first_full_year, LATEST_YEAR + 1)
        fields["year"] = forms.TypedChoiceField(
            label=_("Which year after the reform?"), coerce=int, initial=city.first_full_year,
            choices=[(y, str(y)) for y in years], required=False,
            error_messages={"invalid_choice": _("Select a year from the list")})

    def clean(self):
        data = super().clean()
        if data.get("status") == "retired" and "sector" in self.fields and not data.get("sector"):
            self.add_error("sector", _("Select where you retired from"))
        return data


class MoneyForm(forms.Form):
    step = "money"
    base = MoneyField(_("Your contribution base (缴费基数), yuan a month"), _("your contribution base"))
    pension = MoneyField(_("Your basic pension, yuan a month"), _("your pension"))
    credit_before = MoneyField(_("Account credit in the year before the reform, yuan"),
                               _("the account credit before the reform"))
    credit_after = MoneyField(_("Account credit in the year after the reform, yuan"),
                              _("the account credit after the reform"))
    opening = MoneyField(_("Account balance at the start of the year, yuan (optional)"), _("the opening balance"))


class VisitsForm(forms.Form):
    step = "visits"

    def __init__(self, *args, city, lang="zh", **kwargs):
        super().__init__(*args, **kwargs)
        self.city = city
        self.rows = [("", lv, city.level_name(lv, lang)) for lv in city.levels]

    @classmethod
    def build(cls, fields: dict, city, lang="zh"):
        level_choices = [(lv, city.level_name(lv, lang)) for lv in city.levels]
        for lv, name in level_choices:
            fields[f"n_{lv}"] = WholeField(_("Number of visits"), _("the number of visits at %(level)s") % {"level": name},
                                                0, MAX_COUNT, required=False)
            fields[f"c_{lv}"] = MoneyField(_("Usual cost of one visit, yuan"),
                                           _("the cost of a visit at %(level)s") % {"level": name})
        if city.params["pharmacy"].value == "prescriber_level":
            cls._extra_row(fields, "ph", _("pharmacy purchases"), level_choices)
        cls._extra_row(fields, "sp", _("special-disease visits"), level_choices)
        fields["sp_o"] = MoneyField(_("Paid by those schemes per visit, yuan"), _("what the schemes pay per visit"))
        if city.params["away"].value == "self_pay_first":
            cls._extra_row(fields, "aw", _("visits while away"), level_choices)

    @staticmethod
    def _extra_row(fields, prefix, what, level_choices):
        fields[f"{prefix}_n"] = WholeField(_("Number of times"), _("the number of %(what)s") % {"what": what},
                                                0, MAX_COUNT, required=False)
        fields[f"{prefix}_c"] = MoneyField(_("Usual cost each time, yuan"), _("the cost of %(what)s") % {"what": what})
        fields[f"{prefix}_lv"] = forms.ChoiceField(
            label=_("Level of the hospital"), choices=level_choices, required=False,
            error_messages={"invalid_choice": _("Select the level of the hospital")})

    def groups(self):
        """(prefix, whether it has a level question) of the extra rows present."""
        return [p for p in ("ph", "sp", "aw") if f"{p}_n" in self.fields]

    def clean(self):
        data = super().clean()
        total = 0
        pairs = [(f"n_{lv}", f"c_{lv}") for lv in self.city.levels] + [(f"{p}_n", f"{p}_c") for p in self.groups()]
        for count_name, cost_name in pairs:
            count = data.get(count_name) or 0
            total += count
            if count and data.get(cost_name) is None and cost_name not in self.errors:
                self.add_error(cost_name, self.fields[cost_name].error_messages["required"])
        if data.get("sp_n") and data.get("sp_o") is None and "sp_o" not in self.errors:
            self.add_error("sp_o", self.fields["sp_o"].error_messages["required"])
        if data.get("sp_o") is not None and data.get("sp_c") is not None and data["sp_o"] > data["sp_c"]:
            self.add_error("sp_o", _("What the schemes pay cannot be more than the cost of the visit"))
        if total > MAX_VISITS:
            self.add_error(None, _("That is more than %(max)s visits in a year: check the numbers") % {"max": MAX_VISITS})
        return data


def figure_label(name: str, city, lang: str) -> str:
    """A readable question for a parameter the sources do not give (the engine words it)."""
    return param_label(city, name, lang, question=True)


class FiguresForm(forms.Form):
    """The figures a framework document leaves to be set later (Xi'an), asked with the reason."""
    step = "figures"

    def __init__(self, *args, city, names, lang="zh", **kwargs):
        super().__init__(*args, **kwargs)
        self.city = city
        for name in names:
            param = city.params[name]
            label = figure_label(name, city, lang)
            what = label.replace("%", "%%")      # Django %-formats messages that carry parameters
            if param.unit == "%":
                field = forms.DecimalField(label=label, min_value=Decimal(0), max_value=Decimal(100),
                                           decimal_places=2, widget=forms.TextInput(attrs=DECIMAL))
                message = _("Enter %(what)s as a number from 0 to 100") % {"what": what}
                field.error_messages.update({"required": _("Enter %(what)s") % {"what": what}, "invalid": message,
                                             "min_value": message, "max_value": message,
                                             "max_digits": message, "max_decimal_places": message,
                                             "max_whole_digits": message})
            else:
                field = MoneyField(label, what, required=True)
            field.help_text = param.cite()
            self.fields[f"p_{name}"] = field


def parse_decimal(text) -> Decimal | None:
    try:
        return Decimal(plain_number(text))
    except (InvalidOperation, TypeError):
        return None


@cache
def form_class(base: type, city_id: str, lang: str) -> type:
    """The form for one city and language, built once per process.

    Building fields means translating labels and messages; Django then copies the
    prepared fields for each request, which is much cheaper than building them again.
    """
    fields: dict = {}
    with override("en" if lang == "en" else "zh-hans"):
        city = load_cities()[city_id]
        if base is VisitsForm:
            base.build(fields, city, lang)
        else:
            base.build(fields, city)
        for field in fields.values():
            _settle(field)
    return type(f"{base.__name__}_{city_id}_{lang}", (base,), fields)


def _settle(field: forms.Field) -> None:
    """Make a built field cheap to use on every request.

    Its words are translated now, in the class's language, not each time they are shown.
    And it is shared rather than deep-copied per form: no page changes a field once built
    (errors live on the form), and the copies cost more than the rest of the form.
    """
    field.label = str(field.label)
    field.error_messages = {key: str(message) for key, message in field.error_messages.items()}
    if isinstance(field, forms.ChoiceField):
        field.choices = [(value, str(label)) for value, label in field.choices]
    field.__deepcopy__ = lambda memo: field
