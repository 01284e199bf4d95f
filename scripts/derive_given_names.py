#!/usr/bin/env python3
"""Derive morgue's given-name (and surname) gazetteers from an unpacked Faker wheel.

Faker (MIT licence) ships lists of first and last names for many locales in
faker/providers/person/<locale>/__init__.py. We import those provider classes
from the unpacked wheel, keep the names written in Latin script (transliterating
Cyrillic and Greek, and taking the romanised forms Faker gives for Chinese and
Japanese), normalise them, and write sorted, deduplicated lists:

    data/people/given_names.txt   one given name a line
    data/people/surnames.txt      one surname a line

Given names listed in data/people/ambiguous_given_names.txt (ordinary English
words such as "Will", "May", "Grace") are left out of given_names.txt: the
recogniser loads that file itself and trusts those names only when a surname
follows them.

Usage:
    pip download faker --no-deps -d /tmp/faker
    cd /tmp/faker && python3 -m zipfile -e faker-*.whl unpacked
    python3 scripts/derive_given_names.py /tmp/faker/unpacked

Nothing is downloaded at run time: the outputs are committed to the repository.
"""

import importlib
import pathlib
import re
import sys
import unicodedata

REPO = pathlib.Path(__file__).resolve().parent.parent
OUT_DIR = REPO / "data" / "people"

GIVEN_ATTRS = (
    "first_names",
    "first_names_male",
    "first_names_female",
    "first_names_nonbinary",
    "first_romanized_names",
)
SURNAME_ATTRS = ("last_names", "last_names_male", "last_names_female", "last_romanized_names")

# News-style romanisation (BGN/PCGN-like, simplified): Sergei, Dmitry, Yuri.
CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "є": "ye", "і": "i", "ї": "yi", "ґ": "g", "ђ": "dj", "ј": "j", "љ": "lj",
    "њ": "nj", "ћ": "c", "џ": "dz", "ѓ": "gj", "ќ": "kj", "ѕ": "dz",
}
GREEK = {
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th",
    "ι": "i", "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p",
    "ρ": "r", "σ": "s", "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps",
    "ω": "o",
}
# Ukrainian letters that differ from the Russian rendering: Volodymyr, Oleksandr, Mykola.
UKRAINIAN = {"и": "y", "г": "h", "і": "i", "є": "ye", "ї": "yi", "й": "i"}
# Endings that news copy spells differently from a letter-by-letter rendering.
CYRILLIC_ENDINGS = (("iy", "y"), ("yy", "y"), ("ey", "ei"))

NAME_RE = re.compile(r"^[^\W\d_]+(?:['’\-][^\W\d_]+)*$")


def fold_greek_accents(text):
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def transliterate(name, locale):
    """Latin spellings of a Cyrillic or Greek name; the name itself when already Latin."""
    lower = name.lower()
    if any(c in CYRILLIC for c in lower):
        table = dict(CYRILLIC, **UKRAINIAN) if locale.startswith("uk") else CYRILLIC
        latin = "".join(table.get(c, c) for c in lower)
        forms = {latin}
        for old, new in CYRILLIC_ENDINGS:
            if latin.endswith(old):
                forms.add(latin[: -len(old)] + new)
        return [f.capitalize() for f in forms]
    folded = fold_greek_accents(lower)
    if any(c in GREEK for c in folded):
        return ["".join(GREEK.get(c, c) for c in folded).capitalize()]
    return [name]


def is_latin(name):
    return all(
        not c.isalpha() or "LATIN" in unicodedata.name(c, "") for c in name
    )


def normalise(raw, locale):
    """Split a raw entry into clean single-token names in NFC form."""
    out = []
    text = unicodedata.normalize("NFC", str(raw)).strip()
    for token in text.replace(".", " ").split():
        for form in transliterate(token, locale):
            form = form.strip("'’-")
            if len(form) < 2 or not NAME_RE.match(form) or not is_latin(form):
                continue
            if not form[0].isupper():
                continue
            # Faker has a few ALL-CAPS entries; news copy writes names in title case.
            if form.isupper() and len(form) >= 2:
                form = form.capitalize()
            out.append(form)
    return out


def values(provider, attr):
    seq = getattr(provider, attr, None)
    if isinstance(seq, dict):
        return list(seq.keys())
    if isinstance(seq, (list, tuple)):
        return list(seq)
    # A computed property (es_CL merges its male and female lists): those lists are read too.
    return []


def japanese_romaji(provider, attr):
    """ja_JP keeps (kanji, kana, romaji) triples; take the romaji."""
    pairs = getattr(provider, attr, None) or ()
    return [p[-1] for p in pairs if isinstance(p, tuple) and p]


def collect(root):
    sys.path.insert(0, str(root))
    faker = importlib.import_module("faker")
    person_dir = pathlib.Path(faker.__file__).parent / "providers" / "person"
    given, surnames, locales = set(), set(), []
    for loc_dir in sorted(p for p in person_dir.iterdir() if (p / "__init__.py").exists()):
        module = importlib.import_module(f"faker.providers.person.{loc_dir.name}")
        provider = module.Provider
        locales.append(loc_dir.name)
        for attr in GIVEN_ATTRS:
            for raw in values(provider, attr):
                given.update(normalise(raw, loc_dir.name))
        for attr in ("first_name_male_pairs", "first_name_female_pairs", "first_name_pairs"):
            for raw in japanese_romaji(provider, attr):
                given.update(normalise(raw, loc_dir.name))
        for attr in SURNAME_ATTRS:
            for raw in values(provider, attr):
                surnames.update(normalise(raw, loc_dir.name))
        for raw in japanese_romaji(provider, "last_name_pairs"):
            surnames.update(normalise(raw, loc_dir.name))
    return faker.VERSION, locales, given, surnames


def load_list(path):
    if not path.exists():
        return set()
    lines = path.read_text(encoding="utf-8").splitlines()
    return {l.strip() for l in lines if l.strip() and not l.startswith("#")}


def write_list(path, header, names):
    with path.open("w", encoding="utf-8") as f:
        for line in header:
            f.write(f"# {line}\n")
        for name in sorted(names):
            f.write(name + "\n")


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: derive_given_names.py UNPACKED_FAKER_WHEEL_DIR")
    version, locales, given, surnames = collect(pathlib.Path(sys.argv[1]).resolve())
    ambiguous = load_list(OUT_DIR / "ambiguous_given_names.txt")
    given -= ambiguous
    source = f"Faker {version} (https://pypi.org/project/Faker/), MIT licence"
    write_list(
        OUT_DIR / "given_names.txt",
        [
            f"Given names from {source}; {len(locales)} locales.",
            "Generated by scripts/derive_given_names.py; ambiguous_given_names.txt removed. Do not edit by hand.",
            "Licence text: data/people/README.md.",
        ],
        given,
    )
    write_list(
        OUT_DIR / "surnames.txt",
        [
            f"Surnames from {source}; {len(locales)} locales.",
            "Generated by scripts/derive_given_names.py. Do not edit by hand.",
            "Licence text: data/people/README.md.",
        ],
        surnames,
    )
    print(f"{len(given)} given names, {len(surnames)} surnames from {len(locales)} locales")


if __name__ == "__main__":
    main()
