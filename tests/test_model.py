"""The data model: spans over the article text, the body left once boilerplate is cut out,
and the links between mentions and entities."""
from __future__ import annotations

import datetime as dt

from rasad.errors import InputError
from rasad.model import Article, Document, Entity, Mention, Span


def test_span_text_overlaps_and_contains():
    text = "وصل الوفد إلى بغداد"
    word = Span(14, 19, "LOC")
    assert word.text_of(text) == "بغداد"
    assert Span(10, 15).overlaps(word) and word.overlaps(Span(10, 15))
    assert not Span(0, 14).overlaps(word)          # end is exclusive: touching is not overlapping
    assert Span(10, 19).contains(word) and word.contains(word)
    assert not word.contains(Span(10, 19))


def test_span_attrs_are_not_shared_between_instances():
    a, b = Span(0, 1), Span(0, 1)
    a.attrs["x"] = 1
    assert b.attrs == {}


def test_body_cuts_out_removed_spans_and_keeps_the_rest():
    text = "عنوان آخر\n2022-04-05\nوصل الوفد إلى بغداد.\nشارك\nوأكد الوزير دعمه."
    first = text.index("وصل")
    share = text.index("شارك")
    art = Article(text=text, removed=[Span(0, 9, "related-headlines"), Span(10, 20, "related-headlines"),
                                      Span(share, share + 4, "navigation")])
    assert art.body_spans() == [(9, 10), (20, share), (share + 4, len(text))]
    assert art.body == "وصل الوفد إلى بغداد.\nوأكد الوزير دعمه."
    assert art.body.startswith(text[first:first + 3])
    assert art.is_removed(0) and art.is_removed(share) and not art.is_removed(first)
    assert not art.is_removed(9)                   # the end of a removed span is exclusive


def test_body_with_overlapping_and_unsorted_removed_spans():
    text = "أ" * 10 + "ب" * 10 + "ج" * 10
    art = Article(text=text, removed=[Span(15, 25), Span(0, 5), Span(3, 12)])
    assert art.body_spans() == [(12, 15), (25, 30)]
    assert art.body == "ببب\nججججج"


def test_body_of_an_untouched_article_is_its_stripped_text():
    art = Article(text="  وصل الوفد إلى بغداد.  \n")
    assert art.body_spans() == [(0, len(art.text))]
    assert art.body == "وصل الوفد إلى بغداد."
    assert Article(text="").body == ""


def test_from_document_copies_metadata_and_not_the_extra_dict():
    doc = Document(text="قال الوزير", origin="a.json", kind="json", title="عنوان", url="https://x.example/1",
                   source="وكالة", published=dt.date(2022, 4, 8), published_how="json:time",
                   fetched=dt.datetime(2022, 4, 9, 10, 0), extra={"k": 1})
    art = Article.from_document(doc)
    assert (art.text, art.origin, art.kind, art.title, art.url, art.source) == \
        ("قال الوزير", "a.json", "json", "عنوان", "https://x.example/1", "وكالة")
    assert art.published == dt.date(2022, 4, 8) and art.published_how == "json:time"
    assert art.fetched == dt.datetime(2022, 4, 9, 10, 0)
    art.extra["k"] = 2
    assert doc.extra == {"k": 1}


def test_normalized_is_derived_once_and_maps_back():
    art = Article(text="قال أَحْمَد")
    n = art.normalized
    assert n is art.normalized
    i = n.text.index("احمد")
    a, b = n.span_to_original(i, i + 4)
    assert art.text[a:b] == "أَحْمَد"


def test_entity_lookup_by_id_and_by_mention():
    m1, m2 = Mention(0, 4, "PER"), Mention(10, 14, "PER")
    art = Article(text="x" * 20, entities=[Entity("e1", "PER", "أحمد", mentions=[m1]),
                                           Entity("e2", "LOC", "بغداد", mentions=[m2])])
    assert art.entity("e2").name == "بغداد"
    assert art.entity("e9") is None and art.entity(None) is None
    assert art.entity_id_of(Mention(10, 14, "PER")) == "e2"     # matched by offsets
    assert art.entity_id_of(Mention(10, 13, "PER")) is None
    assert art.entity_id_of(None) is None


def test_input_error_carries_source_and_one_line_reason():
    err = InputError("a.txt", "file is empty")
    assert (err.source, err.reason) == ("a.txt", "file is empty")
    assert str(err) == "a.txt: file is empty"
