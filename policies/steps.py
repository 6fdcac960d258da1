"""The explanation that goes with a result: steps (each with its source) and warnings.

Kept as message keys and arguments until rendered, so one result can be shown in
Chinese or English.
"""
from decimal import Decimal

from .messages import say
from .money import grouped


def _pct(fraction: Decimal) -> str:
    return format((fraction * 100).normalize(), "f")


class Notes:
    def __init__(self, scenario):
        self.sc = scenario
        self.steps: list[tuple[str, str, str, dict]] = []     # (regime, key, source, args)
        self.warnings: list[tuple[str, dict]] = []
        self._levels: set[tuple[str, str, bool]] = set()
        self._seen_warnings: set = set()

    def step(self, regime: str, key: str, source: str, **args):
        self.steps.append((regime, key, source, args))

    def warn(self, key: str, **args):
        marker = (key, tuple(sorted((k, str(v)) for k, v in args.items())))
        if marker not in self._seen_warnings:
            self._seen_warnings.add(marker)
            self.warnings.append((key, args))

    def reading(self, item):
        if item.reading:
            self.warn("warn_reading", text=item.reading)

    def level_used(self, level: str, where: str, away: bool):
        self._levels.add((level, where, away))

    def credit_rule(self, regime, rule, band, first_month, months, sc, credit_before=None):
        city = sc.city
        source = rule.cite()
        if rule.kind == "none":
            self.step(regime, "step_credit_none", source, months=months)
        elif rule.kind == "same_as_before":
            self.step(regime, "step_credit_same", source, months=months,
                      amount=None if credit_before is None else credit_before / 12 * months)
        else:
            value = sc.figure(band)
            if rule.kind == "fixed_monthly":
                self.step(regime, "step_credit_fixed", source, rate=value, months=months, amount=value * months)
            elif rule.kind == "percent_of_base":
                self.step(regime, "step_credit_base", source, base=sc.monthly_base, rate=value, months=months,
                          amount=sc.monthly_base * value * months)
            elif rule.kind == "percent_of_pension":
                self.step(regime, "step_credit_pension", source, base=sc.monthly_pension, rate=value,
                          months=months, amount=sc.monthly_pension * value * months)
            else:
                base_name = rule.base_name(sc.retiree_sector)
                base = sc.figure(base_name)
                self.step(regime, "step_credit_param", source, basename=base_name, base=base, rate=value,
                          months=months, amount=base * value * months)
            param = city.params[band]
            if param.source.kind == "secondary" and band not in sc.params:
                self.warn("warn_secondary", what=f"what_credit_{regime}", source=param.source.url)
            self.reading(param)
            later_bands = [age for age, _ in rule.bands if age > sc.age]
            if later_bands and later_bands[0] == sc.age + 1 and not sc.birth_month:
                self.warn("warn_turns_next_band", age=sc.age + 1)
        self.reading(rule)

    def finish(self, before, after, rules, year_after):
        """Steps that summarise each column, added once both are known."""
        sc, city = self.sc, self.sc.city
        p = city.params
        if city.document_status == "draft":
            self.warn("warn_draft", city=city.id)
        if city.document_status == "framework":
            self.warn("warn_framework", city=city.id)
        if sc.ignored:
            self.warn("warn_ignored", names=", ".join(sc.ignored))
        self.step("before", "step_same_age", "", age=sc.age)
        self.step("before", "step_no_pooling", p["before_pooling"].cite())
        if p["before_pooling"].value != "none":
            self.reading(p["before_pooling"])
        for regime, col in (("before", before), ("after", after)):
            if col.other_paid:
                self.step(regime, "step_other", p["other_schemes"].cite(), amount=col.other_paid)
        if year_after == city.start_year and sc.start_month > 1:
            self.step("after", "step_old_months", p["reform_start_month"].cite(), month=sc.start_month)
            self.reading(p["reform_start_month"])
        kind_param = p["deductible_kind"]
        levels = sorted({lv for lv, _, _ in self._levels}, key=city.levels.index)
        if rules.kind == "annual":
            self.step("after", "step_ded_annual", p[f"deductible.{sc.status}"].cite(),
                      amount=rules.annual_deductible, used=after.deductible_used)
        elif rules.kind == "level_topup":
            amounts = " / ".join(f"{city.level_name(lv, sc.lang)} {grouped(rules.level_deductible[lv], 0)}" for lv in levels)
            self.step("after", "step_ded_topup", kind_param.cite(), amounts=amounts, used=after.deductible_used)
        elif levels:
            amounts = " / ".join(f"{city.level_name(lv, sc.lang)} {grouped(rules.visit_deductible[lv], 0)}" for lv in levels)
            self.step("after", "step_ded_visit", kind_param.cite(), amounts=amounts, used=after.deductible_used)
        if levels:
            self.reading(kind_param)
        for lv in levels:
            self.step("after", "step_ratio", p[f"ratio.{sc.status}.{lv}"].cite(),
                      level=city.level_name(lv, sc.lang), ratio=_pct(rules.ratio[lv]))
        cap_param = p[city.cap_name(sc.status, sc.enrolment)]
        if levels:
            self.step("after", "step_cap", cap_param.cite(), cap=rules.cap, paid=after.pooled_paid)
        if after.cap_reached:
            self.step("after", "step_cap_reached", cap_param.cite())
            self.reading(cap_param)
        if any(where == "pharmacy" for _, where, _ in self._levels):
            self.step("after", "step_pharmacy", p["pharmacy"].cite())
        if any(away for _, _, away in self._levels):
            away = p["away"]
            if away.value == "same_rules":
                self.step("after", "step_away_same", away.cite())
            elif away.value == "not_in_source":
                self.warn("warn_away_unknown")
            else:
                self.reading(p["away_self_pay_first"])
        for regime, col in (("before", before), ("after", after)):
            self.step(regime, "step_person", "", share=col.account_paid + col.cash_paid,
                      account=col.account_paid, cash=col.cash_paid, balance=col.account_balance)

    def render(self, lang: str) -> tuple[list[dict], list[str]]:
        city_name = self.sc.city.name(lang)
        supplied = say("source_supplied", lang)
        ordered = [s for s in self.steps if s[0] != "after"] + [s for s in self.steps if s[0] == "after"]
        steps = [{"regime": regime, "text": say(key, lang, **_shown(args, lang)) if args else say(key, lang),
                  "source": supplied if source == "@supplied" else source}
                 for regime, key, source, args in ordered]
        warnings = [say(key, lang, **_shown(dict(args, city=city_name) if "city" in args else args, lang))
                    for key, args in self.warnings]
        return steps, warnings


def _shown(args: dict, lang: str) -> dict:
    """Arguments as people read them: money as ¥1,234.56, rates as percentages."""
    shown = {}
    for k, v in args.items():
        if type(v) is Decimal:
            shown[k] = _pct(v) if k == "rate" and v < 1 else grouped(v)
        elif v is None:
            shown[k] = "—"
        elif k == "what":
            shown[k] = say(v, lang)
        else:
            shown[k] = v
    return shown
