"""Readings and warnings say what matters to the person, not our working notes (issue 13)."""
import re

import pytest

from policies import load_cities
from policies.messages import TEXT

NOTES = re.compile(r"与问答|读作|措辞|没有找到|matches the Q&A|We read|worded like|were not found|https?://")
FIELD_NAME = re.compile(r"\b[a-z]+_[a-z_]+\b")        # a scenario field such as extra_contribution_years


def readings():
    for city in load_cities().values():
        for name, param in city.params.items():
            for period in param.periods:
                yield f"{city.id} {name}", period.reading, period.reading_en
        for rule in city.credit_rules:
            yield f"{city.id} credit rule {rule.article}", rule.reading, rule.reading_en


@pytest.mark.parametrize("where,zh,en", list(readings()))
def test_a_reading_is_written_for_the_person(where, zh, en):
    assert not NOTES.search(zh or ""), where
    assert not NOTES.search(en or ""), where


@pytest.mark.parametrize("key", [k for k in TEXT if k.startswith(("warn_", "step_"))])
def test_no_warning_or_step_names_a_field(key):
    for text in TEXT[key]:
        assert not FIELD_NAME.search(re.sub(r"\{[a-z_]+\}", "", text)), key


def test_the_secondary_warning_is_one_plain_sentence():
    zh, en = TEXT["warn_secondary"]
    assert "非官方资料估算" in zh and "{source}" not in zh and "{source}" not in en
