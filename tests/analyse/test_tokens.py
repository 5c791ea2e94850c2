"""Words, tokens with proclitics split, and sentences: every one a span of the original text."""
from __future__ import annotations

import time

import pytest

from rasad.analyse.tokens import clitic_split, sentences, stem_start, tokenize, words
from rasad.model import Span


def pieces(text: str) -> list[tuple[str, str]]:
    return [(s.label, text[s.start:s.end]) for s in tokenize(text)]


def _check_spans(text: str, spans: list[Span]) -> None:
    previous_end = 0
    for s in spans:
        assert 0 <= s.start < s.end <= len(text), s
        assert s.start >= previous_end, "spans overlap or go backwards"
        previous_end = s.end


# --- clitics -------------------------------------------------------------------------------

@pytest.mark.parametrize("word, expected", [
    ("والرئيس", ["و", "ال", "رئيس"]),
    ("للرئيس", ["ل", "ل", "رئيس"]),          # لل = ل + the article with its alef elided
    ("للإدارة", ["ل", "ل", "إدارة"]),
    ("فالحكومة", ["ف", "ال", "حكومة"]),
    ("بالعاصمة", ["ب", "ال", "عاصمة"]),
    ("وبالرئيس", ["و", "ب", "ال", "رئيس"]),
    ("والعراق", ["و", "ال", "عراق"]),
    ("وبغداد", ["و", "بغداد"]),
    ("ببغداد", ["ب", "بغداد"]),
    ("لمصر", ["ل", "مصر"]),
    ("ووزير", ["و", "وزير"]),
    ("وفي", ["و", "في"]),
])
def test_proclitics_are_split(word, expected):
    assert [text for _, text in pieces(word)] == expected
    labels = [label for label, _ in pieces(word)]
    assert labels == ["CLITIC"] * (len(expected) - 1) + ["WORD"]


@pytest.mark.parametrize("word", ["وزير", "فرنسا", "بغداد", "كان", "بين", "لبنان", "فلسطين", "بريطانيا",
                                  "كندا", "ليبيا", "بيروت", "الله", "الذي", "ولا", "لكن", "فقط", "سيلتقي"])
def test_words_that_only_look_like_clitics_stay_whole(word):
    assert clitic_split(word) == ()
    assert pieces(word) == [("WORD", word)]


@pytest.mark.parametrize("word, expected", [
    ("وكان", ["و", "كان"]), ("فكان", ["ف", "كان"]), ("وكما", ["و", "كما"]),
    ("وكذلك", ["و", "كذلك"]), ("ولما", ["و", "لما"]),
])
def test_function_words_after_a_conjunction_stay_whole(word, expected):
    assert [text for _, text in pieces(word)] == expected


@pytest.mark.parametrize("name", ["فادي", "فيصل", "كمال", "ليلى", "بسام", "فراس"])
def test_given_names_are_not_split(name):
    assert clitic_split(name) == ()


@pytest.mark.parametrize("place", ["بعبدا", "بنغازي", "بغداد"])
def test_listed_places_are_not_split(place):
    assert clitic_split(place) == ()
    assert clitic_split("و" + place) == (1,)


def test_clitic_split_skips_over_harakat():
    word = "وَالرَّئِيسُ"
    lengths = clitic_split(word)
    assert sum(lengths) == 4                     # وَ + ال
    assert word[:lengths[0]] == "وَ"
    assert word[sum(lengths):] == "رَّئِيسُ"


def test_stem_start_skips_the_particles():
    text = "قال والرئيس"
    word = Span(4, len(text))
    assert text[stem_start(text, word):] == "رئيس"
    assert stem_start("بغداد", Span(0, 5)) == 0


def test_vocalised_words_stay_one_word():
    text = "قال الرَّئِيسُ مُحَمَّد"
    assert [text[s.start:s.end] for s in words(text)] == ["قال", "الرَّئِيسُ", "مُحَمَّد"]
    assert [t for _, t in pieces("وَالرَّئِيسُ")] == ["وَ", "ال", "رَّئِيسُ"]


# --- words and tokens ------------------------------------------------------------------------

def test_word_labels():
    text = "قال #سوريا_الآن @user ABC 2022 ٢٠٢٢ عـــربي"
    got = [(s.label, text[s.start:s.end]) for s in words(text)]
    assert got == [("WORD", "قال"), ("TAG", "#سوريا_الآن"), ("TAG", "@user"), ("LATIN", "ABC"),
                   ("NUM", "2022"), ("NUM", "٢٠٢٢"), ("WORD", "عـــربي")]


def test_tokens_cover_every_non_space_character_once():
    text = "وقال الوزير: «نعم»، ثم غادر بغداد إلى الكويت عام 2022."
    toks = tokenize(text)
    _check_spans(text, toks)
    covered = "".join(text[s.start:s.end] for s in toks)
    assert covered == "".join(text.split())
    assert ("PUNCT", "«") in pieces(text) and ("NUM", "2022") in pieces(text)
    assert [t for _, t in pieces("الكويت")] == ["ال", "كويت"]


def test_empty_and_blank_text():
    for text in ("", "   \n\n\t "):
        assert words(text) == [] and tokenize(text) == [] and sentences(text) == []


# --- sentences -----------------------------------------------------------------------------

def test_sentences_split_at_marks_and_line_breaks():
    text = "وصل الوفد إلى بغداد. هل التقى الوزير؟ نعم!\n\nفقرة ثانية\nسطر ثالث"
    got = [text[s.start:s.end] for s in sentences(text)]
    assert got == ["وصل الوفد إلى بغداد.", "هل التقى الوزير؟", "نعم!", "فقرة ثانية", "سطر ثالث"]


def test_sentence_keeps_a_closing_quote_mark():
    text = "قال الوزير «الوضع صعب.» ثم غادر."
    got = [text[s.start:s.end] for s in sentences(text)]
    assert got[0] == "قال الوزير «الوضع صعب.»"


def test_sentences_are_trimmed_spans_of_the_text():
    text = "  أولى.   ثانية؟ \n  ثالثة  "
    spans = sentences(text)
    _check_spans(text, spans)
    for s in spans:
        assert text[s.start:s.end] == text[s.start:s.end].strip()
    assert [text[s.start:s.end] for s in spans] == ["أولى.", "ثانية؟", "ثالثة"]


def test_a_20000_word_run_on_sentence_is_cut_into_bounded_pieces():
    text = " ".join(["كلمة"] * 20_000)
    t0 = time.perf_counter()
    spans = sentences(text)
    assert time.perf_counter() - t0 < 2.0
    _check_spans(text, spans)
    assert len(spans) > 100
    assert max(s.end - s.start for s in spans) <= 600
    # the pieces are cut at spaces and together cover every word
    assert sum(len(text[s.start:s.end].split()) for s in spans) == 20_000


def test_a_run_on_sentence_is_cut_at_a_comma_when_there_is_one():
    text = "،".join(["كلمة"] * 3000)
    spans = sentences(text, limit=100)
    assert all(s.end - s.start <= 100 for s in spans)
    assert all(text[s.end - 1] == "،" for s in spans[:-1])


def test_a_run_on_without_spaces_is_cut_hard_at_the_limit():
    text = "ا" * 5000
    spans = sentences(text)
    assert [(s.start, s.end) for s in spans][:2] == [(0, 600), (600, 1200)]
    assert spans[-1].end == 5000


def test_a_period_after_a_lone_letter_is_an_abbreviation_not_a_sentence_end():
    text = "استقبل الأمير أمس رئيس الهيئة د. عبدالرحمن الحصين. وقال أ.د. محمد إن الوضع جيد. ثم غادر."
    assert [text[s.start:s.end] for s in sentences(text)] == [
        "استقبل الأمير أمس رئيس الهيئة د. عبدالرحمن الحصين.", "وقال أ.د. محمد إن الوضع جيد.", "ثم غادر."]
