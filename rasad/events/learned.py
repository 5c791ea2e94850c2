"""The learned event coder: PLOVER events found, sided and placed by models trained on the annotated
corpus (`corpus/gold`, by `scripts/train_events.py`).

Three linear models, each over the features of `rasad.events.features`:
- the detector: for every sentence, the probability that it reports an event of each PLOVER type
  (one binary model per type; a threshold per type chosen under cross-validation);
- the role model: for each entity named in the sentence (or the one before), source, target or
  neither of a detected event;
- the place model: which place named near the event is where it happened.

Events of one type that share a participant are one event; an event whose sides the article leaves
unnamed is kept with its sides empty. Every event records `how` (this coder and its model version)
and its confidence, the detector's probability.
"""
from __future__ import annotations

import datetime as dt
import math
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from rasad.events import features as F
from rasad.learn.linear import LinearModel, calibrate, read_parts
from rasad.model import Article, Entity, Event, Mention, Span

REBUILD = "python scripts/train_events.py"
ROLES = ("none", "source", "target")


TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
         "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")


@dataclass
class EventModels:
    detector: "LinearModel | DetectorIndex"  # binary, over (sentence, type) pairs
                                             # (`features.shared_pair_features`); tagging keeps the index
    roles: LinearModel               # classes: none, source, target
    places: LinearModel              # classes: yes
    _index: "DetectorIndex | None" = None

    @property
    def thresholds(self) -> dict[str, float]:
        return self.detector.meta.get("thresholds", {})

    @property
    def version(self) -> str:
        return str(self.detector.meta.get("version", "?"))


def models_folder():
    """Where the event and quote models are read from: $RASAD_EVENT_MODELS (models trained
    elsewhere, for experiments and learning curves; "none": the rules alone), else the package's
    resources/events."""
    override = os.environ.get("RASAD_EVENT_MODELS")
    if override == "none":
        return None
    if override:
        from pathlib import Path
        return Path(override)
    return resources.files("rasad.resources").joinpath("events")


@lru_cache(maxsize=1)
def default_models() -> EventModels | None:
    """The models shipped in `rasad/resources/events/`; None when none were trained (a fresh
    checkout before `scripts/train_events.py`): the rule coder then codes alone."""
    folder = models_folder()
    if folder is None or not folder.joinpath("detector.npz").is_file():
        return None
    roles, places = (LinearModel.load(folder.joinpath(f"{name}.npz"), REBUILD) for name in ("roles", "places"))
    return EventModels(DetectorIndex.load(folder.joinpath("detector.npz")), roles, places)


class DetectorIndex:
    """The detector's weights regrouped for tagging: each sentence feature's sixteen weights (one per
    type, the "T|f" features) in one row of a matrix, so a sentence is scored for every type in one
    pass instead of sixteen lookups of sixteen strings. It answers `weight` and `meta` as the
    detector does, so the coder keeps it alone (the detector's 800K "T|f" names cost 200 MB)."""

    def __init__(self, detector: LinearModel):
        self._regroup(iter(detector.features), detector.weights, float(detector.bias[0]), detector.meta)

    @classmethod
    def load(cls, path, rebuild: str = REBUILD) -> "DetectorIndex":
        """Straight from the detector's file, its names regrouped as they are read."""
        _, names, weights, bias, meta = read_parts(path, rebuild)
        index = cls.__new__(cls)
        index._regroup(names, weights, float(bias[0]), meta)
        return index

    def _regroup(self, names, weights: np.ndarray, bias: float, meta: dict) -> None:
        col = {t: i for i, t in enumerate(TYPES)}
        self.rows: dict[str, int] = {}
        self.shared: dict[str, float] = {}
        at_row, at_col, at = [], [], []
        for i, name in enumerate(names):
            head, sep, rest = name.partition("|")
            if sep and head in col:
                at_row.append(self.rows.setdefault(rest, len(self.rows)))
                at_col.append(col[head])
                at.append(i)
            else:
                self.shared[name] = float(weights[i, 0])
        self.matrix = np.zeros((len(self.rows), len(TYPES)), dtype=np.float32)
        self.matrix[at_row, at_col] = weights[at, 0]
        self.columns = col
        self.bias = bias
        self.meta = meta

    def weight(self, name: str) -> float:
        """The detector's weight of one feature, as `LinearModel.weight`."""
        head, sep, rest = name.partition("|")
        if sep and head in self.columns:
            r = self.rows.get(rest)
            return float(self.matrix[r, self.columns[head]]) if r is not None else 0.0
        return self.shared.get(name, 0.0)

    def probabilities(self, sentence: list[str]) -> dict[str, float]:
        # rows summed in a fixed order: the same sum whatever the hash seed
        rows = sorted({r for r in map(self.rows.get, sentence) if r is not None})
        total = np.full(len(TYPES), self.bias, dtype=np.float64)
        if rows:
            total += self.matrix[rows].sum(axis=0, dtype=np.float64)
        ctx = F.pair_context(sentence)
        out = {}
        for k, t in enumerate(TYPES):
            s = total[k] + sum(self.shared.get(g, 0.0) for g in sorted(set(F.shared_pair_features(ctx, t))))
            out[t] = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, s))))
        return out


def sentence_probabilities(models: EventModels, article: Article, index: int) -> dict[str, float]:
    if models._index is None:
        models._index = models.detector if isinstance(models.detector, DetectorIndex) \
            else DetectorIndex(models.detector)
    return models._index.probabilities(F.sentence_features(article, index))


def actor_entities(article: Article) -> list[Entity]:
    """Entities that can take part in an event: people, bodies, places, and nationalities that
    stand for their country."""
    return [e for e in article.entities if e.type in ("PER", "ORG", "LOC")
            or (e.type == "MISC" and e.attrs.get("demonym_of"))]


@dataclass
class Candidate:
    entity: Entity
    mention: Mention
    features: list[str]


def candidates(article: Article, index: int, etype: str, trig: tuple[int, int]) -> list[Candidate]:
    """Each entity named in the sentence (its mention nearest the trigger), else in the one before."""
    sent = article.sentences[index]
    prev = article.sentences[index - 1] if index > 0 else None
    salience = {e.id: len(e.mentions) for e in article.entities}
    chosen: dict[str, tuple[Mention, bool, Entity]] = {}
    for ent in actor_entities(article):
        inside = [m for m in ent.mentions if sent.start <= m.start < sent.end]
        if inside:
            chosen[ent.id] = (min(inside, key=lambda m: abs(m.start - trig[0])), False, ent)
        elif prev is not None:
            before = [m for m in ent.mentions if prev.start <= m.start < prev.end]
            if before:
                chosen[ent.id] = (before[-1], True, ent)
    in_sentence = sorted((m for m, p, _ in chosen.values() if not p), key=lambda m: m.start)
    after = [m for m in in_sentence if m.start >= trig[1] and m.label in ("PER", "ORG", "LOC", "MISC")]
    before = [m for m in in_sentence if m.end <= trig[0]]
    out = []
    for ent_id, (mention, from_prev, ent) in chosen.items():
        feats = F.candidate_features(
            article, sent if not from_prev else prev, etype, trig, mention, ent.type,
            first_after=bool(after) and after[0] is mention, first_before=bool(before) and before[-1] is mention,
            prev_sentence=from_prev, salience=salience.get(ent_id, 1))
        out.append(Candidate(ent, mention, feats))
    return out


def place_candidates(article: Article, index: int, trig: tuple[int, int], participants: set[str]
                     ) -> list[tuple[Entity, list[str]]]:
    sent = article.sentences[index]
    lead = article.sentences[0] if article.sentences else None
    out = []
    for ent in article.entities:
        if ent.type != "LOC":
            continue
        inside = [m for m in ent.mentions if sent.start <= m.start < sent.end]
        from_lead = False
        if not inside and lead is not None and index > 0:
            inside = [m for m in ent.mentions if lead.start <= m.start < lead.end]
            from_lead = bool(inside)
        if not inside:
            continue
        m = min(inside, key=lambda x: abs(x.start - trig[0]))
        out.append((ent, F.place_features(article, sent if not from_lead else lead, trig, m, ent.id in participants,
                                          ent.attrs.get("kind"), from_lead)))
    return out


def _event_date(article: Article, sent: Span, resolve: Callable | None) -> tuple[dt.date | None, str | None]:
    """The day a sentence's event happened: a date it names, else the nearest date named before it in
    the article, else the publication date."""
    if resolve is not None:
        inside = [d for d in article.dates if sent.start <= d.start < sent.end]
        earlier = [d for d in article.dates if d.start < sent.start][::-1]
        for how, spans in (("sentence", inside), ("before", earlier)):
            for d in spans:
                if d.attrs.get("granularity", "day") != "day":
                    continue
                value = resolve(d)
                if isinstance(value, dt.date):
                    return value, f"text:{how}"
    if article.published:
        return article.published, "published"
    return None, None


class LearnedCoder:
    def __init__(self, models: EventModels):
        self.models = models

    def __call__(self, article: Article, resolve_date: Callable | None = None) -> list[Event]:
        m = self.models
        if "_rule_events" not in article.extra:
            F.attach_rule_events(article, resolve_date)
        events: list[tuple[int, Event]] = []
        table = m.detector.meta.get("calibration")
        for index, sent in enumerate(article.sentences):
            if article.is_removed(sent.start):
                continue
            probs = sentence_probabilities(m, article, index)
            for etype, p in probs.items():
                if p < m.thresholds.get(etype, 0.5):
                    continue
                events.append((index, self.event(article, index, etype, calibrate(p, table) if table else p,
                                                 resolve_date)))
        merged = merge(events)
        rules = F.rule_events(article)
        for ev in merged:
            # the rule coder's day for the same event, where it has one: its date rules are older and
            # measured better on dates than the nearest-date rule here
            twin = _twin(ev, rules)
            if twin is not None and twin.date is not None:
                ev.date, ev.date_how = twin.date, twin.date_how
        if m.detector.meta.get("keep_rule_events"):
            # chosen under cross-validation: the rule coder's events the models did not find
            merged += [r for r in rules if _twin(r, merged) is None]
        return merged

    def event(self, article: Article, index: int, etype: str, p: float, resolve_date) -> Event:
        m = self.models
        sent = article.sentences[index]
        trig = F.trigger_position(article, sent, etype, lambda f: m.detector.weight(f"{etype}|{f}"))
        source: list[str] = []
        target: list[str] = []
        scored = []
        tau = m.roles.meta.get("role_threshold")      # chosen under cross-validation; None: the likeliest
        for cand in candidates(article, index, etype, trig):
            dist = m.roles.distribution(cand.features)
            scored.append((cand, dist))
            role = max(dist, key=dist.get)
            if tau is not None:
                side = "source" if dist["source"] >= dist["target"] else "target"
                role = side if dist[side] >= tau else "none"
            if role == "source":
                source.append(cand.entity.id)
            elif role == "target":
                target.append(cand.entity.id)
        if not source and not target and scored:
            # an event needs someone: the likeliest participant, when likely enough
            cand, dist = max(scored, key=lambda cd: max(cd[1]["source"], cd[1]["target"]))
            if max(dist["source"], dist["target"]) >= m.roles.meta.get("fallback", 0.25):
                (source if dist["source"] >= dist["target"] else target).append(cand.entity.id)
        places = place_candidates(article, index, trig, set(source) | set(target))
        location = None
        if places:
            ent, _ = max(places, key=lambda ef: m.places.probability(ef[1]))
            location = ent.id
        mode = next((h.mode for h in F.rule_hits(article) if h.start == trig[0] and h.type == etype), None)
        date, how = _event_date(article, sent, resolve_date)
        return Event(type=etype, mode=mode, source=source, target=target, date=date, date_how=how,
                     location=location, evidence=Span(sent.start, sent.end, "EVIDENCE"),
                     trigger=Span(trig[0], trig[1], "TRIGGER"), confidence=p,
                     how=f"learned:{m.version}")


def _twin(ev: Event, others: list[Event]) -> Event | None:
    """The event of `others` that is the same happening: same type, and a participant in common
    (or, with no participants, evidence in the same place)."""
    parts = set(ev.source) | set(ev.target)
    for o in others:
        if o.type != ev.type:
            continue
        o_parts = set(o.source) | set(o.target)
        if parts & o_parts:
            return o
        if not parts and not o_parts and ev.evidence and o.evidence and ev.evidence.overlaps(o.evidence):
            return o
    return None


def merge(events: list[tuple[int, Event]]) -> list[Event]:
    """One real-world event per type and participants: events of a type that share a participant
    become one; an event with no named side joins the nearest one of its type two sentences away at
    most, else stands alone."""
    kept: list[tuple[int, Event]] = []
    for index, ev in events:
        parts = set(ev.source) | set(ev.target)
        home = None
        for j, (k_index, k_ev) in enumerate(kept):
            if k_ev.type != ev.type:
                continue
            k_parts = set(k_ev.source) | set(k_ev.target)
            if (parts & k_parts) or ((not parts or not k_parts) and abs(k_index - index) <= 2):
                home = j
                break
        if home is None:
            kept.append((index, ev))
            continue
        k_index, k_ev = kept[home]
        for eid in ev.source:
            if eid not in k_ev.source and eid not in k_ev.target:
                k_ev.source.append(eid)
        for eid in ev.target:
            if eid not in k_ev.source and eid not in k_ev.target:
                k_ev.target.append(eid)
        k_ev.confidence = max(k_ev.confidence, ev.confidence)
        if k_ev.location is None:
            k_ev.location = ev.location
    return [ev for _, ev in kept]
