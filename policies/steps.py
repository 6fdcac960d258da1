"""The explanation that goes with a result: steps (each with its source) and warnings.

Kept as message keys and typed arguments (policies.values) until rendered, so one result
can be shown in Chinese or English, and every rule's figure is said as the data has it.
"""
from dataclasses import dataclass
from decimal import Decimal

from .lookup import SUPPLIED, year_rules
from .messages import said, say
from .money import to_fen
from .values import CityName, Cite, Count, Joined, Level, LevelWithPharmacy, Money, Month, ParamLabel, Percent, Points, Reading, Words, show_args


@dataclass
class CreditRun:
    """Months in a row credited under the same rule and figures."""
    key: tuple
    rule: object                 # the CreditRule, or None for the 公务员医疗补助 supplement
    first_month: int
    months: int
    amount: Decimal
    each: Decimal = Decimal(0)       # one month's credit
    age: int = 0
    rate: Decimal | None = None
    rate_source: object = None
    base: Decimal | None = None
    base_param: str = ""
    base_source: object = None
    monthly: Decimal | None = None
    sector_fixed: str | None = None


class Notes:
    def __init__(self, scenario):
        self.sc = scenario
        self.steps: list[tuple[str, str, object, dict]] = []     # (regime, key, cited source, args)
        self.warnings: list[tuple[str, dict]] = []
        self._levels: set[tuple[str, str, bool]] = set()
        self._pooled: dict[str, list[Decimal]] = {}     # level → [cost seen by pooling, deductible, fund paid]
        self._pharmacy: dict[str, Decimal] = {}         # level → pharmacy purchases on its prescriptions, in that cost
        self._seen_warnings: set = set()

    def step(self, regime: str, key: str, source, **args):
        self.steps.append((regime, key, source, args))

    def warn(self, key: str, **args):
        marker = (key, frozenset(args.items()))       # typed values are frozen, so hashable
        if marker not in self._seen_warnings:
            self._seen_warnings.add(marker)
            self.warnings.append((key, args))

    def reading(self, item):
        if item is not None and type(item) is not str and item.reading:     # (SUPPLIED is a string)
            self.warn("warn_reading", text=Reading(item.reading, item.reading_en))

    def level_used(self, level: str, where: str, away: bool):
        self._levels.add((level, where, away))

    def pooled_block(self, level: str, cost: Decimal, deductible: Decimal, paid: Decimal, where: str = "hospital"):
        sums = self._pooled.setdefault(level, [Decimal(0), Decimal(0), Decimal(0)])
        for i, v in enumerate((cost, deductible, paid)):
            sums[i] += v
        if where == "pharmacy":
            self._pharmacy[level] = self._pharmacy.get(level, Decimal(0)) + cost

    def credit_runs(self, regime: str, runs: list[CreditRun], year: int):
        sc = self.sc
        for run in runs:
            months, amount = Count(run.months), Money(run.amount)
            rule = run.rule
            if run.key[0] == "old_months":      # the reform's first year, before it began (policies.engine)
                self.step(regime, "step_credit_old_months", run.rate_source, months=months,
                          each=Money(run.monthly), amount=amount)
                self.reading(run.rate_source)
                continue
            if rule is None:
                self.step(regime, "step_credit_supplement", run.rate_source, base=Money(run.base),
                          rate=Percent(run.rate), months=months, amount=amount)
                self.reading(run.rate_source)
                continue
            if rule.kind == "none":
                self.step(regime, "step_credit_none", rule, months=months)
            elif rule.kind == "same_as_before":
                # A twelfth of last year's credit need not be a whole fen: then the month's figure is "about".
                exact = run.monthly == run.monthly.quantize(Decimal("0.01"))
                self.step(regime, "step_credit_same" if exact else "step_credit_same_about", rule,
                          each=Money(run.monthly), months=months, amount=amount)
            elif rule.kind == "fixed_monthly":
                self.step(regime, "step_credit_fixed", rule, rate=Money(run.rate), months=months, amount=amount)
            elif rule.kind == "percent_of_base":
                self.step(regime, "step_credit_base", rule, base=Money(run.base), rate=Percent(run.rate),
                          months=months, amount=amount)
            elif rule.kind == "percent_of_pension":
                self.step(regime, "step_credit_pension", rule, base=Money(run.base), rate=Percent(run.rate),
                          months=months, amount=amount)
            else:
                self.step(regime, "step_credit_param", rule, basename=ParamLabel(sc.city, run.base_param),
                          base=Money(run.base), rate=Percent(run.rate), months=months, amount=amount)
                if run.sector_fixed:
                    self.step(regime, "step_sector_fixed", rule)
            for source in (run.rate_source, run.base_source):
                if source is not None and type(source) is not str:          # (SUPPLIED is a string)
                    if source.source.kind == "secondary":
                        self.warn("warn_secondary", what=Words(f"what_credit_{regime}"))
                    self.reading(source)
            if rule.bands and run.first_month == 1:
                later = [age for age, _ in rule.bands if age > sc.age]
                if later and later[0] == sc.age + 1 and not sc.birth_month:
                    self.warn("warn_turns_next_band", age=Count(sc.age + 1))
            self.reading(rule)

    def document_warnings(self):
        """What holds for any result in the city (a draft, a framework) and any input (fields ignored)."""
        sc, city = self.sc, self.sc.city
        if city.document_status == "draft":
            self.warn("warn_draft", city=CityName(city))
        if city.document_status == "framework":
            self.warn("warn_framework", city=CityName(city))
        if sc.ignored:
            self.warn("warn_ignored", names=", ".join(sc.ignored))

    def finish(self, before, after, rules, year_after, extra=None):
        """Steps that summarise each column, added once both are known."""
        sc, city = self.sc, self.sc.city
        p = city.params
        kinds = year_rules(city, year_after)
        day = kinds.day
        self.document_warnings()
        self.step("before", "step_same_age", "", age=Count(sc.age))
        old = kinds.before_pooling
        if old.value == "none":
            self.step("before", "step_no_pooling", old)
        else:
            self.step("before", "step_before_unknown", old)
            self.reading(old)
        for regime, col in (("before", before), ("after", after)):
            if col.other_paid:
                self.step(regime, "step_other", kinds.other_schemes, amount=Money(col.other_paid))
        if year_after == city.start_year and sc.start_month > 1:
            start = p["reform_start_month"].at(city.start)
            self.step("after", "step_old_months", start if "reform_start_month" not in sc.overrides else SUPPLIED,
                      month=Month(sc.start_month))
            self.reading(start)
        kind_param = kinds.deductible_kind
        used = self._levels
        levels = sorted({lv for lv, _, _ in used}, key=city.levels.index)
        if rules.kind == "annual" and levels:
            self.step("after", "step_ded_annual", rules.deductible_source,
                      amount=Money(rules.annual_deductible), used=Money(after.deductible_used))
        elif rules.kind == "level_topup" and levels:
            amounts = Joined(tuple((Level(city, lv), Money(rules.level_deductible[lv], 0)) for lv in levels))
            self.step("after", "step_ded_topup", kind_param, amounts=amounts, used=Money(after.deductible_used))
        elif levels:
            amounts = Joined(tuple((Level(city, lv), Money(rules.visit_deductible[lv], 0)) for lv in levels))
            self.step("after", "step_ded_visit", kind_param, amounts=amounts, used=Money(after.deductible_used))
        if levels:
            self.reading(kind_param)
        for lv in levels:
            self.step("after", "step_ratio", rules.ratio_source[lv], level=Level(city, lv),
                      ratio=Percent(rules.ratio[lv]))
            self._pooled_sum(rules, lv, after)
        if levels:
            self.step("after", "step_cap", rules.cap_source, cap=Money(rules.cap), paid=Money(after.pooled_paid))
        if after.cap_reached:
            self.step("after", "step_cap_reached", rules.cap_source)
            self.reading(rules.cap_source)
        if any(where == "pharmacy" for _, where, _ in used):
            pharmacy = kinds.pharmacy
            self.step("after", "step_pharmacy", pharmacy)
            self.reading(pharmacy)
        if any(away for _, _, away in used):
            away = kinds.away
            if away.value == "same_rules":
                self.step("after", "step_away_same", away)
            elif away.value == "not_in_source":
                self.warn("warn_away_unknown")
            else:
                self.reading(rules.away_first_source)
        if sc.enrolment == "flexible" and city.has("flexible_wait") and p["flexible_wait"].at(day):
            wait = p["flexible_wait"].at(day)
            self.warn("warn_flexible_wait", months=Count(wait.value), source=Cite(wait))
        if sc.enrolment == "individual_tier2" and sc.status == "in_service" and city.has("lump_sum") \
                and p["lump_sum.rate"].at(day):
            rate = p["lump_sum.rate"].at(day)
            self.warn("warn_lump_sum", rate=Percent(rate.value), source=Cite(rate))
        for regime, col in (("before", before), ("after", after)):
            figures = {"share": Money(col.account_paid + col.cash_paid), "account": Money(col.account_paid),
                       "cash": Money(col.cash_paid), "balance": Money(col.account_balance)}
            if not sc.opening_balance:
                self.step(regime, "step_person", "", **figures)
            elif col.family is not None and col.family.account_paid:
                self.step(regime, "step_person_opening_family", "", opening=Money(sc.opening_balance),
                          credit=Money(col.account_credit), family=Money(col.family.account_paid), **figures)
            else:
                self.step(regime, "step_person_opening", "", opening=Money(sc.opening_balance),
                          credit=Money(col.account_credit), **figures)
        if extra is not None and extra.refund > 0:
            self.step("after", "step_serious_illness", extra.source, cash=Money(extra.cash),
                      deductible=Money(extra.deductible, 0), top=Money(extra.band_top, 0),
                      low=Percent(extra.low + extra.bonus), high=Percent(extra.high + extra.bonus),
                      amount=Money(extra.refund))
            self.reading(extra.source)
            if sc.status == "retired" and sc.extra_years is None:
                self.warn("warn_serious_illness_years", per=Points(extra.bonus_per_year),
                          most=Points(extra.bonus_max))

    def _pooled_sum(self, rules, lv: str, after):
        """The sum a person can check for one level: (cost − deductible) × ratio = what the fund paid.

        Visits are settled one by one to the fen, and the yearly cap can stop the fund short,
        so where the checked sum differs from what was paid, the next sentence says why."""
        cost, deductible, paid = self._pooled.get(lv, (Decimal(0),) * 3)
        if cost <= 0:
            return
        level, ratio = Level(self.sc.city, lv), Percent(rules.ratio[lv])
        worked = to_fen((cost - deductible) * rules.ratio[lv])
        # Pharmacy purchases are settled at their prescriber's level: the sum says they are in it, so a person
        # with no visit at that level sees where the line comes from.
        pharmacy = self._pharmacy.get(lv)
        self.step("after", "step_pooled_sum", rules.ratio_source[lv],
                  level=LevelWithPharmacy(self.sc.city, lv, pharmacy) if pharmacy else level, cost=Money(cost),
                  deductible=Money(deductible), ratio=ratio, amount=Money(worked))
        if paid != worked:
            key = "step_pooled_capped" if after.cap_reached and paid < worked else "step_pooled_rounded"
            self.step("after", key, rules.cap_source if key == "step_pooled_capped" else rules.ratio_source[lv],
                      level=level, paid=Money(paid))

    def render(self, lang: str) -> tuple[list[dict], list[str]]:
        ordered = [s for s in self.steps if s[0] != "after"] + [s for s in self.steps if s[0] == "after"]
        steps = [{"regime": regime, "text": said(key, lang, show_args(args, lang)), "source": _source(source, lang)}
                 for regime, key, source, args in ordered]
        return steps, self.warnings_in(lang)

    def warnings_in(self, lang: str) -> list[str]:
        """The warnings alone, for a page that shows no steps (the simple result, the desk): the steps'
        sentences are not worded for nothing."""
        return [said(key, lang, show_args(args, lang)) for key, args in self.warnings]

    def warning_keys(self) -> list[str]:
        return [key for key, _ in self.warnings]


def _source(source, lang: str) -> str:
    if isinstance(source, str):
        if source == SUPPLIED:
            return say("source_supplied", lang)
        return source                  # a citation already worded, or none ("")
    if not source:
        return ""
    return source.cite(lang)


source_text = _source      # what a sentence outside the steps (policies.years) cites, in the page's language
