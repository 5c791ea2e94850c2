import os
import sqlite3
import threading

import pytest
import sqlalchemy as sa

from rasad.errors import InputError
from rasad.store import Store, StoreError, default_db_url
from rasad.store import db as store_db
from rasad.store import schema

TEXT = "قال وزير الخارجية أحمد علي إن المفاوضات مع الوفد الإيراني مستمرة في طهران."


def full_record(make_record):
    rec = make_record(TEXT, title="مفاوضات في طهران", published="2018-05-01",
                      names={"أحمد علي": "PER", "طهران": "LOC"},
                      events=[{"type": "CONSULT", "mode": "visit", "source": ["أحمد علي"],
                               "target": ["الوفد الإيراني"], "date": "2018-04-30",
                               "date_how": "relative", "location": "طهران",
                               "confidence": 0.83}],
                      quotes=[{"speaker": "أحمد علي", "speaker_id": "e1",
                               "text": "المفاوضات مع الوفد الإيراني مستمرة", "direct": False,
                               "span": [TEXT.index("المفاوضات"), TEXT.index(" في طهران")],
                               "cue": [0, 3]}])
    rec["removed"] = [{"start": 0, "end": 0, "reason": "boilerplate"}]
    rec["fetched"] = "2018-05-02T10:00:00+00:00"
    rec["url"] = "https://example.org/a/1"
    rec["entities"][0]["aliases"] = ["علي"]
    rec["entities"][0]["titles"] = ["وزير الخارجية"]
    rec["entities"][1]["demonym_of"] = None
    rec["entities"][1]["gazetteer"] = "geonames"           # keys without a column survive too
    rec["lang"] = "ar"
    return rec


# -- round trip, idempotence, counts

def test_round_trip(store, make_record):
    rec = full_record(make_record)
    assert rec["events"][0]["target_ids"] == [] and rec["events"][0]["target"]
    assert store.add(rec) is True
    assert store.get(rec["id"]) == rec
    assert store.get("0" * 64) is None


def test_add_is_idempotent_and_counts(store, make_record):
    rec = full_record(make_record)
    assert store.add(rec) and not store.add(rec)
    assert store.count() == {"articles": 1, "entities": 2, "events": 1, "quotes": 1}
    others = [make_record(f"خبر رقم {i} عن المفاوضات.") for i in range(3)]
    # duplicates against the store and inside the same call
    assert store.add_many([rec, *others, others[0]]) == (3, 2)
    assert store.count()["articles"] == 4
    assert store.add_many([]) == (0, 0)


def test_add_many_spans_several_batches(store, make_record, monkeypatch):
    monkeypatch.setattr(store_db, "BATCH_SIZE", 3)
    recs = [make_record(f"خبر {i} عن السودان") for i in range(10)]
    assert store.add_many(iter(recs)) == (10, 0)
    assert store.add_many(recs) == (0, 10)
    assert len(store.search("السودان", limit=50)) == 10


def test_file_database_uses_wal(db_path):
    Store.open(db_path).close()
    con = sqlite3.connect(db_path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()


def test_data_survives_reopen(store_url, make_record):
    rec = full_record(make_record)
    with Store.open(store_url) as s:
        s.add(rec)
    with Store.open(store_url) as s:
        assert s.get(rec["id"]) == rec
        assert s.search("أحمد")[0]["id"] == rec["id"]


# -- search

@pytest.fixture
def news(store, make_record):
    recs = {
        "hamza": make_record("التقى أحمد علي بالسفير في بغداد.", title="لقاء في بغداد",
                             published="2018-03-01", names={"أحمد علي": "PER"},
                             events=[{"type": "MEET", "source": ["أحمد علي"]}]),
        "bare": make_record("صرح احمد سالم للصحفيين بأن مفاوضات السلام متوقفة.",
                            published="2018-06-15", names={"احمد سالم": "PER"},
                            events=[{"type": "CONSULT", "source": ["احمد سالم"]}]),
        "harakat": make_record("وأَحْمَدُ يوسف يشارك في المفاوضات المقبلة مع وزير الخارجية.",
                               published="2017-12-31", names={"أَحْمَدُ يوسف": "PER"}),
        "other": make_record("أعلنت الحكومة المصرية عن خطة جديدة للاقتصاد.",
                             title="خطة اقتصادية", published=None),
    }
    store.add_many(recs.values())
    return {k: r["id"] for k, r in recs.items()}


def ids(hits):
    return {h["id"] for h in hits}


def test_arabic_folding(store, news):
    expected = {news["hamza"], news["bare"], news["harakat"]}
    for query in ["أحمد", "احمد", "أَحْمَد", "إحمد", "احمـــد"]:
        assert ids(store.search(query)) == expected, query


def test_stemming(store, news):
    both = {news["bare"], news["harakat"]}
    assert ids(store.search("المفاوضات")) == both
    assert ids(store.search("مفاوضات")) == both
    assert ids(store.search("والمفاوضات")) == both
    assert ids(store.search("مصر")) == {news["other"]}          # المصرية


def test_words_are_anded_and_phrases_are_sequences(store, news):
    assert ids(store.search("أحمد مفاوضات")) == {news["bare"], news["harakat"]}
    assert ids(store.search("أحمد بغداد")) == {news["hamza"]}
    assert ids(store.search('"وزير الخارجية"')) == {news["harakat"]}
    assert ids(store.search('"الخارجية وزير"')) == set()
    assert store.search("كلمةغيرموجودة") == []


def test_hit_fields_and_snippet(store, news):
    [hit] = store.search("بغداد")
    assert set(hit) == {"id", "title", "published", "url", "origin", "snippet", "score"}
    assert hit["title"] == "لقاء في بغداد" and hit["published"] == "2018-03-01"
    assert hit["origin"] == "test.txt:1" and hit["url"] is None
    assert "بغداد" in hit["snippet"] and hit["score"] > 0
    [hit] = store.search("يشارك")
    assert "وأَحْمَدُ" in hit["snippet"]                        # original text, harakat kept


def test_title_weighs_more_than_body(store, make_record):
    in_body = make_record("تحدث الوزير عن الاقتصاد والزراعة والصناعة والتجارة طويلا.")
    in_title = make_record("تحدث الوزير عن الزراعة والصناعة والتجارة طويلا.", title="الاقتصاد")
    store.add_many([in_body, in_title])
    assert [h["id"] for h in store.search("الاقتصاد")] == [in_title["id"], in_body["id"]]


def test_entity_names_are_indexed(store, make_record):
    rec = make_record("قال الرئيس إن الحوار مستمر.", names={"الرئيس": "PER"})
    rec["entities"][0]["aliases"] = ["محمود عباس"]              # known from elsewhere
    store.add(rec)
    assert ids(store.search("عباس")) == {rec["id"]}


def test_filters(store, news):
    assert ids(store.search("أحمد", event_type="CONSULT")) == {news["bare"]}
    assert ids(store.search("أحمد", event_type="meet")) == {news["hamza"]}
    assert store.search("أحمد", event_type="FIGHT") == []
    assert ids(store.search("أحمد", entity="أحمد علي")) == {news["hamza"]}
    assert ids(store.search("أحمد", entity="احمد")) == {news["hamza"], news["bare"], news["harakat"]}
    assert ids(store.search("أحمد", entity="يوسف")) == {news["harakat"]}
    assert store.search("أحمد", entity="_") == []                # LIKE characters are literal
    assert ids(store.search("أحمد", date_from="2018-01-01")) == {news["hamza"], news["bare"]}
    assert ids(store.search("أحمد", date_to="2018-03-01")) == {news["hamza"], news["harakat"]}
    assert ids(store.search("أحمد", date_from="2018-03", date_to="2018-03")) == {news["hamza"]}
    assert ids(store.search("أحمد", date_from="2017", date_to="2017")) == {news["harakat"]}
    for bad in ["yesterday", "2018-13", "2018-02-30", "18-01-01"]:
        with pytest.raises(InputError, match="date_from"):
            store.search("أحمد", date_from=bad)
    with pytest.raises(InputError, match="entity"):
        store.search("أحمد", entity="!!")
    with pytest.raises(InputError, match="event_type"):
        store.search("أحمد", event_type=3)
    assert store.search("أحمد", entity="", event_type="") == store.search("أحمد")


def test_order_bm25_then_newest(store, make_record):
    same = "اجتمع المجلس لبحث الموازنة."
    old = make_record(same + " ", published="2017-01-01")
    new = make_record(same + "  ", published="2019-01-01")
    undated = make_record(same + "   ")
    store.add_many([old, undated, new])
    assert [h["id"] for h in store.search("الموازنة")] == [new["id"], old["id"], undated["id"]]


def test_empty_query(store, news):
    assert store.search("") == [] and store.search("   ") == [] and store.search("*") == []
    # no words but a filter: the filtered articles, newest first, score 0
    hits = store.search("", event_type="CONSULT")
    assert ids(hits) == {news["bare"]} and hits[0]["score"] == 0.0
    assert [h["id"] for h in store.search("", date_from="2017")] == \
        [news["bare"], news["hamza"], news["harakat"]]


@pytest.mark.parametrize("query", ['"', '""', '"""', "AND (", "*", "(", ")", "OR", "NOT أحمد",
                                   "أحمد*", "title:أحمد", "{body} : x", "^أحمد", "NEAR(أحمد بغداد)",
                                   "أحمد AND", "'", "\\", "%", "_", "- أحمد", "+", ";DROP TABLE articles;",
                                   "\x00", "٪", "؟", "«", "أحمد\"بغداد"])
def test_fts_syntax_never_raises(store, news, query):
    hits = store.search(query)
    assert isinstance(hits, list)
    assert store.count()["articles"] == 4


def test_syntax_characters_inside_words_still_search(store, news):
    assert ids(store.search("أحمد*")) == ids(store.search("أحمد"))
    assert ids(store.search("(بغداد)")) == {news["hamza"]}


def test_limit_and_offset(store, make_record):
    recs = [make_record(f"تقرير {i} عن الانتخابات", published=f"2018-01-{i + 1:02d}") for i in range(7)]
    store.add_many(recs)
    page1 = store.search("الانتخابات", limit=3)
    page2 = store.search("الانتخابات", limit=3, offset=3)
    rest = store.search("الانتخابات", limit=3, offset=6)
    assert len(page1) == 3 and len(page2) == 3 and len(rest) == 1
    assert len(ids(page1) | ids(page2) | ids(rest)) == 7
    assert store.search("الانتخابات", limit=0) == []
    with pytest.raises(InputError, match="limit"):
        store.search("الانتخابات", limit=-1)


def test_reindex_keeps_search(store, news):
    store.reindex()
    assert ids(store.search("مفاوضات")) == {news["bare"], news["harakat"]}


# -- bad records

@pytest.mark.parametrize("breakit, reason", [
    (lambda r: r.pop("id"), "no content hash"),
    (lambda r: r.update(text=None), "'text'"),
    (lambda r: r.update(published="1/5/2018"), "published"),
    (lambda r: r["entities"][0].update(mentions=[[5, 10_000]]), "span"),
    (lambda r: r["entities"].append(dict(r["entities"][0])), "repeated"),
    (lambda r: r["events"][0].update(source_ids=["e9"]), "unknown entities"),
    (lambda r: r["events"][0].update(evidence=[3, 1]), "evidence"),
    (lambda r: r["quotes"][0].update(direct="yes"), "direct"),
    (lambda r: r["quotes"][0].update(speaker_id="e7"), "speaker_id"),
    (lambda r: r.update(extra_thing={1, 2}), "JSON"),
])
def test_malformed_records_are_refused_whole(store, make_record, breakit, reason):
    rec = full_record(make_record)
    breakit(rec)
    with pytest.raises(InputError, match=reason):
        store.add(rec)
    assert store.count() == {"articles": 0, "entities": 0, "events": 0, "quotes": 0}
    with pytest.raises(InputError):
        store.add("not a record")


# -- failures: nothing half-written, earlier data intact

def test_generator_failure_mid_add_many_keeps_complete_records(store, make_record):
    first = full_record(make_record)
    store.add(first)

    def records():
        for i in range(5):
            yield make_record(f"خبر {i} عن الجزائر", names={"الجزائر": "LOC"})
        raise RuntimeError("extractor crashed")

    with pytest.raises(RuntimeError):
        store.add_many(records())
    assert store.count() == {"articles": 6, "entities": 7, "events": 1, "quotes": 1}
    assert store.get(first["id"]) == first


def test_bad_record_mid_add_many(store, make_record):
    good = [make_record(f"خبر {i} عن تونس") for i in range(3)]
    bad = make_record("خبر معطوب")
    bad["published"] = "أمس"
    with pytest.raises(InputError, match="published"):
        store.add_many([*good, bad, make_record("خبر بعده")])
    assert store.count()["articles"] == 3 and store.get(bad["id"]) is None


def test_database_failure_mid_batch_rolls_back_the_batch(store, make_record, monkeypatch):
    first = full_record(make_record)
    store.add(first)
    before = store.count()
    batch = [make_record(f"خبر {i} عن ليبيا", names={"ليبيا": "LOC"},
                         events=[{"type": "CONSULT", "source": ["ليبيا"]}]) for i in range(4)]

    def broken_index(conn, rows):       # fails after the article/entity/event rows went in
        raise store.backend.driver_errors[0]("database or disk is full")

    monkeypatch.setattr(store.backend, "index", broken_index)
    with pytest.raises(StoreError, match="disk is full") as info:
        store.add_many(batch)
    assert "\n" not in str(info.value) and store.name in str(info.value)
    monkeypatch.undo()
    assert store.count() == before
    assert store.get(first["id"]) == first
    assert all(store.get(r["id"]) is None for r in batch)
    with store.engine.connect() as conn:            # no orphan child rows either
        for table in schema.CORE_TABLES[1:]:
            n = conn.execute(sa.select(sa.func.count()).select_from(table)
                             .where(table.c.article_id.in_([r["id"] for r in batch]))).scalar()
            assert n == 0, table.name
    assert store.add_many(batch) == (4, 0)          # and the batch can be retried


# -- unusable databases

def test_read_only_database(db_path, make_record):
    rec = make_record("نص أول عن المغرب")
    with Store.open(db_path) as s:
        s.add(rec)
    with Store.open(f"sqlite:///file:{db_path}?mode=ro&uri=true") as ro:
        assert ro.get(rec["id"]) == rec                 # reading still works
        assert ids(ro.search("المغرب")) == {rec["id"]}
        with pytest.raises(StoreError, match="read-only") as info:
            ro.add(make_record("نص ثان"))
        assert "\n" not in str(info.value)
    with Store.open(db_path) as s:
        assert s.count()["articles"] == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_file(db_path, make_record, tmp_path):
    with Store.open(db_path) as s:
        s.add(make_record("نص أول"))
    for name in os.listdir(tmp_path):
        os.chmod(tmp_path / name, 0o444)
    os.chmod(tmp_path, 0o555)
    try:
        with pytest.raises(StoreError, match="read-only|cannot open"):
            with Store.open(db_path) as s:
                s.add(make_record("نص ثان"))
    finally:
        os.chmod(tmp_path, 0o755)


def test_locked_database(db_path, make_record, monkeypatch):
    monkeypatch.setattr(Store, "busy_timeout_ms", 50)
    rec = make_record("نص أول عن اليمن")
    with Store.open(db_path) as s:
        s.add(rec)
        other = sqlite3.connect(db_path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")                 # another writer holds the lock
        try:
            with pytest.raises(StoreError, match="locked") as info:
                s.add(make_record("نص ثان"))
            assert str(info.value).startswith(db_path)
            assert s.get(rec["id"]) == rec               # readers are not blocked (WAL)
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert s.add(make_record("نص ثان"))


def test_not_a_database(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("this is not sqlite " * 100)
    with pytest.raises(StoreError, match="not a database") as info:
        Store.open(str(path))
    assert str(path) in str(info.value)


def test_missing_folder(tmp_path):
    with pytest.raises(StoreError, match="cannot open"):
        Store.open(str(tmp_path / "no" / "such" / "rasad.db"))


def test_unsupported_urls():
    with pytest.raises(StoreError, match="not supported|not a usable") as info:
        Store.open("nosuchdb://user:secret@x/db")
    assert "secret" not in str(info.value) and "\n" not in str(info.value)
    with pytest.raises(StoreError, match="not supported|not a usable") as info:
        Store.open("mysql+pymysql://user:secret@x/db")
    assert "secret" not in str(info.value)


def test_unreachable_postgresql_is_one_line():
    # port 1 on the loopback: nothing listens there, the connection is refused at once
    with pytest.raises(StoreError, match="cannot connect") as info:
        Store.open("postgresql://user:secret@127.0.0.1:1/rasad")
    assert "secret" not in str(info.value) and "\n" not in str(info.value)


def test_default_db_url(monkeypatch, tmp_path):
    monkeypatch.delenv("RASAD_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    assert default_db_url() == f"sqlite:///{tmp_path}/rasad.db"
    monkeypatch.setenv("RASAD_DB", "data/news.db")
    assert default_db_url() == f"sqlite:///{tmp_path}/data/news.db"
    monkeypatch.setenv("RASAD_DB", "postgresql://localhost/rasad")
    assert default_db_url() == "postgresql+psycopg://localhost/rasad"      # psycopg 3
    monkeypatch.setenv("RASAD_DB", str(tmp_path / "env.db"))
    with Store.open() as s:
        assert s.name == str(tmp_path / "env.db")
    assert (tmp_path / "env.db").exists()


# -- migrations

def test_fresh_database_is_at_latest_version(store):
    assert store.schema_version() == schema.LATEST == len(schema.MIGRATIONS)


def test_old_database_is_migrated(db_path, make_record):
    rec = full_record(make_record)
    engine = sa.create_engine(f"sqlite:///{db_path}", json_serializer=store_db._dumps)
    with engine.begin() as conn:                   # a version-1 database: no search index
        schema.apply_migration(conn, None, 1)
        rows = {t: [] for t in schema.CORE_TABLES}
        store_db._record_rows(rec, "2018-05-02T00:00:00+00:00", rows)
        for table in schema.CORE_TABLES:
            if rows[table]:
                conn.execute(sa.insert(table), rows[table])
        assert schema.current_version(conn) == 1
        assert not sa.inspect(conn).has_table("article_fts")
    engine.dispose()
    with Store.open(db_path) as s:
        assert s.schema_version() == schema.LATEST
        assert s.get(rec["id"]) == rec
        assert ids(s.search("المفاوضات")) == {rec["id"]}      # old articles were indexed
        assert ids(s.search("علي", entity="أحمد")) == {rec["id"]}


def test_newer_database_is_refused(db_path):
    Store.open(db_path).close()
    con = sqlite3.connect(db_path)
    con.execute("UPDATE schema_version SET version = 99")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="newer"):
        Store.open(db_path)


def test_two_stores_share_a_file(store_url, make_record):
    with Store.open(store_url) as a, Store.open(store_url) as b:
        rec = make_record("خبر عن الأردن")
        assert a.add(rec) and not b.add(rec)
        assert b.get(rec["id"]) == rec



def test_stores_opening_a_new_file_together_all_succeed(tmp_path):
    # switching a new file to WAL needs it alone for a moment; SQLite says "locked" at once
    # instead of waiting, which failed one of two ingest runs started together
    failures = []

    def open_close(path, start):
        start.wait()
        try:
            Store.open(path).close()
        except StoreError as error:
            failures.append(str(error))

    for round_ in range(40):
        path = str(tmp_path / f"new{round_}.db")
        start = threading.Barrier(4)
        threads = [threading.Thread(target=open_close, args=(path, start)) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert failures == []
    con = sqlite3.connect(str(tmp_path / "new0.db"))
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()


# -- real articles

ANT = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "data", "ant-corpus",
                   "ant_multisource_v2.1.jsonl.gz")


@pytest.mark.skipif(not os.path.exists(ANT), reason="ANT corpus not in ../shared/data")
def test_real_articles(store, make_record):
    import gzip
    import json
    recs = []
    with gzip.open(ANT, "rt", encoding="utf-8") as fh:
        for line in fh:
            item = json.loads(line)
            if item.get("text"):
                recs.append(make_record(item["text"], title=item.get("title")))
            if len(recs) == 60:
                break
    stored, dups = store.add_many(recs)
    assert stored + dups == 60 and stored > 50
    # a common word found in its stemmed forms, snippets cut from the original text
    hits = store.search("الرئيس", limit=100)
    assert hits and all("رئيس" in store.get(h["id"])["text"] for h in hits[:20])
    # the snippet shows the match when it is in the body (not only in the title or names)
    shown = sum("رئيس" in h["snippet"] or "رئيس" in (h["title"] or "") for h in hits[:20])
    assert shown >= len(hits[:20]) // 2
    for r in recs[:5]:
        assert store.get(r["id"]) == r
