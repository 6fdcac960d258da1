"""Every word the code and the templates can show has its Chinese translation, read the way
`make messages` reads them (babel.cfg): a string added to a template without a translation,
or a template tag pybabel cannot read, fails here rather than on a Chinese page."""
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {"_": None, "gettext": None, "gettext_lazy": None, "gettext_noop": None, "ngettext": (1, 2),
            "ngettext_lazy": (1, 2), "pgettext": ((1, "c"), 2), "pgettext_lazy": ((1, "c"), 2),
            "npgettext": ((1, "c"), 2, 3)}
METHODS = [("estimator/**.py", "python"), ("templates/**.html", "jinja2"), ("templates/**.txt", "jinja2")]


def extracted() -> dict:
    found = {}
    for filename, _line, message, _comments, context in extract_from_dir(
            ROOT, METHODS, keywords=KEYWORDS, options_map={"templates/**": {"extensions": "jinja2.ext.i18n"}}):
        found[(context, message if isinstance(message, str) else message[0])] = filename
    return found


def test_every_word_shown_has_a_chinese_translation():
    with open(ROOT / "locale/zh_Hans/LC_MESSAGES/django.po", "rb") as po:
        catalogue = read_po(po)
    found = extracted()
    assert len(found) > 350                      # the extraction read the templates, not just the code
    assert any(name.startswith("templates/") for name in found.values())
    missing = [(where, key[1]) for key, where in sorted(found.items(), key=str)
               if not (entry := catalogue.get(key[1], context=key[0])) or not entry.string or entry.fuzzy]
    assert missing == []


def test_a_template_sentence_keeps_its_values_out_of_the_message():
    """`{% trans %}` gives the message id `{% blocktranslate %}` gave: the catalogue carried over."""
    found = extracted()
    assert (None, "Your outpatient year in %(city)s: before and after the reform") in found
    assert (None, "Step %(n)s of %(total)s") in found
