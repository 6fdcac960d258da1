"""How saved_links.json was made: reproduce links and their Q&A tables, captured from the code
before issue 12 (commit a68ec21). Kept to show where the links come from; not run by the tests.
Run from a checkout of that commit: python tests/web/data/capture_links.py"""
import json, os, random, re, sys
from pathlib import Path
ROOT = Path(__file__).resolve().parents[3]        # the checkout this file is in
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "estimator.settings")
import django
django.setup()
from urllib.parse import urlencode
from django.test import Client
from policies import load_cities

rng = random.Random(12)
c = Client()
cities = load_cities()

def money(lo, hi):
    v = rng.choice([rng.randint(lo, hi), round(rng.uniform(lo, hi), 2)])
    return str(v)

def scenario():
    city = cities[rng.choice(list(cities))]
    q = {"city": city.id, "status": rng.choice(["in_service", "retired"]), "age": str(rng.randint(20, 95))}
    if rng.random() < .3 and len(city.enrolments) > 1:
        q["enrolment"] = rng.choice(city.enrolments)
    if city.retiree_sectors and q["status"] == "retired":
        q["sector"] = rng.choice(city.retiree_sectors)
    if rng.random() < .2:
        q["birth_month"] = str(rng.randint(1, 12))
    if rng.random() < .3:
        q["year"] = str(rng.randint(city.first_full_year, 2026))
    if q["status"] == "in_service":
        q["base"] = money(3000, 20000)
    else:
        q["pension"] = money(1500, 8000)
    q["credit_before"] = money(300, 4000) if (rng.random() < .7 or city.id in ("zaozhuang", "henan-draft", "xian")) else ""
    if city.id == "chongqing" and q["status"] == "retired":
        q["credit_before"] = money(300, 4000)
    if rng.random() < .3:
        q["credit_after"] = money(100, 3000)
    if rng.random() < .3:
        q["opening"] = money(0, 5000)
    for lv in city.levels:
        if rng.random() < .5:
            q[f"n_{lv}"] = str(rng.randint(0, 30))
            q[f"c_{lv}"] = money(10, 3000)
    if rng.random() < .3 and city.params["pharmacy"].value == "prescriber_level":
        q.update(ph_n=str(rng.randint(1, 12)), ph_c=money(20, 500), ph_lv=rng.choice(city.levels))
    if rng.random() < .3:
        cost = rng.randint(50, 1000)
        q.update(sp_n=str(rng.randint(1, 12)), sp_c=str(cost), sp_o=str(rng.randint(0, cost)), sp_lv=rng.choice(city.levels))
    if rng.random() < .3 and city.params["away"].value == "self_pay_first":
        q.update(aw_n=str(rng.randint(1, 6)), aw_c=money(50, 2000), aw_lv=rng.choice(city.levels))
    if city.id == "xian":
        st = q["status"]
        q[f"p_deductible.{st}"] = str(rng.choice([0, 200, 500, 800]))
        for lv in city.levels:
            q[f"p_ratio.{st}.{lv}"] = str(rng.choice([50, 60, 70]))
        q[f"p_cap.{st}"] = str(rng.choice([1000, 2000, 4000]))
        if rng.random() < .5: q["p_credit.retired.monthly"] = "100"
    return {k: v for k, v in sorted(q.items()) if v}

def table(html):
    m = re.search(r'<table class="table table--qa">.*?</table>', html, re.S)
    rows = re.findall(r"<tr>(.*?)</tr>", m.group(0).split("<tbody>")[1], re.S)
    out = []
    for row in rows:
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        out.append([re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", x)).strip() for x in cells])
    return out

known = [
    "/result?age=62&c_secondary=2800&city=chongqing&credit_before=2525&n_secondary=1&status=retired",
    "/result?age=40&base=6000&c_primary=99.99&city=chongqing&n_primary=3&sp_c=500&sp_lv=primary&sp_n=4&sp_o=200&status=in_service",
    "/result?age=62&c_primary=120&c_secondary=650&city=chongqing&credit_before=2525&n_primary=10&n_secondary=3&status=retired",
]
links, tries = [], 0
for u in known:
    links.append(u)
while len(links) < 160 and tries < 3000:
    tries += 1
    links.append("/result?" + urlencode(scenario()))
saved = []
for i, url in enumerate(links):
    for prefix in ([""] if i % 3 else ["", "/en"]):
        r = c.get(prefix + url)
        if r.status_code == 200:
            saved.append({"link": prefix + url, "table": table(r.content.decode())})
print(len(saved), "of", len(links), file=sys.stderr)
json.dump(saved, open(ROOT / "tests/web/data/saved_links.json", "w"), ensure_ascii=False, indent=0)

extra = [
    "/result?age=62&c_secondary=2800&city=chongqing&credit_before=2525&n_secondary=1&status=retired&sector=enterprise",
    "/result?age=62&c_secondary=2800&city=chongqing&credit_before=2525&n_secondary=1&status=retired&foo=bar&s=visits",
    "/result?age=45&base=8000&city=chongqing&status=in_service&enrolment=individual_tier2&n_tertiary=5&c_tertiary=800&p_employer_average_monthly_base=7000",
    "/result?age=45&base=8000&city=chongqing&status=in_service&n_primary=0&c_primary=&n_tertiary=2&c_tertiary=1,000",
    "/result?age=70&pension=3000&city=zaozhuang&status=retired&credit_before=1800&year=2022&n_primary=4&c_primary=200",
    "/result?age=50&base=5000&city=xian&status=in_service&credit_before=1000&year=2022&n_primary=4&c_primary=200&p_deductible.in_service=500&p_ratio.in_service.primary=60&p_cap.in_service=2000",
    "/result?age=66&pension=3000&city=henan-draft&status=retired&sector=institution&credit_before=2000&n_tertiary_provincial_a=3&c_tertiary_provincial_a=1500",
    "/result?age=44&base=7000&city=zhenjiang&status=in_service&n_other=6&c_other=80&n_tertiary_other=2&c_tertiary_other=900&ph_n=3&ph_c=150&ph_lv=secondary",
    "/result?age=６２&c_secondary=２８００元&city=chongqing&credit_before=2,525&n_secondary=1&status=retired",
]
for url in extra:
    for prefix in ("", "/en"):
        r = c.get(prefix + url)
        print(r.status_code, prefix + url, file=sys.stderr)
        if r.status_code == 200:
            saved.append({"link": prefix + url, "table": table(r.content.decode())})
json.dump(saved, open(ROOT / "tests/web/data/saved_links.json", "w"), ensure_ascii=False, indent=0)
print(len(saved), file=sys.stderr)
