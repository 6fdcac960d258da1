"""Every data file validates, every value is sourced or marked unknown, and broken files are refused.

Each kind of mistake the schema (policies/schema.py) refuses has a broken copy of a real
file below, and the test asserts the whole refusal: file, key, and what was expected.
"""
import os
from pathlib import Path

import pytest

from policies.loader import CITIES_DIR, PolicyDataError, load_cities, load_city

_HERE = Path(__file__).resolve()
SEEDS = next((p for p in (Path(os.environ.get("SEEDS_DIR", "/nonexistent")), _HERE.parents[3] / "shared" / "seeds",
                          Path("/work/shared/seeds")) if p.exists()), None)
CITY_FILES = sorted(CITIES_DIR.glob("*.toml"))


def test_the_five_cities_load():
    assert list(load_cities()) == ["chongqing", "zaozhuang", "zhenjiang", "xian", "henan-draft"]


@pytest.mark.parametrize("path", CITY_FILES, ids=lambda p: p.stem)
def test_every_value_has_unit_dates_and_a_source(path):
    city = load_city(path)
    for param in city.params.values():
        assert param.unit, param.name
        for value in param.periods:
            assert value.source.kind in ("official", "draft", "secondary", "supplied"), param.name
            if value.source.kind in ("official", "draft") and not value.unknown:
                assert value.source.seed and value.article, param.name
            if value.source.kind == "secondary":
                assert value.source.url.startswith("http"), param.name


@pytest.mark.parametrize("path", CITY_FILES, ids=lambda p: p.stem)
def test_cited_seed_files_exist(path):
    if SEEDS is None:
        pytest.skip("shared/seeds is not beside this checkout")
    for source in load_city(path).sources.values():
        if source.seed:
            assert (SEEDS / source.seed).exists(), source.seed


def test_citations_read_as_title_number_and_article():
    cq = load_cities()["chongqing"]
    assert cq.params["cap.in_service.employer"].cite() == \
        "《重庆市建立健全职工基本医疗保险门诊共济保障机制实施细则》（渝医保发〔2023〕32号）第六条"
    old = cq.params["credit_before.in_service.under_35"]
    assert old.cite() == "重庆职工医保个人账户划入比例（网页）（非官方资料）"
    assert old.cite("en") == "A web page on Chongqing's personal account credit rates (unofficial source)"
    # English pages: the Chinese title, number and article find the document; its notes are in English
    retired = cq.params["ratio.retired.primary"]
    assert retired.cite() == ("《重庆市建立健全职工基本医疗保险门诊共济保障机制实施细则》（渝医保发〔2023〕32号）"
                              "第五条（退休人员增加10个百分点）")
    assert retired.cite("en") == ("《重庆市建立健全职工基本医疗保险门诊共济保障机制实施细则》（渝医保发〔2023〕32号）"
                                  "第五条 (retired people: 10 percentage points more)")
    assert old.source.url.startswith("http") and "http" not in old.cite()     # the address is data
    for city in load_cities().values():
        for param in city.params.values():
            for value in param.periods:
                assert "seed" not in value.cite() and ".txt" not in value.cite()


def test_a_figure_s_own_term_is_quoted_from_its_source():
    # The Henan draft's 第二章 names each average itself ("按照 2021 年全市企业单位退休人员基本养老金月平均水平的
    # 2%划入"): a page says the figure as the document does, so the term must be the document's words.
    henan = load_cities()["henan-draft"]
    assert [henan.params[f"average_pension.{s}"].term for s in ("enterprise", "institution")] == [
        "2021 年全市企业单位退休人员基本养老金月平均水平", "2021 年全市机关事业单位退休人员基本养老金月平均水平"]
    if SEEDS is None:
        pytest.skip("shared/seeds is not beside this checkout")
    termed = [(p, city) for city in load_cities().values() for p in city.params.values() if p.term]
    assert termed
    for param, city in termed:
        seed = "".join((SEEDS / param.source.seed).read_text(encoding="utf-8").split())
        assert "".join(param.term.split()) in seed, (city.id, param.name)
        assert param.term_en and "_" not in param.term_en


def test_zaozhuang_before_pooling_cites_the_national_document_in_seed_002():
    value = load_cities()["zaozhuang"].params["before_pooling"].latest
    assert value.source.number == "国办发〔2021〕14号" and value.source.seed.startswith("002_")


def test_unknown_values_are_marked_not_invented():
    xian = load_cities()["xian"]
    assert xian.params["deductible.in_service"].unknown
    assert xian.params["cap.retired"].unknown
    assert xian.start_month is None


def test_a_parameter_holds_values_by_date():
    rate = load_cities()["zaozhuang"].params["credit.in_service.rate"]
    from datetime import date
    assert rate.at(date(2022, 11, 30)) is None
    assert str(rate.at(date(2022, 12, 1)).value) == "0.0425"
    assert str(rate.at(date(2023, 12, 31)).value) == "0.0425"
    assert str(rate.at(date(2024, 1, 1)).value) == "0.02"
    assert rate.at(date(2024, 1, 1)).article == "第七条（一）"


def _broken(tmp_path, name, old, new):
    text = (CITIES_DIR / f"{name}.toml").read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    path = tmp_path / f"{name}.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


ZZ_RATE_2024 = 'value = "2"\nfrom = 2024-01-01\nsource = "rules"\narticle = "第七条（一）"'

# (kind of mistake, city, text in the real file, what it becomes, the whole refusal)
BROKEN = [
    ("unknown top-level key", "chongqing", 'document_status = "in_force"\n',
     'document_status = "in_force"\ndocument_stauts = "draft"\n',
     "chongqing.toml: document_stauts: unknown key (expected one of: schema, id, name_zh, name_en, document_status, "
     "enrolments, retiree_sectors, levels, level_names, sources, params, credit, explain, optional_rules)"),
    ("unknown key in a source", "chongqing", 'number = "渝医保发〔2023〕32号"', 'nubmer = "渝医保发〔2023〕32号"',
     "chongqing.toml: sources.rules.nubmer: unknown key (expected one of: title, kind, number, seed, url, title_en, number_en)"),
    ("unknown key in a credit rule (until)", "zaozhuang",
     'from = 2023-01-01\nuntil = 2023-12-31\nsource = "rules"\narticle = "第七条（二）2"',
     'from = 2023-01-01\nuntill = 2023-12-31\nsource = "rules"\narticle = "第七条（二）2"',
     "zaozhuang.toml: credit[2].untill: unknown key (expected one of: status, enrolments, kind, bands, base_param, "
     "by_sector, sector_by_enrolment, from, until, source, article, article_en, reading, reading_en)"),
    ("unknown key in a credit rule (article)", "chongqing", 'source = "rules"\narticle = "第九条第一款"\n\n[[credit]]',
     'source = "rules"\nartcle = "第九条第一款"\n\n[[credit]]',
     "chongqing.toml: credit[0].artcle: unknown key (expected one of: status, enrolments, kind, bands, base_param, "
     "by_sector, sector_by_enrolment, from, until, source, article, article_en, reading, reading_en)"),
    ("unknown key in a dated value", "zaozhuang", ZZ_RATE_2024, ZZ_RATE_2024.replace("from =", "form ="),
     "zaozhuang.toml: params.credit.in_service.rate.values[1].form: unknown key (expected one of: value, from, until, "
     "source, article, article_en, reading, reading_en, alias)"),
    ("unknown key in a parameter", "chongqing", 'value = "200"\nunit = "yuan/year"', 'value = "200"\nunti = "yuan/year"',
     "chongqing.toml: params.deductible.in_service.unti: unknown key (expected one of: unit, values, value, from, "
     "until, source, article, article_en, reading, reading_en, alias, term, term_en)"),
    ("unknown key in an explanation", "chongqing", 'key = "unchanged"', 'key = "unchanged"\ntitle = "x"',
     "chongqing.toml: explain[0].title: unknown key (expected one of: key, zh, en, source, article, article_en)"),
    ("an English note citing another article", "chongqing",
     'article = "第五条（二级及以下医疗机构60%）"\narticle_en = "第五条 (level 2 and below: 60%)"',
     'article = "第五条（二级及以下医疗机构60%）"\narticle_en = "第六条 (level 2 and below: 60%)"',
     "chongqing.toml: params.ratio.in_service.primary.article_en: should cite the same article as `article`, "
     "its notes in English"),
    ("unknown key in a level name", "chongqing", 'primary = { zh = "一级及以下医疗机构（社区、乡镇）", en',
     'primary = { zh = "一级及以下医疗机构（社区、乡镇）", fr = "x", en',
     "chongqing.toml: level_names.primary.fr: unknown key (expected one of: zh, en, en_with_article)"),
    ("a level name for a level the city lacks", "chongqing", "[level_names]\n", '[level_names]\nother = { zh = "x", en = "x" }\n',
     "chongqing.toml: level_names.other: not one of this city's levels (primary, secondary, tertiary)"),
    ("a unit outside the vocabulary", "chongqing", 'value = "3000"\nunit = "yuan/year"', 'value = "3000"\nunit = "yuan/yaer"',
     "chongqing.toml: params.cap.in_service.employer.unit: 'yuan/yaer' is not a unit (expected one of: yuan/year, "
     "yuan/visit, yuan/month, %, % of base, % of pension, % of city average pension, % of employer average base, "
     "year, month, months, kind)"),
    ("a cap by the month", "chongqing", 'value = "3000"\nunit = "yuan/year"', 'value = "3000"\nunit = "yuan/month"',
     "chongqing.toml: params.cap.in_service.employer.unit: 'yuan/month' does not fit this parameter (expected yuan/year)"),
    ("a cap in percent", "chongqing", 'value = "3000"\nunit = "yuan/year"', 'value = "40"\nunit = "%"',
     "chongqing.toml: params.cap.in_service.employer.unit: '%' does not fit this parameter (expected yuan/year)"),
    ("a ratio in yuan", "chongqing", 'value = "50"\nunit = "%"', 'value = "50"\nunit = "yuan/year"',
     "chongqing.toml: params.ratio.in_service.tertiary.unit: 'yuan/year' does not fit this parameter (expected %)"),
    ("a per-visit deductible by the year", "henan-draft", 'value = "40"\nunit = "yuan/visit"', 'value = "40"\nunit = "yuan/year"',
     "henan-draft.toml: params.deductible_per_visit.secondary.unit: 'yuan/year' does not fit this parameter "
     "(expected yuan/visit)"),
    ("a monthly credit in percent", "chongqing", 'value = "105"\nunit = "yuan/month"', 'value = "5"\nunit = "% of base"',
     "chongqing.toml: params.credit.retired.under_70.unit: '% of base' does not fit a fixed_monthly rule "
     "(expected yuan/month)"),
    ("an unknown parameter (a renamed optional rule)", "henan-draft", "[params.cap_share]", "[params.cap_share_in_first_year]",
     "henan-draft.toml: params.cap_share_in_first_year: unknown parameter: its name fits no parameter family the "
     "engine reads"),
    ("an optional rule not declared", "henan-draft", 'optional_rules = ["cap_share"]\n', "",
     "henan-draft.toml: params.cap_share: belongs to the optional rule 'cap_share', which `optional_rules` does not "
     "declare"),
    ("a declared optional rule without its figures", "chongqing", 'optional_rules = ["lump_sum"]',
     'optional_rules = ["lump_sum", "ratio_floor"]',
     "chongqing.toml: params.ratio_floor: missing: the engine needs it for this city"),
    ("an optional rule the engine does not know", "chongqing", 'optional_rules = ["lump_sum"]',
     'optional_rules = ["lump_sum", "bonus"]',
     "chongqing.toml: optional_rules: 'bonus' is not an optional rule (expected one of: cap_share, ratio_floor, "
     "civil_servant, serious_illness, flexible_wait, lump_sum)"),
    ("overlapping credit rules for the same people", "zaozhuang", "[[explain]]",
     '[[credit]]\nstatus = "in_service"\nenrolments = ["employer"]\nkind = "none"\nfrom = 2024-01-01\n'
     'source = "rules"\narticle = "第七条"\n\n[[explain]]',
     "zaozhuang.toml: credit[4]: overlaps credit[0]: both cover the same people from 2024-01-01"),
    ("overlapping values of one parameter", "zaozhuang", ZZ_RATE_2024, ZZ_RATE_2024.replace("2024-01-01", "2023-06-01"),
     "zaozhuang.toml: params.credit.in_service.rate: values overlap: one runs to 2023-12-31, the next starts 2023-06-01"),
    ("a pooling figure not in force when the reform begins", "chongqing",
     'value = "3000"\nunit = "yuan/year"\nfrom = 2024-01-01', 'value = "3000"\nunit = "yuan/year"\nfrom = 2030-01-01',
     "chongqing.toml: params.cap.in_service.employer: params.cap.in_service.employer is not in force on 2024-01-01, "
     "when the engine uses it"),
    ("a credit figure not in force when its rule applies", "zaozhuang", ZZ_RATE_2024, ZZ_RATE_2024.replace("2024-01-01", "2024-02-01"),
     "zaozhuang.toml: credit[0] (uses params.credit.in_service.rate): params.credit.in_service.rate is not in force on "
     "2024-01-01, when the engine uses it"),
    ("the old system not in force before the reform", "chongqing", 'value = "none"\nunit = "kind"\nuntil = 2023-12-31',
     'value = "none"\nunit = "kind"\nfrom = 2023-06-01\nuntil = 2023-12-31',
     "chongqing.toml: params.before_pooling: params.before_pooling is not in force on 2023-01-01, when the engine "
     "uses it"),
    ("a pooling figure changing mid-year", "chongqing", 'value = "3000"\nunit = "yuan/year"\nfrom = 2024-01-01\nsource = "rules"\narticle = "第六条"',
     'unit = "yuan/year"\nvalues = [{value = "3000", from = 2024-01-01, until = 2025-06-30, source = "rules", article = "第六条"}, '
     '{value = "3500", from = 2025-07-01, source = "rules", article = "第六条"}]',
     "chongqing.toml: params.cap.in_service.employer: a value starts 2025-07-01: pooling figures change only on "
     "1 January or the day the reform began"),
    ("a value and a list of values at once", "chongqing", 'value = "200"\nunit = "yuan/year"',
     'value = "200"\nvalues = []\nunit = "yuan/year"',
     "chongqing.toml: params.deductible.in_service: give either `values = [...]` or one value's keys, not both"),
    ("an official figure without its article", "chongqing", 'source = "rules"\narticle = "第四条"\n\n[params."deductible.retired"]',
     'source = "rules"\n\n[params."deductible.retired"]',
     "chongqing.toml: params.deductible.in_service.article: missing: a value from an official or draft document "
     "names its article"),
    ("a reading without its English", "zaozhuang",
     '\nreading_en = "The 10% paid first does not count towards the deductible; the other 90% then goes through the '
     'deductible, ratio and limit."', "",
     "zaozhuang.toml: params.away_self_pay_first.reading_en: a reading is given in Chinese (`reading`) and English "
     "(`reading_en`), both or neither"),
    ("a figure's own term without its English", "henan-draft",
     'term_en = "the city\'s 2021 average monthly basic pension of enterprise retirees"\n', "",
     "henan-draft.toml: params.average_pension.enterprise.term_en: a figure's own term is given in Chinese (`term`) "
     "and English (`term_en`), both or neither"),
    ("a figure nothing reads", "chongqing", '[params."cap.retired.individual_tier1"]',
     '[params."ratio.retired.other"]\nvalue = "50"\nunit = "%"\nfrom = 2024-01-01\nsource = "rules"\n'
     'article = "第五条"\n\n[params."cap.retired.individual_tier1"]',
     "chongqing.toml: params.ratio.retired.other: the engine never reads it for this city (a misspelt name, or a "
     "rule that does not use it)"),
    ("a value that is not a number", "chongqing", 'value = "200"', 'value = "two hundred"',
     "chongqing.toml: params.deductible.in_service.value: 'two hundred' is not a plain non-negative number "
     "(at most 9 digits, 6 places)"),
    ("a value of the wrong type", "chongqing", 'value = "200"', "value = 200",
     "chongqing.toml: params.deductible.in_service.value: should be str, found int"),
    ("a kind of rule the engine does not know", "chongqing", 'value = "annual"', 'value = "weekly"',
     "chongqing.toml: params.deductible_kind.value: 'weekly' is not one of annual, level_topup, per_visit"),
    ("a percentage over 100", "chongqing", 'value = "60"', 'value = "160"',
     "chongqing.toml: params.ratio.in_service.primary.value: a percentage is at most 100"),
    ("a figure without a source", "chongqing", 'source = "rules"\narticle = "第四条"\n', 'article = "第四条"\n',
     "chongqing.toml: params.deductible.in_service.source: missing"),
    ("a source the file does not have", "chongqing", 'source = "rules"', 'source = "nowhere"',
     "chongqing.toml: params.reform_start_year.source: no source called 'nowhere' (expected one of: rules, qa, "
     "national, old_rates)"),
    ("a figure without dates", "chongqing", 'from = 2024-01-01\nsource = "rules"\narticle = "第四条"\n',
     'source = "rules"\narticle = "第四条"\n',
     "chongqing.toml: params.deductible.in_service: needs the dates it is in force: `from`, `until` or both"),
    ("a parameter the engine needs is missing", "chongqing", '[params."cap.retired.employer"]', '[params."cap.retired.flexible"]',
     "chongqing.toml: params.cap.retired.employer: missing: the engine needs it for this city"),
    ("an id that is not the file's name", "chongqing", 'id = "chongqing"', 'id = "chongking"',
     "chongqing.toml: id: should match the file name 'chongqing'"),
    ("a band naming no parameter", "chongqing", '"credit.retired.70_plus"]]', '"credit.retired.80_plus"]]',
     "chongqing.toml: credit[1].bands: no parameter called 'credit.retired.80_plus'"),
    ("an old name that clashes", "henan-draft", 'alias = "cap_share_in_start_year"', 'alias = "cap.in_service"',
     "henan-draft.toml: params.cap_share.alias: 'cap.in_service' already names a parameter"),
    ("a start month that disagrees with the start date", "chongqing", 'value = "1"\nunit = "month"', 'value = "3"\nunit = "month"',
     "chongqing.toml: params.reform_start_month: should agree with the day the reform began (2024-01-01)"),
    ("a schema this engine does not read", "chongqing", "schema = 2", "schema = 1",
     "chongqing.toml: schema: this engine reads schema 2"),
    ("a sector for an enrolment the rule lacks", "henan-draft", "sector_by_enrolment = { flexible = \"enterprise\" }",
     "sector_by_enrolment = { individual_tier1 = \"enterprise\" }",
     "henan-draft.toml: credit[1].sector_by_enrolment.individual_tier1: should map one of the rule's enrolments to "
     "one of: enterprise, institution"),
]


@pytest.mark.parametrize("kind, city, old, new, message", BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_data_file_is_refused_with_a_clear_message(tmp_path, kind, city, old, new, message):
    with pytest.raises(PolicyDataError) as error:
        load_city(_broken(tmp_path, city, old, new))
    assert str(error.value) == message


def test_invalid_toml_is_refused(tmp_path):
    path = tmp_path / "chongqing.toml"
    path.write_text("id = ", encoding="utf-8")
    with pytest.raises(PolicyDataError, match=r"^chongqing.toml: \(file\): not valid TOML"):
        load_city(path)
