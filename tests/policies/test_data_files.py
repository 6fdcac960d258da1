"""Every data file validates, every parameter is sourced or marked unknown, and broken files are refused."""
from pathlib import Path

import pytest

from policies.loader import CITIES_DIR, PolicyDataError, load_cities, load_city

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
CITY_FILES = sorted(CITIES_DIR.glob("*.toml"))


def test_the_five_cities_load():
    assert list(load_cities()) == ["chongqing", "zaozhuang", "zhenjiang", "xian", "henan-draft"]


@pytest.mark.parametrize("path", CITY_FILES, ids=lambda p: p.stem)
def test_every_parameter_has_unit_dates_and_a_source(path):
    city = load_city(path)
    for param in city.params.values():
        assert param.unit, param.name
        assert param.start or param.end, param.name
        assert param.source.kind in ("official", "draft", "secondary", "supplied"), param.name
        if param.source.kind in ("official", "draft"):
            assert param.source.seed and (param.article or param.unknown or param.reading), param.name
        if param.source.kind == "secondary":
            assert param.source.url.startswith("http"), param.name


@pytest.mark.parametrize("path", CITY_FILES, ids=lambda p: p.stem)
def test_cited_seed_files_exist(path):
    if not SEEDS.exists():
        pytest.skip("shared/seeds is not beside this checkout")
    for source in load_city(path).sources.values():
        if source.seed:
            assert (SEEDS / source.seed).exists(), source.seed


def test_unknown_values_are_marked_not_invented():
    xian = load_cities()["xian"]
    assert xian.params["deductible.in_service"].unknown
    assert xian.params["cap.retired"].unknown
    assert xian.start_month is None


def _broken(tmp_path, old, new, name="chongqing"):
    text = (CITIES_DIR / f"{name}.toml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / f"{name}.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("old, new, message", [
    ('value = "200"', 'value = "two hundred"', "params.deductible.in_service.value"),
    ('value = "200"', 'value = 200', "should be str"),
    ('unit = "yuan/year"', 'unit = "furlongs"', "unit"),
    ('source = "rules"\narticle = "第四条"\n', 'article = "第四条"\n', "source: missing"),
    ('source = "rules"', 'source = "nowhere"', "no source called"),
    ('value = "annual"', 'value = "weekly"', "'weekly' is not one of"),
    ('value = "60"', 'value = "160"', "at most 100"),
    ('from = 2024-01-01\nsource = "rules"\narticle = "第四条"\n', 'source = "rules"\narticle = "第四条"\n', "dates"),
    ('[params."cap.retired.employer"]', '[params."cap.retired.unused"]', "cap.retired.employer"),
    ('id = "chongqing"', 'id = "chongking"', "file name"),
    ('"credit.retired.70_plus"]]', '"credit.retired.80_plus"]]', "no parameter called"),
])
def test_a_broken_data_file_is_refused_with_a_clear_message(tmp_path, old, new, message):
    with pytest.raises(PolicyDataError) as error:
        load_city(_broken(tmp_path, old, new))
    assert "chongqing.toml" in str(error.value)
    assert message in str(error.value)


def test_invalid_toml_is_refused(tmp_path):
    path = tmp_path / "chongqing.toml"
    path.write_text("id = ", encoding="utf-8")
    with pytest.raises(PolicyDataError, match="not valid TOML"):
        load_city(path)
