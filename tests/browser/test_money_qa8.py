"""QA8: the money page and the desk after the eighth tester walk-through (findings 1 and 4), at 360 px in Chinese and
English, with screenshots to look at."""
import re

import pytest
from playwright.sync_api import expect

from .conftest import shot
from .test_desk_qa4 import open_desk

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("javascript", [True, False])
def test_changing_the_desks_year_renames_the_credit_box(browser, base_url, javascript):
    context, page = open_desk(browser, f"{base_url}/desk?city=zaozhuang&status=retired&age=70&year=2024"
                                       "&n_primary=1&c_primary=100", 1280, javascript)
    try:
        after = page.locator("label[for=id_credit_after]")
        expect(after).to_have_text("2024 年（改革后）个人账户全年划入（元）")
        page.select_option("#id_year", "2025")
        if not javascript:
            page.click("#desk-form button[type=submit]")
        expect(page).to_have_url(re.compile(r"year=2025"), timeout=10000)
        expect(after).to_have_text("2025 年（改革后）个人账户全年划入（元）", timeout=10000)
        expect(page.locator("label[for=id_credit_before]")).to_have_text("2021 年（改革前一年）个人账户全年划入（元）")
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["", "/en"])
def test_a_zhenjiang_retiree_who_knows_neither_figure_goes_on_to_a_partial_result(browser, base_url, lang):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(f"{base_url}{lang}/money?age=72&city=zhenjiang&enrolment=employer&status=retired&year=2023")
        expect(page.locator("label[for=id_credit_before]")).to_contain_text("2022")
        page.locator("button[type=submit]").click()        # nothing typed: the one error is on the pension box
        expect(page.locator(".field--error")).to_have_count(1, timeout=10000)
        expect(page.locator(".field--error input[type=text]")).to_have_attribute("name", "pension")
        shot(page, f"qa8-zj-money-error{lang.replace('/', '-')}")
        page.check("#id_dk_pension")
        page.locator("button[type=submit]").click()
        expect(page).to_have_url(re.compile(r"/visits\?"), timeout=10000)
        page.locator("input[type=text][name=n_primary]").fill("12")
        page.locator("input[type=text][name=c_primary]").fill("80")
        page.locator("button[type=submit]").click()
        expect(page).to_have_url(re.compile(r"/check\?"), timeout=10000)
        page.locator("a[href*='/result?']").last.click()
        expect(page.locator("#missing")).to_contain_text("2022", timeout=10000)
        expect(page.locator("#fill-in input[name=credit_before]")).to_have_count(1)
        shot(page, f"qa8-zj-partial{lang.replace('/', '-')}")
    finally:
        context.close()
