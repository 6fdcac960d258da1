"""The same person in every city (issue 4)."""
from policies.compare import everywhere
from tests.helpers import scenario, visit


def test_home_city_first_and_figures_not_carried_over():
    data = scenario("chongqing", "retired", 62, [visit("secondary", 2800)], account_credit_before="2525",
                    monthly_pension="3000")
    outcomes = {o.city_id: o for o in everywhere(data)}
    assert everywhere(data)[0].city_id == "chongqing"
    assert str(outcomes["chongqing"].estimate.after.fund_paid) == "1890.00"
    # Zhenjiang computes from its own rules: 6% × 3000 × 12 = 2160 before (secondary source);
    # 2023 retirees keep last year's credit. (2800 − 500) × 80% = 1840.
    zj = outcomes["zhenjiang"].estimate
    assert (str(zj.before.account_credit), str(zj.after.account_credit), str(zj.after.fund_paid)) == \
        ("2160.00", "2160.00", "1840.00")
    # Zaozhuang's and Henan's old credits are in no source: they say which figure is missing.
    assert "account_credit_before" in outcomes["zaozhuang"].problems
    assert "account_credit_before" in outcomes["henan-draft"].problems
    # Xi'an's pooling figures are unpublished: named, not guessed.
    assert any(f.startswith("params.") for f in outcomes["xian"].problems)


def test_levels_and_enrolments_map_to_the_nearest():
    data = scenario("zhenjiang", "in_service", 40, [visit("other", 100), visit("tertiary_other", 100)],
                    monthly_base="5000", enrolment="flexible")
    outcomes = {o.city_id: o for o in everywhere(data)}
    assert outcomes["chongqing"].level_map == {"other": "primary", "tertiary_other": "tertiary"}
    assert outcomes["chongqing"].enrolment == "individual_tier2"
    assert outcomes["henan-draft"].level_map["tertiary_other"] == "tertiary"


def test_pharmacy_where_a_city_has_no_rule_is_counted_as_a_hospital_visit_and_said():
    data = scenario("chongqing", "in_service", 40, [visit("secondary", 300, where="pharmacy")],
                    monthly_base="5000", account_credit_before="0")
    henan = next(o for o in everywhere(data) if o.city_id == "henan-draft")
    assert henan.pharmacy_as_hospital


def test_a_credit_that_only_follows_from_a_missing_answer_is_marked_as_following():
    """Zhenjiang's retirees keep last year's credit from 2023 (二（三）): without the pension the year before
    cannot be worked out, and the year after only follows from it. Zaozhuang's and Xi'an's after-reform
    credits are missing in their own right (no rule; a figure the document leaves out)."""
    data = scenario("chongqing", "retired", 68, [visit("secondary", 2800)], account_credit_before="3000")
    outcomes = {o.city_id: o for o in everywhere(data)}
    assert set(outcomes["zhenjiang"].problems) == {"monthly_pension", "account_credit_after"}
    assert outcomes["zhenjiang"].follows == {"account_credit_after"}
    assert "account_credit_after" in outcomes["zaozhuang"].problems and not outcomes["zaozhuang"].follows
    assert "account_credit_after" in outcomes["xian"].problems and not outcomes["xian"].follows
    assert outcomes["chongqing"].follows == frozenset()


def test_a_city_says_what_it_lacks_whatever_the_person_answers():
    """A Chongqing retiree gave neither a pension nor where they retired from. Zhenjiang needs only the pension;
    the Henan draft would read an average pension by where they retired from, and no source gives either
    average (nor its old credit); Xi'an's framework document leaves out figures whatever the pension."""
    data = scenario("chongqing", "retired", 62, [visit("secondary", 2800)], account_credit_before="2525")
    outcomes = {o.city_id: o for o in everywhere(data)}
    assert (outcomes["zhenjiang"].lacks, outcomes["zhenjiang"].answerable) == ((), True)
    assert outcomes["henan-draft"].lacks == ("account_credit_before", "account_credit_after")
    assert not outcomes["henan-draft"].answerable
    assert outcomes["xian"].lacks[0] == "account_credit_after" and not outcomes["xian"].answerable
    assert all(name.startswith("params.") for name in outcomes["xian"].lacks[1:])
    assert outcomes["zaozhuang"].lacks == ("account_credit_before", "account_credit_after")
