"""Identity across articles: the names of one article linked to canonical entities.

Two layers:

* **Name comparison, without a database** (`identity_key`, `skeleton`, `same_entity`): what
  makes two written names the same entity.
  - spelling: names are compared on `rasad.normalize.fold_key` (hamza, ta marbuta, alef
    maqsura, harakat, tatweel), with the leading honorifics and office words dropped
    (الرئيس السوري بشار الأسد → بشار الأسد), عبد/أبو joined to the next word (عبد الكريم =
    عبدالكريم) and the article ال dropped from every word (الأسد = أسد);
  - transliterated foreign names (ترامب/ترمب, بوتين/بوتن, زبيدوف/زوبيدوف): two words match
    when their *skeletons* (first letter, then the consonants: ا/و/ي and a final ه dropped)
    are equal and rapidfuzz's ratio of the words reaches WORD_RATIO. This never applies to
    Arabic given names or to words with the article: محمد/محمود, حسن/حسين, سعد/سعيد differ only
    in a long vowel and are different names;
  - a shorter name matches a longer one when its words appear in order in it, its first
    word is the longer name's first word (بشار الأسد = بشار حافظ الأسد; حافظ الأسد is not
    بشار حافظ الأسد), or it is the family name alone (الأسد) — never a name that follows
    بن/ابن (محمد بن سلمان is not سلمان), and never a given name alone;
  - places are the same when the gazetteer gives them the same GeoNames id (countries: the
    same ISO 3166 code), and a nationality adjective (السوري) is its country;
  - known organisations (rasad.analyse.lexicon.KNOWN_ORGS) meet at their canonical name.
* **The resolver** (`Resolver`, used by the store inside its write transaction): links each
  entity of a new article to a canonical entity, incrementally. Candidates come from the
  in-database alias table and from blocking keys (first|last word skeletons, last-word
  skeleton), never from a scan. A family name alone links to a full name only when one
  candidate dominates: by co-occurrence with the article's other canonical entities, else by
  being far more frequent; otherwise it gets a canonical entity of its own, marked ambiguous.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

import sqlalchemy as sa
from rapidfuzz.fuzz import ratio

from rasad.normalize import fold, fold_key

# Tuned on the training two thirds of bench/identity_pairs.tsv (bench/identity_eval.py).
WORD_RATIO = 65.0          # rapidfuzz ratio two transliterated words need (0–100)
ORG_RATIO = 92.0           # whole-name ratio for organisation names not known by the lexicon
DOMINANCE = 2.0            # how much more context support the chosen candidate needs
PRIOR_DOMINANCE = 5.0      # without context: how much more frequent the candidate must be
PRIOR_MIN_ARTICLES = 3

JOINERS = {"عبد", "ابو", "ابي", "ابا"}          # written with or without a space after them
CONNECTORS = {"بن", "ابن", "بنت", "ولد"}        # X بن Y: Y is another person (the father)
LONG_VOWELS = set("اوي")
# Office words that may follow a title before the name: "وزير الخارجية الروسي سيرغي لافروف".
OFFICE_WORDS = {fold(w) for w in """العهد المرشد الأعلى للثورة الإسلامية الخارجية الداخلية الدفاع المالية العدل الإعلام الاقتصاد
الوزراء الحكومة الجمهورية البرلمان المجلس النواب الشورى الأمن العام الأعلى الأركان الجيش
الأمم المتحدة العامة السابق الأسبق الحالي المكلف المؤقت الانتقالي الأول الثاني المساعد
للشؤون لشؤون الخاص الدائم المشترك الوطني التنفيذي المركزي الاتحادي الفيدرالي""".split()}
ENTITY_TYPES = ("PER", "ORG", "LOC", "MISC")
# Titles the lexicon does not list (folded; آية الله is joined to one word by _join).
EXTRA_TITLES = {fold(w) for w in "ايهالله اية ايه حجهالاسلام سماحه المرشد "
                 # "his counterpart / ally": نظيره السوري بشار الأسد
                 "نظيره نظيرته نظيرها نظيريه نظيرهم نظراؤه حليفه حليفها".split()}
# Titles of rulers and princes, who are named by their given name: الملك سلمان, السلطان قابوس.
ROYAL_TITLES = {fold(w) for w in "الملك الأمير السلطان الشيخ العاهل الأميرة الملكة".split()}
# Usual country names the gazetteer lacks (folded) → ISO 3166 alpha-2.
COUNTRY_NAMES = {fold_key(k): v for k, v in {
    "الإمارات": "AE", "دولة الإمارات": "AE", "بريطانيا": "GB", "بريطانيا العظمى": "GB",
    "أمريكا": "US", "أميركا": "US", "الولايات المتحدة الأمريكية": "US",
    "الولايات المتحدة الأميركية": "US", "روسيا الاتحادية": "RU", "سلطنة عمان": "OM",
    "المملكة العربية السعودية": "SA", "السعودية": "SA", "جمهورية مصر العربية": "EG",
    "الصين الشعبية": "CN", "كوريا الشمالية": "KP", "كوريا الجنوبية": "KR",
    "الجمهورية العربية السورية": "SY", "سورية": "SY", "هولندا": "NL", "التشيك": "CZ",
    "جمهورية التشيك": "CZ", "إيران": "IR", "الجمهورية الإسلامية الإيرانية": "IR",
    "فلسطين": "PS", "دولة فلسطين": "PS", "ليبيا": "LY", "الكويت": "KW", "دولة الكويت": "KW",
    "قطر": "QA", "دولة قطر": "QA", "المملكة الأردنية الهاشمية": "JO", "الأردن": "JO",
}.items()}
# Words before an organisation's name that do not change it: حركة حماس = حماس.
ORG_GENERIC = {fold(w) for w in "حركة حركه تنظيم منظمة جماعة قوات ميليشيا ميليشيات مليشيا "
               "وكالة".split()}
# Foreign names are written with several letters for one sound: G (غ/ج), CH (تش/ج), T (ط/ت).
TRANSLIT = (("تش", "ج"), ("غ", "ج"), ("ط", "ت"))


# ---------------------------------------------------------------------------------------------
# Keys.

@lru_cache(maxsize=1)
def _lexicons():
    from rasad.analyse import lexicon as lx
    return lx.HONORIFICS, lx.first_names(), lx.KNOWN_ORGS, lx.places()


def _demonym(word: str):
    from rasad.analyse.ner.demonyms import demonym_country
    return demonym_country(word)


def strip_article(word: str) -> str:
    """الأسد → اسد; a word left with fewer than 3 letters keeps its article (الله)."""
    for prefix in ("ال",):
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            return word[len(prefix):]
    return word


def _strip_titles(words: list[str], etype: str) -> list[str]:
    """Drop leading honorifics/offices and what qualifies them (demonyms, office words), but
    always keep at least one word."""
    if etype != "PER":
        return words
    honorifics, given = _lexicons()[0], _lexicons()[1]
    i, titled = 0, False
    while i < len(words) - 1:
        w = words[i]
        is_title = w in honorifics or w in EXTRA_TITLES or (
            i + 1 < len(words) and (w + words[i + 1]) in EXTRA_TITLES)
        if is_title and not w.startswith("ال") and w in given and not titled and not (
                words[i + 1] in OFFICE_WORDS or _demonym(words[i + 1])):
            break                          # أمين الجميل: a given name that is also a title
        if is_title:
            i, titled = i + (2 if w not in honorifics and w not in EXTRA_TITLES else 1), True
        elif titled and (w in OFFICE_WORDS or _demonym(w)):
            i += 1
        else:
            break
    return words[i:]


def _join(words: list[str]) -> list[str]:
    """عبد/أبو joined to the next word, and a word to a following الله (نصر الله)."""
    out: list[str] = []
    i = 0
    while i < len(words):
        w = words[i]
        if i + 1 < len(words) and words[i + 1] == "الله" and w not in CONNECTORS:
            out.append(w + "الله")
            i += 2
        elif w in JOINERS and i + 1 < len(words):
            out.append(w + words[i + 1])
            i += 2
        else:
            out.append(w)
            i += 1
    return out


@lru_cache(maxsize=200_000)
def identity_words(name: str, etype: str = "PER") -> tuple[str, ...]:
    """The words a name is compared by: folded, عبد/أبو/الله joined, titles dropped, no ال."""
    words = _join(fold_key(name).replace("_", " ").split())
    words = _strip_titles(words, etype)
    return tuple(strip_article(w) for w in words)


def _royal(name: str) -> bool:
    """Is the name written after a ruler's title (الملك سلمان)?"""
    words = fold_key(name).split()
    return bool(words) and words[0] in ROYAL_TITLES


def tnorm(word: str) -> str:
    """A foreign word with its alternative spellings of one sound made one."""
    for a, b in TRANSLIT:
        word = word.replace(a, b)
    return word


def identity_key(name: str, etype: str = "PER") -> str:
    """The exact-match key of a name: identity_words joined by spaces."""
    return " ".join(identity_words(name, etype))


@lru_cache(maxsize=200_000)
def skeleton(word: str) -> str:
    """First letter, then the letters that are not long vowels; a final ه (ta marbuta) and
    doubled letters dropped: ترامب/ترمب → ترمب, زوبيدوف → زبدف."""
    if not word:
        return ""
    body = word[1:]
    if body.endswith("ه"):
        body = body[:-1]
    out = word[0]
    for ch in body:
        if ch in LONG_VOWELS or ch == out[-1]:
            continue
        out += ch
    return out


def _is_native(word: str) -> bool:
    """A word whose long vowels carry meaning (عبد…/أبو… compounds)."""
    return word.startswith("عبد") or word.startswith("ابو")


def words_match(a: str, b: str, *, native_a: bool | None = None,
                native_b: bool | None = None, word_ratio: float | None = None) -> bool:
    """Two identity words are one: equal, or transliteration variants of a foreign word.

    Never variants: two different attested Arabic given names (محمد/محمود, حسن/حسين,
    سعد/سعيد: both in the first-name list), and words written with the article (الأسد vs
    الأسدي) or compounds (عبد…, أبو…), whose spelling is fixed."""
    if a == b:
        return True
    if native_a is None:
        native_a = _is_native(a)
    if native_b is None:
        native_b = _is_native(b)
    if native_a or native_b or len(a) < 3 or len(b) < 3:
        return False
    given = _lexicons()[1]
    if a in given and b in given:
        return False
    ta, tb = tnorm(a), tnorm(b)
    if skeleton(ta) != skeleton(tb):
        return False
    return ratio(ta, tb) >= (WORD_RATIO if word_ratio is None else word_ratio)


# ---------------------------------------------------------------------------------------------
# Places, demonyms, organisations.

def _place_variants(key: str) -> Iterable[str]:
    yield key
    words = key.split()
    if words and words[0].startswith("ال"):
        yield " ".join([words[0][2:], *words[1:]])
    elif words:
        yield " ".join(["ال" + words[0], *words[1:]])
    if key.endswith("ه"):
        yield key[:-1] + "ا"                       # سورية → سوريا
    if key.endswith("ا"):
        yield key[:-1] + "ه"


@lru_cache(maxsize=100_000)
def place_of(name: str) -> dict | None:
    """The gazetteer row of a place name ({name, kind, iso2, geonameid, latin, population}),
    trying the article and ة/ا endings; a nationality adjective gives its country."""
    places = _lexicons()[3]
    key = fold_key(name)
    if not key:
        return None
    for variant in _place_variants(key):
        row = places.get(variant)
        if row:
            return row
        if variant in COUNTRY_NAMES:
            return country(COUNTRY_NAMES[variant])
    hit = _demonym(name)
    if hit:
        return country(hit[1], hit[0])
    return None


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict]:
    out: dict[str, dict] = {}
    for row in _lexicons()[3].values():
        if row.get("kind") == "country" and row.get("iso2"):
            # several keys per country: keep the row whose Arabic name is the shortest
            old = out.get(row["iso2"])
            if old is None or len(row["name"]) < len(old["name"]):
                out[row["iso2"]] = row
    return out


def country(iso2: str, name: str | None = None) -> dict | None:
    """The gazetteer row of a country by ISO 3166 alpha-2 code."""
    row = _countries().get((iso2 or "").upper())
    if row is None and name:
        row = _lexicons()[3].get(fold_key(name))
    return row


def known_org(name: str) -> str | None:
    """The canonical name of an organisation known by the lexicon."""
    known = _lexicons()[2]
    key = fold_key(name)
    if key in known:
        return known[key]
    for variant in _place_variants(key):
        if variant in known:
            return known[variant]
    words = key.split()
    # حركة حماس, حزب الله اللبناني, مجلس الأمن الدولي: a generic head before, or a
    # nationality / الدولي after, a known name
    while len(words) > 1 and words[0] in ORG_GENERIC:
        words = words[1:]
    while len(words) > 1 and (words[-1] in ("الدولي", "الدوليه") or _demonym(words[-1])):
        words = words[:-1]
    core = " ".join(words)
    if core != key and core in known:
        return known[core]
    return None


# ---------------------------------------------------------------------------------------------
# Pairwise decision (no database, no context).

@dataclass(frozen=True)
class NameRef:
    """A name as the resolver sees it: the type it is resolved as, and a gazetteer/lexicon
    reference when it has one (geo:<geonameid>, org:<canonical>)."""

    type: str
    words: tuple[str, ...]
    ref: str | None = None
    natives: tuple[bool, ...] = ()
    royal: bool = False

    @property
    def key(self) -> str:
        return " ".join(self.words)


def name_ref(name: str, etype: str, demonym_of: str | None = None,
             geonameid: str | int | None = None, iso2: str | None = None) -> NameRef:
    """How a name is identified: type (a nationality adjective becomes LOC, its country),
    identity words, and a gazetteer/lexicon reference when there is one."""
    etype = (etype or "MISC").upper()
    row = None
    if etype in ("LOC", "MISC", "GPE"):
        if geonameid:
            row = {"geonameid": str(geonameid), "name": name, "iso2": iso2}
        elif demonym_of:
            row = place_of(demonym_of)
        else:
            row = place_of(name)
        if row is None and etype == "LOC" and iso2:
            row = country(iso2)
        if etype == "MISC" and row is None:
            hit = _demonym(name)
            row = country(hit[1], hit[0]) if hit else None
        if row is not None:
            words = identity_words(row.get("name") or name, "LOC")
            return NameRef("LOC", words, f"geo:{row['geonameid']}")
        if etype == "GPE":
            etype = "LOC"
    if etype == "ORG":
        canon = known_org(name)
        if canon:
            return NameRef("ORG", identity_words(canon, "ORG"), f"org:{fold_key(canon)}")
    raw = _strip_titles(_join(fold_key(name).replace("_", " ").split()), etype)
    words = tuple(strip_article(w) for w in raw)
    natives = tuple(_is_native(w) or w.startswith("ال") for w in raw)
    return NameRef(etype, words, None, natives, etype == "PER" and _royal(name))


def _subsequence(short: tuple[str, ...], long: tuple[str, ...], match) -> bool:
    j = 0
    for w in long:
        if j < len(short) and match(short[j], w):
            j += 1
    return j == len(short)


def refs_same(a: NameRef, b: NameRef, *, word_ratio: float | None = None) -> bool:
    """The context-free decision: are these two names one entity?"""
    if a.type != b.type:
        return False
    if a.ref and b.ref:
        return a.ref == b.ref
    if not a.words or not b.words:
        return False
    if a.type == "ORG" or a.type == "MISC" or a.type == "LOC":
        if a.key == b.key:
            return True
        if len(a.words) == len(b.words) and all(
                words_match(x, y, word_ratio=word_ratio) for x, y in zip(a.words, b.words)):
            return True
        return a.type == "ORG" and ratio(a.key, b.key) >= ORG_RATIO
    return person_same(a, b, word_ratio=word_ratio)


def person_same(a: NameRef, b: NameRef, *, word_ratio: float | None = None) -> bool:
    na = dict(zip(a.words, a.natives or (None,) * len(a.words)))
    nb = dict(zip(b.words, b.natives or (None,) * len(b.words)))

    def match(x: str, y: str) -> bool:
        return words_match(x, y, native_a=na.get(x) or nb.get(x) or None,
                           native_b=nb.get(y) or na.get(y) or None, word_ratio=word_ratio)

    short, long = (a, b) if len(a.words) <= len(b.words) else (b, a)
    sw, lw = short.words, long.words
    if len(sw) == len(lw):
        return all(match(x, y) for x, y in zip(sw, lw))
    if len(sw) == 1 and short.royal and len(lw) >= 3 and lw[1] in CONNECTORS:
        return match(sw[0], lw[0])                     # الملك سلمان = سلمان بن عبدالعزيز
    if len(sw) >= 2 and any(w in CONNECTORS for w in sw) and \
            all(match(x, y) for x, y in zip(sw, lw)):
        return True                                    # محمد بن زايد = محمد بن زايد آل نهيان
    # the shorter name after a connector in the longer one is the father, not the person
    for i, w in enumerate(lw[:-1]):
        if w in CONNECTORS and (lw[i + 1:] == sw or match(lw[i + 1], sw[0])) and \
                (len(sw) == 1 or sw[0] != lw[0]):
            return False
    if len(sw) == 1:
        # a family name alone: the last word of the longer name (not a given name alone)
        return match(sw[0], lw[-1]) and not (len(lw) >= 2 and lw[-2] in CONNECTORS
                                             and len(lw) == 2)
    if sw[0] in CONNECTORS:                            # "بن سلمان" = "محمد بن سلمان"
        return all(match(x, y) for x, y in zip(sw, lw[-len(sw):]))
    tail = lw[-len(sw):]
    if all(match(x, y) for x, y in zip(sw, tail)) and \
            (sw[0] not in _lexicons()[1] or lw[0] == "محمد"):
        return True               # دي ميستورا, جاويش أوغلو; محمد جواد ظريف = جواد ظريف
    return match(sw[0], lw[0]) and match(sw[-1], lw[-1]) and _subsequence(sw, lw, match)


def same_entity(name_a: str, type_a: str, name_b: str, type_b: str, *,
                word_ratio: float | None = None) -> bool:
    """Are two names (with their NER types) the same entity, with no other context?"""
    return refs_same(name_ref(name_a, type_a), name_ref(name_b, type_b), word_ratio=word_ratio)


# ---------------------------------------------------------------------------------------------
# Blocking keys: what the alias table is searched by.

def block_keys(ref: NameRef) -> set[str]:
    """Keys under which a canonical entity with this alias is found: "FL:" first|last word
    skeletons (full names), "L:" last-word skeleton (family names alone), "K:" the
    whole-name skeleton (organisations, places), "W:" each word (search filters)."""
    words = ref.words
    out = {f"W:{w}" for w in words}
    if not words:
        return out
    sk = [skeleton(tnorm(w)) for w in words]
    out.add(f"K:{ref.type}:{' '.join(sk)}")
    if ref.type == "PER":
        out.add(f"L:{sk[-1]}")
        if len(words) >= 2:
            out.add(f"FL:{sk[0]}|{sk[-1]}")
    return out


def lookup_keys(ref: NameRef) -> set[str]:
    """Keys to look a name up by (the subset of block_keys that finds its matches)."""
    words = ref.words
    if not words:
        return set()
    sk = [skeleton(tnorm(w)) for w in words]
    out = {f"K:{ref.type}:{' '.join(sk)}"}
    if ref.type == "PER":
        if len(words) == 1:
            out.add(f"L:{sk[0]}")
        else:
            out.add(f"FL:{sk[0]}|{sk[-1]}")
            if words[0] in CONNECTORS:
                out.add(f"L:{sk[-1]}")
    return out


# ---------------------------------------------------------------------------------------------
# The resolver: canonical entities in the database.

MAX_CANDIDATES = 500        # canonical entities read per name look-up


def _first(ids: set[int]) -> set[int]:
    """The MAX_CANDIDATES lowest ids: a stable cap on what one look-up reads."""
    return ids if len(ids) <= MAX_CANDIDATES else set(sorted(ids)[:MAX_CANDIDATES])


@dataclass
class _Prefetch:
    """What the database held, when an article's resolution began, under its names' keys;
    kept up to date with what the resolution itself writes."""
    refs: set[str]
    aliases: set[str]
    blocks: set[str] = field(default_factory=set)
    by_ref: dict[str, int] = field(default_factory=dict)
    by_alias: dict[str, set[int]] = field(default_factory=dict)
    by_block: dict[str, set[int]] = field(default_factory=dict)

    def add(self, cid: int, alias_keys: Iterable[str], blocks: Iterable[str]) -> None:
        for key in alias_keys:
            if key in self.aliases:
                self.by_alias.setdefault(key, set()).add(cid)
        for block in blocks:
            if block in self.blocks:
                self.by_block.setdefault(block, set()).add(cid)

    def forget(self, source: int, target: int) -> None:
        """merge_canonical(source → target) moved everything of source to target."""
        for table in (self.by_alias, self.by_block):
            for ids in table.values():
                if source in ids:
                    ids.discard(source)
                    ids.add(target)
        for ref, cid in list(self.by_ref.items()):
            if cid == source:
                self.by_ref[ref] = target


@dataclass
class Canonical:
    id: int
    type: str
    key: str
    ref: str | None
    articles: int
    ambiguous: bool
    aliases: set[str] = field(default_factory=set)


class Resolver:
    """Links entities to canonical entities inside the caller's write transaction.

    `tables` is rasad.store.schema (canonical_entities, entity_aliases, entity_blocks,
    entity_links); `latin` renders a canonical name in Latin letters."""

    def __init__(self, conn: sa.Connection, tables, latin=None):
        self.conn = conn
        self.T = tables
        self.latin = latin
        self._cache: dict[int, Canonical] = {}
        self._counts: dict[int, tuple[int, int]] = {}          # pending: articles, mentions
        self._alias_counts: dict[tuple[int, str], int] = {}
        self._pre: _Prefetch | None = None                     # while one article resolves

    # -- reading candidates

    def _load(self, ids: Iterable[int]) -> list[Canonical]:
        ids = sorted(set(ids))
        missing = [i for i in ids if i not in self._cache]
        if missing:
            ce, al = self.T.canonical_entities, self.T.entity_aliases
            for r in self.conn.execute(sa.select(ce.c.id, ce.c.type, ce.c.key, ce.c.ref,
                                                 ce.c.articles, ce.c.ambiguous)
                                       .where(ce.c.id.in_(missing))):
                pending = self._counts.get(r.id, (0, 0))[0]
                self._cache[r.id] = Canonical(r.id, r.type, r.key, r.ref,
                                              (r.articles or 0) + pending, bool(r.ambiguous))
            for cid, key in self.conn.execute(sa.select(al.c.canonical_id, al.c.alias_key)
                                              .where(al.c.canonical_id.in_(missing))):
                if cid in self._cache:
                    self._cache[cid].aliases.add(key)
        return [self._cache[i] for i in ids if i in self._cache]

    def _prefetch(self, refs: Iterable[NameRef]) -> None:
        """Read the candidates of all of an article's names at once: one query per table
        instead of several per name (what made the knowledge base the slow part of ingest)."""
        refs = list(refs)
        ce, al, bl = self.T.canonical_entities, self.T.entity_aliases, self.T.entity_blocks
        pre = _Prefetch(refs={r.ref for r in refs if r.ref},
                        aliases={r.key for r in refs if not r.ref and r.words})
        for r in refs:
            if not r.ref:
                pre.blocks |= lookup_keys(r)
                if r.type == "PER" and len(r.words) >= 2:      # what _absorb_bare reads
                    pre.blocks.add(f"L:{skeleton(tnorm(r.words[-1]))}")
        if pre.refs:
            for cid, ref in self.conn.execute(sa.select(ce.c.id, ce.c.ref)
                                              .where(ce.c.ref.in_(pre.refs))):
                pre.by_ref[ref] = cid
        if pre.aliases:
            for key, cid in self.conn.execute(sa.select(al.c.alias_key, al.c.canonical_id)
                                              .where(al.c.alias_key.in_(pre.aliases))):
                pre.by_alias.setdefault(key, set()).add(cid)
        if pre.blocks:
            for block, cid in self.conn.execute(sa.select(bl.c.block, bl.c.canonical_id)
                                                .where(bl.c.block.in_(pre.blocks))):
                pre.by_block.setdefault(block, set()).add(cid)
        self._pre = pre
        wanted = set(pre.by_ref.values())
        for ids in pre.by_alias.values():
            wanted |= _first(ids)
        for r in refs:
            if not r.ref:
                wanted |= _first(set().union(*(pre.by_block.get(k, ()) for k in lookup_keys(r))))
        self._load(wanted)

    def _block_ids(self, keys: set[str]) -> set[int]:
        """Canonical ids filed under any of the blocking keys (at most MAX_CANDIDATES)."""
        if not keys:
            return set()
        if self._pre is not None and keys <= self._pre.blocks:
            return _first(set().union(*(self._pre.by_block.get(k, ()) for k in keys)))
        bl = self.T.entity_blocks
        return set(self.conn.scalars(sa.select(bl.c.canonical_id).where(bl.c.block.in_(keys))
                                     .distinct().order_by(bl.c.canonical_id)
                                     .limit(MAX_CANDIDATES)))

    def _by_ref(self, ref: str) -> Canonical | None:
        if self._pre is not None and ref in self._pre.refs:
            cid = self._pre.by_ref.get(ref)
        else:
            ce = self.T.canonical_entities
            cid = self.conn.execute(sa.select(ce.c.id).where(ce.c.ref == ref)).scalar()
        found = self._load([cid]) if cid is not None else []
        return found[0] if found else None

    def _by_alias(self, ref: NameRef) -> list[Canonical]:
        # by the alias index alone; the type is checked on the loaded rows
        if self._pre is not None and ref.key in self._pre.aliases:
            ids = _first(self._pre.by_alias.get(ref.key, set()))
        else:
            al = self.T.entity_aliases
            ids = self.conn.scalars(sa.select(al.c.canonical_id).where(al.c.alias_key == ref.key)
                                    .order_by(al.c.canonical_id).limit(MAX_CANDIDATES)).all()
        return [c for c in self._load(ids) if c.type == ref.type]

    def _by_blocks(self, ref: NameRef) -> list[Canonical]:
        ids = self._block_ids(lookup_keys(ref))
        return [c for c in self._load(ids) if c.type == ref.type]

    @staticmethod
    def _matches(ref: NameRef, cand: Canonical) -> bool:
        for alias in {cand.key, *cand.aliases}:
            other = NameRef(cand.type, tuple(alias.split()))
            if refs_same(ref, other):
                return True
        return False

    def _context_support(self, cands: list[Canonical], context: set[int]) -> dict[int, int]:
        """Articles in which each candidate co-occurs with the article's other entities."""
        if not context:
            return {}
        el = self.T.entity_links
        other = el.alias("other")
        stmt = (sa.select(el.c.canonical_id, sa.func.count(sa.distinct(el.c.article_id)))
                .join(other, other.c.article_id == el.c.article_id)
                .where(el.c.canonical_id.in_([c.id for c in cands]),
                       other.c.canonical_id.in_(list(context)))
                .group_by(el.c.canonical_id))
        return {cid: n for cid, n in self.conn.execute(stmt)}

    def _choose(self, cands: list[Canonical], context: set[int]) -> Canonical | None:
        """The candidate that dominates: by context, else by frequency; None when unsure."""
        if len(cands) == 1:
            return cands[0]
        support = self._context_support(cands, context)
        ranked = sorted(cands, key=lambda c: (-support.get(c.id, 0), -c.articles, c.id))
        best, second = ranked[0], ranked[1]
        s1, s2 = support.get(best.id, 0), support.get(second.id, 0)
        if s1 > 0 and s1 >= DOMINANCE * s2 and s1 > s2:
            return best
        if s1 == 0:
            ranked = sorted(cands, key=lambda c: (-c.articles, c.id))
            best, second = ranked[0], ranked[1]
            if best.articles >= PRIOR_MIN_ARTICLES and \
                    best.articles >= PRIOR_DOMINANCE * max(second.articles, 1):
                return best
        return None

    # -- resolving one article

    def resolve(self, article_id: str, entities: list[dict]) -> dict[str, int]:
        """{local entity id: canonical id} for the entities of one new article, with the
        alias table, blocking keys, counts and links updated."""
        links: dict[str, int] = {}
        refs = {}
        for ent in entities:
            refs[ent["id"]] = name_ref(ent.get("name") or "", ent.get("type") or "MISC",
                                       ent.get("demonym_of"), ent.get("geonameid"),
                                       ent.get("iso2"))
        # places and known organisations first, then full names, then single words: the
        # context of a bare family name is what the article's other names resolved to
        order = sorted(entities, key=lambda e: (refs[e["id"]].ref is None,
                                                len(refs[e["id"]].words) < 2,
                                                -len(refs[e["id"]].words)))
        for ent in order:
            ref = refs[ent["id"]]
            if not ref.words:
                refs[ent["id"]] = NameRef(ref.type, (fold_key(ent.get("name") or "") or "?",),
                                          ref.ref)
        self._prefetch(refs.values())
        try:
            for ent in order:
                ref = refs[ent["id"]]
                canon = self._resolve_one(ref, set(links.values()))
                if canon is None:
                    canon = self._create(ref, ent)
                links[ent["id"]] = canon.id
                self._remember(canon, ref, ent)
        finally:
            self._pre = None
        self._link(article_id, entities, links)
        return links

    def _resolve_one(self, ref: NameRef, context: set[int]) -> Canonical | None:
        if ref.ref:
            return self._by_ref(ref.ref)
        exact = [c for c in self._by_alias(ref) if not c.ref]
        full = [c for c in exact if not c.ambiguous]
        if len(ref.words) >= 2 and full:
            return self._choose(full, context) or full[0]
        cands = {c.id: c for c in full}
        for c in self._by_blocks(ref):
            if not c.ambiguous and not c.ref and c.id not in cands and self._matches(ref, c):
                cands[c.id] = c
        if cands:
            chosen = self._choose(list(cands.values()), context)
            if chosen is not None:
                return chosen
            if len(ref.words) >= 2:           # several full names match: the closest one
                return max(cands.values(), key=lambda c: (ratio(ref.key, c.key), c.articles))
        bare = [c for c in exact if c.ambiguous]
        if bare:
            return bare[0]
        if cands:                             # ambiguous family name: its own entity
            return self._create_bare(ref)
        return None

    # -- writing

    def _create(self, ref: NameRef, ent: dict, ambiguous: bool = False) -> Canonical:
        ce = self.T.canonical_entities
        name = ent.get("name") or ref.key
        row = place = None
        if ref.ref and ref.ref.startswith("geo:"):
            row = place_of(name) if not ent.get("demonym_of") else place_of(ent["demonym_of"])
            if row is None and ent.get("iso2"):
                row = country(ent["iso2"])
            if row is None or f"geo:{row['geonameid']}" != ref.ref:
                row = next((r for r in _lexicons()[3].values()
                            if f"geo:{r['geonameid']}" == ref.ref), None)
            place = row
            if row and identity_words(row["name"], "LOC") != identity_words(name, "LOC"):
                name = row["name"]          # the gazetteer's name, unless only folding differs
        elif ref.ref and ref.ref.startswith("org:"):
            name = known_org(name) or name
        elif ref.type == "PER":
            name = display_name(name)
        latin = None
        if self.latin is not None:
            latin = self.latin(name, ref.type, place)
        values = {"type": ref.type, "name": name, "key": ref.key, "ref": ref.ref,
                  "latin": latin, "iso2": (place or {}).get("iso2") or ent.get("iso2") or None,
                  "geonameid": int(place["geonameid"]) if place and place.get("geonameid")
                  else None, "kind": (place or {}).get("kind") or None,
                  "ambiguous": ambiguous, "articles": 0, "mentions": 0,
                  "created_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}
        cid = self.conn.execute(sa.insert(ce).values(**values)).inserted_primary_key[0]
        if self._pre is not None and ref.ref:
            self._pre.by_ref.setdefault(ref.ref, cid)
        words = {w for w in re.findall(r"[a-z0-9]+", (latin or "").lower())} - {
            w for w in ref.words}
        if words:                              # found by its Latin name too
            self.conn.execute(sa.insert(self.T.entity_blocks),
                              [{"block": f"W:{w}", "canonical_id": cid} for w in sorted(words)])
        canon = Canonical(cid, ref.type, ref.key, ref.ref, 0, ambiguous)
        self._cache[cid] = canon
        if ref.type == "PER" and len(ref.words) >= 2 and not ambiguous:
            self._absorb_bare(canon, ref)
        return self._cache.get(cid) or self._load([cid])[0]

    def _create_bare(self, ref: NameRef) -> Canonical:
        return self._create(ref, {"name": ref.key}, ambiguous=True)

    def _absorb_bare(self, canon: Canonical, ref: NameRef) -> None:
        """A family name seen alone before any full name (ترامب) joins the first full name
        that ends with it (دونالد ترامب), unless another full name shares it."""
        ids = self._block_ids({f"L:{skeleton(tnorm(ref.words[-1]))}"})
        others = [c for c in self._load(ids) if c.id != canon.id and c.type == "PER"]
        bare = [c for c in others if len(c.key.split()) == 1 and not c.ambiguous
                and refs_same(NameRef("PER", (c.key,)), ref)]
        full = [c for c in others if len(c.key.split()) >= 2]
        if len(bare) == 1 and not full:
            self.flush()                       # the merge reads the counts
            merge_canonical(self.conn, self.T, bare[0].id, canon.id)
            if self._pre is not None:          # the merge moved aliases and blocks
                self._pre.forget(bare[0].id, canon.id)
            self._cache.pop(bare[0].id, None)
            self._cache.pop(canon.id, None)
            self._load([canon.id])

    def _remember(self, canon: Canonical, ref: NameRef, ent: dict) -> None:
        """Add the entity's name and aliases to the canonical's alias table and blocks."""
        forms = [ent.get("name") or ""] + list(ent.get("aliases") or [])
        new_aliases: dict[str, str] = {}
        for form in forms:
            if not form.strip():
                continue
            r = name_ref(form, ref.type) if not ref.ref else NameRef(ref.type, identity_words(
                form, ref.type), ref.ref)
            if not r.words or r.ref and r.ref != ref.ref:
                continue
            if ref.type == "PER" and len(r.words) == 1 and len(ref.words) >= 2 and \
                    not person_same(NameRef("PER", r.words), ref):
                continue                     # a title or a stray word, not a name of it
            new_aliases.setdefault(r.key, " ".join(form.split()))
        if canon.key and canon.key not in new_aliases and canon.key not in canon.aliases:
            new_aliases[canon.key] = ent.get("name") or canon.key
        fresh = {k: v for k, v in new_aliases.items() if k not in canon.aliases}
        if fresh:
            insert_ignore(self.conn, self.T.entity_aliases, [
                {"canonical_id": canon.id, "alias_key": k, "alias": v, "count": 0}
                for k, v in fresh.items()])
            blocks: set[str] = set()
            for k in fresh:
                blocks |= block_keys(NameRef(ref.type, tuple(k.split())))
            insert_ignore(self.conn, self.T.entity_blocks,
                          [{"block": b, "canonical_id": canon.id} for b in sorted(blocks)])
            canon.aliases |= set(fresh)
            if self._pre is not None:
                self._pre.add(canon.id, fresh, blocks)
        for k in new_aliases:
            self._alias_counts[(canon.id, k)] = self._alias_counts.get((canon.id, k), 0) + 1

    def _link(self, article_id: str, entities: list[dict], links: dict[str, int]) -> None:
        if not links:
            return
        self.conn.execute(sa.insert(self.T.entity_links), [
            {"article_id": article_id, "local_id": lid, "canonical_id": cid}
            for lid, cid in links.items()])
        mentions: dict[int, int] = {}
        for ent in entities:
            cid = links.get(ent["id"])
            if cid is not None:
                mentions[cid] = mentions.get(cid, 0) + max(1, len(ent.get("mentions") or []))
        for cid, n in mentions.items():
            a, m = self._counts.get(cid, (0, 0))
            self._counts[cid] = (a + 1, m + n)
            if cid in self._cache:
                self._cache[cid].articles += 1

    def flush(self) -> None:
        """Write the counts gathered since the last flush (one statement per table)."""
        ce, al = self.T.canonical_entities, self.T.entity_aliases
        if self._counts:
            self.conn.execute(
                sa.update(ce).where(ce.c.id == sa.bindparam("cid"))
                .values(articles=ce.c.articles + sa.bindparam("da"),
                        mentions=ce.c.mentions + sa.bindparam("dm")),
                [{"cid": c, "da": a, "dm": m} for c, (a, m) in self._counts.items()])
            self._counts = {}
        if self._alias_counts:
            self.conn.execute(
                sa.update(al).where(al.c.canonical_id == sa.bindparam("cid"),
                                    al.c.alias_key == sa.bindparam("k"))
                .values(count=al.c.count + sa.bindparam("n")),
                [{"cid": c, "k": k, "n": n} for (c, k), n in self._alias_counts.items()])
            self._alias_counts = {}


def insert_ignore(conn: sa.Connection, table: sa.Table, rows: list[dict]) -> None:
    """Insert rows, skipping those whose primary key is already there (SQLite, PostgreSQL)."""
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    conn.execute(insert(table).on_conflict_do_nothing(), rows)


def display_name(name: str) -> str:
    """A person's name for display: leading titles dropped, spacing tidied."""
    words = name.split()
    folded = [fold_key(w) for w in words]
    kept = _strip_titles(folded, "PER")
    return " ".join(words[len(words) - len(kept):]) if kept else name


def merge_canonical(conn: sa.Connection, T, source_id: int, target_id: int) -> None:
    """Fold canonical entity `source_id` into `target_id`: links, aliases, blocks, event
    keys and counts move; the source row is deleted."""
    if source_id == target_id:
        return
    ce, al, bl, el = T.canonical_entities, T.entity_aliases, T.entity_blocks, T.entity_links
    have = set(conn.scalars(sa.select(al.c.alias_key).where(al.c.canonical_id == target_id)))
    for key, alias, count in conn.execute(sa.select(al.c.alias_key, al.c.alias, al.c.count)
                                          .where(al.c.canonical_id == source_id)).all():
        if key in have:
            conn.execute(sa.update(al).where(al.c.canonical_id == target_id,
                                             al.c.alias_key == key)
                         .values(count=al.c.count + count))
        else:
            conn.execute(sa.insert(al).values(canonical_id=target_id, alias_key=key,
                                              alias=alias, count=count))
    conn.execute(sa.delete(al).where(al.c.canonical_id == source_id))
    blocks = set(conn.scalars(sa.select(bl.c.block).where(bl.c.canonical_id == target_id)))
    moved = [b for b in conn.scalars(sa.select(bl.c.block).where(bl.c.canonical_id == source_id))
             if b not in blocks]
    conn.execute(sa.delete(bl).where(bl.c.canonical_id == source_id))
    if moved:
        conn.execute(sa.insert(bl), [{"block": b, "canonical_id": target_id} for b in moved])
    conn.execute(sa.update(el).where(el.c.canonical_id == source_id).values(canonical_id=target_id))
    if hasattr(T, "event_cluster_keys"):
        k = T.event_cluster_keys
        rows = conn.execute(sa.select(k).where(k.c.canonical_id == source_id)).mappings().all()
        conn.execute(sa.delete(k).where(k.c.canonical_id == source_id))
        for r in rows:
            exists = conn.execute(sa.select(sa.func.count()).select_from(k).where(
                k.c.type == r["type"], k.c.canonical_id == target_id, k.c.date == r["date"],
                k.c.cluster_id == r["cluster_id"])).scalar()
            if not exists:
                conn.execute(sa.insert(k).values(**{**r, "canonical_id": target_id}))
    src = conn.execute(sa.select(ce.c.articles, ce.c.mentions).where(ce.c.id == source_id)).first()
    if src is not None:
        n = conn.execute(sa.select(sa.func.count(sa.distinct(el.c.article_id)))
                         .where(el.c.canonical_id == target_id)).scalar() or 0
        conn.execute(sa.update(ce).where(ce.c.id == target_id)
                     .values(articles=n, mentions=ce.c.mentions + (src.mentions or 0)))
        conn.execute(sa.delete(ce).where(ce.c.id == source_id))


