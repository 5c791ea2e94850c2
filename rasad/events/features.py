"""Features of the learned event coder: of a sentence (does it report an event of type T?), of a
candidate participant (source, target or neither?) and of a candidate place.

Every feature is a string; the models (`rasad.learn.linear`) weigh them. The features read one view
of words (`word_view`: the article's clitic-split tokens, each stem folded, its proclitics kept
beside it), the names found before, the rule lexicon of `rasad.events.triggers` (rules are features
here: the model learns how far to trust each) and the markers of `rasad.analyse.markers`.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from rasad.analyse import markers
from rasad.events.triggers import trigger_regex
from rasad.model import Article, Mention, Span
from rasad.normalize import fold

ACTOR_TYPES = ("PER", "ORG", "LOC", "MISC")


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    stem: str          # folded, proclitics off
    clitics: str       # folded proclitics glued before it ("و", "وال", "ب")


@dataclass(frozen=True)
class RuleHit:
    type: str
    frame: str
    mode: str | None
    start: int          # offsets in the article text
    end: int


def word_view(article: Article) -> list[Word]:
    """The article's words: clitic tokens joined to the word they precede, stems folded."""
    cached = article.extra.get("_word_view")
    if cached is not None:
        return cached
    out: list[Word] = []
    clitics, c_start = "", None
    for tok in article.tokens:
        if tok.label == "CLITIC":
            clitics += fold(article.text[tok.start:tok.end])
            c_start = tok.start if c_start is None else c_start
            continue
        if tok.label == "PUNCT":
            clitics, c_start = "", None
            continue
        stem = fold(article.text[tok.start:tok.end])
        out.append(Word(c_start if c_start is not None else tok.start, tok.end, stem, clitics))
        clitics, c_start = "", None
    article.extra["_word_view"] = out
    return out


def words_in(article: Article, start: int, end: int) -> list[Word]:
    view = word_view(article)
    starts = article.extra.get("_word_starts")
    if starts is None:
        starts = article.extra["_word_starts"] = [w.start for w in view]
    i = bisect_left(starts, start)
    j = bisect_left(starts, end)
    return view[i:j]


def rule_hits(article: Article) -> list[RuleHit]:
    """Where the trigger lexicon matches in the article."""
    cached = article.extra.get("_rule_hits")
    if cached is not None:
        return cached
    regex, table = trigger_regex()
    from rasad.events.triggers import lookup
    norm = article.normalized
    out = []
    for m in regex.finditer(norm.text):
        trig = table.get(m.group(1)) or lookup(m.group(1))
        if trig is None:
            continue
        a, b = norm.span_to_original(m.start(1), m.end(1))
        out.append(RuleHit(trig.type, trig.frame, trig.mode, a, b))
    article.extra["_rule_hits"] = out
    return out


def rule_events(article: Article) -> list:
    """The rule coder's events (`rasad.events.coder`), set by `attach_rule_events`: the learned
    models weigh them as features, never take them as they are."""
    return article.extra.get("_rule_events", [])


def attach_rule_events(article: Article, resolve_date) -> None:
    from rasad.events.coder import code_events
    article.extra["_rule_events"] = code_events(article, resolve_date)


def _rule_events_in(article: Article, sent: Span) -> list:
    out = []
    for ev in rule_events(article):
        at = ev.trigger or ev.evidence
        if at is not None and sent.start <= at.start < sent.end:
            out.append(ev)
    return out


def _clusters():
    """Word clusters of the 72K news (word2vec, k-means; shared with the name recogniser)."""
    from rasad.analyse.ner import _word_resources
    return _word_resources()["clusters"]


def _bucket(n: int, edges=(0, 1, 2, 3, 5, 8, 13, 21)) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return f">{edges[-1]}"


def in_quotes(article: Article, start: int, end: int) -> float:
    """The share of [start, end) inside direct quotes."""
    inside = 0
    for q in article.quotes:
        a, b = max(start, q.span.start), min(end, q.span.end)
        inside += max(0, b - a)
    return inside / max(1, end - start)


def sentence_features(article: Article, index: int) -> list[str]:
    """What the event detector weighs for sentence `index` (types are decided per model)."""
    sent = article.sentences[index]
    words = words_in(article, sent.start, sent.end)
    stems = [w.stem for w in words]
    fullforms = [w.clitics + w.stem for w in words]
    feats = ["bias_sent"]
    clusters = _clusters()
    for i, w in enumerate(words):
        feats.append(f"w={w.stem}")
        feats.append(f"f={fullforms[i]}")
        cl = clusters.get(w.stem) or clusters.get(fullforms[i])
        if cl is not None:
            feats.append(f"c1={cl[0]}")
            feats.append(f"c2={cl[1]}")
        if len(w.stem) >= 4:
            feats.append(f"p3={w.stem[:3]}")
            feats.append(f"s3={w.stem[-3:]}")
        if i + 1 < len(words):
            feats.append(f"b={w.stem}_{words[i + 1].stem}")
        if i < 3:
            feats.append(f"first={w.clitics}{w.stem}")
    text = article.text[sent.start:sent.end]
    by_stem, by_form = markers.all_hits(stems), markers.all_hits(fullforms)
    for concept in markers.CONCEPTS:
        found = by_stem.get(concept, []) + by_form.get(concept, [])
        if found or any(mark in text for mark in markers.marks(concept)):
            feats.append(f"marker={concept}")
            if found and min(found) < 4:
                feats.append(f"marker_early={concept}")
    for hit in rule_hits(article):
        if sent.start <= hit.start < sent.end:
            feats += [f"rule={hit.type}", f"rule={hit.type}/{hit.frame}", f"rule_mode={hit.type}/{hit.mode}"]
    counts: dict[str, int] = {}
    for m in article.mentions:
        if sent.start <= m.start < sent.end:
            counts[m.label] = counts.get(m.label, 0) + 1
    for label in ACTOR_TYPES:
        feats.append(f"n_{label}={_bucket(counts.get(label, 0), (0, 1, 2, 4))}")
    share = in_quotes(article, sent.start, sent.end)
    feats.append("quoted=" + ("all" if share > 0.8 else "part" if share > 0.1 else "none"))
    feats.append(f"pos={_bucket(index, (0, 1, 2, 4, 8))}")
    feats.append(f"len={_bucket(len(words), (5, 10, 20, 40))}")
    for ev in _rule_events_in(article, sent):
        feats.append(f"coder={ev.type}")
        feats.append(f"coder={ev.type}/{'sided' if ev.source or ev.target else 'unsided'}")
    return feats


GENERIC = ("marker=", "marker_early=", "quoted=", "pos=", "n_")


@dataclass(frozen=True)
class PairContext:
    """What `shared_pair_features` needs of a sentence, worked out once for all sixteen types."""
    features: frozenset
    any_rule: bool
    context: tuple


def pair_context(sentence: list[str]) -> PairContext:
    return PairContext(frozenset(sentence), any(f.startswith("rule=") for f in sentence),
                       tuple(f for f in sentence if f.startswith(GENERIC)))


def shared_pair_features(sentence: list[str] | PairContext, etype: str) -> list[str]:
    """The detector scores (sentence, type) pairs. Its features are the sentence's features conjoined
    with the type ("T|f", grouped per feature in `learned.DetectorIndex`) and these type-free ones,
    which all types learn together: does the rule lexicon or the rule coder name this very type
    here, and under which markers."""
    ctx = sentence if isinstance(sentence, PairContext) else pair_context(sentence)
    own_rule = f"rule={etype}" in ctx.features
    own_coder = f"coder={etype}" in ctx.features
    out = [f"self_rule={own_rule}/coder={own_coder}/other_rule={ctx.any_rule and not own_rule}"]
    if own_rule or own_coder:
        out += [f"self&{f}" for f in ctx.context]
        out += [f"self&{f}" for f in ctx.features if f.startswith((f"rule={etype}/", f"coder={etype}/"))]
    return out


# ---------------------------------------------------------------- participants
PREPOSITIONS = frozenset(fold(w) for w in "مع على الى إلى من عن ضد في بين لدى نحو حول عبر داخل خارج قرب امام "
                                          "بحق تجاه لصالح بعد قبل خلال".split())


def trigger_position(article: Article, sent: Span, etype: str, weight) -> tuple[int, int]:
    """Where a detected event's trigger stands: the rule lexicon's match of that type in the
    sentence, else the word the detector weighs most for the type, else the sentence start."""
    hits = [h for h in rule_hits(article) if sent.start <= h.start < sent.end and h.type == etype]
    if hits:
        return hits[0].start, hits[0].end
    words = words_in(article, sent.start, sent.end)
    if not words:
        return sent.start, sent.start
    best = max(words, key=lambda w: weight(f"w={w.stem}"))
    return best.start, best.end


def candidate_features(article: Article, sent: Span, etype: str, trig: tuple[int, int], mention: Mention,
                       entity_type: str, first_after: bool, first_before: bool, prev_sentence: bool,
                       salience: int) -> list[str]:
    """What the role model weighs for one mention of a candidate participant."""
    words = words_in(article, sent.start, sent.end)
    before = [w for w in words if w.end <= mention.start]
    after_trigger = mention.start >= trig[1]
    between = [w for w in words if min(trig[1], mention.end) <= w.start and w.end <= max(trig[0], mention.start)]
    prev = before[-1] if before else None
    prep = ""
    if prev is not None and prev.stem in PREPOSITIONS:
        prep = prev.stem
    first = words_in(article, mention.start, mention.end)
    glued = first[0].clitics if first else ""
    bare = glued[1:] if glued[:1] in ("و", "ف") else glued
    if not prep and bare[:1] in ("ب", "ل", "ك"):
        prep = bare[:1]
    where = "prev" if prev_sentence else ("after" if after_trigger else "before")
    dist = _bucket(len(between), (0, 1, 2, 4, 8, 16))
    base = [
        f"et={entity_type}", f"where={where}", f"prep={prep}", f"dist={dist}", f"where_dist={where}/{dist}",
        f"et_where={entity_type}/{where}", f"prep_where={prep}/{where}", f"how={mention.attrs.get('how', '')}",
        f"titled={bool(mention.attrs.get('title'))}", f"sal={_bucket(salience, (1, 2, 4))}",
        f"quoted={in_quotes(article, mention.start, mention.end) > 0.5}",
    ]
    if first_after:
        base.append("first_after")
    if first_before:
        base.append("first_before")
    if prev is not None:
        base.append(f"prevw={prev.stem}")
    for hit in rule_hits(article):
        if hit.start == trig[0] and hit.type == etype:
            base.append(f"frame={hit.frame}")
            base.append(f"frame_where={hit.frame}/{where}/{prep}")
    coder_role = "absent"
    for ev in _rule_events_in(article, sent):
        if ev.type != etype:
            continue
        eid = article.entity_id_of(mention)
        coder_role = "source" if eid in ev.source else "target" if eid in ev.target else "none"
        break
    base.append(f"coder_role={coder_role}")
    return ["bias_role", *base, *(f"{etype}|{f}" for f in base)]


def place_features(article: Article, sent: Span, trig: tuple[int, int], mention: Mention, participant: bool,
                   kind: str | None, lead: bool) -> list[str]:
    """What the place model weighs for one mention of a candidate place."""
    words = words_in(article, sent.start, sent.end)
    before = [w for w in words if w.end <= mention.start]
    prev = before[-1].stem if before else ""
    first = words_in(article, mention.start, mention.end)
    glued = first[0].clitics if first else ""
    dist = abs(mention.start - trig[0]) // 20
    return ["bias_place", f"prev={prev}", f"glued={glued}", f"kind={kind}", f"participant={participant}",
            f"lead={lead}", f"after={mention.start >= trig[1]}", f"dist={_bucket(dist, (0, 1, 2, 4, 8))}",
            f"fi={prev == 'في' or glued.endswith('ب')}"]
