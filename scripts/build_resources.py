#!/usr/bin/env python3
"""Build rasad's packaged resources from ../shared/data (one command, deterministic).

    .venv/bin/python scripts/build_resources.py [--data ../shared/data]

Writes into rasad/resources/:
  vocab.tsv.gz   folded word → frequency over the 72K news articles (ANT ×2, SaudiNewsNet),
                 words seen at least 3 times (used to decide clitic splits).
  places.tsv     Arabic place names → canonical name, kind (country/city), ISO 3166 alpha-2,
                 GeoNames id, Latin name (countries: world_ar/world_en + GeoNames ids;
                 cities: GeoNames cities15000 in the Middle East and North Africa, and elsewhere
                 the capitals and cities of 500,000 people or more that GeoNames names in Arabic).
  first_names.txt  Arabic given names (folded), for recognising people.
Only derived tables are written, never article text.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rasad.normalize import fold, fold_key  # noqa: E402

OUT = ROOT / "rasad" / "resources"
WORD = re.compile(r"[\u0621-\u064a\u0660-\u0669\u0671-\u06d3]+")
PERSIAN_LETTERS = set("پچژگکیەۆہڕێ")


def corpus_texts(data: Path):
    for name, key in (("ant-corpus/ant_multisource_v2.1.jsonl.gz", "text"),
                      ("ant-corpus/ant_jawharafm_v1.1.jsonl.gz", "text"),
                      ("saudinewsnet/saudinewsnet.jsonl.gz", "content")):
        with gzip.open(data / name, "rt", encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    yield json.loads(line).get(key) or ""


def build_vocab(data: Path) -> int:
    counts: Counter[str] = Counter()
    for text in corpus_texts(data):
        counts.update(WORD.findall(fold(text)))
    rows = sorted(((w, c) for w, c in counts.items() if c >= 3), key=lambda x: (-x[1], x[0]))
    payload = "".join(f"{w}\t{c}\n" for w, c in rows).encode("utf-8")
    with open(OUT / "vocab.tsv.gz", "wb") as raw, \
            gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as fh:
        fh.write(payload)
    return len(rows)


WORLD_CITY_POPULATION = 500_000
FOREIGN_GIVEN_NAMES = {fold_key(w) for w in "فلاديمير فيكتوريا ماريا آنا صوفيا".split()}
ARABIC_NAME = re.compile(r"[\u0621-\u064a\u064b-\u0652 ]+")


def _common_word(key: str, vocab: dict[str, int], first_names: set[str]) -> bool:
    """A far city's name that is an ordinary word of the news: seen with the article (هوية،
    ميدان، حصار، دولة), a given name (سالم، فلاديمير), or a frequent word with ل/ب glued on
    (لأول)."""
    if " " in key:
        return False
    if len(key) <= 3 or key in FOREIGN_GIVEN_NAMES:
        return True         # آبا is also أبا; فلاديمير is Putin's given name before a town's
    if key in first_names or vocab.get("ال" + key, 0) >= 20:
        return True
    return key[:1] in "لبوفك" and vocab.get(key[1:], 0) > 5 * max(vocab.get(key, 0), 1)


def build_places(data: Path) -> int:
    rows: dict[str, tuple] = {}

    def put(name: str, canonical: str, kind: str, iso2: str, gid: str, latin: str, pop: int) -> None:
        key = fold_key(name)
        if len(key) < 3 or any(c in PERSIAN_LETTERS for c in name) or re.search(r"[A-Za-z\u00c0-\u024f]", key) \
                or not re.fullmatch(r"[\u0621-\u064a ]+", key):
            return
        old = rows.get(key)
        # countries win over cities, then the more populous place
        rank = (kind == "country", pop)
        if old is None or rank > (old[2] == "country", old[6]):
            rows[key] = (key, canonical, kind, iso2, gid, latin, pop)

    geo = data / "geonames"
    gids = {}
    vocab: dict[str, int] = {}
    if (OUT / "vocab.tsv.gz").exists():
        with gzip.open(OUT / "vocab.tsv.gz", "rt", encoding="utf-8") as fh:
            for line in fh:
                w, _, c = line.rstrip("\n").partition("\t")
                vocab[w] = int(c or 0)
    with open(geo / "countries_geonames_ar.tsv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            gids[r["iso2"].upper()] = r["geonameid"]
    en = {}
    with open(data / "gazetteer-countries" / "world_en.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            en[r["alpha2"].upper()] = r["name"]
    with open(data / "gazetteer-countries" / "world_ar.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            iso = r["alpha2"].upper()
            name = r["name"].strip()
            put(name, name, "country", iso, gids.get(iso, ""), en.get(iso, ""), 10**10)
    translations = json.loads((geo / "country_translations.json").read_text(encoding="utf-8"))
    by_gid = {v: k for k, v in gids.items()}
    for gid, names in translations.items():
        iso = by_gid.get(gid)
        ar = names.get("ar")
        if iso and ar:
            display = next((r[1] for r in rows.values() if r[3] == iso and r[2] == "country"), ar)
            put(ar, display, "country", iso, gid, en.get(iso, names.get("en", "")), 10**10)
    with open(geo / "mena_cities15000_arabic_names.tsv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            alts = [a for a in (r["arabic_script_alternatenames"] or "").split("|") if a]
            arabic = [a for a in alts if not any(c in PERSIAN_LETTERS for c in a)]
            if not arabic:
                continue
            # the spelling Arabic news uses most (الدوحة, not دوحة)
            canonical = max(arabic, key=lambda a: (min(vocab.get(w, 0) for w in fold_key(a).split() or [""]),
                                                   -len(a.split()), -len(a)))
            for a in arabic:
                put(a, canonical, "city", r["country"], r["geonameid"], r["name"], int(r["population"] or 0))
    # the rest of the world: capitals and large cities, by their Arabic alternate names
    # ("هلسنكي", "فيينا", "كابل"), where the MENA table has not named them
    seen = {r[4] for r in rows.values()}
    first_names = set((OUT / "first_names.txt").read_text(encoding="utf-8").split("\n"))
    with zipfile.ZipFile(geo / "cities15000.zip") as zf, zf.open("cities15000.txt") as raw:
        for line in io.TextIOWrapper(raw, encoding="utf-8"):
            f = line.rstrip("\n").split("\t")
            gid, pop = f[0], int(f[14] or 0)
            if gid in seen or not (f[7] == "PPLC" or pop >= WORLD_CITY_POPULATION):
                continue
            arabic = [a for a in f[3].split(",") if ARABIC_NAME.fullmatch(a)
                      and not any(c in PERSIAN_LETTERS for c in a)]
            if not arabic:
                continue
            canonical = max(arabic, key=lambda a: (min(vocab.get(w, 0) for w in fold_key(a).split() or [""]),
                                                   -len(a.split()), -len(a)))
            for a in arabic:
                if not _common_word(fold_key(a), vocab, first_names):
                    put(a, canonical, "city", f[8], gid, f[1], pop)
    extra = OUT / "places_extra.tsv"
    lines = [ln for ln in extra.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    for r in csv.DictReader(lines, delimiter="\t"):
        for a in [r["name"], *(r["aliases"] or "").split("|")]:
            if a:
                # hand-written entries name places GeoNames lacks: they win over its guesses
                rows.pop(fold_key(a), None)
                put(a, r["name"], r["kind"], r["iso2"], r["geonameid"], r["latin"], 10**9)
    with open(OUT / "places.tsv", "w", encoding="utf-8") as fh:
        fh.write("key\tname\tkind\tiso2\tgeonameid\tlatin\tpopulation\n")
        for key in sorted(rows):
            k, canonical, kind, iso2, gid, latin, pop = rows[key]
            pop = "" if pop >= 10**9 else pop    # countries and hand-written places: no figure
            fh.write(f"{k}\t{canonical}\t{kind}\t{iso2}\t{gid}\t{latin}\t{pop}\n")
    return len(rows)


def build_first_names(data: Path) -> int:
    raw: set[str] = set()
    folder = data / "arabic-person-names"
    with open(folder / "faris_alanazi_Arabic_names_gender.csv", encoding="utf-8") as fh:
        raw |= {r[0].strip() for r in csv.reader(fh) if r}
    for f in folder.glob("akhateeb_*first*names-in-arabic.txt"):
        raw |= {line.strip() for line in f.read_text(encoding="utf-8").splitlines()}
    raw = {n for n in raw if re.fullmatch(r"[\u0621-\u064a ]{2,20}", n)}
    # drop function words the lists carry as names (وفي، لما، بأنه): compared as written, since
    # folding would also drop أمين for آمين
    bare = re.compile("[\u064b-\u0652\u0670]")
    stop: set[str] = set()
    for f in ("stopwords/stopwords_iso_ar.txt", "stopwords/newspaper4k_stopwords-ar.txt"):
        stop |= {bare.sub("", w.strip()) for w in (data / f).read_text(encoding="utf-8").splitlines()}
    with gzip.open(data / "stopwords" / "linuxscout_stopwordsallforms.csv.gz", "rt", encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t"):
            # only the forms with a proclitic glued on: the bare forms include nouns that are
            # also names (ليلى "my night")
            if len(row) > 5 and not row[0].startswith("#") and row[5].strip().rstrip("-")[:1] in "وفبلك":
                stop.add(bare.sub("", row[0].strip()))
    names = {fold(n) for n in raw if n not in stop}
    (OUT / "first_names.txt").write_text("\n".join(sorted(names)) + "\n", encoding="utf-8")
    return len(names)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--only", choices=["vocab", "places", "names"])
    args = ap.parse_args()
    data = Path(args.data)
    OUT.mkdir(parents=True, exist_ok=True)
    if args.only in (None, "vocab"):
        print(f"vocab.tsv.gz: {build_vocab(data)} words")
    if args.only in (None, "places"):     # after the vocabulary: canonical spellings by frequency
        print(f"places.tsv: {build_places(data)} names")
    if args.only in (None, "names"):
        print(f"first_names.txt: {build_first_names(data)} names")
    return 0


if __name__ == "__main__":
    sys.exit(main())
