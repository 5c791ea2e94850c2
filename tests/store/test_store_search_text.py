"""Query parsing, index text and snippets, without a database."""
import re

from hypothesis import given, strategies as st

from rasad.normalize import NormalizedText, fold
from rasad.store.search import fast_fold, first_match, index_text, parse_query, snippet


def test_index_text_is_folded_and_stemmed():
    assert index_text("قال أَحْمَد إن المفاوضات") == "قال احمد ان مفاوض"
    assert index_text(None) == "" and index_text("") == ""


def test_words_are_anded_and_quotes_make_phrases():
    q = parse_query('المفاوضات "وزير الخارجية" أحمد')
    assert q.clauses == (("مفاوض",), ("زير", "خارج"), ("احمد",))


def test_guillemets_and_unclosed_quotes():
    assert parse_query("«وزير الخارجية»").clauses == (("زير", "خارج"),)
    assert parse_query('مصر "وزير الخارجية').clauses == (("مصر",), ("زير", "خارج"))


def test_syntax_characters_are_not_syntax():
    for text in ['"', '""', "*", "(", ")", "AND (", "NOT", ":", "^", "-", "{}", "'", "\\", "NEAR(", ""]:
        q = parse_query(text)
        assert all(all(t.isalnum() for t in c) for c in q.clauses), text
    assert not parse_query('" * ( ) : ^ -')
    assert parse_query("AND (").clauses == (("and",),)
    assert parse_query("al-Assad").clauses == (("al", "assad"),)


def test_repeated_words_count_once():
    assert parse_query("مصر المصرية مصر").clauses == (("مصر",),)


def test_snippet_is_original_text_around_the_first_match():
    body = ("مقدمة طويلة لا علاقة لها بالموضوع " * 10) + "وقال وزيرُ الخارجيّةِ أَحْمَدُ إنَّ المفاوضاتِ مستمرة. " \
        + ("خاتمة بعيدة " * 30)
    q = parse_query("مفاوضات")
    start, end = first_match(body, q)
    assert body[start:end] == "المفاوضاتِ"
    s = snippet(body, q)
    assert "المفاوضاتِ" in s and "أَحْمَدُ" in s          # harakat kept: the original, not folded
    assert s.startswith("…") and s.endswith("…")
    assert len(s) <= 210


def test_snippet_without_body_match_is_the_opening():
    body = "السطر الأول من النص.\nالسطر الثاني " + "كلام " * 100
    s = snippet(body, parse_query("عنوان"))
    assert s.startswith("السطر الأول من النص. السطر الثاني") and s.endswith("…")
    assert snippet("", parse_query("x")) == "" and snippet(None, parse_query("x")) == ""


def test_phrase_match_needs_adjacent_words():
    body = "وزير الدفاع والخارجية ثم وزير الخارجية"
    start, _ = first_match(body, parse_query('"وزير الخارجية"'))
    assert start == body.rindex("وزير")


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_fast_fold_equals_fold(text):
    assert fast_fold(text) == fold(text)


def test_fast_fold_on_arabic():
    text = "أَحْمَدُ ـــ إلى الوِلايات المُتَّحِدَة ﻻ ٢٠١٨ Trump ی ک"
    assert fast_fold(text) == fold(text)


@given(st.lists(st.sampled_from(["أَحْمَدُ", "احمد", "المفاوضاتِ", "ـــ", " ", "\u200f", "ﻻ", "وزيرُ",
                                 "الخارجيّة", "،", "\n", "x"]), max_size=12))
def test_match_maps_back_like_normalized_text(pieces):
    body = "".join(pieces)
    found = first_match(body, parse_query("احمد"))
    norm = NormalizedText(body)
    starts = [m.start() for m in re.finditer(r"[^\W_]+", norm.text) if m.group() == "احمد"]
    if not starts:
        assert found is None
    else:
        assert found[0] == norm.to_original(starts[0])
        assert fold(body[found[0]:found[1]]) == "احمد"


def test_facet_tags_name_event_types_and_the_month():
    from rasad.store.search import facet_tags
    assert facet_tags("2015-07-21", ["CONSULT", "ASSAULT", "CONSULT", None]) == [
        "evassault", "evconsult", "ym201507"]
    assert facet_tags(None, []) == [] and facet_tags("2015", ["a b"]) == []


def test_month_tags_only_for_whole_months():
    from rasad.store.search import month_tags
    assert month_tags("2015-07-01", "2015-08-31") == ["ym201507", "ym201508"]
    assert month_tags("2015-11-01", "2016-02-29") == ["ym201511", "ym201512", "ym201601", "ym201602"]
    assert month_tags("2015-06-01", "2015-06-31") == ["ym201506"]      # date_bound's month end
    assert month_tags("2015-07-02", "2015-08-31") is None                # not from a month start
    assert month_tags("2015-07-01", "2015-08-15") is None                # not to a month end
    assert month_tags("2015-07-01", None) is None
    assert month_tags("2000-01-01", "2015-12-31") is None                # too many months


def test_tags_column_has_a_fixed_length():
    from rasad.store.search import TAG_SLOTS, tags_text
    few, many = tags_text(None, []), tags_text("2018-05-17", ["CONSULT", "ASSAULT", "AID"])
    assert len(few.split()) == len(many.split()) == TAG_SLOTS
    assert many.split()[:4] == ["evaid", "evassault", "evconsult", "ym201805"]
