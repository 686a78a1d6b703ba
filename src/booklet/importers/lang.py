"""A guess at the language of a programme from its titles, for `language:` when the source is silent."""
from __future__ import annotations

import re
from collections import Counter

_STOPWORDS = {
    "en": "the and of for with in on to from is are a an how what why our your new using towards",
    "de": "der die das und mit für von zu im ist ein eine wie was warum unsere neue zur zum des den dem auf über bei",
    "fr": "le la les et des du pour avec dans une un sur est comment",
    "es": "el los las y del para con en una un por sobre es como",
    "nl": "de het en van voor met een op naar is hoe",
    "it": "il lo la gli le e di per con una un nel sulla come",
}
_WORDS = {lang: set(words.split()) for lang, words in _STOPWORDS.items()}


def guess(texts: list[str]) -> str | None:
    """'ja' for kana, 'zh' for Han only, 'ko' for Hangul; else the language whose small words are
    most frequent; None when nothing points anywhere."""
    joined = " ".join(t for t in texts if t)
    if not joined.strip():
        return None
    kana = len(re.findall(r"[\u3040-\u30ff]", joined))
    han = len(re.findall(r"[\u4e00-\u9fff]", joined))
    hangul = len(re.findall(r"[\uac00-\ud7af]", joined))
    letters = len(re.findall(r"[^\W\d_]", joined))
    if letters and (kana + han + hangul) * 4 >= letters:
        if hangul > kana + han:
            return "ko"
        return "ja" if kana else "zh"
    counts: Counter = Counter()
    for word in re.findall(r"[^\W\d_]+", joined.lower()):
        for lang, words in _WORDS.items():
            if word in words:
                counts[lang] += 1
    if not counts:
        return None
    (best, n), *rest = counts.most_common()
    return best if n >= 3 or (not rest and n >= 1) else None
