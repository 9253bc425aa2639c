# The tables below are made of look-alike letters on purpose.
# ruff: noqa: RUF001
"""When two organisation names are the same, and when they only look alike.

``provider_name_fold`` is the name as a person means it: case, Unicode width
and runs of spaces do not matter ("THORN" is "Thorn"). ``provider_name_key``
is what the name looks like: it also ignores spacing and punctuation, accents,
common legal suffixes and characters that are drawn alike (a Cyrillic o and
a Latin o, "0" and "o", "rn" and "m"). Two names with the same key and a
different fold are look-alikes: a verifier must look before a second such
organisation is created. Pure functions, no database.
"""

import re
import unicodedata

# Letters of other scripts drawn like a Latin letter. Capitals first (a Greek
# capital eta looks like H, its small letter like n), then small letters.
_CAPITALS = {
    # Cyrillic
    "А": "a", "В": "b", "Е": "e", "Ѕ": "s", "І": "i", "Ј": "j", "К": "k",
    "М": "m", "Н": "h", "О": "o", "Р": "p", "С": "c", "Т": "t", "У": "y",
    "Х": "x", "Ү": "y", "Һ": "h", "Ԛ": "q", "Ԝ": "w", "Ӏ": "l",
    # Greek
    "Α": "a", "Β": "b", "Ε": "e", "Ζ": "z", "Η": "h", "Ι": "i", "Κ": "k",
    "Μ": "m", "Ν": "n", "Ο": "o", "Ρ": "p", "Τ": "t", "Υ": "y", "Χ": "x",
    # Cherokee (drawn like Latin capitals)
    "Ꭺ": "a", "Ᏼ": "b", "Ꮯ": "c", "Ꭼ": "e", "Ꮐ": "g", "Ꮋ": "h", "Ꭻ": "j",
    "Ꮶ": "k", "Ꮮ": "l", "Ꮇ": "m", "Ꮎ": "o", "Ꮲ": "p", "Ꮪ": "s", "Ꭲ": "t",
    "Ꮩ": "v", "Ꮃ": "w", "Ꮓ": "z", "Ꮢ": "r", "Ꭰ": "d", "Ꭵ": "i",
    # Armenian capitals
    "Օ": "o", "Ս": "u", "Տ": "s", "Լ": "l",
}  # fmt: skip
_SMALL = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "ѕ": "s", "і": "i", "ї": "i",
    "ј": "j", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c",
    "т": "t", "у": "y", "х": "x", "ү": "y", "һ": "h", "ԁ": "d", "ԛ": "q",
    "ԝ": "w", "ӏ": "l", "ɡ": "g",
    # Greek
    "α": "a", "β": "b", "γ": "y", "ε": "e", "ζ": "z", "η": "n", "ι": "i",
    "κ": "k", "μ": "u", "ν": "v", "ο": "o", "ρ": "p", "σ": "o", "τ": "t",
    "υ": "u", "χ": "x", "ω": "w",
    # Armenian small letters
    "օ": "o", "ս": "u", "ո": "n", "հ": "h", "ց": "g", "զ": "q", "ա": "w",
    "ք": "p", "ռ": "n", "ւ": "l", "ի": "h",
    # Latin letters that pass for others
    "ı": "i", "ɑ": "a", "ℓ": "l", "ß": "ss",
}  # fmt: skip


def _small_capital(char: str) -> str:
    """A Latin small capital ("ᴛʜᴏʀɴ") as its plain small letter; NFKC keeps them."""
    name = unicodedata.name(char, "")
    prefix = "LATIN LETTER SMALL CAPITAL "
    if name.startswith(prefix) and len(name) == len(prefix) + 1:
        return name[-1].lower()
    return char


# Digits written for letters, once everything is small; "i" and "l"
# are one letter here (capital I and small l look the same in most fonts).
_LOOKALIKE_LATIN = str.maketrans(
    {"0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "i": "l"}
)
_LEGAL_SUFFIXES = frozenset(
    {
        "inc", "incorporated", "ltd", "limited", "llc", "llp", "lp", "plc",
        "corp", "corporation", "co", "company", "gmbh", "ag", "sa", "sas",
        "sarl", "srl", "spa", "bv", "nv", "oy", "ab", "kk", "pty", "pte",
        "pvt", "ug", "kg", "ltda", "group", "holding", "holdings",
        "foundation", "org",
    }
)  # fmt: skip
_SEPARATORS = re.compile(r"[\W_]+")
KEY_MAX_LENGTH = 255


def provider_name_fold(name: str) -> str:
    """The name as meant: same for "THORN", "thorn" and " Thorn "."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def provider_name_key(name: str) -> str:
    """What the name looks like, for finding look-alikes ("" when nothing is left)."""
    text = unicodedata.normalize("NFKC", name)
    text = "".join(_CAPITALS.get(char, char) for char in text).casefold()
    text = "".join(_SMALL.get(char, _small_capital(char)) for char in text)
    text = "".join(
        char
        for char in unicodedata.normalize("NFKD", text)
        if not unicodedata.combining(char)
    )
    words = _SEPARATORS.sub(" ", text).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and words[-1] in _LEGAL_SUFFIXES:
        words = words[:-1]
    key = "".join(words).translate(_LOOKALIKE_LATIN)
    key = key.replace("rn", "m").replace("vv", "w")
    return key[:KEY_MAX_LENGTH]
