"""In-article coreference: mentions grouped into entities.

Same folded name → same entity; a person's surname or first name alone, or a titled form,
refers back to the most recent person whose full name contains it; places sharing a
gazetteer canonical name are one place; an organisation's acronym in parentheses after its
full name ("قوات سوريا الديمقراطية (قسد)") is an alias of it.
"""
from __future__ import annotations

import re

from rasad.analyse.lexicon import first_names
from rasad.analyse.names import office_word
from rasad.model import Article, Entity, Mention
from rasad.normalize import fold, fold_key

CONNECTORS = {"بن", "ابن", "بنت", "ابو", "ابي", "ام", "ال", "عبد"}


def mention_name(text: str, m: Mention) -> str:
    """The name as written, with the article restored after لل (للإدارة → الإدارة) and a
    hashtag read as words (#راوول_كاسترو → راوول كاسترو)."""
    name = text[m.start:m.end]
    if m.start >= 2 and text[m.start - 2:m.start] in ("لل",) and not name.startswith("ال"):
        name = "ال" + name
    return " ".join(name.replace("#", " ").replace("_", " ").split())


def headline_entities(article: Article) -> None:
    """Names of the headline (`article.title_mentions`) join the entity the body
    names the same way; one the body never names ("… ببشار الأسد في دمشق") becomes an entity
    of its own with no mention in the text. Either way its headline spans are kept in
    attrs["title_mentions"]."""
    title = article.title or ""
    for m in article.title_mentions:
        if m.label not in ("PER", "ORG", "LOC"):
            continue
        name = mention_name(title, m)
        key = _key(name)
        if not key:
            continue
        canonical = m.attrs.get("canonical")
        plain = _plural_key(key)
        ent = next((e for e in article.entities if e.type == m.label and (
            any(_plural_key(_key(a)) == plain for a in e.aliases)
            or canonical and (e.attrs.get("canonical") == canonical or any(_key(a) == _key(canonical) for a in e.aliases))
            or m.attrs.get("geonameid") and e.attrs.get("geonameid") == m.attrs["geonameid"]
            or any(_contains_words(_key(a), key) or _contains_words(key, _key(a)) for a in e.aliases
                   if len(_key(a)) > 3))), None)
        if ent is None and (len(key.split()) < 2 and not (m.label == "LOC" and canonical)):
            continue    # one unlisted word in a headline ("ميسي"، "بايرن"): too little to stand alone
        if ent is None:
            ent = Entity(id=f"e{len(article.entities) + 1}", type=m.label, name=canonical or name,
                         aliases=[name])
            for attr in ("iso2", "geonameid", "latin", "kind", "canonical"):
                if m.attrs.get(attr):
                    ent.attrs[attr] = m.attrs[attr]
            article.entities.append(ent)
        ent.attrs.setdefault("title_mentions", []).append([m.start, m.end])


def _plural_key(key: str) -> str:
    """الحوثيون and الحوثيين, one name in two cases."""
    return " ".join(w[:-2] + "ين" if w.endswith("ون") and len(w) > 4 else w for w in key.split())


def _contains_words(longer: str, shorter: str) -> bool:
    """`shorter` is a run of whole words of `longer` ("الأسد" in "بشار الأسد")."""
    return f" {shorter} " in f" {longer} "


def _key(name: str) -> str:
    return fold_key(name).replace("عبد ال", "عبدال")


def resolve_entities(article: Article) -> list[Entity]:
    text = article.text
    entities: list[Entity] = []
    by_key: dict[tuple[str, str], Entity] = {}
    _surnames_taken_for_places(article)
    _two_people_in_one(article)
    _surname_letter_taken_for_a_clitic(article)
    ordered = sorted(article.mentions, key=lambda m: m.start)
    # full names first, so that a surname before its full name still finds it
    for m in sorted(ordered, key=lambda m: (-len(_key(mention_name(text, m)).split()), m.start)):
        name = mention_name(text, m)
        key = _key(name)
        if not key:
            continue
        label = m.label
        canonical = m.attrs.get("canonical")
        ent = by_key.get((label, key)) or (canonical and by_key.get((label, _key(canonical))))
        if ent is None and label == "PER" and len(key.split()) <= 2:
            ent = _person_for_part(key, m.start, entities)
        if ent is None:
            ent = Entity(id=f"e{len(entities) + 1}", type=label, name=name)
            entities.append(ent)
            for k in {key, _key(canonical)} if canonical else {key}:
                by_key[(label, k)] = ent
            for attr in ("iso2", "geonameid", "latin", "kind", "demonym_of"):
                if m.attrs.get(attr):
                    ent.attrs[attr] = m.attrs[attr]
        by_key.setdefault((label, key), ent)
        ent.mentions.append(m)
        if name not in ent.aliases:
            ent.aliases.append(name)
        title = m.attrs.get("title")
        if title is not None:
            t = " ".join(text[title.start:title.end].split())
            if t and t not in ent.titles:
                ent.titles.append(t)
    _link_acronyms(article, entities)
    entities = _merge_extended_names(text, entities)
    _surnames(article, entities)
    _titled_forms(article, entities)
    _nested_countries(text, entities)
    # a merge above may have moved every mention of an entity into another: an entity is its mentions
    entities = [ent for ent in entities if ent.mentions]
    for ent in entities:
        ent.mentions.sort(key=lambda m: m.start)
        ent.name = max(_own_names(ent), key=lambda a: (len(_key(a).split()), len(a)))
        if ent.attrs.get("canonical_name"):
            ent.name = ent.attrs["canonical_name"]
    entities.sort(key=lambda e: e.mentions[0].start)
    for i, ent in enumerate(entities, 1):
        ent.id = f"e{i}"
    return entities


# the first word of a region named after its country: a side, or a region's head
REGION_OF_COUNTRY_HEADS = {fold_key(w) for w in """شمال جنوب شرق غرب وسط شمالي جنوبي شرقي غربي أقصى
    إقليم اقليم كردستان""".split()}


def _nested_countries(text: str, entities: list[Entity]) -> None:
    """"إقليم كردستان العراق", "شمال سوريا": a region named after its country names the country
    too. The country's words inside the region's mention are a mention of the country's entity
    (made when the article names it nowhere else); the region keeps its own."""
    from rasad.analyse import lexicon as lx
    places = lx.places()
    for ent in list(entities):
        if ent.type != "LOC" or ent.attrs.get("kind") == "country":
            continue
        for m in list(ent.mentions):
            words = list(re.finditer(r"\S+", text[m.start:m.end]))
            if not words or fold_key(words[0].group()) not in REGION_OF_COUNTRY_HEADS:
                continue    # ("مملكة البحرين" is the country; "مدينة جازان السعودية" a Saudi city)
            for k in (2, 1):
                if len(words) <= k:
                    continue
                start = m.start + words[-k].start()
                place = places.get(fold_key(text[start:m.end]))
                if place is None or place["kind"] != "country":
                    continue
                key = fold_key(text[start:m.end])
                country = next((e for e in entities if e.type == "LOC" and (
                    e.attrs.get("kind") == "country" and e.attrs.get("iso2") == place["iso2"]
                    or any(fold_key(a) == key for a in e.aliases))), None)
                if country is None:
                    name = text[start:m.end]
                    country = Entity(id="", type="LOC", name=name, aliases=[name],
                                     attrs={"kind": "country", "iso2": place["iso2"], "latin": place["latin"],
                                            "geonameid": place["geonameid"], "how": "nested"})
                    entities.append(country)
                if not any(o.start == start and o.end == m.end for o in country.mentions):
                    country.mentions.append(Mention(start, m.end, "LOC", {"how": "nested"}))
                break


def _merge_extended_names(text: str, entities: list[Entity]) -> list[Entity]:
    """One name, once short and once extended: "مجلس الأمن" and "مجلس الأمن الدولي", "الحرس
    الثوري" and "… الإيراني", "المرصد السوري" and "… لحقوق الإنسان", "القاعدة" and "تنظيم
    القاعدة", "سلمان بن عبدالعزيز" and "… آل سعود". The short name joins the one entity that
    extends it with adjectives, a field (ل…), a head before it, or a person's further names; a place
    joins the one named with its head ("درنة" and "مدينة درنة": see `place_name_heads`)."""
    from rasad.analyse import lexicon as lx
    keys = {id(e): [_key(a).split() for a in e.aliases] for e in entities}
    merged: set[int] = set()
    for short in entities:
        if short.type not in ("ORG", "PER", "LOC"):
            continue
        owners = []
        for long in entities:
            if long is short or long.type != short.type or id(long) in merged:
                continue
            if any(_extends(sw, lw, short.type, lx) for sw in keys[id(short)] for lw in keys[id(long)]):
                owners.append(long)
        if len(owners) == 1 and id(short) not in merged:
            long = owners[0]
            long.mentions.extend(short.mentions)
            for a in short.aliases:
                if a not in long.aliases:
                    long.aliases.append(a)
            for t in short.titles:
                if t not in long.titles:
                    long.titles.append(t)
            merged.add(id(short))
    return [e for e in entities if id(e) not in merged]


EXTENSION_STOPS = {"جونيور", "الابن", "الاب", "الثاني", "الثالث"}


def _extends(short: list[str], long: list[str], kind: str, lx) -> bool:
    """`long` is `short` with words added that keep it the same entity."""
    n = len(short)
    if not short or len(long) <= n:
        return False
    if long[:n] == short and kind != "LOC":
        extra = long[n:]
        if any(w in EXTENSION_STOPS for w in extra):
            return False        # "دونالد ترامب جونيور": his son
        if kind == "PER":
            return n >= 2       # "سلمان بن عبدالعزيز" + "آل سعود"
        # adjectives (الدولي، الإيراني، الانقلابية) or a field after ل ("لحقوق الإنسان")
        return extra[0].startswith("ل") and not extra[0].startswith("ال") or all(
            w.startswith("ال") and (w.endswith(("ي", "يه", "يين", "يون")) or w.startswith("الم")) for w in extra)
    if kind == "ORG" and long[-n:] == short and len(long) - n == 1 and long[0] in lx.ORG_HEADS:
        return True             # "تنظيم القاعدة", "حركة حماس"
    # "مدينة درنة", "العاصمة صنعاء" (not "ريف حمص", "مطار دمشق": other places)
    return kind == "LOC" and long[-n:] == short and len(long) - n == 1 and long[0] in place_name_heads()


def _own_names(ent: Entity) -> list[str]:
    """The aliases a name is chosen from: a place's are without a head that another alias drops
    ("درنة", not "مدينة درنة")."""
    if ent.type != "LOC":
        return ent.aliases
    keys = {_key(a) for a in ent.aliases}
    heads = place_name_heads()
    own = [a for a in ent.aliases
           if not (len(_key(a).split()) > 1 and _key(a).split()[0] in heads
                   and " ".join(_key(a).split()[1:]) in keys)]
    return own or ent.aliases


def place_name_heads() -> frozenset[str]:
    """Words that head a place's own name ("محافظة البصرة" is البصرة), from
    rasad/resources/lang/names/place_heads.tsv."""
    from rasad.analyse.langdata import phrases
    return phrases("names/place_heads.tsv")


def _surnames_taken_for_places(article: Article) -> None:
    """"ديفيد كاميرون" … "مما دعا كاميرون": a one-word place or organisation that is the
    family name of one person named in full in the article is that person (Cameron, not
    Cameroon)."""
    text = article.text
    owners: dict[str, dict[str, int]] = {}     # surname → {full name: where first named}
    for m in article.mentions:
        if m.label == "PER":
            words = _key(mention_name(text, m)).split()
            if len(words) >= 2 and words[-2] not in CONNECTORS:
                owners.setdefault(words[-1], {}).setdefault(" ".join(words), m.start)
    for m in article.mentions:
        if m.label in ("LOC", "ORG") and not m.attrs.get("demonym_of"):
            named = owners.get(_key(mention_name(text, m)), {})
            # the person named shortly before; "في كاميرون", "إلى فرنسا" stay places
            if len(named) == 1 and 0 < m.start - min(named.values()) < SURNAME_REACH \
                    and not LOCATIVE_BEFORE.search(text, max(0, m.start - 8), m.start):
                m.label, m.attrs = "PER", {"how": "coreference"}


def _surname_letter_taken_for_a_clitic(article: Article) -> None:
    """"ستانلي فيشر" … "وأكد فيشر": a name read without its first letter (ف, و, ب, ل, ك taken
    for a clitic: "يشر") is the family name of the person named in full."""
    text = article.text
    names = [_key(mention_name(text, m)).split() for m in article.mentions if m.label == "PER"]
    surnames = {words[-1] for words in names if len(words) >= 2}
    for m in article.mentions:
        if m.label != "PER" or m.start == 0 or text[m.start - 1] not in "وفبلك" or " " in text[m.start:m.end]:
            continue
        name = _key(text[m.start - 1:m.end])
        if name in surnames and _key(mention_name(text, m)) not in surnames:
            m.start -= 1


def _two_people_in_one(article: Article) -> None:
    """"والتقى بومبيو كيم": two words read as one name, the family name of one person named
    in full ("مايك بومبيو") and the given name of another ("كيم جونغ أون"), are two people."""
    text = article.text
    full = [_key(mention_name(text, m)).split() for m in article.mentions if m.label == "PER"]
    full = [w for w in full if len(w) >= 2]
    surnames = {w[-1] for w in full}
    given = {w[0] for w in full}
    for m in [m for m in article.mentions if m.label == "PER"]:
        words = list(re.finditer(r"\S+", text[m.start:m.end]))
        if len(words) != 2:
            continue
        first, second = (_key(w.group()) for w in words)
        # (not when some longer name holds the two words together)
        # (a given name first reads as one person's name: محمود عباس)
        if first in surnames and second in given and first not in first_names() and not any(
                len(w) > 2 and " ".join(w).find(f"{first} {second}") >= 0 for w in full):
            end = m.start + words[0].end()
            other = Mention(m.start + words[1].start(), m.end, "PER", {"how": "split"})
            m.end = end
            m.attrs = {k: v for k, v in m.attrs.items() if k != "canonical"}
            article.mentions.append(other)
    article.mentions.sort(key=lambda m: m.start)


SURNAME_REACH = 2000      # characters: a story's length, not a corpus's
LOCATIVE_BEFORE = re.compile(r"(?:^|\s)[وف]?(?:في|إلى|الى|من|نحو|داخل|خارج)\s+$|[بل]$")


def _person_for_part(key: str, pos: int, entities: list[Entity]) -> Entity | None:
    """The person whose longer name contains `key` as whole words (not after a connector:
    a son is not his father), preferring the one mentioned most recently before `pos`."""
    parts = key.split()
    best, best_rank = None, None
    for ent in entities:
        if ent.type != "PER":
            continue
        for alias in ent.aliases:
            words = _key(alias).split()
            if len(words) <= len(parts):
                continue
            for i in range(len(words) - len(parts) + 1):
                if words[i:i + len(parts)] == parts and (i == 0 or words[i - 1] not in CONNECTORS) \
                        and not EXTENSION_STOPS & set(words[i + len(parts):]):    # (not "… جونيور": a son)
                    before = [m.start for m in ent.mentions if m.start <= pos]
                    # the person named last before this mention; else the first named after it
                    rank = (1, max(before)) if before else (0, -min((m.start for m in ent.mentions), default=pos))
                    if best_rank is None or rank > best_rank:
                        best, best_rank = ent, rank
    return best


def _occurrences(text: str, phrase: str):
    """[start, end) of `phrase` as whole words in `text`, a proclitic (و ف ب ل) allowed before it.
    Plain string search: compiling a pattern per name would dominate the article's time."""
    n = len(phrase)
    i = text.find(phrase)
    while i >= 0:
        before = text[i - 1] if i > 0 else " "
        if before in "وفبل" and i > 1:
            before = text[i - 2] if text[i - 2] not in "وفبل" or i < 3 else text[i - 3]
        after = text[i + n] if i + n < len(text) else " "
        if not (before.isalnum() or after.isalnum()):
            yield i, i + n
        i = text.find(phrase, i + 1)


ORDINALS = {fold_key(w) for w in "الأول الثاني الثالث الرابع الخامس السادس السابع الثامن التاسع العاشر".split()}


def _surnames(article: Article, entities: list[Entity]) -> None:
    """A person's family name alone later in the article ("عن ظريف قوله") is that person, when
    the recogniser missed it: find unmarked occurrences, glued proclitics allowed."""
    from rasad.analyse import lexicon as lx
    from rasad.analyse.ner import person_word
    from rasad.analyse.tokens import vocabulary
    text = article.text
    taken = [(m.start, m.end) for e in entities for m in e.mentions]
    vocab = vocabulary()
    owners: dict[str, list[Entity]] = {}
    for ent in entities:
        if ent.type != "PER":
            continue
        words = max(ent.aliases, key=lambda a: len(a.split())).split()
        if len(words) < 2:
            continue
        last = words[-1].lstrip("#@").replace("_", " ").split()[-1] if words[-1].strip("#@_") else ""
        key = _key(last)
        if len(key) < 3 or key in lx.STOP or key in lx.HONORIFICS or vocab.get(key, 0) > 3000 \
                or any(ch.isdigit() for ch in key) or key in ORDINALS or not person_word(key):
            continue   # "40د", "محادثات" (a name that ran on into the next word), "الخامس"
            # (محمد الخامس is never called "the fifth" alone): no surname
        owners.setdefault(last, []).append(ent)
    for surname, ents in owners.items():
        if len(ents) != 1:
            continue   # two people share the name: leave it to the recogniser
        ent = ents[0]
        for s, e in _occurrences(text, surname):
            if article.is_removed(s) or any(a < e and s < b for a, b in taken):
                continue
            mention = Mention(s, e, "PER", {"how": "coreference"})
            ent.mentions.append(mention)
            article.mentions.append(mention)
            taken.append((s, e))
    article.mentions.sort(key=lambda m: m.start)


def _titled_forms(article: Article, entities: list[Entity]) -> None:
    """"الرئيس السوداني عمر البشير" … later "الرئيس السوداني" alone: the same person, when one
    person in the article holds that title."""
    from rasad.analyse import lexicon as lx
    text = article.text
    holders: dict[str, list[Entity]] = {}
    for ent in entities:
        if ent.type != "PER":
            continue
        for m in ent.mentions:
            title = m.attrs.get("title")
            if title is None:
                continue
            words = text[title.start:title.end].split()
            forms = [words]
            # "أمير قطر الشيخ تميم …", later "أمير قطر": the office without the honorific
            while len(words) > 2 and fold_key(words[-1]) in lx.HONORIFICS:
                words = words[:-1]
                forms.append(words)
            for form in forms:
                t = " ".join(form)
                if len(form) >= 2 and ent not in holders.get(t, []):
                    holders.setdefault(t, []).append(ent)
    # a place named inside the office ("أمير قطر") does not stop it from naming its holder
    # (nor does a nationality inside it: "وثمن الرئيس الأميركي الدور")
    taken = [(m.start, m.end) for e in entities if e.type != "LOC" for m in e.mentions
             if not m.attrs.get("demonym_of")] + \
        [(m.attrs["title"].start, m.attrs["title"].end) for e in entities for m in e.mentions if m.attrs.get("title")]
    for title, ents in holders.items():
        if len(ents) != 1:
            continue
        for s, e in _occurrences(text, title):
            if article.is_removed(s) or any(a < e and s < b for a, b in taken):
                continue
            prev = re.search(r"([\u0621-\u064a]+)\s+$", text[max(0, s - 20):s])
            if prev and office_word(fold(prev.group(1))):
                continue   # "مساعدة وزير الخارجية الأمريكي": another's office, in construct with it
            if re.match(r"[\s،,]*[\u0600-\u06ff]", text[e:e + 3]) and any(
                    m.start - e < 4 and m.start >= e for m in article.mentions if m.label == "PER"):
                continue   # the title of someone named right after it
            mention = Mention(s, e, "PER", {"how": "title-coreference"})
            ents[0].mentions.append(mention)
            article.mentions.append(mention)
            taken.append((s, e))
    article.mentions.sort(key=lambda m: m.start)


APPOSITION_RE = re.compile(r"[ \t]+([\u0621-\u064a]{3,})(?=[\s،,.:؛]|$)")
ACRONYM_RE = re.compile(r"\s*[(«\"“]\s*([^()«»\"“”]{2,30})\s*[)»\"”]")
# "وزارة الدفاع الأمريكية أو "البنتاغون"": the other name given with أو
OR_ALIAS_RE = re.compile(r"[ \t،,]+أو[ \t]+[«\"“]\s*([^()«»\"“”]{2,30})\s*[»\"”]")


def _link_acronyms(article: Article, entities: list[Entity]) -> None:
    """"قوات سوريا الديمقراطية (قسد)": the bracketed short name is an alias, one entity."""
    text = article.text
    for ent in list(entities):
        if ent not in entities:
            continue
        for m in ent.mentions:
            hit = ACRONYM_RE.match(text, m.end) or OR_ALIAS_RE.match(text, m.end) or APPOSITION_RE.match(text, m.end)
            if not hit or ent.type != "ORG" and hit.re is APPOSITION_RE:
                continue
            inner = hit.group(1).strip()
            if hit.re is APPOSITION_RE and not any(
                    o.start == hit.start(1) and o.end == hit.end(1) and o.label == "ORG"
                    for o in article.mentions):
                continue    # "حركة المقاومة الإسلامية حماس": one organisation named twice
            # the model may read the short name alone as something else: "(إرنا)" after
            # an agency's name is the agency, whatever label the word got on its own (a
            # listed place in brackets, "(قامشلو)", stays a place)
            # (a person's full name in marks after an organisation is its spokesman: 'المتحدث
            # باسم الأمم المتحدة "فرحان حق"')
            other = next((e for e in entities if e is not ent and (
                e.type == ent.type or ent.type == "ORG" and not e.attrs.get("geonameid") and not e.attrs.get("kind")
                and (e.type != "PER" or len(inner.split()) == 1))
                and any(_key(a) == _key(inner) for a in e.aliases)), None)
            if other is not None:
                for o in other.mentions:
                    o.label = ent.type
                ent.mentions += other.mentions
                ent.aliases += [a for a in other.aliases if a not in ent.aliases]
                entities.remove(other)
            elif hit.re is ACRONYM_RE and ent.type == "ORG" and _acronym_like(inner):
                _bracketed_acronym(article, entities, ent, hit.start(1), hit.start(1) + len(inner), inner)
                break


# Latin capitals ("IAEA", "OPEC"), or letters spelled in Arabic ("سي بي إيه", "دبليو إتش أو")
LATIN_ACRONYM_RE = re.compile(r"[A-Z][A-Za-z&.\-]{1,9}")
SPELLED_LETTERS = {fold_key(w) for w in "إيه ايه أيه اي إي آي بي سي دي إف اف جي إتش اتش إتش آي جيه كيه كي إل ال إم ام "
                   "إن ان أو او بي كيو آر ار إس اس تي يو في فى دبليو إكس اكس واي زد زي".split()}


def _acronym_like(inner: str) -> bool:
    words = inner.split()
    return bool(LATIN_ACRONYM_RE.fullmatch(inner)) or \
        2 <= len(words) <= 5 and all(fold_key(w) in SPELLED_LETTERS for w in words)


def _bracketed_acronym(article: Article, entities: list[Entity], ent: Entity, start: int, end: int,
                       inner: str) -> None:
    """"بنك كومنولث أستراليا (سي بي إيه)": the whole acronym is a name of the organisation,
    whatever part of it the recogniser took for a name of its own."""
    for other in [e for e in entities if e is not ent and not e.attrs.get("geonameid") and not e.attrs.get("kind")]:
        inside = [m for m in other.mentions if start <= m.start and m.end <= end]
        if not inside:
            continue
        if all(_contains_words(_key(inner), _key(a)) for a in other.aliases):
            for o in other.mentions:        # the same partial reading elsewhere is the acronym too
                o.label = ent.type
            ent.mentions += [o for o in other.mentions if o not in inside]
            if len(other.mentions) > len(inside):
                ent.aliases += [a for a in other.aliases if a not in ent.aliases]
            entities.remove(other)
        else:
            other.mentions = [o for o in other.mentions if o not in inside]
        article.mentions = [o for o in article.mentions if o not in inside]
    if any(m.start < end and start < m.end for m in article.mentions):
        return
    mention = Mention(start, end, ent.type, {"how": "acronym"})
    ent.mentions.append(mention)
    article.mentions.append(mention)
    article.mentions.sort(key=lambda m: m.start)
    if inner not in ent.aliases:
        ent.aliases.append(inner)
