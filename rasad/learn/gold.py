"""Gold annotations (../shared/ANNOTATION.md) aligned with rasad's own analysis, for training and
cross-validation: which sentences report which events, which of rasad's entities are their sides and
places, who speaks each quote.

A gold file names its article by record (`input`); the record is read from the shared data folder,
analysed by every stage before the event coder, and the gold's names, evidence phrases and quotes are
located in it. Nothing here is used when tagging.
"""
from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rasad.model import Article, Entity


def shared_dir() -> Path:
    """The shared folder (gold, data, scorer): $RASAD_SHARED, else ../shared beside the checkout."""
    env = os.environ.get("RASAD_SHARED")
    return Path(env) if env else Path(__file__).resolve().parents[2].parent / "shared"


def scorer():
    """The project's scorer module (../shared/tools/score.py): its matching rules are the truth."""
    tools = str(shared_dir() / "tools")
    if tools not in sys.path:
        sys.path.insert(0, tools)
    import score
    return score


def gold_files(folders: list[str | Path]) -> list[Path]:
    out: list[Path] = []
    for f in folders:
        p = Path(f)
        out += sorted(p.glob("*.json")) if p.is_dir() else [p]
    return out


def load_golds(folders: list[str | Path]) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in gold_files(folders)]


def gold_article(gold: dict) -> Article:
    """The gold's article as rasad reads it (the record the scorer hands to the extractor), not
    yet analysed."""
    from rasad import pipeline
    path, temporary = scorer().input_text(gold)
    try:
        doc = next(iter(pipeline.read(path)))
    finally:
        if temporary:
            os.unlink(path)
    if not hasattr(doc, "text"):
        raise ValueError(f"{gold['id']}: {doc}")
    return Article.from_document(doc)


def analyse_until_events(gold: dict) -> Article:
    """rasad's analysis of the gold's article, every stage but the event coder."""
    from rasad import pipeline
    article = gold_article(gold)
    for stage in pipeline.STAGES:
        if stage is pipeline.stage_events:
            break
        if stage is pipeline.stage_quotes:      # the rule finder's quotes: the learned ones train on them
            from rasad.events.quotes import find_quotes
            article.quotes = find_quotes(article)
            continue
        stage(article)
    return article


def analyse_all(golds: list[dict]) -> Iterator[tuple[dict, Article]]:
    score = scorer()
    score.prefetch(golds)
    for gold in golds:
        yield gold, analyse_until_events(gold)


@dataclass
class GoldEvent:
    type: str
    mode: str | None
    sentences: list[int]                 # indexes of article.sentences its evidence overlaps
    evidence: tuple[int, int] | None
    source: list[list[str]]              # each gold participant as its aliases
    target: list[list[str]]
    location: list[str] | None
    date: str | None
    source_names: list[str] = field(default_factory=list)
    target_names: list[str] = field(default_factory=list)


def aliases_of(gold: dict) -> dict[str, list[str]]:
    return {e["name"]: [e["name"], *e.get("aliases", [])] for e in gold.get("entities", [])}


def gold_events(gold: dict, article: Article) -> list[GoldEvent]:
    """The gold events located in the article's sentences (evidence found in the body text)."""
    score = scorer()
    names = aliases_of(gold)
    out = []
    for ev in gold.get("events", []):
        where = score._evidence_span(article.text, ev.get("evidence", ""))
        sents = [i for i, s in enumerate(article.sentences) if where and s.start < where[1] and where[0] < s.end]
        out.append(GoldEvent(
            type=ev["type"], mode=ev.get("mode"), sentences=sents, evidence=where,
            source=[names.get(n, [n]) for n in ev.get("source", [])],
            target=[names.get(n, [n]) for n in ev.get("target", [])],
            location=names.get(ev["location"], [ev["location"]]) if ev.get("location") else None,
            date=ev.get("date"), source_names=list(ev.get("source", [])), target_names=list(ev.get("target", []))))
    return out


def entity_names(article: Article, ent: Entity) -> list[str]:
    """Every way rasad names an entity: what its output would print, and its mentions."""
    names = [ent.name, *(article.text[m.start:m.end] for m in ent.mentions)]
    if ent.attrs.get("demonym_of"):
        names.insert(0, ent.attrs["demonym_of"])
    return names


def matches(article: Article, ent: Entity, aliases: list[str]) -> bool:
    """Whether rasad's entity is the gold entity, by the scorer's rule on the name it would print."""
    score = scorer()
    shown = ent.attrs.get("demonym_of") or ent.name if ent.type == "MISC" else ent.name
    return score.name_matches(shown, aliases)
