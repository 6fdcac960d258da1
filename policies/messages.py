"""Words the engine says to people, in Chinese and English.

Errors, steps and warnings are kept as a key and its arguments until the moment they
are shown, so the same result can be shown in either language.
"""
from .spacing import beside_chinese, format_spaced

TEXT = {
    # --- input errors -----------------------------------------------------
    "required": ("请填写此项。", "This is required."),
    "not_object": ("应为一个 JSON 对象。", "Should be a JSON object."),
    "not_list": ("应为一个列表。", "Should be a list."),
    "choice": ("应为以下之一：{choices}。", "Should be one of: {choices}."),
    "city_unknown": ("没有这个城市。可选：{choices}。", "No such city. Choose one of: {choices}."),
    "whole_number": ("请填写整数。", "Enter a whole number."),
    "range": ("应在 {low} 到 {high} 之间。", "Should be between {low} and {high}."),
    "money": ("请填写金额（元），例如 2800 或 2800.50。", "Enter an amount in yuan, like 2800 or 2800.50."),
    "money_negative": ("金额不能为负数。", "An amount cannot be negative."),
    "money_places": ("金额最多精确到分（两位小数）。", "Amounts go to the fen at most (two decimal places)."),
    "money_too_big": ("金额太大，最多 {high} 元。", "That amount is too large: at most {high} yuan."),
    "boolean": ("应为 true 或 false。", "Should be true or false."),
    "enrolment_city": ("{city}的参保方式可选：{choices}。", "In {city} the enrolment is one of: {choices}."),
    "level_city": ("{city}的医疗机构类别可选：{choices}。", "In {city} the institution level is one of: {choices}."),
    "too_many_entries": ("就医记录最多 {high} 条。", "At most {high} visit entries."),
    "too_many_visits": ("全年就诊次数合计最多 {high} 次。", "At most {high} visits in a year in all."),
    "other_exceeds_cost": ("其他待遇已支付的金额不能大于这次的费用。", "What other schemes paid cannot be more than the visit's cost."),
    "year_too_early": ("{city}的改革从 {start} 年开始；请选择 {start} 年或以后。", "{city}'s reform began in {start}; choose {start} or later."),
    "year_too_late": ("资料只覆盖到 {last} 年：请选择 {last} 年或以前的年份。", "The sources cover years up to {last}: choose {last} or earlier."),
    "year_start_unknown": ("{city}的改革在 {start} 年开始，但资料没有写开始月份；请选择 {next} 年或以后，或在 params.reform_start_month 中填写月份。",
                           "{city}'s reform began in {start}, but the sources do not say in which month; choose {next} or later, or give params.reform_start_month."),
    "month_needed": ("{year} 年{city}的改革从 {month}开始，请填写每次就医的月份（1-12）。",
                     "In {year} {city}'s reform began in {month}: give the month (1-12) of each visit."),
    "param_unknown_name": ("{city}没有名为 {name} 的参数。", "{city} has no parameter called {name}."),
    "param_not_numeric": ("这个参数是规则类型，不能改。", "This parameter is a kind of rule and cannot be changed."),
    "pharmacy_not_in_source": ("{city}的文件没有说明定点药店凭外配处方购药如何报销，无法计算。请把这项删去，或作为医院就诊填写。",
                               "{city}'s document does not say how pharmacy purchases on a prescription are paid, so they cannot be estimated. Remove this entry or enter it as a hospital visit."),
    "figure_missing": ("资料没有给出这个数（{why}）。请填写它。", "No source gives this figure ({why}). Please supply it."),
    "credit_missing": ("资料没有给出 {year} 年您的个人账户划入办法（{why}）。请填写全年划入金额（可在医保 App 或账户明细中查到）{alt}。",
                       "No source gives how your personal account was credited in {year} ({why}). Enter the year's credit (your medical insurance app or statement shows it){alt}."),
    "need_base": ("计算个人账户划入需要缴费基数（元/月）。", "Your contribution base (yuan a month) is needed to work out the account credit."),
    "need_pension": ("计算个人账户划入需要本人基本养老金（元/月）。", "Your basic pension (yuan a month) is needed to work out the account credit."),
    "need_sector": ("{city}的退休人员划入标准分企业和机关事业单位，请选择（或直接填写改革后全年划入金额）。", "{city}'s retiree credit differs for enterprise and public-institution retirees: choose one (or give account_credit_after)."),
    "no_rule": ("资料中没有适用于您的划入规则", "no rule in the sources covers you"),
    # A credit rule the sources give, whose figure they leave out (the Henan draft: 2% of the city's 2021
    # average pension, not given): say what is known, what is not, and for a draft that it is one.
    "credit_figure_missing": ("{year} 年您的个人账户按{name}计算划入，但资料没有给出这个数，所以算不出金额。请填写全年划入金额（可在医保 App 或账户明细中查到）{alt}。",
                              "In {year} your personal account is credited from {name}, which the sources do not give, so the amount cannot be worked out. Enter the year's credit (your medical insurance app or statement shows it){alt}."),
    "credit_figure_missing_draft": ("按征求意见稿，{year} 年您的个人账户按{name}计算划入，但征求意见稿没有给出这个数，所以算不出金额。请填写全年划入金额（可在医保 App 或账户明细中查到）{alt}。",
                                    "Under the draft for comment, in {year} your personal account is credited from {name}, which the draft does not give, so the amount cannot be worked out. Enter the year's credit (your medical insurance app or statement shows it){alt}."),
}


def say(key: str, lang: str = "zh", **args) -> str:
    return said(key, lang, args)


def said(key: str, lang: str, args: dict) -> str:
    """say(), with the arguments already in a dict (as values.show_args gives them)."""
    zh, en = TEXT[key]
    if lang != "en":
        # A value beginning or ending with a year, beside a Chinese character, is set apart by a space
        # (policies.spacing): "按 2021 年全市…水平计算".
        return format_spaced(zh, args) if key in BESIDE_CHINESE else zh.format_map(args)
    text = en.format_map(args)
    # A sentence that begins with a value ("{level}: …") begins with a capital; the value itself
    # is written as it reads inside a sentence.
    return text[:1].upper() + text[1:] if en.startswith("{") else text

TEXT.update({
    # --- steps: one line per rule applied --------------------------------------
    "step_same_age": ("两栏按同一个人、同样的就医情况计算，年龄都按 {age} 岁。", "Both columns take the same person and the same visits, aged {age} in both."),
    "step_credit_supplied": ("个人账户全年划入 {amount}：这是您填写的金额。", "Personal account credit for the year: {amount}, the figure you gave."),
    "step_credit_base": ("个人账户划入：缴费基数 {base}/月 × {rate} × {months} 个月 = {amount}。", "Account credit: base {base} a month × {rate} × {months} months = {amount}."),
    "step_credit_pension": ("个人账户划入：基本养老金 {base}/月 × {rate} × {months} 个月 = {amount}。", "Account credit: pension {base} a month × {rate} × {months} months = {amount}."),
    "step_credit_supplement": ("公务员医疗补助计入个人账户：{base}/月 × {rate} × {months} 个月 = {amount}。", "Civil servants' medical subsidy credited to the account: {base} a month × {rate} × {months} months = {amount}."),
    "step_sector_fixed": ("灵活就业退休人员按企业单位退休人员的平均养老金计算。", "Retired flexible-employment members count with enterprise retirees for the average pension."),
    "step_credit_param": ("个人账户划入：{basename} {base}/月 × {rate} × {months} 个月 = {amount}。", "Account credit: {basename} {base} a month × {rate} × {months} months = {amount}."),
    "step_credit_fixed": ("个人账户按月定额划入：{rate}/月 × {months} 个月 = {amount}。", "Account credit, a fixed amount: {rate} a month × {months} months = {amount}."),
    "step_credit_none": ("这 {months} 个月个人账户不划入。", "No account credit for these {months} months."),
    "step_credit_same": ("按改革前一年本人的划入规模按月定额划入：{each}/月 × {months} 个月 = {amount}。", "Credited monthly at last year's own amount: {each} a month × {months} months = {amount}."),
    "step_credit_same_about": ("按改革前一年本人的划入规模按月定额划入：每月约 {each}（上一年划入额的十二分之一）× {months} 个月 = {amount}。", "Credited monthly at last year's own amount: about {each} a month (a twelfth of last year's credit) × {months} months = {amount}."),
    "step_before_unknown": ("改革前普通门诊有统筹段，但资料没有给出它的金额：改革前一栏按统筹基金不支付普通门诊计算。", "Before the reform ordinary visits had a pooled segment, but no source gives its amounts: the before column counts no fund payment for ordinary visits."),
    "step_no_pooling": ("改革前没有普通门诊统筹：普通门诊费用由个人账户支付，不够的付现金。", "Before the reform there was no general outpatient pooling: the account paid for ordinary visits, and cash paid the rest."),
    "step_old_months": ("{month}以前的就医仍按改革前的办法结算。", "Visits before {month} are settled under the old rules."),
    "step_other": ("两病、特病、国谈药等门诊待遇已支付 {amount}，剩下的费用才进入普通门诊统筹。", "The hypertension/diabetes, special-disease and negotiated-drug schemes paid {amount}; only the rest goes to general pooling."),
    "step_ded_annual": ("起付标准每年 {amount}，全年累计计算；本年由个人负担的起付部分共 {used}。", "Deductible: {amount} a year, counted over the whole year; you paid {used} towards it."),
    "step_ded_topup": ("起付标准按机构级别（{amounts}），全年累计、去更高级别时只补差额；本年起付部分共 {used}。", "Deductible by level ({amounts}), counted over the year; moving up a level you pay only the difference. You paid {used} towards it."),
    "step_ded_visit": ("起付标准按次计算（{amounts}）；本年起付部分共 {used}。", "Deductible per visit ({amounts}); {used} in all this year."),
    "step_ratio": ("{level}：超过起付标准的部分，统筹基金支付 {ratio}。", "{level}: above the deductible, the fund pays {ratio}."),
    "step_pooled_sum": ("{level}：(计入统筹的费用 {cost} − 起付部分 {deductible}) × {ratio} = {amount}，由统筹基金支付。",
                        "{level}: (cost counted by pooling {cost} − deductible part {deductible}) × {ratio} = {amount}, paid by the fund."),
    "step_pooled_capped": ("{level}：到了年度最高支付限额，统筹基金实际只支付 {paid}。",
                           "{level}: the yearly cap was reached, so the fund actually paid {paid}."),
    "step_pooled_rounded": ("{level}：每次就诊分别算到分，合计统筹基金支付 {paid}。",
                            "{level}: each visit is worked out to the fen, so the fund paid {paid} in all."),
    "step_cap": ("普通门诊统筹年度最高支付 {cap}；本年统筹支付 {paid}。", "General pooling pays at most {cap} a year; it paid {paid} this year."),
    "step_cap_reached": ("已达到年度最高支付限额，之后的费用由个人负担。", "The yearly cap was reached: costs after that are yours."),
    "step_pharmacy": ("定点药店凭外配处方购药，按开处方医疗机构的级别结算。", "Pharmacy purchases on a prescription are settled at the prescriber's level."),
    "step_away_same": ("临时外出就医按本市同样的起付标准和比例结算。", "Visits outside the city use the same deductible and ratios."),
    "step_away_first": ("临时外出就医，先由个人自付 {share}，共 {amount}，其余再按规定比例支付。", "Visits while away: you first pay {share} yourself, {amount} in all, then the usual rules apply."),
    "step_serious_illness": ("镇江职工大病保险另可报销约 {amount}：本年现金支付的 {cash} 中，超过起付标准 {deductible} 的部分，{top} 以内支付 {low}，以上支付 {high}。这笔钱不计入上表：改革前大病统筹的金额资料没有给出，两栏才可比较。", "Zhenjiang's serious-illness insurance may also refund about {amount}: of the {cash} you paid in cash this year, it pays {low} of the part above {deductible} up to {top}, and {high} above that. It is not in the table: no source gives the old scheme's amounts, so it is left out of both columns to keep them comparable."),
    "level_with_pharmacy": ("{level}（含药店购药 {amount}）", "{level} (including {amount} of pharmacy purchases on its prescriptions)"),
    "step_person": ("个人负担 {share}：个人账户支付 {account}，现金支付 {cash}；年末个人账户余额 {balance}。", "Your share {share}: the account paid {account}, cash {cash}; year-end account balance {balance}."),
    # With an opening balance the year-end balance is not the credit less what was paid: the step says the sum
    # (and with the family's share of the account, that too), as the line under the table does.
    "step_person_opening": ("个人负担 {share}：个人账户支付 {account}，现金支付 {cash}；年末个人账户余额 = 年初余额 {opening} + 全年划入 {credit} − 个人账户支付 {account} = {balance}。",
                            "Your share {share}: the account paid {account}, cash {cash}; year-end account balance = {opening} at the start of the year + {credit} credited − {account} paid = {balance}."),
    "step_person_opening_family": ("个人负担 {share}：个人账户支付 {account}，现金支付 {cash}；年末个人账户余额 = 年初余额 {opening} + 全年划入 {credit} − 个人账户支付 {account} − 为家人支付 {family} = {balance}。",
                                   "Your share {share}: the account paid {account}, cash {cash}; year-end account balance = {opening} at the start of the year + {credit} credited − {account} paid for you − {family} paid for your family = {balance}."),
    # --- warnings ---------------------------------------------------------------
    # The draft city's name already says "(draft for comment)": the sentence does not repeat it.
    "warn_draft": ("这些规则来自征求意见稿，不是正式施行的文件，最终规定可能不同。", "These rules come from a draft for comment, not rules in force; the final rules may differ."),
    "warn_framework": ("{city}的文件只定了原则，起付标准、比例和限额要您或经办人员提供。", "{city}'s document sets only the principles; the deductible, ratios and cap must be supplied."),
    "warn_secondary": ("{what}按网上的非官方资料估算；如果您的账户记录不同，请填写那一年实际的全年划入金额。",
                       "{what} is estimated from an unofficial web page; if your account statement shows something else, enter that year's actual credit."),
    "warn_serious_illness_years": ("退休人员在职时缴费年限每超过最低缴费年限一年，大病保险支付比例提高 {per}，最多提高 {most}；本估算没有算这一项，您的实际报销可能更多。", "For retirees, each contribution year beyond the minimum raises the serious-illness insurance share by {per}, up to {most}; this estimate leaves that out, so your refund may be higher."),
    "warn_flexible_wait": ("如果您是首次在本市以灵活就业人员身份参加职工医保，参保后有 {months} 个月的待遇等待期，期间的门诊费用统筹基金不支付；本估算没有扣除这段时间（{source}）。", "If this is your first time in the city's employee insurance as a flexible worker, there is a {months}-month wait before benefits start; the fund pays nothing in that time, and this estimate does not take it off ({source})."),
    "warn_lump_sum": ("个人参加职工医保二档趸缴人员：趸缴期间个人账户按趸缴基数的 {rate} 计入，请把趸缴基数填作缴费基数；趸缴期满后按退休人员标准计入（{source}）。", "Tier 2 members paying a lump sum (趸缴): while paying, the account is credited {rate} of the lump-sum base, so enter that base as your contribution base; once paid up, the retiree amounts apply ({source})."),
    "warn_reading": ("{text}", "{text}"),
    "warn_cap_share": ("{year} 年是改革实施当年，年度支付限额按 {full} 的 {share} 计算，为 {cap}。", "{year} is the year the reform started: the yearly cap is {share} of {full}, that is {cap}."),
    "warn_ratio_floor": ("{level}的支付比例 {ratio} 低于文件规定的 {floor}。", "The ratio for {level}, {ratio}, is below the document's floor of {floor}."),
    "warn_away_unknown": ("文件没有单列临时外出就医的规定，按本市同样规则计算。", "The document says nothing special about visits while away; the same rules are used."),
    # The age is the age on 1 January (the engine's months count a birthday month on from it): one below a band's
    # age turns it that year for certain; only the month is unknown.
    "warn_turns_next_band": ("您今年会满 {age} 岁，从生日当月起划入标准会变；可填写出生月份算得更准。", "You turn {age} this year, and the credit changes from your birthday month; give your birthday month for a closer figure."),
    "warn_ignored": ("以下字段不认识，已忽略：{names}。", "These fields are not recognised and were ignored: {names}."),
    "source_supplied": ("本人提供的数字", "a figure you supplied"),
    "what_credit_before": ("改革前的个人账户划入比例", "The before-reform account credit rate"),
    "what_credit_after": ("改革后的个人账户划入标准", "The after-reform account credit"),
})

# --- issue 15: the reform year by year, and the family's share of the account ---------
TEXT.update({
    "family_too_many": ("家人的花费最多填写 {high} 条。", "At most {high} family entries."),
    "credit_year_range": ("这里只能填写这些年份的划入额（四位数字）：{years}。",
                          "Only the credits of these years can be given here (four digits): {years}."),
    "credit_year_main": ("{year} 年的划入额请填在 account_credit_after。", "Give the credit of {year} as account_credit_after."),
    "too_many_entries_credit": ("最多填写 {high} 个年份。", "At most {high} years."),
    "step_credit_old_months": ("改革开始前的 {months} 个月仍按原办法划入，按上一年划入额的十二分之一（每月 {each}）计算：{amount}。",
                               "The {months} months before the reform began are credited as before, a twelfth of last year's credit ({each} a month): {amount}."),
    "step_family_before": ("改革前个人账户不能支付家人的费用：家人的花费 {spending} 全部由家人自己付现金。",
                           "Before the reform the account could not pay for the family: their {spending} is all their own cash."),
    "step_family_order": ("个人账户按时间先后支付本人和家人的费用：同一个月里先付本人的就医，再付家人的；没填月份的就医平均分布在全年，没填月份的家人花费平均分到 12 个月。",
                          "The account pays you and your family in calendar order: within a month your own visits first, then the family's; visits without a month are spread evenly over the year, and family spending without a month is split over the 12 months."),
    "step_family_not_yet": ("{month}改革开始以前，家人的花费 {amount} 不能由个人账户支付，由家人自付。",
                            "Before the reform began in {month}, the family's {amount} could not come from the account: they paid it themselves."),
    "step_family_after": ("家人的花费 {spending}：个人账户支付 {account}，账户不够的 {cash} 由家人自己付现金（不算您的现金，也不用统筹基金）。",
                          "Your family's spending {spending}: the account paid {account}; the {cash} it could not cover is the family's own cash (not yours, and never the pooled fund)."),
    "warn_family_before_reading": ("资料把个人账户用于家人列为这次改革的措施，没有说改革前可不可以；改革前一栏按不能用于家人计算。",
                                   "The sources list paying for the family among the reform's measures and say nothing of the years before; the before column counts no family use of the account."),
    # --- year by year ---
    "year_reform_starts": ("{year} 年{month}起实行改革：普通门诊统筹开始报销，个人账户按新办法划入；此前的月份仍按原办法。",
                           "From {month} {year} the reform applies: general outpatient pooling starts and the account is credited the new way; earlier months follow the old rules."),
    "year_reform_starts_jan": ("{year} 年起实行改革：普通门诊统筹开始报销，个人账户按新办法划入。",
                               "From {year} the reform applies: general outpatient pooling starts and the account is credited the new way."),
    "year_reform_starts_month_unknown": ("{year} 年内开始实行改革，但资料没有写从几月开始，所以这一年算不出来。",
                                         "The reform began during {year}, but the sources do not say in which month, so this year cannot be worked out."),
    "year_full_year": ("{year} 年起全年按新办法。", "From {year} the whole year follows the new rules."),
    "year_credit_changes": ("个人账户全年划入从 {before} 变为 {after}。", "The year's account credit changes from {before} to {after}."),
    "year_cap_changes": ("普通门诊统筹年度支付限额从 {before} 变为 {after}。", "General pooling's yearly cap changes from {before} to {after}."),
    "year_same": ("与上一年相比，您的数字没有变化。", "Your figures are the same as the year before."),
    "year_steady": ("从 {year} 年起，资料中的规则不再变化，以后各年与这一年相同。",
                    "From {year} on the sources' rules no longer change: later years are the same as this one."),
    "year_months_spread": ("{year} 年改革从 {month}开始，您没有填就医月份：就医按全年平均分布计算，其中 {new} 次在改革以后。",
                           "In {year} the reform began in {month} and your visits have no month: they are spread evenly over the year, {new} of them after the start."),
})

# The sentences that put a value straight beside a Chinese character (policies.spacing).
BESIDE_CHINESE = frozenset(key for key, (zh, _en) in TEXT.items() if beside_chinese(zh))
