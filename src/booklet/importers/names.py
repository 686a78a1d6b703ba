"""Person names as sources write them → display name, family name, title, and a merge key.

Sources write names as "Ada Lovelace", "LOVELACE, Ada" (Indico), "Prof. Dr. Ada Lovelace"
(frab), or in capitals. The display form is the name as written, with its leading titles
("Prof. Dr.", "Mr.") kept apart in `title:`; Indico's "FAMILY, Given" is shown "Given FAMILY".
Nothing else is changed: handles ("RND"), quotes ("Johannes Klick 'Garak'") and capitals stay
as written. Recasing capitals ("LEHMANN MIOTTO" → "Lehmann Miotto") happens only when asked
(`recase_capitals=True`, the mapping file's `names: {recase_capitals: true}`).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Titles kept (shown by the layout) and honorifics dropped.
_ACADEMIC = re.compile(
    r"^(?:prof|professor|professorin|dr|pd|jun\.?-?prof|apl\.?|hon\.?-?prof|priv\.?-?doz|dipl|m\.?sc|b\.?sc|"
    r"ph\.?d|mag|ing)\.?$|^(?:dr|prof|dipl|jun|apl|hon|priv|mag)\.[\w.\-]+$", re.IGNORECASE)
_DEGREE_PART = {"rer.", "nat.", "phil.", "med.", "habil.", "h.c.", "h.", "c.", "em.", "mult.", "ing.", "dr.h.c.",
                "techn.", "oec.", "pol.", "soc.", "jur.", "theol.", "sc.", "vet.", "dent."}
_HONORIFIC = re.compile(r"^(?:mr|mrs|ms|mx|miss|sir|herr|frau)\.?$", re.IGNORECASE)
PARTICLES = {"von", "van", "de", "der", "den", "del", "della", "di", "da", "du", "dos", "das", "le", "la", "ten",
             "ter", "zu", "vom", "zur", "af", "av", "y", "e", "bin", "al"}
_TRANSLIT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o",
                           "ł": "l", "đ": "d", "þ": "th", "ð": "d", "ı": "i"})
_SPACE = re.compile(r"[\s\u00a0\u2007\u202f]+")


@dataclass(frozen=True)
class Name:
    display: str            # "Wahid Bhimji"
    family: str             # "Bhimji"
    given: str              # "Wahid"
    title: str | None       # "Prof. Dr."
    recased: bool           # capitals were turned into "Bhimji"
    explicit_family: bool   # the source said which part is the family name

    @property
    def key(self) -> str:
        return name_key(self.given, self.family)


def clean_space(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def split_title(tokens: list[str]) -> tuple[str | None, list[str], bool]:
    """Leading titles off a token list: (title, rest, whether an honorific such as "Mr." is in the
    title). Honorifics are kept in the title like academic titles: nothing written is lost."""
    kept, honorific = [], False
    rest = list(tokens)
    while len(rest) > 1:
        t = rest[0].rstrip(",")
        if _ACADEMIC.match(t) or (kept and t.lower() in _DEGREE_PART):
            kept.append(t)
        elif _HONORIFIC.match(t):
            kept.append(t)
            honorific = True
        else:
            break
        rest.pop(0)
    return (" ".join(kept) or None), rest, honorific


def recase_word(word: str) -> str:
    """"O'BRIEN" → "O'Brien", "LEHMANN-MIOTTO" → "Lehmann-Miotto", "MCNAB" → "McNab"."""
    def one(part: str) -> str:
        if not part:
            return part
        low = part.lower()
        if low.startswith("mc") and len(part) > 3:
            return "Mc" + part[2:3].upper() + part[3:].lower()
        return part[:1].upper() + part[1:].lower()
    out = re.split(r"([-'’])", word)
    return "".join(one(p) if p not in "-'’" else p for p in out)


def is_capitals(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) > 1 and all(ch.isupper() for ch in letters) and any(unicodedata.category(ch) == "Lu"
                                                                          for ch in letters)


def recase(text: str) -> str:
    words = text.split(" ")
    out = []
    for i, w in enumerate(words):
        if w.lower() in PARTICLES and len(words) > 1 and i < len(words) - 1:
            out.append(w.lower())
        elif re.fullmatch(r"(?:[A-Z]\.)+-?(?:[A-Z]\.)*", w):   # initials stay: "J.R."
            out.append(w)
        else:
            out.append(recase_word(w))
    return " ".join(out)


def parse(raw: str, *, family_first: bool = False, given: str | None = None,
          family: str | None = None, recase_capitals: bool = False) -> tuple[Name | None, bool]:
    """One written name → (Name, whether an honorific such as "Mr." went into its title).

    `family_first`: "FAMILY, Given" when the text has a comma (Indico's fullName).
    `given`/`family`: the source's own fields, used when present.
    `recase_capitals`: a family name written in capitals is recased (only when the user asks for it).
    """
    raw = clean_space(raw or "")
    dropped = False
    if given is not None or family is not None:
        g_title, g_rest, d1 = split_title(clean_space(given or "").split())
        f_title, f_rest, d2 = split_title(clean_space(family or "").split())
        dropped = d1 or d2
        title = " ".join(t for t in (f_title, g_title) if t) or None
        g, f = " ".join(g_rest), " ".join(f_rest)
        if not f and not g:
            return None, dropped
        if not f:
            g, f = " ".join(g_rest[:-1]), g_rest[-1]
        explicit = True
    elif family_first and "," in raw:
        f_part, g_part = (p.strip() for p in raw.split(",", 1))
        f_title, f_rest, d1 = split_title(f_part.split())
        g_title, g_rest, d2 = split_title(g_part.split()) if g_part else (None, [], False)
        dropped = d1 or d2
        title = " ".join(t for t in (f_title, g_title) if t) or None
        f, g = " ".join(f_rest), " ".join(g_rest)
        if not f:
            f, g = g, ""
        explicit = True
    else:
        title, rest, dropped = split_title(raw.split())
        if not rest:
            return None, dropped
        g, f = " ".join(rest[:-1]), rest[-1]
        explicit = False
    if not f:
        return None, dropped
    recased = False
    if recase_capitals and is_capitals(f) and g:     # a handle ("RND") stays as it is
        f = recase(f)
        recased = True
        if g and is_capitals(g):
            g = recase(g)
    display = f"{g} {f}".strip()
    return Name(display=display, family=f, given=g, title=title, recased=recased, explicit_family=explicit), dropped


def fold(text: str) -> str:
    """Case, accents and German transliteration folded away: "Jörg" and "Joerg" meet."""
    s = clean_space(text).casefold().translate(_TRANSLIT)
    s = "".join(ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch))
    ascii_key = re.sub(r"[^a-z0-9]+", " ", s).strip()
    if ascii_key and len(ascii_key) * 2 >= len(re.sub(r"\W", "", s)):
        return ascii_key
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text).casefold())   # CJK and other scripts


def name_key(given: str, family: str) -> str:
    return fold(f"{given} {family}")


def quality(name: Name, raw: str) -> tuple:
    """Which spelling of a merged person to show: written in mixed case, with diacritics, longer."""
    non_ascii = sum(1 for ch in name.display if ord(ch) > 127)
    return (not name.recased, non_ascii, len(name.given))
