"""The knowledge base in the store: identity across articles, near-duplicates, event clusters,
query methods, corrections, tokens, migration of older databases. Runs on SQLite and, with
RASAD_TEST_PG, on PostgreSQL (the `store` fixture)."""
import datetime as dt
import os

import pytest
import sqlalchemy as sa

from rasad.errors import InputError
from rasad.store import Store, StoreError
from rasad.store import db as store_db
from rasad.store import schema


def canon(store, article_id, local_id="e1"):
    rec = store.get(article_id, with_identity=True)
    return next(e["canonical_id"] for e in rec["entities"] if e["id"] == local_id)


def add(store, make_record, text, names, **kw):
    rec = make_record(text, names=names, **kw)
    assert store.add(rec)
    return rec["id"]


# -- identity across articles

def test_spelling_titles_and_transliterations_meet(store, make_record):
    a = add(store, make_record, "قال الرئيس بشار الأسد إن الحرب انتهت.", {"بشار الأسد": "PER"})
    b = add(store, make_record, "استقبل الرئيس السوري بشار الاسد وفدا.",
            {"الرئيس السوري بشار الاسد": "PER"})
    c = add(store, make_record, "أكد دونالد ترامب موقفه.", {"دونالد ترامب": "PER"})
    d = add(store, make_record, "قال دونالد ترمب أمس.", {"دونالد ترمب": "PER"})
    e = add(store, make_record, "التقى عبد الكريم عمر بالوفد.", {"عبد الكريم عمر": "PER"})
    f = add(store, make_record, "صرح عبدالكريم عمر للصحفيين.", {"عبدالكريم عمر": "PER"})
    assert canon(store, a) == canon(store, b)
    assert canon(store, c) == canon(store, d)
    assert canon(store, e) == canon(store, f)
    assert len({canon(store, x) for x in (a, c, e)}) == 3
    assass = store.entity("بشار الأسد")
    assert assass["latin"] == "Bashar al-Assad" and assass["articles"] == 2
    assert [x["key"] for x in assass["aliases"]] == ["بشار اسد"]   # one key for both spellings
    assert store.entity("الرئيس السوري بشار الاسد")["id"] == assass["id"]
    assert store.entity("عبدالكريم عمر")["latin"] == "Abdulkarim Omar"
    assert store.entity("Trump")["id"] == canon(store, c)          # by its Latin name


def test_arabic_names_differing_by_a_long_vowel_stay_apart(store, make_record):
    a = add(store, make_record, "قال محمود عباس إن السلام ممكن.", {"محمود عباس": "PER"})
    b = add(store, make_record, "قال محمد عباس إن الفريق جاهز.", {"محمد عباس": "PER"})
    assert canon(store, a) != canon(store, b)


def test_places_countries_and_demonyms(store, make_record):
    a = add(store, make_record, "وصل الوفد إلى سوريا أمس.", {"سوريا": "LOC"})
    b = add(store, make_record, "قال المسؤول السوري إن الوضع هادئ.", {"السوري": "MISC"})
    b_rec = store.get(b)
    b_rec  # the demonym is an entity of the article, linked to its country
    c = add(store, make_record, "وصل الوفد إلى دمشق أمس.", {"دمشق": "LOC"})
    assert canon(store, a) == canon(store, b)
    syria = store.entity(canon(store, a))
    assert syria["iso2"] == "SY" and syria["kind"] == "country" and syria["latin"] == "Syria"
    assert syria["geonameid"] == 163843 and syria["type"] == "LOC"
    damascus = store.entity(canon(store, c))
    assert damascus["geonameid"] == 170654 and damascus["latin"] == "Damascus"
    assert store.entity("SY")["id"] == syria["id"]                 # by ISO code


def test_family_name_alone_links_when_one_candidate_dominates_in_context(store, make_record):
    full = add(store, make_record, "قال سعد الحريري في بيروت إن الحكومة ستتشكل.",
               {"سعد الحريري": "PER", "بيروت": "LOC"})
    for i in range(2):
        add(store, make_record, f"ذكرى اغتيال رفيق الحريري رقم {i} في صيدا.",
            {"رفيق الحريري": "PER", "صيدا": "LOC"})
    saad, rafik = canon(store, full), store.entity("رفيق الحريري")["id"]
    assert saad != rafik
    # the bare name with Beirut around it: Saad co-occurs with Beirut, Rafik never did
    bare = add(store, make_record, "قال الحريري في بيروت إن الحوار مستمر.",
               {"الحريري": "PER", "بيروت": "LOC"})
    assert canon(store, bare) == saad
    # with Saida around it: Rafik
    bare2 = add(store, make_record, "أحيا أنصار الحريري الذكرى في صيدا.",
                {"الحريري": "PER", "صيدا": "LOC"})
    assert canon(store, bare2) == rafik


def test_ambiguous_family_name_is_not_merged_blindly(store, make_record):
    a = add(store, make_record, "وصل سعد الحريري إلى الرياض.", {"سعد الحريري": "PER"})
    b = add(store, make_record, "أحيا اللبنانيون ذكرى رفيق الحريري.", {"رفيق الحريري": "PER"})
    bare = add(store, make_record, "قال الحريري إن الأمر محسوم.", {"الحريري": "PER"})
    linked = canon(store, bare)
    assert linked not in (canon(store, a), canon(store, b))
    assert store.entity(linked)["ambiguous"] is True
    # another bare mention with no context goes to the same ambiguous entity
    again = add(store, make_record, "رد الحريري على الانتقادات.", {"الحريري": "PER"})
    assert canon(store, again) == linked


def test_bare_name_seen_first_joins_the_full_name(store, make_record):
    bare = add(store, make_record, "قال بومبيو إن العقوبات ستستمر.", {"بومبيو": "PER"})
    full = add(store, make_record, "وصل مايك بومبيو إلى بغداد.", {"مايك بومبيو": "PER"})
    assert canon(store, bare) == canon(store, full)
    assert store.entity("بومبيو")["articles"] == 2


def test_father_and_son_stay_apart(store, make_record):
    son = add(store, make_record, "استقبل محمد بن سلمان الوفد.", {"محمد بن سلمان": "PER"})
    father = add(store, make_record, "أصدر سلمان بن عبدالعزيز أمرا.",
                 {"سلمان بن عبدالعزيز": "PER"})
    assert canon(store, son) != canon(store, father)


def test_entity_view_titles_and_timeline(store, make_record):
    t1 = "التقى وزير الخارجية سيرغي لافروف نظيره التركي مولود جاويش أوغلو في موسكو."
    r1 = make_record(t1, published="2018-05-01",
                     names={"سيرغي لافروف": "PER", "مولود جاويش أوغلو": "PER", "موسكو": "LOC"},
                     events=[{"type": "CONSULT", "source": ["سيرغي لافروف"],
                              "target": ["مولود جاويش أوغلو"], "date": "2018-05-01",
                              "location": "موسكو"}])
    r1["entities"][0]["titles"] = ["وزير الخارجية"]
    r1["events"][0]["location_id"] = "e3"
    t2 = "أجرى سيرجي لافروف محادثات مع محمد جواد ظريف."
    r2 = make_record(t2, published="2018-06-10",
                     names={"سيرجي لافروف": "PER", "محمد جواد ظريف": "PER"},
                     events=[{"type": "CONSULT", "source": ["سيرجي لافروف"],
                              "target": ["محمد جواد ظريف"], "date": "2018-06-10"}])
    store.add_many([r1, r2])
    lav = store.entity("لافروف")
    assert lav["name"] == "سيرغي لافروف" and lav["articles"] == 2
    assert {a["alias"] for a in lav["aliases"]} >= {"سيرغي لافروف", "سيرجي لافروف"}
    assert lav["titles"] == [{"title": "وزير الخارجية", "count": 1}]
    assert [e["date"] for e in lav["timeline"]] == ["2018-05-01", "2018-06-10"]
    first = lav["timeline"][0]
    assert first["type"] == "CONSULT" and first["role"] == "source"
    assert [p["name"] for p in first["partners"]] == ["مولود جاويش أوغلو"]
    assert first["place"]["name"] == "موسكو" and first["sources"][0]["article_id"] == r1["id"]
    net = store.network("Lavrov")
    assert {p["name"] for p in net["partners"]} == {"مولود جاويش أوغلو", "محمد جواد ظريف"}
    assert all(p["count"] == 1 for p in net["partners"])
    assert store.entity("لا أحد بهذا الاسم") is None


def test_entities_listing(store, make_record):
    add(store, make_record, "قال محمود عباس إن السلام ممكن.", {"محمود عباس": "PER"})
    add(store, make_record, "أكد محمود عباس موقفه.", {"محمود عباس": "PER"})
    add(store, make_record, "وصل محمد مرسي.", {"محمد مرسي": "PER"})
    add(store, make_record, "في القاهرة اليوم.", {"القاهرة": "LOC"})
    names = [e["name"] for e in store.entities("مح")]
    assert names[:2] == ["محمود عباس", "محمد مرسي"]                   # most articles first
    assert [e["name"] for e in store.entities(type="LOC")] == ["القاهرة"]
    assert [e["name"] for e in store.entities("عبا")] == ["محمود عباس"]   # any word's start
    assert [e["name"] for e in store.entities("cai")] == ["القاهرة"]      # Latin
    assert store.entities("مح", limit=1, offset=1)[0]["name"] == "محمد مرسي"
    with pytest.raises(InputError, match="type"):
        store.entities(type="XYZ")


# -- search filters by canonical entity and place

def test_search_entity_and_place_filters(store, make_record):
    full = add(store, make_record, "قال بشار الأسد في دمشق إن الحرب انتهت.",
               {"بشار الأسد": "PER", "دمشق": "LOC"})
    bare = add(store, make_record, "وأضاف الأسد في خطابه أن الحرب انتهت.", {"الأسد": "PER"})
    other = add(store, make_record, "قال حافظ الأسد سابقا إن الحرب طويلة.",
                {"حافظ الأسد": "PER"})
    found = {h["id"] for h in store.search("الحرب", entity="بشار الأسد")}
    assert found == {full, bare}                    # the bare name was linked to Bashar
    assert {h["id"] for h in store.search("الحرب", entity="Bashar al-Assad")} == {full, bare}
    assert {h["id"] for h in store.search("الحرب", entity="حافظ")} == {other}
    assert {h["id"] for h in store.search("الحرب", place="دمشق")} == {full}
    assert {h["id"] for h in store.search("الحرب", place="SY")} == set()   # city, not country
    assert {h["id"] for h in store.search("", place="Damascus")} == {full}
    assert store.search("الحرب", entity="أحد غير موجود") == []
    with pytest.raises(InputError, match="place"):
        store.search("الحرب", place="!!")


def test_facets(store, make_record):
    recs = [make_record(f"التقى بشار الأسد بوفد {i} في دمشق.", published=f"2018-0{i + 1}-05",
                        names={"بشار الأسد": "PER", "دمشق": "LOC"},
                        events=[{"type": "CONSULT", "source": ["بشار الأسد"]}], source="sana")
            for i in range(3)]
    recs.append(make_record("قال ترامب إن الاقتصاد قوي.", published="2018-03-01",
                            names={"ترامب": "PER"}, source="cnn"))
    store.add_many(recs)
    f = store.facets("")
    assert f["event_type"] == [{"value": "CONSULT", "count": 3}]
    assert f["entity"][0]["value"] == "بشار الأسد" and f["entity"][0]["count"] == 3
    assert f["place"][0]["value"] == "دمشق" and f["place"][0]["latin"] == "Damascus"
    assert {o["value"]: o["count"] for o in f["outlet"]} == {"sana": 3, "cnn": 1}
    assert {m["value"]: m["count"] for m in f["month"]} == {"2018-01": 1, "2018-02": 1,
                                                            "2018-03": 2}
    g = store.facets("الأسد", date_from="2018-02")
    assert g["entity"] == [{"id": f["entity"][0]["id"], "value": "بشار الأسد",
                            "latin": "Bashar al-Assad", "type": "PER", "count": 2}]
    assert g["outlet"] == [{"value": "sana", "count": 2}]


# -- near-duplicates

BODY = ("أعلنت وزارة الخارجية في بيان رسمي اليوم أن المفاوضات مع الوفد الإيراني ستستأنف "
        "الأسبوع المقبل في العاصمة النمساوية فيينا بمشاركة ممثلين عن الدول الأوروبية "
        "الثلاث وروسيا والصين وذلك بعد توقف دام عدة أشهر بسبب الخلافات حول العقوبات "
        "المفروضة على طهران وبرنامجها النووي الذي يثير قلق المجتمع الدولي منذ سنوات طويلة")


def test_near_duplicates_are_linked(store, make_record):
    a = make_record(BODY)
    b = make_record(BODY + " وفق ما نقلت الوكالة")                # a republished copy
    c = make_record("قال المدرب إن الفريق جاهز للمباراة النهائية في البطولة القارية التي "
                    "تنطلق الشهر المقبل بمشاركة أفضل الأندية في القارة وسط توقعات كبيرة "
                    "من الجماهير التي تنتظر اللقب منذ سنوات عديدة بعد خسارة النهائي السابق")
    store.add_many([a, b, c])
    assert [d["article_id"] for d in store.near_duplicates(b["id"])] == [a["id"]]
    assert store.near_duplicates(b["id"])[0]["similarity"] >= 0.8
    assert [d["article_id"] for d in store.near_duplicates(a["id"])] == [b["id"]]
    assert store.near_duplicates(c["id"]) == []
    assert store.get(a["id"], with_identity=True)["near_duplicates"] == [b["id"]]


# -- cross-outlet event clusters

def meeting(make_record, text, date, source, names=("فلاديمير بوتين", "بشار الأسد"),
            etype="CONSULT", published=None):
    return make_record(text, published=published or date, source=source,
                       names={n: "PER" for n in names},
                       events=[{"type": etype, "source": [names[0]], "target": list(names[1:]),
                                "date": date, "trigger": [0, 5]}])


def test_same_event_from_two_outlets_is_one_cluster(store, make_record):
    cnn = meeting(make_record, "استقبل فلاديمير بوتين بشار الأسد في سوتشي.", "2018-05-17",
                  "CNN")
    sky = meeting(make_record, "التقى فلاديمير بوتن بشار الأسد في سوتشي.", "2018-05-18", "sky",
                  names=("فلاديمير بوتن", "بشار الأسد"))
    later = meeting(make_record, "التقى بوتين الأسد مجددا في موسكو.", "2018-06-20", "sky",
                    names=("بوتين", "الأسد"))
    other_type = meeting(make_record, "هدد فلاديمير بوتين بشار الأسد.", "2018-05-17", "x",
                         etype="THREATEN")
    store.add_many([cnn, sky, later, other_type])
    events = store.events(type="CONSULT")
    assert len(events) == 2
    june, may = events                                         # newest first
    assert may["date"] == "2018-05-17" and may["n_articles"] == 2
    assert may["outlets"] == ["CNN", "sky"]
    assert {s["article_id"] for s in may["sources"]} == {cnn["id"], sky["id"]}
    assert {p["latin"] for p in may["participants"]} == {"Vladimir Putin", "Bashar al-Assad"}
    src = may["sources"][0]
    assert src["evidence_text"] and src["evidence"] == [0, len(src["evidence_text"])]
    assert src["target_key"].startswith("EVENT:CONSULT:")
    assert june["n_articles"] == 1
    assert len(store.events()) == 3
    assert len(store.events(entity="بوتين", date_from="2018-05", date_to="2018-05")) == 2
    assert store.get(cnn["id"], with_identity=True)["events"][0]["cluster_id"] == may["id"]


def test_different_participants_or_dates_are_different_events(store, make_record):
    a = meeting(make_record, "التقى بوتين الأسد.", "2018-05-17", "a", names=("بوتين", "الأسد"))
    b = meeting(make_record, "التقى بوتين أردوغان.", "2018-05-17", "b",
                names=("بوتين", "أردوغان"))
    c = meeting(make_record, "التقى بوتين الأسد ثانية.", "2018-05-20", "c",
                names=("بوتين", "الأسد"))
    store.add_many([a, b, c])
    assert len(store.events(type="CONSULT")) == 3


def test_place_filter_on_events(store, make_record):
    rec = meeting(make_record, "التقى فلاديمير بوتين بشار الأسد في دمشق.", "2018-05-17", "a")
    rec["events"][0]["location"] = "دمشق"
    store.add(rec)
    assert len(store.events(place="دمشق")) == 1
    assert store.events(place="حلب") == []
    assert store.events(place="دمشق")[0]["place"]["latin"] == "Damascus"


# -- quotes

def test_quotes_by_speaker(store, make_record):
    text = "قال سيرغي لافروف إن الحل سياسي. وقال آخر إن الأمر معقد."
    rec = make_record(text, published="2018-05-01", names={"سيرغي لافروف": "PER"},
                      quotes=[{"speaker": "سيرغي لافروف", "speaker_id": "e1",
                               "text": "الحل سياسي", "direct": False,
                               "span": [text.index("الحل"), text.index(".")], "cue": [0, 3]},
                              {"speaker": None, "speaker_id": None, "text": "الأمر معقد",
                               "direct": False, "span": [text.index("الأمر"), len(text) - 1],
                               "cue": None}])
    store.add(rec)
    mine = store.quotes("Lavrov")
    assert [q["text"] for q in mine] == ["الحل سياسي"]
    assert mine[0]["speaker_entity"]["name"] == "سيرغي لافروف"
    assert mine[0]["target_key"] == f"QUOTE:{text.index('الحل')}:{text.index('.')}"
    assert len(store.quotes()) == 2 and store.quotes(date_from="2019") == []


# -- corrections

def test_corrections_overlay_and_survive_reingest(store, make_record):
    rec = meeting(make_record, "التقى فلاديمير بوتين بشار الأسد في سوتشي.", "2018-05-17", "a")
    store.add(rec)
    key = "EVENT:CONSULT:0:5"
    store.add_correction(rec["id"], "event", key, "reject", author="hala")
    assert store.get(rec["id"], with_corrections=False) == rec
    got = store.get(rec["id"])
    assert got["events"][0]["rejected"] is True and got["events"][0]["corrected_by"] == "hala"
    assert dt.datetime.fromisoformat(got["events"][0]["corrected_at"])
    store.add_correction(rec["id"], "event", key, "edit", {"date": "2018-05-16"}, author="omar")
    got = store.get(rec["id"])
    assert got["events"][0]["date"] == "2018-05-16" and got["events"][0]["corrected_by"] == "omar"
    assert not store.add(rec)                                   # re-ingest: a duplicate
    assert len(store.corrections(rec["id"])) == 2
    assert [c["action"] for c in store.corrections(target_key=key)] == ["reject", "edit"]
    with pytest.raises(InputError, match="action"):
        store.add_correction(rec["id"], "event", key, "delete", author="x")
    with pytest.raises(InputError, match="target_key"):
        store.add_correction(rec["id"], "event", "QUOTE:1:2", "reject", author="x")
    with pytest.raises(InputError, match="author"):
        store.add_correction(rec["id"], "event", key, "reject", author=" ")


def test_entity_merge_and_split_corrections(store, make_record):
    a = add(store, make_record, "قال أبو محمد الجولاني إن القتال مستمر.",
            {"أبو محمد الجولاني": "PER"})
    b = add(store, make_record, "قال أحمد الشرع إن القتال مستمر.", {"أحمد الشرع": "PER"})
    ca, cb = canon(store, a), canon(store, b)
    assert ca != cb
    store.add_correction(None, "entity", f"ENTITY:{cb}", "merge", {"into": ca}, author="hala")
    assert canon(store, b) == ca
    merged = store.entity(ca)
    assert merged["articles"] == 2 and {"أحمد الشرع", "أبو محمد الجولاني"} <= {
        x["alias"] for x in merged["aliases"]}
    assert store.entity(cb) is None                             # the merged id is gone
    assert {h["id"] for h in store.search("القتال", entity="الشرع")} == {a, b}
    store.add_correction(b, "entity", f"ENTITY:{ca}", "split", author="hala")
    assert canon(store, b) != ca and canon(store, a) == ca
    assert [c["action"] for c in store.corrections(b)] == ["split"]
    with pytest.raises(InputError, match="merge needs"):
        store.add_correction(None, "entity", f"ENTITY:{ca}", "merge", {}, author="x")


# -- API tokens

def test_api_tokens(store):
    token = store.create_token("web")
    assert store.verify_token(token) and not store.verify_token(token + "x")
    assert not store.verify_token("") and not store.verify_token(None)
    other = store.create_token("cli", ttl_days=30)
    assert store.verify_token(other)
    assert store.revoke_token("web") == 1
    assert not store.verify_token(token) and store.verify_token(other)
    assert store.revoke_token("web") == 0
    t = schema.api_tokens
    with store.engine.begin() as conn:                          # an expired token
        conn.execute(sa.update(t).where(t.c.name == "cli").values(expires_at="2000-01-01"))
    assert not store.verify_token(other)
    with store.engine.connect() as conn:                        # only hashes are stored
        assert token not in {r[0] for r in conn.execute(sa.select(t.c.token_hash))}
    with pytest.raises(InputError, match="ttl_days"):
        store.create_token("x", ttl_days=0)


# -- migration and failures

def test_version_2_database_is_migrated_and_backfilled(db_path, make_record):
    recs = [meeting(make_record, "استقبل فلاديمير بوتين بشار الأسد.", "2018-05-17", "cnn"),
            meeting(make_record, "التقى فلاديمير بوتن بشار الأسد.", "2018-05-17", "sky",
                    names=("فلاديمير بوتن", "بشار الأسد"))]
    engine = sa.create_engine(f"sqlite:///{db_path}", json_serializer=store_db._dumps)
    backend = store_db.SqliteBackend(engine, 1000)
    with engine.connect().execution_options(rasad_write=True) as conn, conn.begin():
        for version in (1, 2):
            schema.apply_migration(conn, backend, version)
        rows = {t: [] for t in schema.CORE_TABLES}
        for rec in recs:
            store_db._record_rows(rec, "2018-05-18T00:00:00+00:00", rows)
        for table in schema.CORE_TABLES:
            if rows[table]:
                conn.execute(sa.insert(table), rows[table])
    engine.dispose()
    with Store.open(db_path) as s:
        assert s.schema_version() == schema.LATEST == 4
        [event] = s.events()
        assert event["n_articles"] == 2
        assert s.entity("بوتين")["articles"] == 2


def test_kb_failure_rolls_back_the_batch(store, make_record, monkeypatch):
    first = make_record("نص أول عن المغرب", names={"المغرب": "LOC"})
    store.add(first)
    before = store.count()

    def broken(self, records):
        raise store.backend.driver_errors[0]("database or disk is full")

    monkeypatch.setattr(store_db.KnowledgeBase, "process", broken)
    with pytest.raises(StoreError, match="disk is full"):
        store.add(make_record("نص ثان عن تونس", names={"تونس": "LOC"}))
    monkeypatch.undo()
    assert store.count() == before
    assert store.add(make_record("نص ثان عن تونس", names={"تونس": "LOC"}))
