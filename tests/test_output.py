"""Views of an article (rasad.output): the JSON record of ../shared/EVAL.md and the Arabic
summary, built from an article assembled by hand so every field is known."""
from __future__ import annotations

import datetime as dt
import hashlib
import json

from rasad.model import Article, Entity, Event, Mention, Quote, Span
from rasad.output import content_hash, to_record, to_text

TEXT = ("عنوان قديم\n2022-04-05\n"
        "استقبل الوزير أحمد سالم في بغداد أمس السفير كريم ناصر.\n"
        "وقال سالم: «نريد تعاونا أوسع في كل المجالات».")


def at(needle: str, nth: int = 0) -> tuple[int, int]:
    pos = -1
    for _ in range(nth + 1):
        pos = TEXT.index(needle, pos + 1)
    return pos, pos + len(needle)


def built() -> Article:
    ahmad = Mention(*at("أحمد سالم"), "PER", {"title": Span(*at("الوزير"), "TITLE")})
    salem = Mention(*at("سالم", 1), "PER")
    karim = Mention(*at("كريم ناصر"), "PER")
    baghdad = Mention(*at("بغداد"), "LOC", {"iso2": "IQ"})
    yesterday = Span(*at("أمس"), "DATE", {"value": None, "relative": "yesterday"})
    quote = Span(*at("نريد تعاونا أوسع في كل المجالات"), "QUOTE")
    art = Article(text=TEXT, origin="news.txt", title="سالم يستقبل ناصر", published=dt.date(2022, 4, 8),
                  published_how="text", removed=[Span(0, 10, "related-headlines"), Span(11, 21, "related-headlines")],
                  mentions=[ahmad, baghdad, karim, salem], dates=[yesterday])
    art.entities = [
        Entity("e1", "PER", "أحمد سالم", mentions=[ahmad, salem], aliases=["أحمد سالم", "سالم"], titles=["الوزير"]),
        Entity("e2", "LOC", "بغداد", mentions=[baghdad], aliases=["بغداد"],
               attrs={"iso2": "IQ", "geonameid": "98182", "kind": "city", "latin": "Baghdad"}),
        Entity("e3", "PER", "كريم ناصر", mentions=[karim], aliases=["كريم ناصر"]),
    ]
    sentence = at("استقبل الوزير أحمد سالم في بغداد أمس السفير كريم ناصر.")
    art.events = [Event("CONSULT", "visit", source=["e3"], target=["e1"], date=dt.date(2022, 4, 7), date_how="text",
                        location="e2", evidence=Span(*sentence, "EVIDENCE"), trigger=Span(*at("استقبل"), "TRIGGER"),
                        confidence=0.66666)]
    art.quotes = [Quote(quote, speaker="e1", direct=True, cue=Span(*at("وقال"), "CUE"), speaker_how="explicit")]
    return art


def test_record_has_the_eval_contract_keys():
    rec = to_record(built())
    assert {"text", "published", "body", "entities", "events", "quotes"} <= set(rec)
    assert rec["text"] == TEXT and rec["published"] == "2022-04-08"
    assert rec["body"].startswith("استقبل الوزير") and rec["body"].endswith("المجالات».")
    assert "عنوان قديم" not in rec["body"]


def test_record_entities():
    rec = to_record(built())
    e1, e2, e3 = rec["entities"]
    assert (e1["type"], e1["name"], e1["aliases"], e1["titles"]) == ("PER", "أحمد سالم", ["أحمد سالم", "سالم"], ["الوزير"])
    assert [TEXT[a:b] for a, b in e1["mentions"]] == ["أحمد سالم", "سالم"]
    assert (e2["iso2"], e2["geonameid"], e2["kind"], e2["latin"]) == ("IQ", "98182", "city", "Baghdad")
    assert "iso2" not in e3                         # only codes the entity has


def test_record_events_name_their_participants():
    [ev] = to_record(built())["events"]
    assert ev["type"] == "CONSULT" and ev["mode"] == "visit"
    assert ev["source"] == ["كريم ناصر"] and ev["target"] == ["أحمد سالم"]
    assert ev["source_ids"] == ["e3"] and ev["target_ids"] == ["e1"]
    assert ev["date"] == "2022-04-07" and ev["date_how"] == "text"
    assert ev["location"] == "بغداد" and ev["location_id"] == "e2"
    assert TEXT[ev["trigger"][0]:ev["trigger"][1]] == "استقبل"
    assert TEXT[ev["evidence"][0]:ev["evidence"][1]].endswith("كريم ناصر.")
    assert ev["confidence"] == 0.667


def test_record_quotes_carry_their_words_and_span():
    [q] = to_record(built())["quotes"]
    assert q["speaker"] == "أحمد سالم" and q["speaker_id"] == "e1" and q["direct"] is True
    assert q["text"] == "نريد تعاونا أوسع في كل المجالات"
    assert TEXT[q["span"][0]:q["span"][1]] == q["text"]
    assert TEXT[q["cue"][0]:q["cue"][1]] == "وقال"


def test_record_removed_and_dates():
    rec = to_record(built())
    assert rec["removed"] == [{"start": 0, "end": 10, "reason": "related-headlines"},
                              {"start": 11, "end": 21, "reason": "related-headlines"}]
    assert rec["dates"] == [{"start": at("أمس")[0], "end": at("أمس")[1], "text": "أمس", "value": None}]


def test_record_id_is_the_text_hash_and_the_record_is_json():
    rec = to_record(built())
    assert rec["id"] == content_hash(TEXT) == hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    back = json.loads(json.dumps(rec, ensure_ascii=False))
    assert back == rec


def test_record_of_an_empty_article():
    rec = to_record(Article(text=""))
    assert rec["published"] is None and rec["fetched"] is None
    assert rec["entities"] == rec["events"] == rec["quotes"] == rec["removed"] == []
    assert rec["body"] == ""


def test_unknown_entity_ids_become_null_names():
    art = built()
    art.events[0].location = "e99"
    art.quotes[0].speaker = None
    rec = to_record(art)
    assert rec["events"][0]["location"] is None
    assert rec["quotes"][0]["speaker"] is None


def test_text_summary():
    out = to_text(built())
    lines = out.splitlines()
    assert lines[0] == "المصدر / source: news.txt"
    assert "العنوان / title: سالم يستقبل ناصر" in lines
    assert "التاريخ / published: 2022-04-08  (text)" in lines
    assert "حُذف / removed: related-headlines ×2" in lines
    assert "أشخاص / PER: أحمد سالم (الوزير)، كريم ناصر" in lines
    assert "أماكن / LOC: بغداد" in lines
    assert any(line.startswith("حدث / event CONSULT/visit  (rules، ") for line in lines)   # its maker and confidence
    assert "  من / source: كريم ناصر" in lines and "  إلى / target: أحمد سالم" in lines
    assert "  متى / date: 2022-04-07   أين / place: بغداد" in lines
    assert "اقتباس / quote — أحمد سالم: «نريد تعاونا أوسع في كل المجالات»" in lines


def test_text_summary_of_an_undated_empty_article():
    out = to_text(Article(text="نص", origin="x.txt"))
    assert out == "المصدر / source: x.txt\nالتاريخ / published: غير معروف"


def test_text_summary_clips_long_evidence_and_marks_reported_speech():
    art = built()
    long_words = " ".join(["كلمة"] * 100)
    art.text = TEXT + "\n" + long_words
    art.quotes.append(Quote(Span(len(TEXT) + 1, len(art.text), "QUOTE"), speaker="e3", direct=False))
    line = next(ln for ln in to_text(art).splitlines() if ln.startswith("قول منقول"))
    assert line.startswith("قول منقول / quote — كريم ناصر: «")
    clipped = line.split("«", 1)[1].rstrip("»")
    assert len(clipped) == 140 and clipped.endswith("…")
