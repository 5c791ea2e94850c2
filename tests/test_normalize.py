"""Folding for matching (rasad.normalize): what folds to what, and the map back to the
original offsets, checked on fixed cases and, with hypothesis, on random Arabic strings."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rasad.normalize import NormalizedText, clean_display, fold, fold_char, fold_key

HARAKAT = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670"
TATWEEL = "\u0640"
INVISIBLES = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c\ufeff\u00ad"


# --- letters -------------------------------------------------------------------------------

def test_hamza_and_alef_forms_fold_to_bare_alef():
    assert fold("أإآٱا") == "ااااا"
    assert fold("أحمد") == fold("احمد") == "احمد"
    assert fold("إسرائيل") == "اسراييل"


def test_ya_ta_marbuta_and_hamza_seats():
    assert fold("مستشفى") == "مستشفي"
    assert fold("جامعة") == "جامعه"
    assert fold("مؤتمر") == "موتمر"
    assert fold("رئيس") == "رييس"


def test_persian_and_urdu_letters_fold_to_arabic():
    assert fold("ی") == "ي"
    assert fold("ک") == "ك"
    assert fold("ھ") == "ه"


def test_harakat_and_tatweel_are_dropped():
    assert fold("مُحَمَّدٌ") == "محمد"
    assert fold("عـــربي") == "عربي"
    assert fold("الرَّئِيسُ") == "الرييس"
    for mark in HARAKAT + TATWEEL:
        assert fold_char(mark) == "", hex(ord(mark))


def test_bidi_and_zero_width_marks_are_dropped():
    for mark in INVISIBLES:
        assert fold_char(mark) == "", hex(ord(mark))
    assert fold("\u200fبغداد\u200b\u202c") == "بغداد"


def test_presentation_forms_and_ligatures_through_nfkc():
    assert fold("\ufefb") == "لا"          # ﻻ lam-alef ligature
    assert fold("\ufef7") == "لا"          # ﻷ lam-alef with hamza: the hamza folds too
    assert fold("\ufe8d\ufe91\ufeea") == "ابه"   # isolated/initial/final forms
    assert fold("\ufdf2") == "الله"        # ﷲ


def test_arabic_indic_and_persian_digits_become_ascii():
    assert fold("٠١٢٣٤٥٦٧٨٩") == "0123456789"
    assert fold("۰۱۲۳۴۵۶۷۸۹") == "0123456789"
    assert fold("عام ٢٠٢٢") == "عام 2022"


def test_latin_is_lowercased():
    assert fold("CNN Reuters") == "cnn reuters"


def test_fold_key_drops_punctuation_and_collapses_space():
    assert fold_key("  «أَحْمَدُ»،   عليّ!! ") == "احمد علي"
    assert fold_key("قوات سوريا الديمقراطية (قسد)") == "قوات سوريا الديمقراطيه قسد"
    assert fold_key("...") == ""


def test_clean_display_keeps_harakat_but_drops_invisibles_and_tatweel():
    shown = clean_display("\u200fمُحَـــمَّد\ufefb")
    assert fold(shown) == "محمدلا"
    assert "\u064f" in shown and "\u0651" in shown        # harakat stay for display
    assert "\u200f" not in shown and TATWEEL not in shown and "\ufefb" not in shown


# --- the offset map ------------------------------------------------------------------------

def test_to_original_on_a_fixed_example():
    original = "\u200fأَحْـمَد ﻻ"
    n = NormalizedText(original)
    assert n.text == "احمد لا"
    # every folded char points at the original char it came from
    assert [n.to_original(i) for i in range(len(n.text))] == [1, 3, 6, 8, 9, 10, 10]
    assert n.to_original(len(n.text)) == len(original)


def test_span_to_original_covers_exactly_the_matched_word():
    original = "قال الرَّئِيسُ أَحْمَدُ سالم"
    n = NormalizedText(original)
    start = n.text.index("احمد")
    a, b = n.span_to_original(start, start + len("احمد"))
    assert original[a:b] == "أَحْمَد"       # the trailing damma is outside the last letter
    assert fold(original[a:b]) == "احمد"


def test_span_to_original_of_an_empty_span():
    n = NormalizedText("أحمد")
    assert n.span_to_original(2, 2) == (2, 2)
    assert n.span_to_original(3, 1) == (n.to_original(3),) * 2


def test_to_folded_inverts_to_original():
    original = "مُحَمَّد"
    n = NormalizedText(original)
    assert n.to_folded(0) == 0
    assert n.to_folded(2) == 1           # the first folded char at or after original 2 (ح)
    assert n.to_folded(len(original)) == len(n.text)


def test_empty_text():
    n = NormalizedText("")
    assert n.text == ""
    assert n.to_original(0) == 0
    assert n.span_to_original(0, 0) == (0, 0)


# --- properties on random Arabic strings ---------------------------------------------------

ALPHABET = (
    "ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآٱىةؤئ"      # letters with every folded variant
    + HARAKAT + TATWEEL + INVISIBLES
    + "\ufefb\ufef7\ufe8d\ufe91\ufdf2"              # presentation forms and ligatures
    + "٠١٢٣٤٥٦٧٨٩۰۵یکھ"                             # Arabic-Indic digits, Persian letters
    + " \n،.؟«»“”\"()AbZ09"
)
arabic_text = st.text(alphabet=ALPHABET, max_size=80)


@settings(max_examples=300, deadline=None)
@given(arabic_text)
def test_every_folded_char_maps_to_an_original_char_that_folds_to_it(original):
    n = NormalizedText(original)
    assert n.text == fold(original)
    previous = 0
    for i, ch in enumerate(n.text):
        o = n.to_original(i)
        assert 0 <= o < len(original)
        assert ch in fold_char(original[o])
        assert o >= previous                # the map never goes backwards
        previous = o


@settings(max_examples=300, deadline=None)
@given(arabic_text, st.data())
def test_spans_map_back_inside_the_text_and_cover_the_folded_span(original, data):
    n = NormalizedText(original)
    start = data.draw(st.integers(0, len(n.text)))
    end = data.draw(st.integers(start, len(n.text)))
    a, b = n.span_to_original(start, end)
    assert 0 <= a <= b <= len(original)
    # the original stretch folds to the folded span (widened only where a ligature was cut)
    assert n.text[start:end] in fold(original[a:b])


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ابتجحدرسعفقكلمنهوي أإآىةؤئ" + HARAKAT + TATWEEL, max_size=60), st.data())
def test_spans_round_trip_exactly_without_ligatures(original, data):
    """With one folded char per kept char the map is exact: fold(original[a:b]) == span."""
    n = NormalizedText(original)
    start = data.draw(st.integers(0, len(n.text)))
    end = data.draw(st.integers(start, len(n.text)))
    a, b = n.span_to_original(start, end)
    assert fold(original[a:b]) == n.text[start:end]


@settings(max_examples=200, deadline=None)
@given(arabic_text)
def test_to_folded_is_the_first_folded_offset_at_or_after(original):
    n = NormalizedText(original)
    for i in range(len(original) + 1):
        k = n.to_folded(i)
        assert 0 <= k <= len(n.text)
        assert all(n.to_original(j) < i for j in range(k))
        assert k == len(n.text) or n.to_original(k) >= i


@settings(max_examples=200, deadline=None)
@given(arabic_text)
def test_fold_is_idempotent_and_keys_have_no_marks(original):
    assert fold(fold(original)) == fold(original)
    key = fold_key(original)
    assert key == key.strip() and "  " not in key
    assert not any(c in key for c in HARAKAT + TATWEEL + INVISIBLES + "أإآىةؤئ")


def test_digits_of_every_script_fold_alike_on_both_paths():
    from rasad.normalize import fold, fold_char
    for digit in ("೦", "०", "৩", "٣", "۴", "๕"):
        assert fold(digit) == fold_char(digit) == fold(f"x{digit}")[1:], digit
