import datetime as dt

import pytest

from rasad.errors import InputError
from rasad.sources.records import record_to_document

# Shapes of the two corpora in shared/data, with made-up values.
ANT_LIKE = {
    "docno": "AL-middleEast-7-20180218", "url": "http://www.example.net/ar/2018/02/18/x", "src": "alarabia",
    "cat": "middleEast", "title": "وزير الخارجية يزور موسكو", "time": "Sun, 18 Feb 2018 21:35:43 +0400",
    "author": None, "abstract": "ملخص قصير", "text": "وصل وزير الخارجية إلى موسكو.\nوالتقى نظيره.",
    "path": "Alarabia/middleEast/AL-middleEast-7-20180218.txt",
}
SNN_LIKE = {
    "id": "SNN-2015-07-21-00001", "source": "aawsat", "url": "http://example.com/home/article/1",
    "date_extracted": "2015-07-21 02:51:33", "title": "الرئيس يعين محافظا جديدا",
    "author": "لندن: مراسل", "content": "أصدر الرئيس قرارا بتعيين محافظ جديد.", "file": "2015-07-21.json",
}


def test_ant_shaped_record():
    doc = record_to_document(ANT_LIKE, "ant.jsonl:3")
    assert doc.kind == "json" and doc.origin == "ant.jsonl:3"
    assert doc.text == ANT_LIKE["text"]
    assert doc.title == "وزير الخارجية يزور موسكو"
    assert doc.url == ANT_LIKE["url"] and doc.source == "alarabia"
    assert doc.published == dt.date(2018, 2, 18) and doc.published_how == "json:time"
    assert doc.fetched is None
    assert doc.extra == {"docno": "AL-middleEast-7-20180218", "cat": "middleEast", "abstract": "ملخص قصير",
                         "path": ANT_LIKE["path"]}     # author is null: nothing to keep


def test_crawl_time_is_fetched_not_published():
    doc = record_to_document(SNN_LIKE, "snn.jsonl:2")
    assert doc.text == SNN_LIKE["content"] and doc.source == "aawsat"
    assert doc.published is None and doc.published_how is None
    assert doc.fetched == dt.datetime(2015, 7, 21, 2, 51, 33)
    assert doc.extra == {"id": "SNN-2015-07-21-00001", "author": "لندن: مراسل", "file": "2015-07-21.json"}


def test_first_present_key_wins_and_empty_values_do_not_count():
    record = {"content": "نص المحتوى", "body": "نص آخر", "headline": "عنوان", "date": "",
              "published": "2016-03-04", "link": "http://x.org/a", "site": "x"}
    doc = record_to_document(record, "r.json")
    assert doc.text == "نص المحتوى" and doc.title == "عنوان"
    assert doc.published == dt.date(2016, 3, 4) and doc.published_how == "json:published"
    assert doc.url == "http://x.org/a" and doc.source == "x"
    assert doc.extra == {"body": "نص آخر", "date": ""}


def test_unreadable_date_is_kept_in_extra():
    doc = record_to_document({"text": "نص", "time": "قريبا", "date": "2019-02-08"}, "r.json")
    assert doc.published == dt.date(2019, 2, 8) and doc.published_how == "json:date"
    assert doc.extra == {"time": "قريبا"}


def test_field_map_overrides_the_key_search():
    record = {"text": "ملخص", "content": "النص الكامل", "time": "2001-01-01", "date": "2019-02-08"}
    doc = record_to_document(record, "r.json", {"text": "content", "published": "date"})
    assert doc.text == "النص الكامل"
    assert doc.published == dt.date(2019, 2, 8) and doc.published_how == "json:date"
    assert doc.extra == {"text": "ملخص", "time": "2001-01-01"}


def test_field_map_with_unknown_field_is_an_input_error():
    with pytest.raises(InputError, match="unknown field 'body'"):
        record_to_document({"text": "نص"}, "r.json", {"body": "content"})


def test_title_entities_are_unescaped():
    doc = record_to_document({"text": "نص", "title": "&#8220;الوفد&#8221; يصل"}, "r.json")
    assert doc.title == "\u201cالوفد\u201d يصل"


def test_epoch_seconds_as_published():
    doc = record_to_document({"text": "نص", "published_at": 1549584000}, "r.json")
    assert doc.published == dt.date(2019, 2, 8)


@pytest.mark.parametrize("record, reason", [
    ({"title": "عنوان فقط"}, "no text field"),
    ({"text": 42}, "text field 'text' is a number, not a string"),
    ({"text": ["فقرة"]}, "is an array, not a string"),
    ({"text": "   \n"}, "text field 'text' is empty"),
    ({"text": ""}, "text field 'text' is empty"),
    ({"content": None}, "text field 'content' is null"),
    (["not", "an", "object"], "expected a JSON object, got an array"),
])
def test_records_without_usable_text_are_refused(record, reason):
    with pytest.raises(InputError, match=reason) as error:
        record_to_document(record, "r.jsonl:5")
    assert error.value.source == "r.jsonl:5"
