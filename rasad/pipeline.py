"""The extraction pipeline: read → clean → analyse → events and quotes → resolve.

Each stage takes the `Article` and adds one layer; none reaches into another's internals.
`extract()` is the public entry point that the CLI, the store, the API and the batch jobs call.
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from rasad.errors import InputError, ModelError
from rasad.model import Article, Document, Span
from rasad.normalize import fold, fold_key

MAX_TEXT_CHARS = 2_000_000
SURROGATE = re.compile("[\ud800-\udfff]")   # past this an article is not news: refuse it instead of crawling


def read(source: str | Path | bytes, *, origin: str | None = None, field_map: dict | None = None
         ) -> Iterator[Document | InputError]:
    """Documents from a path or raw bytes (see `rasad.sources`)."""
    from rasad import sources
    if isinstance(source, bytes):
        return sources.read_bytes(source, origin or "<bytes>", field_map=field_map)
    return sources.read_path(str(source), field_map=field_map)


def analyse(doc: Document) -> Article:
    """Run every stage on one document."""
    if len(doc.text) > MAX_TEXT_CHARS:
        raise InputError(doc.origin or "<text>", f"text has {len(doc.text):,} characters, over the "
                                                 f"{MAX_TEXT_CHARS:,} an article may have")
    # lone surrogates (escaped in JSON, undecodable file names) are not text: one replacement
    # character each, so offsets stay those of the input and every field encodes as UTF-8
    for name in ("text", "title", "url", "source", "origin"):
        value = getattr(doc, name)
        if isinstance(value, str) and SURROGATE.search(value):
            setattr(doc, name, SURROGATE.sub("\ufffd", value))
    article = Article.from_document(doc)
    for stage in STAGES:
        stage(article)
    return article


def stage_clean(article: Article) -> None:
    from rasad.clean.boilerplate import find_boilerplate
    article.removed = find_boilerplate(article)


def stage_tokens(article: Article) -> None:
    """Sentences now; tokens (clitics split) when first asked for (`Article.tokens`)."""
    from rasad.analyse.tokens import sentences
    article.sentences = sentences(article.text)


def stage_dates(article: Article) -> None:
    from rasad.analyse import dates
    article.dates = dates.find_dates(article.text)
    if article.published is None:
        skip = [(r.start, r.end) for r in article.removed]
        # years of dates in removed blocks (related headlines) hint at the article's year;
        # years in the body are often history ("منذ العام 2019") and are not used
        years = sorted({d.attrs["year"] for d in article.dates if d.attrs.get("year")
                        and any(a <= d.start < b for a, b in skip)})
        when, how, _ = dates.publication_date(article.text, article.dates, fetched=article.fetched,
                                              skip=skip, near_years=years or None)
        if when is not None:
            article.published, article.published_how = when, how
    if article.published is None and article.fetched is not None:
        # nothing better: the crawl date bounds the publication date from above
        article.published, article.published_how = article.fetched.date(), "fetched"


def stage_names(article: Article) -> None:
    # (a name inside a date is a month: "أبريل (نيسان) الماضي" is no car maker)
    article.mentions = [m for m in names_in(article.text) if not article.is_removed(m.start)
                        and not any(d.start <= m.start and m.end <= d.end for d in article.dates)]
    if article.title and len(article.title) <= MAX_TITLE:
        article.title_mentions = names_in(article.title)


MAX_TITLE = 500      # characters: a longer "title" is no headline, and is not analysed


def names_in(text: str) -> list:
    """The mentions of a text: the trained recogniser's, mended, merged with the gazetteer
    and pattern names, coordinated people added."""
    from rasad.analyse.names import coordinated_people, find_names
    mentions = find_names(text)
    try:
        from rasad.analyse import ner
        model_mentions = ner.tag(text)
    except ImportError:
        model_mentions = []
    tidy = _complete_name_links(text, [m for m in (_tidy(text, m) for m in model_mentions) if m])
    merged = _merge_mentions(mentions, _join_facilities(text, tidy), text)
    merged = sorted(merged + coordinated_people(text, merged), key=lambda m: m.start)
    _titles_of_works(text, merged)
    merged = _names_in_marks(text, merged)
    for m in merged:
        _trim_blessing(text, m)
    return [m for m in merged if not _praise(text, m)
            and not (m.label == "PER" and fold(text[m.start:m.end]) in KINSHIP)]     # ("نجل" alone)


def _complete_name_links(text: str, mentions: list) -> list:
    """A person's name does not end at بن/أبو/عبد/آل: "أشرف بن شرقي" takes the next word, and a
    name the recogniser read apart ("سلمان بن عبدالعزيز آل" + "سعود") is joined."""
    out = []
    for m in mentions:
        if out and out[-1].label == "PER" and out[-1].attrs.get("linked") and m.start < out[-1].end:
            continue        # the word taken in was read as a name of its own
        last = re.findall(r"\S+", text[m.start:m.end])[-1:]
        if m.label == "PER" and last and fold(last[0]) in NAME_LINK_WORDS:
            nxt = re.match(r"[ \t]+([\u0621-\u064a\u064b-\u0652]{2,})", text[m.end:m.end + 30])
            if nxt:
                m.end += nxt.end(1)
                m.attrs["linked"] = True
        out.append(m)
    for m in out:
        m.attrs.pop("linked", None)
    return out


def _trim_blessing(text: str, m) -> None:
    """"محمد بن سلمان أيدهم الله": a blessing after a person's name is no part of it."""
    from rasad.analyse import lexicon as lx
    words = list(re.finditer(r"\S+", text[m.start:m.end]))
    if m.label == "PER" and len(words) > 2 and fold(words[-1].group()) == "الله" \
            and _invocation(fold(words[-2].group()).removeprefix("و"), lx.INVOCATION_VERBS):
        m.end = m.start + words[-3].end()


def _invocation(word: str, verbs) -> bool:
    """A blessing's verb, with a pronoun for one or many ("أيده", "أيدهم")."""
    return word in verbs or any(word == v[:-1] + suffix for v in verbs if v.endswith("ه") for suffix in ("هم", "هما", "ها"))


def _praise(text: str, m) -> bool:
    """A blessing or an epithet taken for a name: "حفظه الله", "رحمه الله", "الملك المفدى"."""
    from rasad.analyse import lexicon as lx
    words = [fold(w) for w in text[m.start:m.end].split()]
    if not words:
        return False
    if words[-1] == "الله":
        if len(words) == 1:     # God alone stays (MISC) unless the blessing's verb is before it
            words = fold(text[max(0, m.start - 12):m.start]).split()[-1:] + words
        return len(words) > 1 and _invocation(words[-2].removeprefix("و"), lx.INVOCATION_VERBS)
    if "الله" in words[1:] and words[words.index("الله") - 1].removeprefix("و") in (fold("رحمة"), fold("بسم")):
        return True     # "السلام عليكم ورحمة الله وبركاته": a greeting
    return len(words) == 1 and words[0] in lx.EPITHETS


# (Latin letters too: 'قناة "BFM" الفرنسية')
QUOTED_NAME = re.compile(r"([«\"“])\s*([\u0621-\u064aA-Za-z0-9]+(?:\s+[\u0621-\u064aA-Za-z0-9]+){0,3})\s*([»\"”])")


def _names_in_marks(text: str, mentions: list) -> list:
    """A name written in quote marks: after an organisation's head noun the two are one name
    ('منظمة "السلام الآن"', "تيار «المستقبل»"); a person's name the recogniser read in part
    is the words in the marks ('المتحدث باسم الأمم المتحدة "فرحان حق"')."""
    from rasad.analyse import lexicon as lx
    from rasad.model import Mention
    out = list(mentions)
    for q in QUOTED_NAME.finditer(text):
        if {q.group(1), q.group(3)} not in ({"«", "»"}, {'"'}, {"“", "”"}) or not re.search(r"[^\W\d_]", q.group(2)):
            continue
        inner_start, inner_end = q.start(2), q.end(2)
        inside = [m for m in out if m.start < q.end() and q.start() < m.end]
        head = re.search(r"(?:^|(?<=\s))[وفبل]?([\u0621-\u064a]+)\s*$", text[max(0, q.start() - 20):q.start()])
        if head and not inside and (fold(head.group(1)) in lx.ORG_HEADS or fold(head.group(1)) in ("تيار", "التيار")) \
                and not any(m.end > q.start() - len(head.group(0)) and m.start < q.start() for m in out):
            start = q.start() - (len(text[max(0, q.start() - 20):q.start()]) - head.start(1))
            out.append(Mention(start, q.end(), "ORG", {"how": "pattern"}))
        elif len(inside) == 1 and inside[0].label == "PER" and inside[0].start == inner_start \
                and inside[0].end < inner_end and len(text[inner_start:inner_end].split()) <= 3:
            inside[0].end = inner_end
    return sorted(out, key=lambda m: m.start)


def _titles_of_works(text: str, mentions: list) -> None:
    """A name right after فيلم/مسلسل/كتاب… is the work's title (MISC), not a person."""
    from rasad.analyse import lexicon as lx
    for m in mentions:
        if m.label not in ("PER", "ORG"):
            continue
        before = re.search(r"([\u0621-\u064a]+)[\s\"«“#]*$", text[max(0, m.start - 20):m.start])
        if before and fold(before.group(1)) in lx.WORKS:
            m.label = "MISC"
            m.attrs = {k: v for k, v in m.attrs.items() if k != "title"}


TRAILING_ADJECTIVES = {"الارهابيه", "الارهابي", "الارهابيين", "المتطرفه", "المتطرف"}


# heads of a place's name, never of an organisation's
PLACE_ONLY_HEADS = {fold(w) for w in "حي شارع ساحة ميدان مدينة بلدة قرية ضاحية مخيم وادي جبل ريف".split()}
STREET_BEFORE = re.compile(r"(?:^|\s)[وفبل]?((?:شارع|ميدان|ساحة|جادة|مطار|جسر)\s+)$")   # (not طريق: "عن طريق X" is "through X")


def _join_facilities(text: str, mentions: list) -> list:
    """"قصر" + "قرطاج", "إقليم" + "كردستان العراق": a facility or region head the model tagged
    apart from the place that follows it is one place."""
    from rasad.analyse import lexicon as lx
    out = []
    for m in sorted(mentions, key=lambda m: m.start):
        if m.label == "ORG" and (fold(text[m.start:m.end]).split() or [""])[0].lstrip("وب") in PLACE_ONLY_HEADS:
            m = type(m)(m.start, m.end, "LOC", {**m.attrs, "kind": "site"})   # "حي نايت بريدج": a district
        if m.label == "PER" and STREET_BEFORE.search(text[max(0, m.start - 12):m.start]):
            # "شارع الحبيب بورقيبة": a street named after a person is a place
            head = STREET_BEFORE.search(text[max(0, m.start - 12):m.start])
            m = type(m)(m.start - (len(text[max(0, m.start - 12):m.start]) - head.start(1)), m.end, "LOC",
                        {"how": "model+pattern", "kind": "site"})
        if m.label == "LOC":
            # "بقصر قرطاج" where only قرطاج was tagged: the head word before it belongs to the place
            head = re.search(r"(?:^|(?<=\s))[وفبل]?([\u0621-\u064a]+)\s+$", text[max(0, m.start - 20):m.start])
            if head and fold(head.group(1)) in lx.LOC_HEADS and not any(o.end > m.start - 20 and o.end <= m.start
                                                                            for o in out[-1:]):
                start = m.start - (len(text[max(0, m.start - 20):m.start]) - head.start(1))
                # "دولة الكويت" is still the country; "قصر قرطاج" a site
                from rasad.analyse.names import STATE_HEADS
                attrs = dict(m.attrs) if fold(head.group(1)) in STATE_HEADS else {**m.attrs, "kind": "site"}
                m = type(m)(start, m.end, "LOC", attrs)
                if _generic_area(text, m):
                    continue
        prev = out[-1] if out else None
        if prev is not None and m.label == "LOC" and text[prev.end:m.start].strip() == "" and \
                fold(text[prev.start:prev.end]) in lx.LOC_HEADS and prev.label in ("LOC", "ORG", "MISC"):
            out[-1] = type(m)(prev.start, m.end, "LOC", {**m.attrs, "how": "model+pattern", "kind": "site"})
            continue
        out.append(m)
    return out


def _generic_area(text: str, m) -> bool:
    """"منطقة غابات", "منطقة حدودية": an area and a common indefinite word, no named place."""
    from rasad.analyse import lexicon as lx
    from rasad.analyse.ner import place_word
    from rasad.analyse.tokens import vocabulary
    words = [fold(w) for w in text[m.start:m.end].split()]
    if len(words) != 2 or words[0] not in GENERIC_AREAS:
        return False
    second = words[1]
    return not second.startswith("ال") and not place_word(second) and second not in lx.first_names() \
        and vocabulary().get("ال" + second, 0) >= 50


ATTRIBUTION_WORDS = {fold(w) for w in "بحسب حسب وفق وفقا حسبما بحسبما".split()}   # "بحسب الدويد"
AFFILIATE_WORDS = {fold(w) for w in "ذراع فرع جناح الذراع الفرع الجناح".split()}


def _tidy(text: str, m):
    """Mend the edges of a model mention: no conjunction glued in front of a person ("وفنر الكعيط"),
    no trailing function word ("أردوغان نظيره"), and no bare office word taken for a name ("نائبا")."""
    from rasad.analyse import lexicon as lx
    from rasad.analyse import names
    from rasad.analyse.names import function_word, opened_after, possessed_noun
    from rasad.analyse.tokens import vocabulary
    if m.label == "PER":
        _strip_epithets(text, m)
    origin = m.start
    words = [(origin + w.start(), origin + w.end()) for w in re.finditer(r"\S+", text[m.start:m.end])]
    if not words:
        return None
    if m.label == "PER" and len(words) == 1 and function_word(fold(text[m.start:m.end])):
        return None     # "ولا يعلم": "and not", no name
    if m.label == "PER" and len(words) == 1 and TANWEEN_RE.search(text[m.start:m.end]):
        return None     # "مرسلاً رياضيين ووفوداً": an indefinite noun takes tanween, a name does not
    while len(words) > 1 and TANWEEN_RE.search(text[words[-1][0]:words[-1][1]]):
        words.pop()         # "بوتين غيابياً": an adverb with tanween is no part of a name
    while len(words) > 1 and m.label == "PER" and (lx.places().get(fold_key(text[words[-1][0]:words[-1][1]])) or {}).get("kind") \
            == "country" and fold(text[words[-1][0]:words[-1][1]]).startswith("ال") \
            and fold(text[words[-2][0]:words[-2][1]]) not in lx.first_names() \
            and fold(text[words[-2][0]:words[-2][1]]) not in HONORIFICS_BEFORE_PLACE:
        # "وهدد ترامب المكسيك": a country with the article after a family name is the verb's
        # object (not "جيمس كاميرون"; after بابا, his see)
        words.pop()
    if len(words) > 1 and m.label == "PER" and fold(text[words[-1][0]:words[-1][1]]) in names.DAY_PARTS \
            and DAY_AFTER.match(text, words[-1][1]):
        words.pop()         # "العميد أيوب قاسم فجر الثلاثاء": the time of day, not his name
    while len(words) > 1 and fold(text[words[-1][0]:words[-1][1]]) in KINSHIP:
        words.pop()         # "فلافيو بولسونارو نجل المرشح": his son, not his name
    while len(words) > 1 and m.label == "PER" and _trailing_office_or_verb(fold(text[words[-1][0]:words[-1][1]])):
        words.pop()         # "رودي جولياني عمدة", "بوتين تأتيان": an office or a verb after the name
    while len(words) > 1 and m.label in ("PER", "ORG") and PLURAL_VERB_RE.search(fold(text[words[-1][0]:words[-1][1]])) \
            and vocabulary().get(fold(text[words[-1][0]:words[-1][1]]), 0) >= 30:    # (a rare one is a name: بليكوا)
        words.pop()         # "منظمة حظر الأسلحة الكيمياوية أنهوا": a verb (they ended) after the name
    if m.label == "ORG" and len(words) == 1 and fold(text[words[0][0]:words[0][1]]) == fold("فتح") \
            and opened_after(text, words[0][1]):
        return None     # "دعا المحكمة إلى فتح تحقيق فوري": opening an inquiry, not the movement
    if m.label in ("ORG", "LOC") and len(words) > 1:
        rank = next((k for k in range(1, len(words)) if fold(text[words[k][0]:words[k][1]]) in lx.HONORIFICS
                     and fold(text[words[k][0]:words[k][1]]) not in names.NAMED_AFTER
                     and (lx.places().get(fold_key(text[words[k - 1][0]:words[k - 1][1]])) or {}).get("kind")
                     == "country"), None)
        if rank is not None:
            words = words[:rank]    # "بدولة قطر اللواء ركن حمد": the country, then the guest's rank
            if rank == 1:
                m.label = "LOC"
    if m.label == "ORG" and len(words) > 2:
        told = next((k for k in range(2, len(words)) if text[words[k][0]:words[k][0] + 1] == "ل"
                     and fold_key(text[words[k][0] + 1:words[-1][1]]) in lx.KNOWN_ORGS
                     and _medium_name(fold_key(text[words[k][0] + 1:words[-1][1]]))), None)
        if told is not None:
            words = words[:told]    # "جامعة ستانفورد لبي بي سي": what the university's man told the BBC
    if m.label == "ORG":
        arm = next((k for k in range(1, len(words) - 1) if fold(text[words[k][0]:words[k][1]]) in AFFILIATE_WORDS), None)
        if arm is not None:
            words = words[:arm]     # "ولاية سيناء ذراع تنظيم داعش": the group, then whose arm it is
    if m.label == "LOC" and len(words) > 1:
        for k in range(1, len(words)):
            rest = fold_key(text[words[k][0]:words[-1][1]])
            if rest.startswith("و") and (rest[1:] in lx.places() or rest[1:].startswith("ال") and rest[3:] in lx.places()):
                words = words[:k]   # "كوريا الجنوبية والولايات المتحدة": two places
                break
    while len(words) > 1 and (fold(text[words[-1][0]:words[-1][1]]) in lx.STOP
                              or m.label == "ORG" and fold(text[words[-1][0]:words[-1][1]]) in TRAILING_ADJECTIVES):
        words.pop()
    if m.label == "ORG" and len(words) >= 3:
        words = _agreeing_words(text, words)
    m.end = words[-1][1]
    if m.label == "PER":
        from rasad.analyse.ner import known_name
        from rasad.analyse.ner.titles import RELATION_WORDS
        folded = [fold(text[a:b]) for a, b in words]
        inner = next((k for k in range(1, len(words)) if folded[k] in INNER_PARTICLES
                      or folded[k] in names.VERBS_LIKE_DEFINITE      # "فلاديمير بوتن التقى نظيره"
                      or _common_noun(folded[k]) and folded[k - 1] not in NAME_LINK_WORDS), None)
        if inner is not None:
            # "مادورو إن بنس", "الحسيني نسبة داعش": the name ends at a particle or a common noun
            words, folded = words[:inner], folded[:inner]
            while len(words) > 1 and not re.search(r"\w", folded[-1]):
                words, folded = words[:-1], folded[:-1]     # ("نايف عبدالله – عين اليوم": the dash)
            m.end = words[-1][1]
        while len(words) > 1 and folded[0].startswith("ال") and (
                folded[0].endswith("يه") or folded[0].endswith("ي") and folded[1] in lx.first_names()
                and vocabulary().get(folded[0][2:], 0) >= 100):
            # (an adjective whose bare form the news uses — بحري، قبلي —, not a family name: الباجي)
            # "اللجنة الأولمبية هشام حطب" → "الاوليمبية هشام": an office's adjective, not a name
            words, folded = words[1:], folded[1:]
            m.start = words[0][0]
        cut = next((k for k in range(2, len(words)) if (folded[k] in APPOSITIVE_TITLES
                    or folded[k] == "ولي" and folded[k + 1:k + 2] == ["العهد"]) and folded[k - 1] not in NAME_LINK_WORDS), None)
        if cut is not None:
            words = words[:cut]         # "محمد بن نايف ولي العهد", "خالد اليحيى الخبير": a title after the name
            m.end = words[-1][1]
        if len(words) > 1 and _glued_medium(text[words[-1][0]:words[-1][1]]):
            words = words[:-1]          # "سميث لرويترز": what he told Reuters
            m.end = words[-1][1]
        told = next((k for k in range(1, len(words) - 1) if folded[k].startswith("ل")
                     and fold_key(text[words[k][0] + 1:words[-1][1]]) in lx.KNOWN_ORGS), None)
        if told is not None:
            words, folded = words[:told], folded[:told]     # "أمل فتحي لبي بي سي": told to the BBC
            m.end = words[-1][1]
        while len(words) > 1 and _conjoined_word(folded[-1]):
            words, folded = words[:-1], folded[:-1]         # "ناريمان فظلتا": ف + a verb after the name
            m.end = words[-1][1]
        for k in (2, 1):
            # "محافظ ذي قار يحيى الناصري": the office's place leaked into the name
            if len(words) - k >= 2 and fold_key(" ".join(folded[:k])) in lx.places() \
                    and not any(f in lx.first_names() for f in folded[:k]):
                words, folded = words[k:], folded[k:]
                m.start = words[0][0]
                break
        if len(words) > 2 and folded[0].startswith("ل") and fold_key(text[words[0][0] + 1:words[-1][1]]) in lx.KNOWN_ORGS:
            return None     # "لبي بي سي": told to the BBC, which the gazetteer names
        while len(words) > 2 and not folded[0].startswith("ال") \
                and possessed_noun(text[words[0][0]:words[0][1]]):
            words, folded = words[1:], folded[1:]   # "لاعبه هتّان باهبري": his player, then the name
            m.start = words[0][0]
        while len(words) > 1 and (folded[0] in lx.LEDE_VERBS or folded[0] in lx.SPEECH_VERBS
                                  or folded[0] in ATTRIBUTION_WORDS) \
                and folded[0] not in lx.first_names():
            words, folded = words[1:], folded[1:]   # "طالب حافظ قائد السبسي": the verb before the name
            m.start = words[0][0]
        while len(words) > 2 and folded[0].startswith("ال") and vocabulary().get(folded[0], 0) >= 1000 \
                and folded[0] not in lx.first_names() and not known_name(folded[0]):
            # "حاكم الولاية خوسيه روساس": a common noun of the office before the name
            words, folded = words[1:], folded[1:]
            m.start = words[0][0]
        while len(words) > 1 and folded[0] in OFFICE_TAILS:
            words, folded = words[1:], folded[1:]   # "الرئيس المنتهية ولايته X"
            m.start = words[0][0]
        while len(words) > 1 and (folded[0] in LEADING_RANKS
                                  or folded[0] in lx.HONORIFICS and folded[0] not in lx.first_names()):
            words, folded = words[1:], folded[1:]   # "ركن أحمد عسيري": the rank leaked into the name
            m.start = words[0][0]
        if len(words) > 1 and HARAKAT_RE.sub("", text[words[0][0]:words[0][1]]) in PARTICLES_BEFORE_NAMES:
            words = words[1:]           # "فإن المطيري": a particle glued before the name
            m.start = words[0][0]
        if len(words) > 1 and text[words[0][0]:words[0][1]] == "على":
            words = words[1:]           # "حكمت المحكمة على محمد مرسي": the preposition (Ali is علي)
            m.start = words[0][0]
        if len(words) > 1 and fold(text[words[0][0]:words[0][1]]) in RELATION_WORDS:
            words = words[1:]           # "نظيره X": his counterpart is no part of the name
            m.start = words[0][0]
        prev = re.search(r"(\S+)\s+$", text[max(0, m.start - 20):m.start])
        if len(words) == 1 and prev and fold(prev.group(1)) in RELATION_WORDS:
            # "نظيره الدانماركي": after it, a nationality, not a name
            from rasad.analyse.ner import demonym_country
            word = fold(text[m.start:m.end])
            hit = demonym_country(word)
            if hit:
                m.label, m.attrs = "MISC", {"how": "demonym", "demonym_of": hit[0], "iso2": hit[1]}
                return m
            if word.startswith("ال") and word.endswith("ي"):
                return None             # one the demonym table does not spell this way
    first = fold(text[words[0][0]:words[0][1]])
    if m.label in ("ORG", "PER", "LOC") and len(words) == 1 and first in lx.PEOPLES:
        return None         # the Kurds, the Shia: a people, no organisation
    if m.label == "PER" and len(words) > 1 and first in lx.LOC_HEADS:
        m.label = "LOC"     # "جبل البياضي": a mountain named after someone is a place
        m.attrs = {k: v for k, v in m.attrs.items() if k != "title"}
    if m.label == "PER" and len(words) == 2 and _noun_and_adjective(fold(text[words[0][0]:words[0][1]]),
                                                                    fold(text[words[1][0]:words[1][1]])):
        return None         # "ارتكب الحارس خطأين كبيرين": two mistakes, no one's name
    if m.label == "PER" and len(words) > 1 and first in names.HEADED_BY and text[m.start - 1:m.start] == "ب":
        m.start = words[1][0]       # "برئاسة صالح": headed by Saleh
        words = words[1:]
        first = fold(text[words[0][0]:words[0][1]])
    if m.label == "PER" and len(words) > 1 and (first in lx.ORG_HEADS or first in CURRENT_HEADS):
        m.label = "ORG"     # "تيار الحكمة", "حزب البعث": a party named after someone is a party
        m.attrs = {k: v for k, v in m.attrs.items() if k != "title"}
    if first.endswith("ان") and first[:-2] in lx.ORG_HEADS:
        return None         # "ائتلافان برلمانيان": two coalitions, no name
    if m.label == "PER" and m.start > 0 and text[m.start - 1] in "فوبلك" and len(words) > 1:
        # "فابين دي فيليبو" read as ف + ابين: a letter of the given name taken for a clitic
        vocab = vocabulary()
        whole = fold(text[m.start - 1:words[0][1]])
        # (ف before a name is rare in the news, where و and ب are common)
        if (whole in lx.first_names() or vocab.get(whole, 0) > vocab.get(first, 0) or text[m.start - 1] == "ف") \
                and first not in lx.first_names():
            m.start -= 1
            words[0] = (m.start, words[0][1])
            first = whole
    if m.label == "PER" and first[:1] == "ب" and len(first) >= 4 and first not in lx.first_names() \
            and first[1:] in lx.first_names() and vocabulary().get(first[1:], 0) > vocabulary().get(first, 0):
        m.start += 1        # "بالزعيم الكوري … بكيم جونغ أون": with Kim
        first = first[1:]
    if m.label == "PER" and first[:1] in ("و", "ل") and len(first) >= 4 and text[m.start - 1:m.start] != "#":
        # ("وفنر", "لأمين دياك": a conjunction or a preposition glued on the given name)
        vocab = vocabulary()
        # (a rare foreign name may start with ل itself: ليوبيسيتش; strip it on evidence only)
        seen = max(3, vocab.get(first[1:], 0)) if first[0] == "و" else vocab.get(first[1:], 0)
        if first not in lx.first_names() and (vocab.get(first, 0) < seen or first[1:] in lx.first_names()):
            m.start += 1
    raw_first = text[words[0][0]:words[0][1]]
    if m.label == "PER" and len(words) > 1 and any(raw_first.endswith(p) and first[:-len(p)] in lx.OFFICE_HEADS
                                                   for p in ("ها", "ه", "هم")):
        m.start = words[1][0]       # "رئيسها كريغ ريدي": its president (not أمينة, a name: ة is no pronoun)
        words = words[1:]
        first = fold(text[words[0][0]:words[0][1]])
    if m.label == "PER" and first.startswith("عهد") and re.search(r"(?:^|\s)[وف]?ولي\s+$", text[max(0, m.start - 8):m.start]):
        # "وولي عهد السعودية الأمير محمد": the title's second word
        if len(words) == 1:
            return None
        m.start = words[1][0]
        words = words[1:]
    rest_key = fold_key(text[m.start + 1:m.end])
    if m.label in ("LOC", "ORG") and first[:1] in ("و", "ف", "ك", "ب", "ل") and fold_key(text[m.start:m.end]) not in lx.places() \
            and (rest_key in lx.places() and (first[0] != "ك" or lx.places()[rest_key]["kind"] == "country")
                 or first[0] == "ك" and rest_key in lx.KNOWN_ORGS):
        m.start += 1                # "والتشيك وسلوفاكيا", "دول كإيران", "بدير الزور": a clitic glued on
        words[0] = (m.start, words[0][1])
        first = fold(text[words[0][0]:words[0][1]])
    if m.label == "LOC" and len(words) > 1 and first in LOC_PREPOSITIONS:
        m.start = words[1][0]       # "قرب الرمادي": near Ramadi, the place is Ramadi
        words = words[1:]
    if m.label == "LOC" and len(words) > 1 and fold(text[words[-1][0]:words[-1][1]]) in GLUED_PLACE_HEADS:
        m.end = words[-2][1]        # "أوبرفرانكن بولاية بافاريا": the next place's head leaked in
        words = words[:-1]
    if m.label == "LOC" and _generic_area(text, m):
        return None
    if m.label == "LOC" and len(words) == 1 and first not in lx.places() and _accusative_adjective(first) \
            and vocabulary().get(first, 0) < 50 and re.search(r"\S{2,}ا\s+$", text[max(0, m.start - 20):m.start]):
        # "جيبا استيطانيا", "هجوما كيماويا": an accusative adjective after its noun, no place (a
        # place's name is frequent as it is, أفريقيا، كوريا, and follows no accusative: "بولاية بافاريا")
        return None
    if m.label == "LOC" and first == fold("المغرب") and PRAYER_BEFORE.search(text, max(0, m.start - 12), m.start):
        return None         # "في أعقاب أذان المغرب": the sunset prayer, not Morocco
    if len(words) == 1 and re.search(r"(?:^|\s)[وف]?(?:لم|لن)\s+$", text[max(0, m.start - 6):m.start]):
        return None         # "الذي لم يزد على عدة ثوان": a verb after the negation, not the city of Yazd
    if m.label == "LOC" and (fold(text[words[-1][0]:words[-1][1]]) in names.NOT_REGIONS
                             and (len(words) == 1 or len(words) == 2 and first in names.REGION_HEADS)):
        return None         # "توليه ولاية العهد": the crown princeship, no province
    if m.label == "LOC" and len(words) == 1 and first in AMBIGUOUS_WITHOUT_CUE \
            and not PLACE_CUE_BEFORE.search(text, max(0, m.start - 20), m.start) and text[m.start - 1:m.start].isspace():
        return None         # "دأبوا دوما على امتداح الأكراد": always, not the town of Douma
    if m.label in ("LOC", "ORG") and len(words) == 1 and first in lx.first_names():
        from rasad.analyse.names import family_name_word
        nxt = re.match(r"[ \t]+([\u0621-\u064a]+)", text[m.end:m.end + 30])
        if nxt and family_name_word(fold(nxt.group(1))):
            # "حوار: آسيا العتروس": a given name that is also a place, and a family name
            m.label, m.attrs = "PER", {"how": "model+pattern"}
            m.end = m.end + nxt.end(1)
            return m
    if m.label == "LOC" and len(words) == 1 and text[m.end - 1:m.end] == "\u064b":
        # "موقعاً سورياً": a place name takes no tanween; the nationality adjective does
        from rasad.analyse.ner import demonym_country
        word = fold(text[m.start:m.end])
        country = lx.places().get(word)
        hit = demonym_country(word) or (country and country["kind"] == "country"
                                        and (country["name"], country.get("iso2")))
        if not hit:
            return None
        m.label, m.attrs = "MISC", {"how": "demonym", "demonym_of": hit[0], "iso2": hit[1]}
    if m.label == "ORG" and len(words) == 1 and first in lx.ORG_HEADS:
        return None         # "منظمة", "الحكومة": a head noun alone names nothing
    if m.label == "MISC" and first == fold("الله") and len(words) == 1:
        return None         # "إن شاء الله", "رحمه الله": a formula, no entity of the news
    if m.label == "ORG" and len(words) > 1 and names.movement_of_things(first, fold(text[words[1][0]:words[1][1]])):
        return None         # "حركة المرور": traffic
    if m.label == "ORG" and len(words) == 2 and first.endswith("ه") and _office_before(text, m.start):
        from rasad.analyse.ner import demonym_country
        last = fold(text[words[1][0]:words[1][1]])
        if not last.endswith("ه") and demonym_country(last) is not None:
            return None     # "رئيس الحكومة الإيطالي X": the adjective is the office's, no government named
    if m.label == "ORG" and first in ISLAND_WORDS and (
            len(words) == 1 and (first == fold("جزيرة") and text[m.start - 2:m.start] != "لل"
                                 or LOCATIVE_BEFORE.search(text, max(0, m.start - 8), m.start))
            or _island_story(text)):
        return None         # "نشر قوات في الجزيرة", a story of "جزيرة سقطرى": the island, not the channel
    if first == "باسم" and len(words) > 1 and re.search(r"(?:يعرف|تعرف|عرف|عرفت|المعروف|المعروفه|المعروفة|يسمى|تسمى|"
                                                        r"المسمى|المسماة|المسماه|تدعى|يدعى)\s+$", text[max(0, m.start - 12):m.start]):
        m.start = words[1][0]       # "تعرف باسم بلاك بلوكس": by the name of
        words = words[1:]
        first = fold(text[words[0][0]:words[0][1]])
    if m.label == "PER" and len(words) == 1 and (first in lx.OFFICE_HEADS or first in lx.HONORIFICS
                                                 or first.endswith("ه") and names.office_word(first)
                                                 or first in names.TIME_MODIFIERS or "ال" + first in names.TIME_MODIFIERS
                                                 or first in lx.STOP or first in NAME_LINK_WORDS or first in KINSHIP
                                                 or first in ROLE_NOUNS
                                                 or first.startswith("لل")):
        # ("بن" alone; "للكيرلنغ": ل and the article glued on, never a name)
        return None
    if m.label == "PER" and len(words) == 1 and first in OWNER_NOUNS:
        nxt = re.match(r"\s+([\u0621-\u064a]+)", text[m.end:m.end + 30])
        following = fold(nxt.group(1)) if nxt else ""
        if following.startswith("ال") and vocabulary().get(following[2:], 0) >= 50:
            return None     # "مالك المطعم": the restaurant's owner, not Malik
    if m.label in ("PER", "ORG") and len(words) == 1 and len(first) <= 3 and first not in lx.first_names() \
            and vocabulary().get(first, 0) > 2000:
        return None   # a short common word ("ضم") is not a name
    if m.label in ("ORG", "MISC", "LOC") and fold(text[m.start:m.end]).replace("ي", "ا") in RADIO_BANDS:
        # "جوهرة اف ام", "موزاييك أف أم": a station is named by the word before its band
        prev = re.search(r"([\u0621-\u064a]+)\s+$", text[max(0, m.start - 30):m.start])
        if prev and fold(prev.group(1)) not in lx.STOP:
            from rasad.analyse.ner import proclitic_length
            word_start = m.start - (len(prev.group(0)))
            m.start, m.label = word_start + proclitic_length(prev.group(1)), "ORG"
    inside = text[m.start:m.end]
    for opener, closer in (("«", "»"), ("“", "”")):
        if inside.count(opener) > inside.count(closer) and text[m.end:m.end + 1] == closer:
            m.end += 1      # "تيار «المستقبل»": the name's closing mark with its opening one
    return m if m.end > m.start else None


SPOKEN_FOR = re.compile(r"(?:^|\s)(?:باسم|لدى|لدي)\s")
RADIO_BANDS = {"اف ام", "اف م", "اف ام اف", "ام اف"}
# Titles that follow a name in apposition and end it (folded)
APPOSITIVE_TITLES = {"الخبير", "المحلل", "الباحث", "الناشط", "الاعلامي", "المستشار", "الكابتن", "محامي", "المحامي",
                     "محاميه", "مستشار", "مدير", "رئيس", "وزير", "سفير", "زعيم", "مساعد", "نائب"}
# Particles and function words that never stand inside a personal name (folded; علي is Ali)
INNER_PARTICLES = {"ان", "انه", "انها", "بان", "الذي", "التي", "الذين", "قد", "لقد", "كما", "ثم", "في", "من",
                   "الي", "عن", "مع", "خلال", "بعد", "قبل", "حول", "ضد", "امس", "اليوم", "هو", "هي",
                   "حينما", "عندما", "بينما", "اكثر", "جميع", "كان", "كانت"}   # (not حين: جاك حين)


def _trailing_office_or_verb(word: str) -> bool:
    """The folded last word of a person's mention is an office or a verb, not a name."""
    from rasad.analyse import lexicon as lx
    from rasad.analyse.tokens import vocabulary
    if word in lx.first_names():
        return False
    if word in lx.HONORIFICS or word in lx.OFFICE_HEADS or word in lx.LEDE_VERBS or word in HEADLINE_VERBS \
            or "ال" + word in lx.HONORIFICS:
        return True     # ("محافظ بدر يرعى حفل الأهالي": a headline's verb after the name; "عبد الله عاهل")
    # a present-tense verb of two or more (يأتيان، تقولون): frequent, and no name
    return bool(PRESENT_PLURAL_RE.match(word)) and vocabulary().get(word, 0) >= 30


def _office_before(text: str, pos: int) -> bool:
    """An office word ("رئيس", "برئيس", "وزير") right before `pos`."""
    from rasad.analyse import lexicon as lx
    word = re.search(r"([\u0621-\u064a]+)\s+$", text[max(0, pos - 20):pos])
    return word is not None and any(w in lx.OFFICE_HEADS for w in (fold(word.group(1)), fold(word.group(1))[1:]))


def _noun_and_adjective(first: str, second: str) -> bool:
    """Two folded words with the same dual or plural ending, neither a given or a known name:
    a noun and its adjective ("خطأين فادحين"), not a name."""
    from rasad.analyse import lexicon as lx
    from rasad.analyse.ner import known_name
    from rasad.analyse.tokens import vocabulary
    vocab = vocabulary()
    ending = next((e for e in ("ين", "ان", "ون") if first.endswith(e) and second.endswith(e)), None)
    # (the noun's singular is a common word: خطأ — not so شين فين, بورتون داون)
    return ending is not None and max(vocab.get(first[:-2], 0), vocab.get(first[:-2] + "ه", 0)) >= 300 \
        and not any(w in lx.first_names() or known_name(w) for w in (first, second))


def _agreeing_words(text: str, words: list) -> list:
    """The words of an organisation up to a masculine word after its feminine nationality:
    "قتلت قوات الأمن الفرنسية المسلح" — the gunman, the verb's object, agrees with no part of it."""
    from rasad.analyse.names import masculine_after_feminine_nationality
    folded = [fold(text[a:b]) for a, b in words]
    cut = next((k for k in range(1, len(words) - 1) if masculine_after_feminine_nationality(folded[k], folded[k + 1])), None)
    return words if cut is None else words[:cut + 1]


def _common_noun(word: str) -> bool:
    """A frequent common noun, which the news also writes with the article ("رفض الحسيني نسبة
    داعش إلى السنة": النسبة); a surname (ترامب، كيري) never takes it; given names aside."""
    from rasad.analyse import lexicon as lx
    from rasad.analyse.tokens import vocabulary
    if word.startswith("ال") or len(word) < 3 or word in lx.first_names() or word in NAME_LINK_WORDS:
        return False
    vocab = vocabulary()
    n = vocab.get(word, 0)
    return n >= 1000 and vocab.get("ال" + word, 0) >= 0.15 * n


# The present tense of the news's verbs, as headlines put them after their subject
HEADLINE_VERBS = {fold(w) for w in """يرعى ترعى يزور تزور يستقبل تستقبل يلتقي تلتقي يترأس تترأس يدشن تدشن
    يفتتح تفتتح يبحث تبحث يطالب تطالب يعلن تعلن يؤكد تؤكد يقول تقول يدعو تدعو يشارك تشارك يصل تصل
    يغادر تغادر يكرم تكرم يهنئ تهنئ يعزي تعزي يتفقد تتفقد يحذر تحذر يرفض ترفض ينفي تنفي يتهم تتهم
    يدين تدين يشيد تشيد يوجه توجه يصدر تصدر يقرر تقرر""".split()}
PRESENT_PLURAL_RE = re.compile(r"^[يت]\S{2,}(?:ان|ون)$")
PLURAL_VERB_RE = re.compile(r"^\S{2,}وا$")
OFFICE_TAILS = {fold(w) for w in "ولايته ولايتها المنتهية المنتهيه".split()}
LOC_PREPOSITIONS = {fold(w) for w in "قرب بالقرب نحو حول داخل خارج قبالة".split()}
GLUED_PLACE_HEADS = {fold(p + w) for p in "بل" for w in "ولاية مدينة محافظة منطقة بلدة قرية إقليم مقاطعة".split()}
GENERIC_AREAS = {fold(w) for w in "منطقة مناطق".split()}
LEADING_RANKS = {fold(w) for w in "ركن الركن دكتور دكتورة".split()}
NAME_LINK_WORDS = {fold(w) for w in "بن ابن بنت أبو ابو عبد آل".split()}
KINSHIP = {fold(w) for w in "نجل نجله نجلي ابن ابنه ابنا شقيق شقيقه شقيقة زوج زوجة زوجته والد والده والدة".split()}
# What is said of a person before or after the name, no part of it
LEADING_EPITHETS = {fold(w) for w in """المعتقل المعتقلة المعزول المخلوع الراحل الراحلة المغدور الشهيد الشهيدة
    المرحوم المرحومة الفقيد الفقيدة الأسير الأسيرة السجين السجينة الموقوف المتهم المتهمة المتوفى المختطف
    المختطفة المخطوف""".split()}
PRAYER_BEFORE = re.compile(r"(?:^|\s)[وفب]?(?:أذان|اذان|آذان|صلاة|صلاه|الصلاة|موعد)\s+$")
HONORIFICS_BEFORE_PLACE = {fold(w) for w in "بابا البابا أمير امير ملك الملك سلطان".split()}
DAY_AFTER = re.compile(r"\s+(?:يوم\s+)?(?:ال)?(?:اثنين|إثنين|ثلاثاء|أربعاء|اربعاء|خميس|جمعة|سبت|أحد|احد|يوم|أمس|امس|الماضي)")
CURRENT_HEADS = {fold(w) for w in "تيار التيار".split()}    # (not in ORG_HEADS: التيار الكهربائي)
KNOWN_AS = {fold(w) for w in "المعروف المعروفة الملقب الملقبة الشهير الشهيرة المكنى المدعو المدعوة".split()}


def _strip_epithets(text: str, m) -> None:
    """"المعتقل محمود أبو زيد المعروف بـ…", "دوتيرتي اعتذاره", "بدر يرعى": what is said of a
    person, or done, before or after the name, is no part of it."""
    from rasad.analyse import lexicon as lx
    from rasad.analyse.names import possessed_noun
    words = [(m.start + w.start(), m.start + w.end()) for w in re.finditer(r"\S+", text[m.start:m.end])]
    while len(words) > 1 and (fold(text[words[0][0]:words[0][1]]) in LEADING_EPITHETS
                              or fold(text[words[0][0]:words[0][1]]) in KNOWN_AS):
        words = words[1:]       # ("المدعو أبو علي الحاكم": the so-called)
    known_as = next((k for k in range(1, len(words)) if fold(text[words[k][0]:words[k][1]]) in KNOWN_AS), None)
    if known_as is not None:
        words = words[:known_as]    # "محمد سرحان السيد المكنى أبو إياد": the name, then his byname
    words = _from_the_given_name(text, words)
    while len(words) > 1 and (fold(text[words[-1][0]:words[-1][1]]) in KNOWN_AS
                              or possessed_noun(text[words[-1][0]:words[-1][1]])
                              or text[words[-1][0]:words[-1][0] + 1] == "و" and len(words) > 2
                              and possessed_noun(text[words[-1][0] + 1:words[-1][1]])   # "بشار الأسد وحلفاؤه"
                              or _accusative_adjective(text[words[-1][0]:words[-1][1]])
                              or _accusative_before_min(text, words[-1])
                              or _trailing_office_or_verb(fold(text[words[-1][0]:words[-1][1]]))
                              or len(words) > 2 and fold(text[words[-1][0]:words[-1][1]]) in lx.LEDE_VERBS
                              and fold(text[words[-2][0]:words[-2][1]]) not in NAME_LINK_WORDS):   # (بن طالب)
        words = words[:-1]      # ("محمد بن سلمان أمر بذلك": أمر is a name too, but not after a full one)
    if words:
        m.start, m.end = words[0][0], words[-1][1]


def _from_the_given_name(text: str, words: list) -> list:
    """"رئيس المجلس الأعلى لأصحاب سيارات التاكسي الفردي فوزي خبوشي": common nouns of an office
    before a given name are no part of the name; it starts at the given name."""
    from rasad.analyse import lexicon as lx
    from rasad.analyse.ner import known_name
    from rasad.analyse.tokens import vocabulary
    if len(words) < 3:
        return words
    folded = [fold(text[a:b]) for a, b in words]
    # (never the second part of a compound: زبيد الله، نور الدين)
    k = next((i for i in range(1, len(folded) - 1) if folded[i] in lx.first_names()
              and not folded[i].startswith("ال")), None)
    if k is None:
        return words
    vocab = vocabulary()

    def common(w: str) -> bool:
        # a noun the news writes with the article ("سيارات", "طيار", "حارسه"), not a foreign
        # given name that is merely frequent ("دافيد", "أوليفييه")
        if w in lx.first_names() or w in NAME_LINK_WORDS or known_name(w):
            return False
        if w.startswith("ال"):
            return vocab.get(w, 0) >= 50 and vocab.get(w[2:], 0) >= 30    # (الباجي is a name)
        stems = [w] + ([w[:-1]] if w[-1:] in ("ه", "ي") else [])
        return any(vocab.get("ال" + stem, 0) >= 50 for stem in stems)
    return words[k:] if all(common(w) for w in folded[:k]) else words


def _accusative_before_min(text: str, word: tuple[int, int]) -> bool:
    """"استقبل … الدغيم جموعا من المواطنين": an accusative noun before من, the object (a
    number or a crowd of something), whose bare form the news uses; not a name."""
    from rasad.analyse import lexicon as lx
    from rasad.analyse.tokens import vocabulary
    folded = fold(text[word[0]:word[1]])
    return folded.endswith("ا") and len(folded) >= 4 and folded not in lx.first_names() \
        and re.match(r"\s+من\s", text[word[1]:word[1] + 5]) is not None and vocabulary().get(folded[:-1], 0) >= 50


def _accusative_adjective(word: str) -> bool:
    """"خاشقجي مختفيا": an indefinite accusative adjective (the news writes it with the article
    too) after a name, its state, not its part."""
    from rasad.analyse import lexicon as lx
    from rasad.analyse.ner import known_name
    from rasad.analyse.tokens import vocabulary
    folded = fold(word)
    if not folded.endswith("ا") or len(folded) < 5 or folded in lx.first_names() or known_name(folded):
        return False
    vocab = vocabulary()
    stem = folded[:-1]
    # (or a participle, "تشيفيرين مشككا": its plural and feminine are words too, a name's are not)
    return vocab.get("ال" + stem, 0) >= 30 or folded.startswith("م") and \
        vocab.get(stem + "ين", 0) + vocab.get(stem + "ون", 0) + vocab.get(stem + "ه", 0) >= 5


# Given names that are also "owner", "keeper", "driver" before what is owned or kept
OWNER_NOUNS = {fold(w) for w in "مالك مالكة صاحب صاحبة حارس سائق".split()}
# Places the news names as often as ordinary words (دوما: always): a place only after a cue
AMBIGUOUS_WITHOUT_CUE = {fold(w) for w in "دوما".split()}
PLACE_CUE_BEFORE = re.compile(r"(?:(?:^|\s)(?:في|إلى|الى|من|مدينة|بلدة|مدينه|بلده|قرب|ريف|غوطة|محيط|أطراف|اطراف|"
                              r"حرستا|مسرابا)|[،,])\s*$")
ISLAND_WORDS = {fold(w) for w in "الجزيرة جزيرة".split()}
LOCATIVE_BEFORE = re.compile(r"(?:^|\s)(?:في|إلى|الى|من|على|داخل|خارج|حول)\s+$")
ISLAND_NAMED = re.compile(r"(?:^|\s)[وفبل]?جزيرة\s+[\u0621-\u064a]")
CHANNEL_NAMED = re.compile(r"(?:قناة|شبكة|موقع|مراسل|لقناة)\s+الجزيرة|الجزيرة\s+(?:نت|مباشر|الإخبارية|الاخبارية)")


@lru_cache(maxsize=16)
def _island_story(text: str) -> bool:
    """A story that names an island ("جزيرة سقطرى") twice and never the channel: its الجزيرة is
    the island."""
    return len(ISLAND_NAMED.findall(text)) >= 2 and not CHANNEL_NAMED.search(text)
# People named by what they are, not by name: "قال شاهدان إن …"
ROLE_NOUNS = {fold(w) for w in """شاهد شاهدان شاهدين الشاهد الشاهدان الشاهدين شهود الشهود مصدر مصدران المصدر
    مسؤول مسؤولان المسؤول مسعف مسعفون طبيب طبيبان الطبيب""".split()}
TANWEEN_RE = re.compile(r"[\u064b-\u064d]\S{0,1}$")


def _conjoined_word(word: str) -> bool:
    """A word that is و/ف glued to a frequent verb, itself rare ("فظلتا", "فتطلق"): no part of a name."""
    from rasad.analyse import lexicon as lx
    from rasad.analyse.tokens import vocabulary
    if word[:1] not in ("ف", "و") or len(word) < 4 or word in lx.first_names():
        return False
    vocab = vocabulary()
    rest = word[1:]
    if not rest.endswith(("ت", "تا", "وا", "ا", "ون", "ان")) and not rest.startswith(("ي", "ت", "س")):
        return False    # a verb's shape only: "فليبي" is Felipe, not ف + ليبي
    # (a dual verb is rare in itself: "ظلتا" is "ظلت" of two)
    freq = max(vocab.get(rest, 0), vocab.get(rest[:-1], 0) if rest.endswith("تا") else 0)
    return freq >= 50 and vocab.get(word, 0) * 10 < freq and rest not in lx.first_names()


def _medium_name(key: str) -> bool:
    """A known organisation that is a news medium (folded key)."""
    return key in MEDIA_NAMES or key.split()[0] in MEDIUM_FIRST_WORDS


MEDIUM_FIRST_WORDS = {fold(w) for w in ("بي", "سي", "وكالة", "قناة", "صحيفة")}


def _glued_medium(word: str) -> bool:
    """ل glued to a news organisation or a place ("لرويترز", "لبي بي سي"): the one told."""
    from rasad.analyse import lexicon as lx
    from rasad.analyse.tokens import vocabulary
    f = re.sub(r"\d+$", "", fold(word))      # ("لفرانس24")
    if not f.startswith("ل") or len(f) < 4:
        return False
    rest = f[1:]
    vocab = vocabulary()
    return rest in lx.KNOWN_ORGS or rest in MEDIA_NAMES or \
        vocab.get(rest, 0) >= 200 and vocab.get(f, 0) * 3 < vocab.get(rest, 0) and f not in lx.first_names()


MEDIA_NAMES = {fold(w) for w in "رويترز فرانس سي الجزيرة العربية سبوتنيك الأناضول واس وفا سانا إرنا".split()}
HARAKAT_RE = re.compile(r"[\u064b-\u0652\u0640]")
# Particles written before a name, as spelled (hamza distinguishes فإن from the Dutch فان)
PARTICLES_BEFORE_NAMES = {"فإن", "وإن", "إن", "أن", "بأن", "وأن", "فأن", "لأن", "كأن", "إذ"}


def _person_words_end(text: str, start: int, end: int, words_from: int, strict: bool = False) -> int:
    """End of the person name text[start:end] once the words from `words_from` on that the
    resources do not take for parts of a name are cut (see ner.person_word): "جاك شيراك
    آنذاك" → "جاك شيراك". `start` if the first of them is not name-like. `strict` (the
    recogniser ended the name before): a word must be a known name or a rare one ("الملك
    سلمان أقام مأدبة غداء" stops at the verb)."""
    from rasad.analyse.names import function_word
    from rasad.analyse.ner import known_name, person_word
    from rasad.analyse.tokens import vocabulary
    keep = start
    for w in re.finditer(r"\S+", text[start:end]):
        word = fold(w.group())
        if start + w.start() >= words_from and not person_word(word):
            break
        if strict and start + w.start() >= words_from and word not in NAME_LINK_WORDS and not known_name(word) \
                and vocabulary().get(word, 0) >= STRICT_RARE and not _name_closes(text, start + w.end(), end, function_word):
            break
        keep = start + w.end()
    return keep


def _name_closes(text: str, pos: int, end: int, function_word) -> bool:
    """The word ending at `pos` is the last of the name span and a pause or a function word
    follows it ("جان كلود يونكر أن …"): a family name, not a verb with its object after it."""
    if pos < end:
        return False
    nxt = re.match(r"\s*(\S)?(\S*)", text[pos:pos + 30])
    first = nxt.group(1) or ""
    word = fold(first + nxt.group(2))
    # (or a preposition glued on the next word: "بوتفليقة لـ"التخلي"", "الضويلع بزيارة")
    return not first or not first.isalpha() or function_word(word) or word[:1] in ("ل", "ب") and not word.startswith("ال")


STRICT_RARE = 60    # occurrences in the news: a word past the recogniser's name this common is no name


def _has_known_name(text: str, m) -> bool:
    from rasad.analyse import lexicon as lx
    from rasad.analyse.ner import known_name
    words = [fold(w) for w in text[m.start:m.end].split()]
    if len(words) == 1 and _noun_before_its_object(text, m, words[0]):
        return False
    return any(known_name(f) or f in lx.first_names() for f in words)


def _noun_before_its_object(text: str, m, word: str) -> bool:
    """"يعينها رئيس مجلس الوزراء اختيار المرشحين": a given name that is also a common noun
    (seen with the article), followed by a definite word, is that noun with its object."""
    from rasad.analyse import lexicon as lx
    from rasad.analyse.tokens import vocabulary
    vocab = vocabulary()
    with_article = vocab.get("ال" + word, 0)
    if with_article < 100 or with_article < 0.1 * vocab.get(word, 0):
        return False
    nxt = re.match(r"\s+([\u0621-\u064a]+)", text[m.end:m.end + 30])
    return bool(nxt) and fold(nxt.group(1)).startswith("ال") and fold(nxt.group(1)) not in lx.STOP


# Heads that only organisations have (a corps, a party, a front), whatever the place after them
MILITARY_AND_PARTY_HEADS = {"فيلق", "لواء", "كتائب", "كتيبه", "حزب", "حركه", "جبهه", "تنظيم", "جماعه",
                            "ميليشيا", "ميليشيات", "مليشيا", "سرايا", "قوات", "جيش"}


# Organisation heads that name no place, whatever follows: the model's place reading of the
# whole name yields (an embassy, a consulate, an office or a centre is also a site)
ORG_ONLY_HEADS = MILITARY_AND_PARTY_HEADS | {fold(w) for w in (
    "جامعة كلية أكاديمية معهد وزارة هيئة منظمة وكالة لجنة مجلس شركة بنك مصرف صندوق محكمة برلمان "
    "جمعية مؤسسة نقابة رابطة اتحاد صحيفة قناة إذاعة جريدة مجلة").split()}


def _merge_mentions(rules: list, model: list, text: str | None = None) -> list:
    """The model's mentions, plus rule mentions that overlap none of them; where a rule mention
    covers the same words as a model mention, the rule's gazetteer attributes are kept. A
    rule's person name keeps words beyond the model's only when they look like parts of a
    name (`text` given): the rule patterns run on into verbs and objects."""
    out = list(model)
    if text is not None:
        by_start = sorted(rules, key=lambda r: r.start)
        starts = [r.start for r in by_start]
        for m in list(out):
            parts = [r for r in by_start[bisect_left(starts, m.start):bisect_left(starts, m.end)] if r.end <= m.end]
            if len(parts) >= 2 and not re.sub(r"\s", "", "".join(
                    text[a:b] for a, b in zip([m.start] + [r.end for r in parts], [r.start for r in parts] + [m.end]))):
                # "المتحدثة باسم البيت الأبيض سارة ساندرز" read as one name: the patterns' two
                out.remove(m)
                out.extend(parts)
    for r in rules:
        title = r.attrs.get("title") if r.label == "PER" and r.attrs.get("how") == "pattern" else None
        if title is None or text is None or not SPOKEN_FOR.search(text[title.start:title.end]):
            continue
        for m in out:
            if m.label == "PER" and title.start < m.start < r.start < m.end:
                # "المتحدث باسم حماس فوزي برهوم": the body spoken for is in the office
                m.start = r.start
    for r in rules:
        if text is not None and r.label == "PER" and r.attrs.get("how") == "pattern":
            model_end = max((m.end for m in out if m.label == "PER" and m.overlaps(r)), default=None)
            end = _person_words_end(text, r.start, r.end, model_end or r.start, strict=model_end is not None)
            if end <= r.start:
                continue
            r.end = end
            _strip_epithets(text, r)
            if model_end is None and not _has_known_name(text, r):
                # a title before words the model did not take for a name ("مستشار ثقافي"),
                # judged on the words kept: "وزير التخطيط العراقي يرأس الجانب العراقي"
                continue
        same = next((m for m in out if m.start == r.start and m.end == r.end), None)
        if same is not None and text is not None and r.attrs.get("kind") == "country" \
                and same.label in ("LOC", "MISC"):
            from rasad.analyse.names import adjective_reading
            from rasad.analyse.ner import demonym_country
            adjective = demonym_country(text[r.start:r.end])
            if adjective is not None:
                # سورية: the country or the adjective, by the words before it
                if adjective_reading(text, r.start):
                    same.label = "MISC"
                    same.attrs = {"how": "demonym", "demonym_of": adjective[0], "iso2": adjective[1]}
                else:
                    same.label, same.attrs = "LOC", dict(r.attrs)
                continue
        if same is not None and r.label == "ORG" and r.attrs.get("how") == "pattern" and same.label == "LOC" \
                and text is not None and fold(text[r.start:r.end].split()[0]) in ORG_ONLY_HEADS:
            # "فيلق القدس": a corps named after a city is still a corps; "جامعة الإمارات" a university
            same.label = "ORG"
            continue
        if same is not None and r.label == same.label == "PER" and _covers(r.attrs.get("title"), same.attrs.get("title")):
            # "معالي مساعد وزير الدفاع الأستاذ محمد العايش": the pattern read the whole office
            same.attrs["title"] = r.attrs["title"]
        if same is not None:
            if r.label == same.label or r.attrs.get("how") == "gazetteer" and same.label in ("PER", "MISC") \
                    or r.label == "ORG" and r.attrs.get("how") == "gazetteer" and same.label == "LOC" \
                    or r.label == "ORG" and r.attrs.get("how") == "pattern" and same.label == "MISC":
                # (and "مصرف الراجحي", an organisation's head word, that the model called "other")
                # a listed place or organisation the model read as a person or "other"
                same.label = r.label
                for k, v in r.attrs.items():
                    same.attrs.setdefault(k, v)
            # else the model's reading of the context stands: "مراسل الجزيرة" is the channel,
            # not the city of that name; "نادي موناكو" the club
            continue
        overlapping = [m for m in out if m.overlaps(r)]
        if not overlapping:
            if not r.attrs.get("ambiguous"):   # "وقف إطلاق النار": a town's name, an ordinary word
                out.append(r)
        elif all(r.contains(m) for m in overlapping) and r.attrs.get("how") in ("gazetteer", "pattern") \
                and (r.label != "PER" or (r.attrs.get("title") is not None
                                          and all(m.label == "PER" for m in overlapping))):
            # a longer organisation or place name the model split into parts
            for m in overlapping:
                out.remove(m)
            out.append(r)
    return sorted(out, key=lambda m: m.start)


def _covers(outer, inner) -> bool:
    """Span `outer` holds span `inner` and more (either may be None)."""
    return outer is not None and (inner is None or outer.start <= inner.start and inner.end <= outer.end
                                  and (outer.start, outer.end) != (inner.start, inner.end))


def stage_entities(article: Article) -> None:
    from rasad.resolve.coref import headline_entities, resolve_entities
    from rasad.resolve.offices import find_offices
    article.entities = resolve_entities(article)
    find_offices(article)
    headline_entities(article)


def stage_quotes(article: Article) -> None:
    """The rule finder's quotes; then, where its models are shipped, the learned quote model and
    speaker ranker decide the direct ones (the rule finder's choices are among their features)."""
    from rasad.events.quotes import find_quotes
    from rasad.events.quotes_learned import LearnedQuotes, default_models
    article.quotes = find_quotes(article)
    models = default_models()
    if models is not None:
        article.quotes = LearnedQuotes(models)(article)


def date_resolver(article: Article):
    """A date mention's day: its own value, else resolved against the publication date."""
    from rasad.analyse import dates

    def resolve(span: Span) -> dt.date | None:
        anchor = article.published
        value = span.attrs.get("value")
        if value is not None:
            return value
        return dates.resolve(span, anchor) if anchor is not None else None
    return resolve


def stage_events(article: Article) -> None:
    """The learned coder where its models are shipped, else the rule coder."""
    from rasad.events.learned import LearnedCoder, default_models
    models = default_models()
    if models is not None:
        article.events = LearnedCoder(models)(article, date_resolver(article))
        return
    from rasad.events.coder import code_events
    article.events = code_events(article, date_resolver(article))


STAGES = [stage_clean, stage_tokens, stage_dates, stage_names, stage_entities, stage_quotes, stage_events]


def extract(source: str | Path | bytes | Document, *, field_map: dict | None = None
            ) -> Iterator[Article | InputError]:
    """Articles from a path, bytes or a Document. A whole-input problem raises `InputError`;
    a bad record inside a multi-record input comes out as an `InputError` in its place."""
    if isinstance(source, Document):
        yield analyse(source)
        return
    for doc in read(source, field_map=field_map):
        if isinstance(doc, InputError):
            yield doc
            continue
        try:
            yield analyse(doc)
        except InputError as exc:
            yield exc
        except ModelError:              # not the record's fault: every record would fail the same way
            raise
        except Exception as exc:        # a fault of ours on one record: say which, and go on with the rest
            yield InputError(doc.origin or "<record>", f"extraction failed ({type(exc).__name__}: {exc})")


def extract_text(text: str, **meta) -> Article:
    """One article from a string (for the API and tests): `meta` are Document fields."""
    return analyse(Document(text=text, origin=meta.pop("origin", "<text>"), **meta))
