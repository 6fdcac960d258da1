"""Citations as people read them: the document's number, title and article, no file names.

The data files are moving to citations that need no cleaning; until then this is the one
place that tidies them, in the page's language."""
import re

_SEED = re.compile(r"\s*\[seed [^\]]*\]")


def source_text(citation: str, lang: str) -> str:
    text = _SEED.sub("", citation or "")
    if "非官方二手资料 / secondary source" in text:
        text = text.replace("非官方二手资料 / secondary source", "unofficial source" if lang == "en" else "非官方资料")
    return text.replace("（征求意见稿 / draft）", "(draft for comment)" if lang == "en" else "（征求意见稿）")
