"""Arabic named-entity recognition: a CRF over cached per-word features, with offsets.

    from rasad.analyse.ner import tag
    for m in tag(text):            # Mention(start, end, label PER/ORG/LOC/MISC, attrs)
        print(m.label, text[m.start:m.end], m.attrs)

The model (rasad/resources/ner/, built by scripts/train_ner.py) is trained on ANERcorp
tokenisation: words with their proclitics attached, punctuation split. `tag(text)`
tokenises raw text the same way, tags it, and maps labels back to character spans of the
original text. Proclitics glued to a name (وبغداد، لمصر) are left out of the span; the
article ال stays in (الكويت). The split uses `proclitic_length`, a count-based rule over the
model's own corpus counts (like tokens.clitic_split, but independent of the optional
vocab resource, without which clitic_split would cut بغداد into ب + غداد). A title before a person (الرئيس، وزير الخارجية السعودي…) is
kept out of the name and put in `attrs["title"]` as a Span. A name ends before a word that
starts the verb's object ("استقبل الرئيس … عبد الكريم عمر الوفد": see `name_stops_at`).
Nationality adjectives (السوري، الأمريكية) become MISC mentions with `attrs["demonym_of"]`
and `attrs["iso2"]`.
"""
from __future__ import annotations

import re
import threading
from functools import lru_cache

from rasad.analyse.ner.demonyms import demonym_country
from rasad.analyse.ner.features import (Featurizer, load_clusters, load_entities, load_lexicon,
                                        load_phrases, stacked_extras)
from rasad.analyse.ner.titles import title_before
from rasad.model import Mention, Span
from rasad.normalize import fold

__all__ = ["tag", "tag_tokens", "tag_sentences", "demonym_country", "name_stops_at", "common_noun", "place_word",
           "person_word", "known_name"]

# Tokens as in ANERcorp: runs of letters/digits (harakat and tatweel are \w-joined marks),
# or single punctuation characters. Hashtag underscores split words (#محمد_بن_راشد).
# Harakat and Quranic marks are not \w, so they are named explicitly to stay inside words.
TOKEN_RE = re.compile(r"(?:[^\W_]|[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u200c\u200d])+"
                      r"|[^\w\s\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u200c\u200d]", re.UNICODE)
# Sentence breaks for tagging: the CRF was trained on sentences, and Viterbi is per chunk.
SENT_END = {".", "!", "?", "؟", "\n"}
MAX_CHUNK = 200          # tokens: run-on text is tagged in bounded windows
LABEL_MAP = {"PERS": "PER", "PER": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC"}

_lock = threading.Lock()
_state: dict = {}


def _word_resources() -> dict:
    """The model's word resources (clusters, corpus counts, lexicon flags, entity lists),
    loaded once; shared by the featurizer and the rules that look words up
    (`name_stops_at`), which do not need the CRF itself."""
    if "words" in _state:
        return _state["words"]
    with _lock:
        if "words" not in _state:
            clusters, counts = load_clusters()
            _state["words"] = {"clusters": clusters, "counts": counts, "lexicon": load_lexicon(),
                               "entities": load_entities()}
    return _state["words"]


def _load():
    """(FastTagger with the model's stages, featurizer), loaded once on first use."""
    if "featurizer" in _state:
        return _state["taggers"], _state["featurizer"]
    res = _word_resources()
    with _lock:
        if "featurizer" not in _state:
            import json
            from importlib import resources

            from rasad.analyse.ner.decoder import FastTagger
            pkg = resources.files("rasad.resources.ner")
            meta = json.loads(pkg.joinpath("model.json").read_text())
            options = set(meta["features"])
            featurizer = Featurizer(res["clusters"], res["counts"], res["lexicon"], load_phrases(),
                                    options, res["entities"] if "entgaz" in options else None)
            names = ("stage1.crfsuite", "stage2.crfsuite")[:meta.get("stages", 1)]
            with resources.as_file(pkg) as folder:
                taggers = FastTagger([str(folder / n) for n in names], featurizer)
            _state["taggers"] = taggers
            _state["featurizer"] = featurizer
    return _state["taggers"], _state["featurizer"]


def tag_sentences(sentences: list[list[str]]) -> list[list[str]]:
    """IOB2 labels for a stream of tokenised sentences in text order (one article, or a
    corpus read in order): the second stage looks at how the same word was labelled in
    nearby sentences, so names are tagged consistently across a document."""
    taggers, featurizer = _load()
    return tag_sentences_with(taggers, featurizer, sentences)


def tag_sentences_with(taggers, featurizer, sentences: list[list[str]]) -> list[list[str]]:
    """`tag_sentences` with a given FastTagger and Featurizer (training scores its models)."""
    # bounded pieces: run-on sentences are tagged in windows of MAX_CHUNK tokens
    pieces, owner = [], []
    for k, toks in enumerate(sentences):
        for a in range(0, len(toks), MAX_CHUNK):
            pieces.append(toks[a:a + MAX_CHUNK])
            owner.append(k)
    tfs = [[featurizer.type_features(t) for t in p] for p in pieces]
    extras = [featurizer.extras(tf) for tf in tfs]

    def extras_of(stage, previous):
        if stage == 0:
            return extras
        return stacked_extras([[t[6] for t in tf] for tf in tfs], previous)

    labels = taggers.tag(pieces, extras_of)
    out: list[list[str]] = [[] for _ in sentences]
    for k, lab in zip(owner, labels):
        out[k] += lab
    return out


def tag_tokens(tokens: list[str]) -> list[str]:
    """IOB2 labels (B-PER, I-LOC, …, O) for one sentence of ANERcorp-style tokens."""
    if not tokens:
        return []
    return tag_sentences([tokens])[0]


# ----------------------------------------------------------------------------- raw text
_NAME_PROCLITICS = ("وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك")
_HARAKA_RE = re.compile("[\u064b-\u065f\u0670\u0640]")


@lru_cache(maxsize=100_000)
def proclitic_length(token: str) -> int:
    """Characters of `token` taken by a proclitic (و ف ب ل ك and combinations) glued to a
    name, e.g. 1 for وبغداد, 2 for وبالكويت (→ الكويت), 2 for للكويت (→ كويت). The article
    ال is not a proclitic here. A split is made only when the remainder starts with ال or
    is more frequent in news than the whole word (so بغداد, لبنان, فرنسا stay whole)."""
    letters = [i for i, c in enumerate(token) if not _HARAKA_RE.match(c)]
    bare = fold("".join(token[i] for i in letters))
    if len(bare) != len(letters) or len(bare) < 3:
        return 0
    res = _word_resources()
    counts, lexicon = res["counts"], res["lexicon"]
    whole = counts.get(bare, 0)
    # a known name as a whole (وليد، كندا) keeps its first letter, unless ال follows
    known_name = any(f in "FPLCON" for f in lexicon.get(bare, ""))
    for p in _NAME_PROCLITICS:
        if not bare.startswith(p):
            continue
        rest = bare[len(p):]
        n = len(p)
        if p.endswith("ك") and not rest.startswith("ال"):
            continue         # "like" before a bare name is rare; كابل, كركوك, كندا are names
        if p.endswith("ل") and rest.startswith("ل") and len(rest) >= 3 and \
                counts.get("ا" + rest, 0) > whole:
            n += 1           # لل: the article's alef is elided; drop ل+ل, keep the stem
        elif rest.startswith("ال") and len(rest) >= 4:
            if whole >= 20 and counts.get(rest, 0) * 5 < whole:
                continue     # كاليفورنيا, فالنسيا, والتر: a name that starts like ك/ف/و + ال
        elif known_name:
            continue
        elif len(rest) >= 3 and (counts.get(rest, 0) >= 3 and counts.get(rest, 0) > 2 * whole
                                 or rest in lexicon and whole < 5):
            pass
        elif p == "و" and len(rest) == 2 and rest in lexicon and counts.get(rest, 0) > 5 * whole:
            pass     # the first word of a longer name: وتل أبيب, وبن علي, وأم درمان
        else:
            continue
        return letters[n] if n < len(letters) else 0
    return 0


# ----------------------------------------------------------------- where a name ends
# Arabic news often puts the verb first: verb, titled subject, object ("واستقبل الرئيس …
# عبد الكريم عمر الوفد"). The object is a common noun, and a name must stop before it.
# Evidence that a word is not part of a personal name comes from the model's resources:
# the title words (titles.py), the lexicon flags and the corpus counts. Family names often
# carry the article (الجبير، المقداد، الأسد، الحريري), so the article alone proves nothing:
# a definite noun is taken for a common noun only when it is frequent, its indefinite
# forms are frequent too (وفد، وفدا next to الوفد; جبير is rare next to الجبير), and
# nothing lists it, or it without the article, as a name.
_PERSON_FLAGS = frozenset("PFNQ")      # lexicon: person, first name, family name, person cue
_NAME_LINKS = frozenset(fold(w) for w in "بن ابن بنت ابو أبي ام عبد آل ذو".split())
_MIN_COUNT = 100         # corpus count of a definite noun (or an accusative's stem)
_MIN_INDEFINITE = 0.5    # indefinite forms at least this share of the definite one
_MIN_ACCUSATIVE = 0.005  # an accusative (وفدا) at least this share of its bare noun (وفد)


def _person_kind(kind: str) -> bool:
    """A person flag of the entity lists from labelled names (P of WikiFANE/AQMAR, aPER of
    the training set, nPER of NewsFANE), not from the silver lists (sPER), which come from
    the model's own guesses on unlabelled news and are too noisy to overrule the counts."""
    return kind == "P" or kind.endswith("PER") and not kind.startswith("s")


def _name_parts() -> dict[str, int]:
    """Word stem → how many multi-word person names of the entity lists have it after
    their first word (شيخ in خالد شيخ محمد, معلم in وليد معلم)."""
    parts = _state.get("name_parts")
    if parts is None:
        parts = {}
        for entries in _word_resources()["entities"].values():
            for words, kinds in entries:
                if len(words) > 1 and any(map(_person_kind, kinds)):
                    for w in words[1:]:
                        parts[w] = parts.get(w, 0) + 1
        _state["name_parts"] = parts
    return parts


def _person_evidence(words, strict: bool = False) -> bool:
    """One of the folded `words` is listed as a person's name or a part of one: lexicon
    flags P/F/N/Q, a one-word person entry of the entity lists, or a word inside a
    multi-word one. `strict`: names proper only (flags P/F/N, one-word entries), not the
    corpus cue flag Q nor words seen inside longer names (inside two of them at least)."""
    res = _word_resources()
    lexicon, entities = res["lexicon"], res["entities"]
    flags, parts = ("PFN", {}) if strict else (_PERSON_FLAGS, _name_parts())
    for w in words:
        # a word inside one listed name only may be noise of the lists ("قرار" in a silver name)
        if any(f in flags for f in lexicon.get(w, "")) or parts.get(w, 0) >= 2:
            return True
        for entry, kinds in entities.get(w, ()):
            if len(entry) == 1 and any(map(_person_kind, kinds)):
                return True
    return False


RARE_WORD = 300       # corpus count below which an unknown word may well be a name


@lru_cache(maxsize=100_000)
def person_word(word: str) -> bool:
    """Evidence that the folded `word` can be part of a personal name: a link (بن، عبد، أبو),
    a name or part of one in the lexicon or the entity lists, or a word rare in the news
    (most names are); not a frequent word nothing lists as a name (محادثات، مؤسس، التدخل)."""
    if word in _NAME_LINKS or _person_evidence([word]):
        return True
    if word.startswith("ال") and _person_evidence([word[2:]]):
        return True
    if _future_verb(word):
        return False     # سيزور: will visit, however rare its own form
    return _word_resources()["counts"].get(word, 0) < RARE_WORD


def place_word(word: str) -> bool:
    """The folded `word` is a place in the model's gazetteer lexicon (flag L or C)."""
    flags = _word_resources()["lexicon"].get(word, "")
    return "L" in flags or "C" in flags


@lru_cache(maxsize=100_000)
def known_name(word: str) -> bool:
    """The folded `word` (or it without ال) is a given or family name of the name lists:
    lexicon flags P/F/N (gazetteers, name lists) or a one-word person of the entity lists
    built from labelled corpora."""
    return _person_evidence((word, word[2:]) if word.startswith("ال") else (word,), strict=True)


@lru_cache(maxsize=100_000)
def common_noun(word: str) -> str | None:
    """Why the folded `word` cannot continue a personal name, or None when it may:
    "relation" (نظيره: his counterpart), "office" (رئيس، نائب: a title word without the
    article, the head of a construct), "definite" (الوفد: a frequent definite noun whose
    indefinite forms are frequent too), "accusative" (وفدا: the indefinite accusative of a
    frequent noun). Words the resources list as a person's name or part of one are None,
    and so are definite titles, which may be family names or epithets (الشاعر، بوش الأب),
    unless the counts make them common nouns like any other definite word."""
    from rasad.analyse.ner.titles import RELATION_WORDS, TITLE_WORDS
    if word in RELATION_WORDS:
        return "relation"
    if len(word) < 3:
        return None
    counts = _word_resources()["counts"]
    if word.startswith("ال"):
        stem = word[2:]
        n = counts.get(word, 0)
        # a nisba (-ي: العسكري، المصري) is an adjective, which starts no object, and the
        # commonest shape of a family name; a stem of two letters (السد، الاب) says little
        if n >= _MIN_COUNT and len(stem) >= 3 and not word.endswith("ي") \
                and counts.get(stem, 0) + counts.get(stem + "ا", 0) >= _MIN_INDEFINITE * n \
                and not _person_evidence([word, stem]):
            return "definite"
    elif word in TITLE_WORDS:
        # the name lists hold many offices as given names too (وزير، رئيس): only use
        # inside a known name counts against an office (شيخ in خالد شيخ محمد, قائد in
        # الباجي قائد السبسي)
        return None if word in _name_parts() else "office"
    elif word.endswith("ا") and len(word) >= 4:
        stem = word[:-1]
        n, m = counts.get(word, 0), counts.get(stem, 0)
        # the accusative is a fair share of a noun's uses, next to none of a particle's (بينا)
        if n >= 20 and m >= _MIN_COUNT and _MIN_ACCUSATIVE * m <= n <= m / 2 \
                and not _person_evidence([word, stem]):
            return "accusative"
    return None


def name_stops_at(name: list[str], word: str) -> bool:
    """Whether a personal name made of the folded words `name` ends before the folded
    `word` (the object of a verb, an office after the name) rather than running on into it.
    A relation word, an office or an accusative noun ends any name; a definite noun, which
    could still be a family name, only a name of two words or more (links such as عبد، بن
    not counted), so a lone given name keeps what follows it; nothing ends a name right
    after a link (عبد الرحمن، أبو الوفا)."""
    if not name or name[-1] in _NAME_LINKS:
        return False
    kind = common_noun(word)
    if kind is None:
        return False
    if kind == "definite":
        return sum(w not in _NAME_LINKS for w in name) >= 2
    return True


LONE_PROCLITICS = {"و", "ف", "ب", "ل", "ك", "لل", "وب", "ول", "وك", "فب", "فل"}
SPOKESMEN = {fold(w) for w in "المتحدث المتحدثة الناطق الناطقة متحدث متحدثة ناطق ناطقة".split()}
SPOKESMEN_OF = {fold(w) for w in "ناطقه ناطقها متحدثه متحدثها ناطقهم متحدثهم".split()}


def _future_verb(word: str) -> bool:
    """"سيقطع", "ستزور": a verb in the future (س + a frequent present tense)."""
    if word[:2] not in ("سي", "ست", "سن") or len(word) < 5:
        return False
    counts = _word_resources()["counts"]
    present = counts.get(word[1:], 0)
    return present >= 30 and present > counts.get(word, 0)


def _glued_place(token: str) -> bool:
    """A place or a definite noun behind a glued ب/ل ("ببروكسيل": in Brussels), which no
    name runs on into; a name word that merely starts with those letters (برودي) is none."""
    n = proclitic_length(token)
    if not n or fold(token)[:1] not in ("ب", "ل"):
        return False
    rest = fold(token[n:])
    return rest.startswith("ال") or place_word(rest)


def _name_end(toks, a: int, b: int) -> int:
    """End token of a person span [a, b) cut before the first word that cannot continue
    the name (see `name_stops_at`) or that is a place behind a glued preposition
    ("ستولتنبرغ ببروكسيل": in Brussels)."""
    name = [fold(toks[a][2])]
    for i in range(a + 1, b):
        w = fold(toks[i][2])
        if name_stops_at(name, w) or _glued_place(toks[i][2]) or _future_verb(w):
            return i
        name.append(w)
    return b


def _tokens(text: str) -> list[tuple[int, int, str]]:
    # a hashtag's # is not a word: "دونالد #ترمب" is read as the name it spells
    return [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text) if m.group() != "#"]


def _given_name(word: str) -> bool:
    """A listed name, or a word too rare in the news to be a common one."""
    return known_name(word) or _word_resources()["counts"].get(word, 0) < 50


def _after_spokesman(words: list[str], i: int) -> bool:
    """words[i] follows a spokesman's title, its qualifiers aside ("المتحدث الرسمي السابق")."""
    from rasad.analyse.ner.titles import QUALIFIERS
    j = i - 1
    while j > 0 and (words[j] in QUALIFIERS or words[j] in ("الرسمي", "الرسميه")):
        j -= 1
    return j >= 0 and words[j] in SPOKESMEN


def _is_initial(word: str) -> bool:
    """A lone Arabic letter, as in the abbreviation "د." (Dr.): its period ends no sentence."""
    return len(word) == 1 and "\u0621" <= word <= "\u064a"


def _chunks(text: str, toks: list[tuple[int, int, str]]):
    """Token index ranges of sentences: split after . ! ? ؟ and at line breaks, and cut
    run-ons every MAX_CHUNK tokens so tagging stays linear."""
    a, prev_end = 0, 0
    for i, (s, e, w) in enumerate(toks):
        if i > a and (s - prev_end > 0 and "\n" in text[prev_end:s] or i - a >= MAX_CHUNK):
            yield a, i
            a = i
        if w in SENT_END and not (w == "." and i > a and _is_initial(toks[i - 1][2])):
            yield a, i + 1
            a = i + 1
        prev_end = e
    if a < len(toks):
        yield a, len(toks)


def _strip_title(words: list[str], toks, a: int, b: int, text: str):
    """(new start token, title Span or None) for a person span [a, b)."""
    # titles the model put inside the name ("الشيخ زايد"): move them out, keep ≥1 word
    lead = a
    while lead < b - 1:
        got = None
        for n in range(min(b - 1 - lead, 4), 0, -1):
            from rasad.analyse.ner.titles import TITLES
            if tuple(words[lead:lead + n]) in TITLES:
                got = n
                break
        if got == 1 and not words[lead].startswith("ال") and words[lead] in _name_parts():
            break   # قايد in "الباجي قايد السبسي": an office word inside a known name
        if not got:
            break
        lead += got
    lo = max(0, a - 8)
    window = words[lo:lead]
    first = title_before(window, len(window), _is_demonym_folded)
    if first is None and len(window) >= 2 and window[-1].startswith("وال"):
        # "وزير الخارجية والمغتربين": an office of two fields joined by و
        first = title_before(window, len(window) - 1, _is_demonym_folded)
    if first is None and lead == a:
        # an office of an organisation: "الرئيس المشترك لمجلس سوريا الديمقراطية X"
        for j in range(len(window) - 1, max(len(window) - 5, 0), -1):
            if window[j].startswith("ل") and len(window[j]) > 2:
                first = title_before(window, j, _is_demonym_folded)
                if first is not None:
                    break
    title_end = lead
    if first is None and lead == a and len(window) >= 2 and window[-1] in ("،", ","):
        # "رئيس الوزراء اللبناني، سعد الحريري": the title set off by a comma
        first = title_before(window, len(window) - 1, _is_demonym_folded)
        title_end = lead - 1
    if first is None and lead == a:
        return a, None
    t_start = lo + first if first is not None else a
    s0 = toks[t_start][0] + proclitic_length(toks[t_start][2])
    title = Span(s0, toks[title_end - 1][1], "TITLE")
    return lead, title


def _is_demonym_folded(w: str) -> bool:
    return demonym_country(w) is not None


@lru_cache(maxsize=200_000)
def _title_form(token: str) -> str:
    """Folded token with a glued و/ف/ب/ل stripped when the rest is a title word."""
    from rasad.analyse.ner.titles import TITLE_WORDS
    f = fold(token)
    if f in TITLE_WORDS:
        return f
    for p in ("و", "ف", "ب", "ل", "وب", "ول", "فل"):
        if f.startswith(p) and f[len(p):] in TITLE_WORDS:
            return f[len(p):]
    if f.startswith("لل") and "ا" + f[1:] in TITLE_WORDS:
        return "ا" + f[1:]
    return f


def tag(text: str) -> list[Mention]:
    """Named entities of raw Arabic text as Mentions over `text` (label PER/ORG/LOC/MISC).

    attrs: how="model"; title=Span for a person's office/honorific; demonym_of and iso2
    for nationality adjectives (label MISC)."""
    if not isinstance(text, str):
        from rasad.errors import InputError
        raise InputError("ner", f"text must be str, not {type(text).__name__}")
    toks = _tokens(text)
    if not toks:
        return []
    words_raw = [w for _, _, w in toks]
    labels: list[str] = []
    for lab in tag_sentences([words_raw[a:b] for a, b in _chunks(text, toks)]):
        labels += lab
    from rasad.analyse.ner.scoring import iob_spans
    spans = iob_spans(labels)
    words = None
    out: list[Mention] = []
    inside = [False] * len(toks)
    for a, b, kind in spans:
        if inside[a]:
            continue        # taken into the name before it across a hyphen ("كيم جونغ-أون")
        label = LABEL_MAP.get(kind, "MISC")
        attrs: dict = {"how": "model"}
        while b - a >= 2 and fold(toks[a][2]) in LONE_PROCLITICS:
            a += 1          # "لـ CNN": a proclitic written apart before a Latin name
        if label == "PER":
            if words is None:
                words = [_title_form(w) for _, _, w in toks]
            if b - a >= 2 and a > 0 and words[a] == "باسم" and _after_spokesman(words, a):
                a += 1      # "المتحدث (السابق) باسم غوتيريش": on behalf of, not the name Bassem
            if b - a >= 2 and fold(toks[a][2]) == "لسان":
                a += 1      # "على لسان ناطقه X": in the words of its spokesman X
            while b - a >= 2 and fold(toks[a][2]) in SPOKESMEN_OF:
                a += 1      # "ناطقه"، "متحدثها": its spokesman, a title
            if b - a >= 3 and fold(toks[a + 1][2]) in ("بن", "ابن") \
                    and not _given_name(fold(toks[a][2][proclitic_length(toks[a][2]):])):
                a += 1      # "قرر هادي إعفاء بن دغر": a common word before بن is no given name
            if b - a >= 3 and fold(toks[a][2]).startswith("وال") and common_noun(fold(toks[a][2])[1:]) == "definite":
                a += 1      # "وزير التجارة [والصناعة] توفيق الربيعة": the office's second field
            a2, title = _strip_title(words, toks, a, b, text)
            if title is not None:
                attrs["title"] = title
            a = a2
            # a name ends before the object after it; the words cut off belong to no
            # mention (الروسي of "نظيره الروسي" may still be a demonym)
            cut = _name_end(toks, a, b)
            labels[cut:b] = ["O"] * (b - cut)
            b = cut
        while label == "PER" and b + 1 < len(toks) and toks[b][2] == "-" and toks[b][0] == toks[b - 1][1] \
                and toks[b + 1][0] == toks[b][1] and toks[b + 1][2][:1].isalpha():
            b += 2          # "كيم جون-أون", "جان-إيف": a hyphen inside a name
        start = toks[a][0] + proclitic_length(toks[a][2])
        end = toks[b - 1][1]
        if start >= end:
            continue
        for i in range(a, b):
            inside[i] = True
        out.append(Mention(start, end, label, attrs))
    for i, (s, e, w) in enumerate(toks):
        if inside[i] or e - s < 4 or labels[i] != "O":
            continue
        hit = demonym_country(w)
        if hit:
            s2 = s + proclitic_length(w)
            if s2 < e:
                out.append(Mention(s2, e, "MISC", {"how": "demonym", "demonym_of": hit[0],
                                                   "iso2": hit[1]}))
    out.sort(key=lambda m: m.start)
    return out
