"""A page's fixed words are translated once per language (estimator.words): the words kept for one
language are never shown on a page in the other, and they are Django's own translations."""
from django.utils.translation import gettext, override

from estimator.words import gettext_for

CQ = "/result?age=62&c_secondary=2800&city=chongqing&credit_before=2525&n_secondary=1&status=retired"


def test_each_language_keeps_its_own_words_and_they_are_djangos():
    assert gettext_for("zh-hans")("Back") == "返回"
    assert gettext_for("en")("Back") == "Back"
    assert gettext_for("zh-hans")("Back") == "返回"           # asked again, after English: still Chinese
    for language in ("zh-hans", "en"):
        with override(language):
            assert gettext_for(language)("Change your answers") == gettext("Change your answers")


def test_pages_in_turn_in_either_language_show_their_own_words(client):
    for _ in range(2):                 # each language's words are kept after the first page: still right
        chinese, english = client.get(CQ).content.decode(), client.get("/en" + CQ).content.decode()
        assert "修改回答" in chinese and "Change your answers" not in chinese
        assert "Change your answers" in english and "修改回答" not in english
