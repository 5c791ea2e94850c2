#!/usr/bin/env python3
"""No canonical entity name may end in a verb, a time word or another entity's office: this
check extracts the first N records of the ANT corpus with rasad's real pipeline and prints
every entity whose canonical `name` breaks the rule, then the totals.

    cd /work/main && .venv/bin/python bench/canonical_names.py [--limit 2000] [--json] \
        [--corpus ../shared/data/ant-corpus/ant_multisource_v2.1.jsonl.gz]

Each record goes through what `rasad extract` runs on a JSON-lines file
(`rasad.sources.records.record_to_document` → `rasad.pipeline.analyse` →
`rasad.output.to_record`), in this process (about a minute for 2,000 records). Every entity of
every record is checked; an offender prints as

    ARTICLE-ID <TAB> TYPE <TAB> NAME <TAB> RULE <TAB> FOLDED-LAST-WORD

(ARTICLE-ID is the record's `docno`; RULE is time, office or verb), and the report ends with
the articles, the entities checked, the offenders per rule, their share and the commonest
offending last words. Exit code 0 always: it is a report. `--json` prints one JSON object
(offenders and totals) instead.

The classifier, `classify(name, type)`, looks at the last word of the name folded with
`rasad.normalize.fold_key`, as it stands and without a proclitic conjunction or preposition
(و ف ب ل ك and their pairs; the article stays: والثلاثاء → الثلاثاء, للرئيس → الرئيس). A name
that is itself a known organisation (`rasad.analyse.lexicon.KNOWN_ORGS`) or a place of the
gazetteer is never an offender, nor is a name of another type than PER whose last word the
lexicon knows as (part of) an organisation's name — "روسيا اليوم", "حزب الغد", "حركة طالبان".
The rules, tried in this order:

time    A weekday or a relative day (اليوم، أمس، غدا، الليلة…: `rasad.analyse.dates.WEEKDAYS`,
        `RELATIVE_WORDS`) or an adverb of rasad/resources/lang/time/adverbs.tsv (صباحا، حاليا،
        مؤخرا، يوم، الأسبوع…; `phrase<TAB>example`, every example containing its phrase, as in
        the marker files): always. A modifier (الماضي، المقبل، المنصرم، الجاري: `WEEKDAY_MODIFIERS`,
        `MONTH_MODIFIERS`, less the qualifiers of offices السابق، الحالي of `titles.QUALIFIERS`):
        unless the lexicon flags the word itself as a person or a family name (محمد الماضي). A
        month (Levantine, Egyptian/Gulf, Maghrebi, Moroccan, Hijri) or a part of the day (صباح،
        مساء، فجر): unless it is also a name (`name_word`: رمضان، رجب، نيسان، صباح); the months
        dates.py itself only takes in context (مارس، ماي، جوان، آب، صفر) never count. A month or
        part of the day of two words (كانون الثاني، بعد ظهر) is matched on the last two words.
        (The lexicon's name flags are not trusted for weekdays and relative days: it flags
        اليوم as a person's name, الخميس as a place.)
office  For every type, a bare office — a word of four letters or more of the one-word titles
        (`titles.TITLES`), `lexicon.HONORIFICS` or `lexicon.OFFICE_HEADS` without the article:
        رئيس، وزير، محافظ، زعيم — or its construct, dual, plural or accusative (محافظي، مستشارو،
        رئيسا) when no name list knows that form and the news never writes it with the article
        (a nisba adjective takes it: رئيسي, "main" and the surname, is الرئيسي too). For persons
        also: a definite office head (الرئيس، الوزير، المتحدث…), a name ending in a multi-word
        title (… ولي العهد، … وزير الخارجية; qualifiers such as السابق aside), and a one-word name
        that is a definite title (المغني). Not offices: words after a name link (عبد الملك، آل
        الشيخ، أبو الأمير), words that are family names too (أمين، ملك، شيخ، الأمين, seen after the
        first word of MIN_NAME_PARTS person names of the entity lists), and definite honorifics
        outside the office heads (السيد، الشيخ، الحاج، الجندي، الشاعر، الملا: Egyptian and Gulf
        family names); "مجلس الوزراء", "مكتب الرئيس" are good names.
verb    A verb of rasad's hand-written lists — `lexicon.SPEECH_VERBS`, `LEDE_VERBS`,
        `INVOCATION_VERBS` (رحمه، حفظه), `rasad.pipeline.HEADLINE_VERBS`, and the verb triggers
        of `rasad.events.triggers` (the first word of a non-noun phrase whose masculine/feminine
        or ي/ت twin is listed too: قام|قامت, يقوم|تقوم) — or a form that the news vocabulary
        (`rasad.analyse.tokens.vocabulary`) shows to conjugate. A past tense there is a stem S
        whose feminine S+ت and present (ي+S, or ي + S less its أ: أنجز → ينجز, اختار → يختار)
        occur MIN_FORM times each, S itself between a fifth and ten times as often as S+ت (else
        S+ت is another word: البيت is no form of البي, and الحق no verb). Verbs are then: a
        listed word; a past starting with أ/ا (أنجز، ألمح، اختار — a bare three-letter past
        such as شعر، فتح only when listed); ي/ت/ن + a root whose past (R or أR) is known and
        whose sibling present (ينجز ↔ تنجز) occurs; a past + ت/تا/وا (اختارت، بحثوا) or, listed
        only, + ا (رحبا: so many foreign names end in ا); a present + ون/ان (يشعرون، يواجهان); a
        verb + ها/هم/هما (فرضها; not ه, which folds with ة); س + a present (سيزور); and و + any
        of these (وقال). Precision first: a word the lexicon or the name lists know as a first
        or family name, a place or a nationality (`rasad.analyse.ner.known_name`, `place_word`,
        `lexicon.first_names`, the gazetteer, `demonyms.demonym_country`) is never a verb —
        يوسف، أحمد، تامر، يزيد، أنور، رفعت، يمنيون. A word of the hand-written lists needs more:
        rasad's first-name list or a lexicon flag other than F (طالب، شهد، رحمه، وعد stay names),
        since the lexicon's first-name flag alone also marks قال، تابع.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import json
import sys
from collections import Counter
from functools import lru_cache
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rasad.normalize import fold_key  # noqa: E402

CORPUS = ROOT.parent / "shared" / "data" / "ant-corpus" / "ant_multisource_v2.1.jsonl.gz"
RULES = ("time", "office", "verb")
RULE_LABELS = {"time": "a time word", "office": "an office", "verb": "a verb"}
MIN_FORM = 10          # corpus count a conjugated form needs to count as evidence
MIN_NAME_PARTS = 3     # person names of the entity lists an office word must be inside to be a family name
PAST_SUFFIXES = ("تا", "وا", "ت", "ا")
PRESENT_SUFFIXES = ("ون", "ان")
OBJECT_SUFFIXES = ("هما", "ها", "هم")
PRESENT_PREFIXES = ("ي", "ت", "ن")


class LanguageDataError(ValueError):
    """A language data file breaks its schema: the message names the file and the line."""


# ------------------------------------------------------------------ word tables
@lru_cache(maxsize=None)
def time_adverbs() -> frozenset[str]:
    """The folded words of rasad/resources/lang/time/adverbs.tsv (`phrase<TAB>example`; every
    example must contain its phrase)."""
    ref = resources.files("rasad.resources").joinpath("lang", "time", "adverbs.tsv")
    out = set()
    with ref.open("r", encoding="utf-8") as fh:
        for n, row in enumerate(csv.DictReader(fh, delimiter="\t"), start=2):
            phrase, example = (row.get("phrase") or "").strip(), (row.get("example") or "").strip()
            if not phrase or not example:
                raise LanguageDataError(f"time/adverbs.tsv:{n}: a phrase and its example are both needed")
            key = fold_key(phrase)
            if not key or key not in fold_key(example).split():
                raise LanguageDataError(f"time/adverbs.tsv:{n}: the example does not contain {phrase!r}")
            out.add(key)
    return frozenset(out)


@lru_cache(maxsize=1)
def _time_tables() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[tuple[str, str]]]:
    """(words that are always time words, modifiers (الماضي، المقبل), time words that may also
    be given names, two-word months and parts of the day), from rasad.analyse.dates and the
    adverbs file."""
    from rasad.analyse import dates as D
    from rasad.analyse.ner.titles import QUALIFIERS
    qualifiers = QUALIFIERS | {q + "ه" for q in QUALIFIERS}
    modifiers = {w for w in (*D.WEEKDAY_MODIFIERS, *D.MONTH_MODIFIERS) if " " not in w} - qualifiers
    always = set(D.WEEKDAYS) | set(D.RELATIVE_WORDS) | time_adverbs()
    strict = set(D.STRICT_MONTHS) | set(D.STRICT_HIJRI)       # مارس، ماي، جوان، صفر: context only
    named = {m for m in (*D.GREGORIAN_MONTHS, *D.HIJRI_MONTHS, *D.PARTS_OF_DAY) if " " not in m}
    named -= always | modifiers | strict
    pairs = frozenset(tuple(m.split()) for m in (*D.GREGORIAN_MONTHS, *D.HIJRI_MONTHS, *D.PARTS_OF_DAY)
                      if m.count(" ") == 1)
    return frozenset(always), frozenset(modifiers - always), frozenset(named), pairs


@lru_cache(maxsize=1)
def _office_tables() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[tuple[str, ...]]]:
    """(bare office words, definite office heads, every definite title, multi-word titles).
    Bare words and office heads that are also family names (after the first word of
    MIN_NAME_PARTS person names of the entity lists, with or without the article: أمين،
    الشيخ، الملك، أول) are left out."""
    from rasad.analyse import lexicon as lx
    from rasad.analyse.ner import _name_parts
    from rasad.analyse.ner.titles import TITLES
    parts = _name_parts()

    def family(w: str) -> bool:
        return parts.get(w, 0) + (parts.get(w[2:], 0) if w.startswith("ال") else 0) >= MIN_NAME_PARTS
    singles = {t[0] for t in TITLES if len(t) == 1} | lx.HONORIFICS | lx.OFFICE_HEADS
    bare = {w for w in singles if not w.startswith("ال") and len(w) >= 4 and not family(w)}
    definite = {w for w in lx.OFFICE_HEADS if w.startswith("ال") and not family(w)}
    titles = {w for w in singles if w.startswith("ال")}
    multi = frozenset(t for t in TITLES if len(t) > 1)
    return frozenset(bare), frozenset(definite), frozenset(titles), multi


def _listed_verb_words() -> set[str]:
    """The verbs of rasad's hand-written lists (folded)."""
    from rasad.analyse import lexicon as lx
    from rasad.events.triggers import CLAIMS, GAP, LEXICON
    from rasad.normalize import fold
    from rasad.pipeline import HEADLINE_VERBS
    heads = set()
    for _type, _mode, _frame, noun, phrases in LEXICON:
        if noun:
            continue
        for phrase in phrases.split("|"):
            words = fold(phrase.replace(GAP.strip(), " ")).split()
            if words:
                heads.add(words[0])
    heads |= {fold(p).split()[0] for p in CLAIMS.split("|")}
    heads -= lx.STOP

    def twin(w: str) -> bool:     # قام|قامت, اتفق|اتفقا, يقوم|تقوم: it conjugates in the list
        return (w + "ت" in heads or w + "ا" in heads or w.endswith(("ت", "ا")) and w[:-1] in heads
                or w[:1] in ("ي", "ت") and ("ت" if w[0] == "ي" else "ي") + w[1:] in heads)
    triggers = {w for w in heads if twin(w)}
    return set(lx.SPEECH_VERBS | lx.LEDE_VERBS | lx.INVOCATION_VERBS | HEADLINE_VERBS) | triggers


@lru_cache(maxsize=1)
def _resources() -> dict:
    from rasad.analyse import lexicon as lx
    from rasad.analyse.ner import _word_resources
    from rasad.analyse.tokens import vocabulary
    return {"lexicon": _word_resources()["lexicon"], "vocab": vocabulary(),
            "listed": frozenset(_listed_verb_words()), "first_names": lx.first_names(),
            "places": lx.places(), "orgs": lx.KNOWN_ORGS}


# ------------------------------------------------------------------ evidence
@lru_cache(maxsize=100_000)
def name_word(word: str) -> bool:
    """The folded word is a first or family name, a place or a nationality (يمنيون) for the
    lexicon, the name lists or the demonyms."""
    from rasad.analyse.ner import known_name, place_word
    from rasad.analyse.ner.demonyms import demonym_country
    res = _resources()
    return known_name(word) or place_word(word) or word in res["first_names"] or word in res["places"] \
        or demonym_country(word) is not None


def _flags(word: str) -> str:
    return _resources()["lexicon"].get(word, "")


def _listed_name(word: str) -> bool:
    """Name evidence strong enough to overrule a hand-written verb list: rasad's first-name
    list, or a lexicon flag other than F (person, family name, place, country, organisation,
    person cue). The lexicon's F alone comes from first-name lists that also carry قال, تابع."""
    res = _resources()
    return word in res["first_names"] or word in res["places"] or bool(set(_flags(word)) & set("PNLCOQ"))


def _org_word(word: str) -> bool:
    """The lexicon knows the folded word as (part of) an organisation's name (O, or R: often
    after شركة/صحيفة/حزب…), or it is a known organisation: "روسيا اليوم", "حزب الغد", "طالبان"."""
    return "O" in _flags(word) or "R" in _flags(word) or word in _resources()["orgs"]


def _count(word: str) -> int:
    return _resources()["vocab"].get(word, 0)


def _present(word: str) -> bool:
    """The shape of a present tense: ي…, or ت…/ن… with a ي… twin in the lists or the news."""
    return word[:1] == "ي" or word[:1] in ("ت", "ن") and (
        "ي" + word[1:] in _resources()["listed"] or _count("ي" + word[1:]) >= MIN_FORM)


@lru_cache(maxsize=100_000)
def _past(stem: str) -> bool:
    """A past tense (third person masculine) by rasad's lists or by its forms in the news: the
    stem, its feminine (+ت) and its present (ي + the stem, or ي + the stem less its أ: أنجز →
    ينجز, اختار → يختار) all occur MIN_FORM times, the stem at most ten times as often as the
    feminine and at least a fifth as often (else the feminine is another word: البيت is no
    form of البي, nor is الحق, the truth, a verb for its rare ألحقت). No name check."""
    if stem in _resources()["listed"]:
        return not _present(stem)
    if len(stem) < 3:
        return False
    n, fem = _count(stem), _count(stem + "ت")
    present = _count("ي" + stem) if stem[0] != "ا" else _count("ي" + stem[1:])
    return min(n, fem, present) >= MIN_FORM and fem / 5 <= n <= 10 * fem


@lru_cache(maxsize=100_000)
def _bare_verb(word: str) -> bool:
    """A verb with no suffix: listed, a derived past (أنجز، اختار، انسحب: أ + the root), or a
    present whose past is known and whose sibling present occurs (ينجز ← أنجز, يشعر ← شعر,
    يتفاوض ← تفاوض; ينجز ↔ تنجز). A bare three-letter past (شعر، فتح) only when listed."""
    if word in _resources()["listed"]:
        return True
    if word[:1] == "ا" and len(word) >= 4 and _past(word):
        return True
    if len(word) >= 4 and word[0] in PRESENT_PREFIXES:
        root = word[1:]
        sibling = ("ت" if word[0] != "ت" else "ي") + root
        return _count(sibling) >= MIN_FORM and any(_past(p) for p in (root, "ا" + root))
    return False


@lru_cache(maxsize=100_000)
def _verb_form(word: str) -> bool:
    """The folded word (no proclitic) looks like a verb, before any name check."""
    if _bare_verb(word):
        return True
    for suffix in PAST_SUFFIXES:                 # أنجزت، قالوا، اختارت; رحبا (a listed verb only:
        stem = word[:-len(suffix)]              # so many foreign names end in ا, نايا، كوستا)
        if word.endswith(suffix) and len(stem) >= 3 and _past(stem) \
                and (suffix != "ا" or stem in _resources()["listed"]):
            return True
    for suffix in PRESENT_SUFFIXES:              # يقولون، يشعرون، تبحثان
        stem = word[:-len(suffix)]
        if word.endswith(suffix) and len(stem) >= 4 and _present(stem) and _bare_verb(stem):
            return True
    for suffix in OBJECT_SUFFIXES:               # فرضها، يرحمها (not ه: it folds with ة)
        stem = word[:-len(suffix)]
        if word.endswith(suffix) and len(stem) >= 3 and (_bare_verb(stem) or _past(stem)):
            return True
    if len(word) >= 5 and word[0] == "س" and word[1] in PRESENT_PREFIXES:   # سيزور
        return _bare_verb(word[1:])
    return False


def is_verb(word: str) -> bool:
    """The folded word (no proclitic) is a verb (see the module docstring): never a known name
    or place, though a word of the hand-written lists needs stronger name evidence."""
    if word in _resources()["listed"]:
        return not _listed_name(word)
    return not name_word(word) and _verb_form(word)


def _unclitic(word: str) -> list[str]:
    """The word and its forms without a conjunction or preposition (و ف ب ل ك, وب, فل…);
    the article stays: والثلاثاء → الثلاثاء, للرئيس → الرئيس, بالأمس → الأمس."""
    out = [word]
    for p in ("وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك"):
        rest = word[len(p):]
        if word.startswith(p) and len(rest) >= 2:
            out.append("ال" + rest[1:] if rest.startswith("ل") and p.endswith("ل") else rest)
    return out


# ------------------------------------------------------------------ the classifier
_LINKS = frozenset(fold_key(w) for w in "بن ابن بنت أبو أبي أم عبد آل ذو ذي".split())


def classify(name: str, etype: str | None = "PER") -> tuple[str, str] | None:
    """(rule, folded last word) when the canonical name ends in a time word ("time"), an office
    ("office") or a verb ("verb"), else None. `etype` is the entity type (PER, ORG, LOC, MISC)."""
    words = fold_key(name).split()
    if not words:
        return None
    res = _resources()
    last = words[-1]
    if " ".join(words) in res["orgs"] or " ".join(words) in res["places"]:
        return None
    if etype != "PER" and _org_word(last):
        return None
    after_link = len(words) > 1 and words[-2] in _LINKS      # عبد الملك، آل الشيخ، أبو يزيد
    rule = _time(words) or (None if after_link else _office(words, etype) or _verb(last))
    return (rule, last) if rule else None


def _time(words: list[str]) -> str | None:
    always, modifiers, named, pairs = _time_tables()
    if len(words) > 1 and tuple(words[-2:]) in pairs:
        return "time"                                           # كانون الثاني
    last = words[-1]
    for form in _unclitic(last):
        if form in always \
                or form in modifiers and not set(_flags(form)) & set("PN") \
                or form in named and not name_word(form) and not name_word(last):
            return "time"
    return None


def _office(words: list[str], etype: str | None) -> str | None:
    from rasad.analyse.ner.titles import QUALIFIERS
    bare, definite, titles, multi = _office_tables()
    last = words[-1]
    person = etype == "PER"
    if person and len(words) == 1 and last in titles:
        return "office"                                         # a person named "المغني"
    if person:                                                  # "… ولي العهد (السابق)"
        j = len(words)
        while j > 1 and words[j - 1] in QUALIFIERS:
            j -= 1
        if any(tuple(words[j - n:j]) in multi for n in range(2, j + 1)):
            return "office"
    if name_word(last) and last not in bare and last not in definite:
        return None
    for form in _unclitic(last):
        if form in bare or person and form in definite:
            return "office"
    # محافظي، مستشارو، رئيسا، نائبين: a construct or a plural takes no article, a nisba
    # adjective does (رئيسي, "main" or the surname, is الرئيسي too)
    if not name_word(last) and _count("ال" + last) < MIN_FORM:
        for suffix in ("ين", "ون", "ان", "ي", "و", "ا"):
            if last.endswith(suffix) and last[:-len(suffix)] in bare:
                return "office"
    return None


def _verb(last: str) -> str | None:
    if is_verb(last):
        return "verb"
    if last[:1] == "و" and len(last) >= 4 and not name_word(last) and is_verb(last[1:]):
        return "verb"                                           # وقال، وأعلن
    return None


# ------------------------------------------------------------------ the bench
def articles(corpus: Path, limit: int):
    """(article id, record of `rasad extract`) for the first `limit` records of the corpus."""
    from rasad.errors import InputError
    from rasad.output import to_record
    from rasad.pipeline import analyse
    from rasad.sources.records import record_to_document
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh, 1):
            if i > limit:
                break
            rec = json.loads(line)
            ident = rec.get("docno") or f"{corpus.name}:{i}"
            try:
                article = analyse(record_to_document(rec, f"{corpus}:{i}", None))
            except InputError as exc:
                print(f"# skipped {ident}: {exc.reason}", file=sys.stderr)
                continue
            yield ident, to_record(article)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=2000, help="records of the corpus to check (default 2000)")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--json", action="store_true", help="one JSON object instead of text lines")
    args = ap.parse_args(argv)
    offenders, per_rule, last_words = [], Counter(), Counter()
    n_articles = n_entities = 0
    for ident, record in articles(args.corpus, args.limit):
        n_articles += 1
        for ent in record["entities"]:
            n_entities += 1
            hit = classify(ent["name"], ent["type"])
            if hit is None:
                continue
            rule, word = hit
            per_rule[rule] += 1
            last_words[word] += 1
            offenders.append({"article": ident, "type": ent["type"], "name": ent["name"], "rule": rule,
                              "word": word})
            if not args.json:
                print(f"{ident}\t{ent['type']}\t{ent['name']}\t{rule}\t{word}")
    total = len(offenders)
    summary = {"articles": n_articles, "entities": n_entities, "offenders": total,
               "share": round(total / n_entities, 5) if n_entities else 0.0,
               "per_rule": {r: per_rule[r] for r in RULES},
               "top_last_words": last_words.most_common(15)}
    if args.json:
        print(json.dumps({"offenders": offenders, "totals": summary}, ensure_ascii=False, indent=1))
        return 0
    print(f"\narticles: {n_articles}   entities checked: {n_entities}")
    def pct(n: int) -> str:
        return f"{100 * n / n_entities:.2f}%" if n_entities else "0%"
    for r in RULES:
        print(f"  ends in {RULE_LABELS[r]}: {per_rule[r]} ({pct(per_rule[r])})")
    print(f"offenders: {total} ({pct(total)} of the entities)")
    print("most common offending last words: " + ", ".join(f"{w} {n}" for w, n in last_words.most_common(15)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
