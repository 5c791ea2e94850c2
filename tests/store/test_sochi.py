"""Real data: the Putin–Assad meeting in Sochi on 2018-05-17, reported by CNN Arabic and Sky
News Arabia (ANT corpus), ingested through the whole pipeline, must be ONE event cluster
with sources from both outlets."""
import gzip
import json
import os

import pytest

ANT = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "data", "ant-corpus",
                   "ant_multisource_v2.1.jsonl.gz")
DOCS = {"CN-middleEast-963-20180517",      # CNN: بوتين يستقبل الأسد…
        "SK-middleEast-1788-20180518"}     # Sky News: بوتن يضع شرطا… خلال لقائه نظيره السوري


@pytest.fixture(scope="module")
def sochi_records():
    if not os.path.exists(ANT):
        pytest.skip("ANT corpus not in ../shared/data")
    from rasad.output import to_record
    from rasad.pipeline import analyse
    from rasad.sources.records import record_to_document
    out = []
    with gzip.open(ANT, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if '"docno": "CN-middleEast-963-' in line or '"docno": "SK-middleEast-1788-' in line:
                item = json.loads(line)
                if item.get("docno") in DOCS:
                    out.append(to_record(analyse(record_to_document(item, f"ant:{i + 1}"))))
            if len(out) == len(DOCS):
                break
    assert len(out) == 2, "both Sochi articles are in the corpus"
    return out


def test_sochi_meeting_is_one_cluster_with_two_outlets(store, sochi_records):
    assert store.add_many(sochi_records) == (2, 0)
    putin = store.entity("بوتين")
    assert putin is not None and putin["latin"] == "Vladimir Putin"
    assert {a["key"] for a in putin["aliases"]} >= {"فلاديمير بوتين", "فلاديمير بوتن"}
    meetings = [e for e in store.events(type="CONSULT", entity=putin["id"])
                if e["date"] in ("2018-05-17", "2018-05-18")]
    assad = store.entity("بشار الأسد")
    together = [e for e in meetings if {p["id"] for p in e["participants"]} >= {putin["id"],
                                                                               assad["id"]}]
    assert len(together) == 1, together
    [meeting] = together
    assert meeting["n_articles"] == 2
    assert {s["outlet"] for s in meeting["sources"]} == {"CNN", "skynews"}
    assert {s["article_id"] for s in meeting["sources"]} == {r["id"] for r in sochi_records}
    assert all(s["evidence_text"] for s in meeting["sources"])
