"""The comparison's boxes for the answers other cities need (QA 4, finding 7), on a 360 px phone,
with JavaScript (htmx swaps the page) and without (a plain GET form)."""
import re

import pytest
from playwright.sync_api import expect

from .conftest import shot
from .test_walkthrough import check_accessibility

pytestmark = pytest.mark.browser
CQ = ("city=chongqing&status=retired&age=68&credit_before=3000&n_primary=12&c_primary=100"
      "&n_secondary=2&c_secondary=800")


def card(page, city: str):
    return page.locator(f"#city-{city}").locator("xpath=..")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_a_retiree_gives_their_pension_on_the_comparison(new_page, base_url, javascript):
    page = new_page("small", javascript=javascript)
    page.goto(f"{base_url}/compare?{CQ}")
    form = page.locator("#own-answers")
    expect(form).to_be_visible()
    expect(card(page, "zhenjiang")).to_contain_text("还需要您的回答")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    if javascript:                                   # axe runs as a script in the page
        check_accessibility(page, "compare with boxes")
    shot(page, f"compare-boxes-360-{'js' if javascript else 'nojs'}")

    # A missing answer links to its box.
    card(page, "zhenjiang").get_by_role("link", name="月基本养老金").click()
    expect(page).to_have_url(re.compile(r"#id_pension$"))
    expect(page.locator("#id_pension")).to_be_in_viewport()

    # A bad pension: named beside its box, what was typed kept, the rest of the page still there.
    page.locator("#id_pension").fill("三千")
    form.get_by_role("button").click()
    expect(page.locator("#pension-error")).to_contain_text("基本养老金请填写金额")
    expect(page.locator("#id_pension")).to_have_value("三千")
    expect(page.locator(".city-card")).to_have_count(5)
    expect(page).to_have_title(re.compile(r"^错误："))
    shot(page, f"compare-bad-pension-360-{'js' if javascript else 'nojs'}")

    # No box for where they retired from: the Henan draft, which uses it, lacks figures whatever the answer.
    expect(page.locator("input[name=sector]")).to_have_count(0)
    expect(card(page, "henan-draft")).not_to_contain_text("还需要您的回答")

    # A good one: Zhenjiang is worked out, the answer kept in the address.
    page.locator("#id_pension").fill("3000")
    form.get_by_role("button").click()
    expect(page).to_have_url(re.compile(r"pension=3000"))
    expect(page.locator("#pension-error")).to_have_count(0)
    expect(card(page, "zhenjiang").locator("table.table--qa")).to_be_visible()
    expect(card(page, "zhenjiang")).to_contain_text("¥2,160")
    expect(page.locator("#id_pension")).to_have_value("3000")
    assert "credit_before=3000" in page.url
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    shot(page, f"compare-worked-out-360-{'js' if javascript else 'nojs'}")
    assert page.problems == []
