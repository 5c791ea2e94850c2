"""Direct quotes by two models trained on the annotated corpus (`scripts/train_events.py`):

- the quote model: is a stretch of words in quote marks a quote (someone's words), or a name, a title,
  a term? Every pair of marks in the body is a candidate, one word long or a paragraph long;
- the speaker ranker: which entity named in the paragraph (or the one before) said it, or nobody named.

Both weigh features of the words around the marks (speech verbs before and after, what the marks are
glued to, prepositions before a name) and what the rule finder of `rasad.events.quotes` decided for the
same stretch: the rules are features here. Reported speech (no marks) is still the rule finder's.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rasad.analyse import lexicon as lx
from rasad.events import quotes as rq
from rasad.events.features import _bucket, words_in
from rasad.events.learned import models_folder
from rasad.learn.linear import LinearModel, calibrate
from rasad.model import Article, Entity, Mention, Quote, Span

REBUILD = "python scripts/train_events.py"
SPEAKER_WINDOW = 800          # characters before a quote (and after it) where its speaker is looked for


@dataclass
class QuoteModels:
    quotes: LinearModel           # binary: a quote or not
    speakers: LinearModel         # binary: this entity said it

    @property
    def version(self) -> str:
        return str(self.quotes.meta.get("version", "?"))


@lru_cache(maxsize=1)
def default_models() -> QuoteModels | None:
    folder = models_folder()
    if folder is None or not folder.joinpath("quotes.npz").is_file():
        return None
    return QuoteModels(LinearModel.load(folder.joinpath("quotes.npz"), REBUILD),
                       LinearModel.load(folder.joinpath("speakers.npz"), REBUILD))


@dataclass
class Candidate:
    start: int
    end: int
    para: tuple[int, int]
    closed: bool
    rule: Quote | None             # the rule finder's direct quote over the same words


def candidates(article: Article) -> list[Candidate]:
    text = article.text
    rule_by_span = {}
    for q in article.quotes:
        if q.direct:
            rule_by_span[(q.span.start, q.span.end)] = q
    out = []
    for para in rq._paragraphs(text, article.body_spans()):
        for s, e, closed in rq._quoted(text, *para):
            rule = rule_by_span.get((s, e)) or next(
                (q for (a, b), q in rule_by_span.items() if a < e and s < b), None)
            out.append(Candidate(s, e, para, closed, rule))
    return out


def _speech(word: str) -> bool:
    return rq._cue_form(word) in lx.SPEECH_VERBS or rq._cue_form(word) in rq.PARTICIPLE_CUES


def quote_features(article: Article, c: Candidate) -> list[str]:
    text = article.text
    inside = words_in(article, c.start, c.end)
    before = words_in(article, max(c.para[0], c.start - 120), c.start)[-4:]
    after = words_in(article, c.end, min(c.para[1], c.end + 120))[:4]
    n = len(inside)
    feats = ["bias_quote", f"n={_bucket(n, (1, 2, 3, 5, 8, 15, 30))}", f"closed={c.closed}",
             f"rule={'found' if c.rule is not None else 'none'}",
             f"rule_speaker={'named' if c.rule is not None and c.rule.speaker else 'none'}",
             f"name={rq._is_a_name(article, c.start, c.end)}",
             f"glued={rq._glued_to_a_letter(text, c.start)}",
             f"first_punct={text[c.start:c.end].lstrip()[:1] in '.،,؛:'}",
             f"para_start={c.start - c.para[0] <= 2}", f"para_end={c.para[1] - c.end <= 2}"]
    for k, w in enumerate(reversed(before)):
        feats.append(f"b{k}={w.clitics}{w.stem}")
        if _speech(w.clitics + w.stem):
            feats.append(f"speech_before={k}")
    for k, w in enumerate(after):
        feats.append(f"a{k}={w.clitics}{w.stem}")
        if _speech(w.clitics + w.stem):
            feats.append(f"speech_after={k}")
    mark_before = text[max(0, c.start - 3):c.start]
    feats.append(f"colon_before={':' in mark_before}")
    for w in inside[:2]:
        feats.append(f"in0={w.stem}")
    if n <= 3:
        feats += [f"short&b0={before[-1].stem if before else ''}", f"short&rule={c.rule is not None}"]
    return feats


def speaker_candidates(article: Article, c: Candidate, previous: str | None
                       ) -> list[tuple[Entity, Mention, list[str]]]:
    """Entities named near the quote (not inside it), each by its mention nearest the marks."""
    lo = max(0, c.start - SPEAKER_WINDOW)
    hi = min(len(article.text), c.end + SPEAKER_WINDOW // 2)
    out = []
    salience = {e.id: len(e.mentions) for e in article.entities}
    for ent in article.entities:
        if ent.type not in ("PER", "ORG", "LOC") and not (ent.type == "MISC" and ent.attrs.get("demonym_of")):
            continue
        near = [m for m in ent.mentions if lo <= m.start < hi and not (c.start <= m.start < c.end)]
        is_prev = ent.id == previous
        is_rule = c.rule is not None and c.rule.speaker == ent.id
        if not near and not is_prev and not is_rule:
            continue
        m = min(near, key=lambda x: min(abs(x.end - c.start), abs(x.start - c.end))) if near else None
        out.append((ent, m, speaker_features(article, c, ent, m, is_prev, is_rule, salience.get(ent.id, 1))))
    # how near each is on its side of the quote, among the people and bodies: the nearest before a
    # quote is most often its speaker
    for side in (True, False):
        ranked = sorted((x for x in out if x[1] is not None and (x[1].end <= c.start) == side),
                        key=lambda x: abs((c.start - x[1].end) if side else (x[1].start - c.end)))
        actors = [x for x in ranked if x[0].type in ("PER", "ORG")]
        for k, (ent, _, feats) in enumerate(ranked):
            feats.append(f"rank={side}/{min(k, 3)}")
        for k, (ent, _, feats) in enumerate(actors):
            feats.append(f"actor_rank={side}/{min(k, 3)}")
            feats.append(f"actor_rank&et={side}/{min(k, 3)}/{ent.type}")
    return out


def speaker_features(article: Article, c: Candidate, ent: Entity, m: Mention | None, is_prev: bool,
                     is_rule: bool, salience: int) -> list[str]:
    feats = ["bias_speaker", f"et={ent.type}", f"prev={is_prev}", f"rule={is_rule}",
             f"rule&how={is_rule}/{c.rule.speaker_how if c.rule is not None else ''}",
             f"sal={_bucket(salience, (1, 2, 4, 8))}", f"titled={bool(ent.titles)}"]
    if m is None:
        return feats + ["near=none", f"none&prev={is_prev}"]
    before = m.end <= c.start
    gap = words_in(article, m.end, c.start) if before else words_in(article, c.end, m.start)
    dist = _bucket(len(gap), (0, 1, 2, 4, 8, 16, 32))
    same_para = c.para[0] <= m.start < c.para[1]
    speech_between = any(_speech(w.clitics + w.stem) for w in gap)
    lead = words_in(article, max(0, m.start - 40), m.start)[-2:]
    prev_word = lead[-1] if lead else None
    first = words_in(article, m.start, m.end)
    glued = first[0].clitics if first else ""
    feats += [f"side={'before' if before else 'after'}", f"dist={dist}", f"side_dist={before}/{dist}",
              f"para={same_para}", f"speech_between={speech_between}", f"speech&side={speech_between}/{before}",
              f"pw={prev_word.stem if prev_word else ''}", f"glued={glued}",
              f"pw_speech={prev_word is not None and _speech(prev_word.clitics + prev_word.stem)}",
              f"et&side={ent.type}/{before}"]
    return feats


class LearnedQuotes:
    def __init__(self, models: QuoteModels, threshold: float | None = None):
        self.models = models
        self.threshold = threshold if threshold is not None else float(models.quotes.meta.get("threshold", 0.5))
        self.speaker_threshold = float(models.speakers.meta.get("threshold", 0.3))
        self.calibrated = True

    def __call__(self, article: Article) -> list[Quote]:
        out: list[Quote] = []
        previous: str | None = None
        for c in candidates(article):
            p = self.models.quotes.probability(quote_features(article, c))
            if p < self.threshold:
                continue
            scored = [(self.models.speakers.probability(f), ent) for ent, _, f in
                      speaker_candidates(article, c, previous)]
            if not scored:
                continue
            ps, ent = max(scored, key=lambda x: x[0])
            if ps < self.speaker_threshold:
                continue
            previous = ent.id
            confidence = p * ps
            if self.calibrated and self.models.quotes.meta.get("calibration"):
                confidence = calibrate(confidence, self.models.quotes.meta["calibration"])
            out.append(Quote(Span(c.start, c.end, "QUOTE"), speaker=ent.id, direct=True,
                             cue=c.rule.cue if c.rule is not None else None,
                             speaker_how=f"learned:{self.models.version}", confidence=confidence))
        # reported speech stays the rule finder's
        out += [q for q in article.quotes if not q.direct]
        return out
