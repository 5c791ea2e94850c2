#!/usr/bin/env python3
"""Draw the articles of the annotated corpus (corpus/gold) from the three shared corpora.

    python3 scripts/sample_corpus.py            # writes corpus/sample.tsv and corpus/batches/*.txt

Reproducible: a fixed seed, and only the shared data as input. What it does:

- the pool: political, international, regional, local and economic news (no sport, technology, culture
  or lifestyle sections; SaudiNewsNet, which has no sections, is sorted into topics by its words),
  80–600 words, not empty, no article of ../shared/gold, one record per URL and per text;
- the base draw: quotas per outlet (no outlet above 30% of the corpus), within an outlet quotas per
  topic, and conflict news (a count of violence and unrest words) drawn to about half of the base;
- the top-up: event types that are rare in general news (protests, aid, concessions, cooperation,
  retreats) drawn from articles whose words name them, as the corpus issue allows. The selection reads
  words; the annotation never reads rasad.

The list is shuffled once more and cut into batches of 25 in that order, so that whatever prefix of the
batches has been annotated keeps the corpus's proportions.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
ANT = "data/ant-corpus/ant_multisource_v2.1.jsonl.gz"
JAWHARA = "data/ant-corpus/ant_jawharafm_v1.1.jsonl.gz"
SNN = "data/saudinewsnet/saudinewsnet.jsonl.gz"
SEED = 20261207
TOTAL = 1200
BATCH = 25

# share of the corpus per outlet (ANT's sources by docno prefix; SaudiNewsNet as one group whose own
# newspapers are drawn in proportion, so no single paper comes near the cap)
OUTLET_SHARE = {"SK": 0.20, "AL": 0.12, "FR": 0.12, "BB": 0.12, "CN": 0.12, "JA": 0.10, "SNN": 0.22}
# sections kept per corpus, with their weight inside an outlet
ANT_TOPICS = {"internationalNews": 0.45, "middleEast": 0.45, "economy": 0.10}
JAWHARA_TOPICS = {"localNews": 0.45, "politic": 0.25, "internationalNews": 0.25, "economy": 0.05}
SNN_TOPICS = {"politics": 0.55, "local": 0.30, "economy": 0.15}
SNN_SKIP_SOURCES = {"arreyadi", "arriyadiyah"}          # sports papers
CONFLICT_SHARE = 0.5                                     # of the base draw
# top-up: (family, articles, cue pattern over folded text)
TOPUP = [
    ("PROTEST", 100, r"(تظاهر|متظاهر|احتجاج|محتج|اعتصام|معتصم|مسيره احتجاج|اضراب|مظاهر)"),
    ("AID", 40, r"(مساعدات انسانيه|قافله|اغاثه|اغاثي|مساعدات)"),
    ("CONCEDE", 30, r"(هدنه|وقف اطلاق النار|اعتذر|اعتذار|تخفيف القيود|رفع الحظر)"),
    ("COOPERATE", 30, r"(مناورات|تدريبات مشترك|تبادل|تعاون (امني|عسكري|قضائي|استخبار)|تسليم)"),
    ("RETREAT", 30, r"(افرج|الافراج|اطلاق سراح|انسحب|انسحاب|استقال|استقاله)"),
]
# extension, drawn after the 1,200 and annotated as batches of its own: after a third of the corpus was
# annotated, cooperation and protests ran below their floors (7 COOPERATE events in 440 articles)
EXTENSION = [
    ("COOPERATE", 60, r"((مناورات|تدريبات) (عسكريه )?مشترك|تعاون (امني|عسكري|استخبار|قضايي)|تنسيق امني|"
                      r"تبادل (المعلومات|معلومات)|دوريات مشترك|عمليه مشترك|قوات مشترك)"),
    ("PROTEST", 40, r"(تظاهر|متظاهر|محتج|اعتصام|معتصم|اضراب)"),
    # a second round when 1,116 articles held 23 COOPERATE events: the narrowest cues of joint
    # material cooperation (joint drills, extraditions, exchanges)
    ("COOPERATE", 50, r"((مناورات|تدريبات) (عسكريه |بحريه |جويه )?مشترك|تسليم (المطلوب|المتهم|مطلوب)|"
                      r"تبادل (الاسري|المعلومات الاستخبار)|تعاون (امني|عسكري|استخبار))"),
    # a third round at 1,321 articles and 28 COOPERATE events: operations run jointly or in
    # coordination with another party
    ("COOPERATE", 40, r"(بالتعاون مع|بالتنسيق مع|(عمليه|دوريه|دوريات|قوه|غرفه عمليات) مشترك)"),
]
CONFLICT_CUES = re.compile(
    r"(قتل|قتلي|مقتل|هجوم|هجمات|غاره|غارات|قصف|اشتباك|انفجار|تفجير|مفخخ|مسلح|انتحاري|معارك|اغتيال|"
    r"اعتقال|اعتقل|احتجاز|متظاهر|احتجاج|جرحي|اصابه|صاروخ|قذائف|ارهابي|داعش|عمليه عسكريه)")
SPORT_CUES = re.compile(r"(مباراه|الدوري|المنتخب|هدف|لاعب|بطوله|نادي|الملعب|كاس)")
ECONOMY_CUES = re.compile(r"(ريال|دولار|الاسهم|مؤشر|نفط|البورصه|الاستثمار|مليار|السوق|اسعار)")
POLITICS_CUES = re.compile(r"(الرئيس|وزير|الحكومه|مجلس|الامم المتحده|سفير|قوات|الخارجيه|البرلمان|حزب)")
DIACRITICS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u0640]")


def fold(text: str) -> str:
    text = DIACRITICS.sub("", unicodedata.normalize("NFKC", text))
    return text.translate(str.maketrans("أإآٱىةؤئ", "اااايهوي"))


def records(path: str):
    with gzip.open(SHARED / path, "rt", encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


def snn_topic(folded: str) -> str | None:
    counts = {"sport": len(SPORT_CUES.findall(folded)), "economy": len(ECONOMY_CUES.findall(folded)),
              "politics": len(POLITICS_CUES.findall(folded)) + len(CONFLICT_CUES.findall(folded))}
    if counts["sport"] >= 3 and counts["sport"] > counts["politics"]:
        return "sport"
    if counts["economy"] >= 4 and counts["economy"] > counts["politics"]:
        return "economy"
    return "politics" if counts["politics"] >= 3 else "local"


def pool() -> list[dict]:
    """Every article that may be drawn, with its outlet, topic, conflict count and top-up families."""
    gold_ids = {json.loads(p.read_text(encoding="utf-8"))["id"] for p in (SHARED / "gold").rglob("*.json")}
    seen: set[str] = set()
    out = []

    def add(rid: str, file: str, outlet: str, paper: str, topic: str | None, url: str, text: str, title: str):
        words = len(text.split())
        if not topic or rid in gold_ids or not 80 <= words <= 600:
            return
        digest = hashlib.sha1(text.strip().encode("utf-8")).hexdigest()
        if digest in seen or (url and url in seen):
            return
        seen.update({digest, url} - {""})
        folded = fold(f"{title}\n{text}")
        out.append({"id": rid, "file": file, "outlet": outlet, "paper": paper, "topic": topic, "words": words,
                    "_folded": folded,
                    "conflict": len(CONFLICT_CUES.findall(folded)),
                    "families": [fam for fam, _, cue in TOPUP if re.search(cue, folded)]})

    for rec in records(ANT):
        if rec.get("cat") in ANT_TOPICS:
            add(rec["docno"], ANT, rec["docno"][:2], rec["docno"][:2], rec["cat"], rec.get("url") or "",
                rec.get("text") or "", rec.get("title") or "")
    for rec in records(JAWHARA):
        if rec.get("cat") in JAWHARA_TOPICS:
            add(rec["docno"], JAWHARA, "JA", "JA", rec["cat"], rec.get("url") or "", rec.get("text") or "",
                rec.get("title") or "")
    for rec in records(SNN):
        if rec.get("source") in SNN_SKIP_SOURCES:
            continue
        text = rec.get("content") or ""
        topic = snn_topic(fold(text))
        add(rec["id"], SNN, "SNN", rec["source"], topic if topic in SNN_TOPICS else None, rec.get("url") or "",
            text, rec.get("title") or "")
    return out


def draw(articles: list[dict], rng: random.Random) -> list[dict]:
    chosen: dict[str, dict] = {}
    base = TOTAL - sum(n for _, n, _ in TOPUP)
    by_outlet: dict[str, list[dict]] = defaultdict(list)
    for art in articles:
        by_outlet[art["outlet"]].append(art)
    for outlet, share in OUTLET_SHARE.items():
        topics = ANT_TOPICS if outlet not in ("JA", "SNN") else JAWHARA_TOPICS if outlet == "JA" else SNN_TOPICS
        for topic, weight in topics.items():
            cell = [a for a in by_outlet[outlet] if a["topic"] == topic]
            want = round(base * share * weight)
            conflict = [a for a in cell if a["conflict"] >= 3]
            calm = [a for a in cell if a["conflict"] < 3]
            rng.shuffle(conflict)
            rng.shuffle(calm)
            n_conflict = min(len(conflict), round(want * CONFLICT_SHARE))
            picked = conflict[:n_conflict] + calm[:want - n_conflict]
            if len(picked) < want:                      # a small cell is filled from the other half
                picked += [a for a in conflict[n_conflict:] + calm[want - n_conflict:]][:want - len(picked)]
            for art in picked:
                chosen[art["id"]] = art
    for family, count, _ in TOPUP:
        candidates = [a for a in articles if family in a["families"] and a["id"] not in chosen]
        rng.shuffle(candidates)
        # top-ups keep the outlet cap: take candidates in turn, skipping an outlet that is full
        taken = 0
        for art in candidates:
            if taken == count:
                break
            outlet_count = sum(1 for c in chosen.values() if c["outlet"] == art["outlet"])
            if outlet_count + 1 > 0.30 * TOTAL:
                continue
            chosen[art["id"]] = dict(art, topup=family)
            taken += 1
    # cells smaller than their quota leave places: fill them at random from the rest of the pool, the
    # outlet cap and the conflict share still kept
    rest = [a for a in articles if a["id"] not in chosen]
    rng.shuffle(rest)
    for art in rest:
        if len(chosen) >= TOTAL:
            break
        outlets = Counter(c["outlet"] for c in chosen.values())
        conflict = sum(c["conflict"] >= 3 for c in chosen.values())
        if outlets[art["outlet"]] + 1 > 0.25 * TOTAL or (art["conflict"] < 3 and conflict < 0.45 * len(chosen)):
            continue
        chosen[art["id"]] = art
    final = sorted(chosen.values(), key=lambda a: a["id"])
    rng.shuffle(final)
    # the extension rounds, each shuffled on its own and kept after the ones before, so that a new
    # round never changes a batch already handed out: round one is the first two entries
    rounds = [EXTENSION[:2], EXTENSION[2:3], EXTENSION[3:]]
    extension: list[dict] = []
    for families in rounds:
        drawn = []
        for family, count, cue in families:
            candidates = [a for a in articles if a["id"] not in chosen and re.search(cue, a["_folded"])]
            rng.shuffle(candidates)
            for art in candidates[:count]:
                chosen[art["id"]] = dict(art, topup=family + "+")
                drawn.append(chosen[art["id"]])
        rng.shuffle(drawn)
        extension += drawn
    return final + extension


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=str(ROOT / "corpus"))
    args = ap.parse_args()
    rng = random.Random(SEED)
    articles = pool()
    final = draw(articles, rng)
    out = Path(args.out)
    (out / "batches").mkdir(parents=True, exist_ok=True)
    with open(out / "sample.tsv", "w", encoding="utf-8") as fh:
        fh.write("order\tid\tfile\toutlet\tpaper\ttopic\twords\tconflict_words\ttopup\n")
        for i, art in enumerate(final):
            fh.write(f"{i}\t{art['id']}\t{art['file']}\t{art['outlet']}\t{art['paper']}\t{art['topic']}\t"
                     f"{art['words']}\t{art['conflict']}\t{art.get('topup', '')}\n")
    for b in range(0, len(final), BATCH):
        (out / "batches" / f"batch-{b // BATCH + 1:03d}.txt").write_text(
            "".join(a["id"] + "\n" for a in final[b:b + BATCH]), encoding="utf-8")
    outlets = Counter(a["outlet"] for a in final)
    papers = Counter(a["paper"] for a in final)
    print(f"pool {len(articles)}, drawn {len(final)}")
    print("outlets:", ", ".join(f"{k} {v} ({v / len(final):.0%})" for k, v in outlets.most_common()))
    print("largest paper:", papers.most_common(1)[0])
    print("topics:", dict(Counter(a["topic"] for a in final)))
    print(f"conflict news (≥3 violence/unrest words): {sum(a['conflict'] >= 3 for a in final) / len(final):.0%}")
    print("top-ups:", dict(Counter(a.get("topup") for a in final if a.get("topup"))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
