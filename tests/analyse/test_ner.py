"""Named-entity recogniser: offsets on raw text, clitics, titles, demonyms, robustness.

Uses the committed model in rasad/resources/ner (no training here)."""
from __future__ import annotations

import resource
import subprocess
import sys
import textwrap

import pytest

from rasad.analyse import ner
from rasad.analyse.ner import demonym_country, tag, tag_tokens
from rasad.errors import InputError


def _valid(text, mentions):
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text), (m, len(text))
        assert m.label in {"PER", "ORG", "LOC", "MISC"}
        t = m.attrs.get("title")
        if t is not None:
            assert 0 <= t.start < t.end <= m.start
    return mentions


def _found(text, mentions, label=None):
    return {text[m.start:m.end] for m in mentions if label is None or m.label == label}


def test_names_in_plain_sentences():
    text = "استقبل الملك عبدالله الثاني في عمان أمس الرئيس الفرنسي إيمانويل ماكرون."
    ms = _valid(text, tag(text))
    assert "عمان" in _found(text, ms, "LOC")
    pers = _found(text, ms, "PER")
    assert "عبدالله الثاني" in pers
    assert "إيمانويل ماكرون" in pers


def test_organisation_and_place():
    text = "وقال مجلس الأمن الدولي إن الأمم المتحدة سترسل فريقا إلى دمشق الأسبوع المقبل."
    ms = _valid(text, tag(text))
    assert "دمشق" in _found(text, ms, "LOC")
    assert any(text[m.start:m.end].startswith("الأمم المتحدة") for m in ms if m.label == "ORG")


def test_clitic_glued_names_get_the_name_only():
    text = "وصل الوفد إلى بغداد ثم توجه وفد آخر وبغداد تستعد لزيارة لمصر وبالكويت."
    ms = _valid(text, tag(text))
    locs = _found(text, ms, "LOC")
    assert "بغداد" in locs
    assert not any(s.startswith("و") and s.endswith("بغداد") for s in locs)
    assert "مصر" in locs and "لمصر" not in locs
    assert "الكويت" in locs          # the article stays with the name


def test_title_kept_out_of_the_name():
    text = "وقال وزير الخارجية السعودي عادل الجبير إن المحادثات كانت مثمرة."
    ms = _valid(text, tag(text))
    per = [m for m in ms if m.label == "PER"]
    assert per and text[per[0].start:per[0].end] == "عادل الجبير"
    title = per[0].attrs["title"]
    assert text[title.start:title.end] == "وزير الخارجية السعودي"


def test_title_with_glued_conjunction():
    text = "والتقى الشيخ محمد بن راشد آل مكتوم والرئيس بشار الأسد."
    ms = _valid(text, tag(text))
    per = {text[m.start:m.end]: m for m in ms if m.label == "PER"}
    assert any(k.startswith("محمد بن راشد") for k in per)
    m = next(v for k, v in per.items() if k.startswith("محمد"))
    assert text[m.attrs["title"].start:m.attrs["title"].end] == "الشيخ"
    if "بشار الأسد" in per:
        t = per["بشار الأسد"].attrs["title"]
        assert text[t.start:t.end] == "الرئيس"


def test_a_title_set_off_by_a_comma_is_the_title():
    text = "استقبل الملك سلمان في الرياض رئيس الوزراء اللبناني، سعد الحريري."
    ms = _valid(text, tag(text))
    per = {text[m.start:m.end]: m for m in ms if m.label == "PER"}
    assert "سعد الحريري" in per
    t = per["سعد الحريري"].attrs["title"]
    assert text[t.start:t.end] == "رئيس الوزراء اللبناني"


def test_office_of_an_organisation_is_a_title():
    text = "وأكد الرئيس المشترك لمجلس سوريا الديمقراطية رياض درار أن الاجتماع انتهى."
    ms = _valid(text, tag(text))
    per = [m for m in ms if m.label == "PER"]
    assert per and text[per[0].start:per[0].end] == "رياض درار"
    t = per[0].attrs["title"]
    assert text[t.start:t.end] == "الرئيس المشترك لمجلس سوريا الديمقراطية"


@pytest.mark.parametrize("obj", ["نظيره الروسي", "الوفد الروسي", "وفدا أمريكيا", "رئيس الوفد"],
                         ids=["counterpart", "definite", "accusative", "office"])
def test_a_person_stops_before_the_object_of_the_verb(obj):
    text = f"واستقبل الرئيس المشترك لدائرة العلاقات الخارجية عبد الكريم عمر {obj}."
    ms = _valid(text, tag(text))
    head = obj.split()[0]
    assert not any(head in n.split() for n in _found(text, ms, "PER"))


def test_where_a_name_ends_by_the_resources():
    from rasad.analyse.ner import common_noun, name_stops_at
    from rasad.normalize import fold

    def stops(name, word):
        return name_stops_at([fold(w) for w in name.split()], fold(word))

    # objects: a frequent common noun, its accusative, an office, a counterpart
    assert stops("عبد الكريم عمر", "الوفد") and stops("عادل الجبير", "الوفد")
    assert stops("عبد الكريم عمر", "وفدا") and stops("فيصل", "وفدا")
    assert stops("عبد الكريم عمر", "رئيس") and stops("عادل", "نظيره")
    # family names with the article stay, before or after a lone given name
    for family in ("الجبير", "المقداد", "الأسد", "الحريري"):
        assert common_noun(fold(family)) is None, family
        assert not stops("عادل", family) and not stops("محمد علي", family)
    # a definite noun needs a name of two words: a lone given name keeps what follows
    assert not stops("عمر", "الوفد")
    # nothing ends a name right after a link (عبد الرحمن، أبو الوفا)
    assert not stops("محمد عبد", "الرحمن") and not stops("محمد أبو", "الوفد")


def test_short_remainder_is_not_a_proclitic():
    # بان (Ban Ki-moon) is not ب + ان
    assert ner.proclitic_length("بان") == 0
    assert ner.proclitic_length("وبغداد") == 1
    assert ner.proclitic_length("بغداد") == 0
    assert ner.proclitic_length("وبالكويت") == 2
    assert ner.proclitic_length("وَبَغْدَاد") == 2      # the haraka stays with the clitic
    # ك (like) is taken for a proclitic only before the article: كابل is Kabul
    assert ner.proclitic_length("كابل") == 0 and ner.proclitic_length("بكابل") == 1
    assert ner.proclitic_length("كالكويت") == 1
    # nor before ال when the whole word is far more frequent than the rest: كاليفورنيا
    assert ner.proclitic_length("كاليفورنيا") == 0 and ner.proclitic_length("فالنسيا") == 0
    assert ner.proclitic_length("بالكويت") == 1


def test_conjunction_before_a_two_letter_first_name_word():
    # after و, a remainder of two letters is stripped only when it is a listed name word far more
    # frequent than the whole (تل of تل أبيب, بن of بن علي), never for a word such as وجه
    assert ner.proclitic_length("وتل") == 1
    assert ner.proclitic_length("وبن") == 1
    assert ner.proclitic_length("وجه") == 0
    text = "وتحدث عن العلاقات بين الخرطوم وتل أبيب في الفترة الأخيرة."
    spans = {text[m.start:m.end] for m in ner.tag(text)}
    assert "تل أبيب" in spans and "وتل أبيب" not in spans


def test_fast_decoder_matches_crfsuite():
    import pycrfsuite
    from importlib import resources
    from rasad.analyse.ner.decoder import FastTagger
    from rasad.analyse.ner.features import stacked_features
    sents = [["قال", "الرئيس", "المصري", "عبد", "الفتاح", "السيسي", "في", "القاهرة", "."],
             ["وأكد", "السيسي", "أن", "مصر", "ستشارك", "في", "قمة", "الاتحاد", "الأفريقي", "."]]
    _, fz = ner._load()
    pkg = resources.files("rasad.resources.ner")
    feats = [fz.sentence(s) for s in sents]
    with resources.as_file(pkg.joinpath("stage1.crfsuite")) as p1, \
            resources.as_file(pkg.joinpath("stage2.crfsuite")) as p2:
        t1, t2 = pycrfsuite.Tagger(), pycrfsuite.Tagger()
        t1.open(str(p1))
        t2.open(str(p2))
        first = [t1.tag(f) for f in feats]
        stacked_features(feats, [fz.stems(s) for s in sents], first)
        expected = [t2.tag(f) for f in feats]
        fast = FastTagger([str(p1), str(p2)], fz)
    assert ner.tag_sentences_with(fast, fz, sents) == expected
    assert ner.tag_sentences(sents) == expected


def test_entity_list_features():
    from rasad.analyse.ner.features import Featurizer
    _, fz = ner._load()
    ents = {"مجلس": [(("مجلس", "امن"), ["O"])], "نوبل": [(("نوبل",), ["M", "P"])]}
    f = Featurizer(fz.clusters, fz.counts, fz.lexicon, {}, {"entgaz"}, ents)
    toks = ["اجتمع", "مجلس", "الأمن", "بعد", "جائزة", "نوبل"]
    stems = f.stems(toks)
    assert stems[1] == "مجلس"
    if stems[2] != "امن":            # the stem of الأمن, as the entity lists store it
        ents["مجلس"] = [(("مجلس", stems[2]), ["O"])]
    out = f.extras([f.type_features(t) for t in toks])
    assert "xBO" in out[1] and "xIO" in out[2] and "xlen2" in out[1]
    assert "x+1O" in out[0] and "x-1O" in out[3]
    assert {"xBM", "xBP"} <= set(out[5])


@pytest.mark.parametrize("word,iso", [("السوري", "SY"), ("الطاجيكية", "TJ"), ("طاجاكستاني", "TJ"),
                                      ("الأمريكية", "US"), ("المصريين", "EG"), ("البريطاني", "GB"),
                                      ("والعراقيون", "IQ")])
def test_demonym_country(word, iso):
    hit = demonym_country(word)
    assert hit is not None and hit[1] == iso


@pytest.mark.parametrize("word", ["الدولي", "العربي", "مالي", "كتاب", ""])
def test_not_demonyms(word):
    assert demonym_country(word) is None


def test_demonym_mentions_linked():
    # ("المعارضة السورية" is a body, an ORG, as the annotated corpus marks it)
    text = "التقى مسؤولون سوريون بمسؤولين أمريكيين في جنيف."
    ms = _valid(text, tag(text))
    dem = [m for m in ms if "demonym_of" in m.attrs]
    assert {m.attrs["iso2"] for m in dem} >= {"SY", "US"}
    assert all(m.label == "MISC" for m in dem)
    assert "سوريون" in _found(text, dem)


def test_tag_tokens_iob():
    toks = ["قال", "الرئيس", "المصري", "عبد", "الفتاح", "السيسي", "في", "القاهرة", "."]
    labels = tag_tokens(toks)
    assert len(labels) == len(toks)
    assert labels[7] == "B-LOC"
    assert labels[3] == "B-PER" and labels[5] == "I-PER"
    assert tag_tokens([]) == []


@pytest.mark.parametrize("text", [
    "", "   \n\t", "Reuters reported that Barack Obama visited Paris.",
    "قَالَ الرَّئِيسُ السُّورِيُّ بَشَّارُ الأَسَدِ فِي دِمَشْقَ",
    "وصل #محمد_بن_راشد إلى #دبي_الآن 🇦🇪🔥 @user",
    "الـــرئيس  ـــ  ١٢٣ ؟؟ «»", "ـ", "و", "\u200f\u200e", "😀" * 50,
])
def test_robust_on_odd_input(text):
    _valid(text, tag(text))


def test_diacritised_name_offsets():
    text = "زَارَ الرَّئِيسُ بَشَّارُ الأَسَدِ مَدِينَةَ حَلَب"
    ms = _valid(text, tag(text))
    for m in ms:
        assert not text[m.start].isspace() and not text[m.end - 1].isspace()


def test_hashtag_name_inside_text():
    text = "هنأ #محمد_بن_راشد الفائزين في دبي"
    ms = _valid(text, tag(text))
    assert all(text[m.start] != "#" for m in ms)


def test_long_sentence_without_punctuation():
    words = ("قال الرئيس بشار الأسد إن سوريا ستواصل الحوار مع روسيا والصين في موسكو").split()
    text = " ".join(words[i % len(words)] for i in range(20_000))
    ms = _valid(text, tag(text))
    assert len(ms) > 1000


def test_rejects_non_text():
    with pytest.raises(InputError):
        tag(b"bytes")


def test_load_and_tag_memory_is_small():
    # VmHWM, not ru_maxrss: ru_maxrss survives exec, so a child of a big pytest process would
    # report its parent's peak
    code = textwrap.dedent("""
        from rasad.analyse.ner import tag
        tag("قال الرئيس الفرنسي إيمانويل ماكرون في باريس " * 2000)
        hwm = next(line for line in open("/proc/self/status") if line.startswith("VmHWM"))
        print(int(hwm.split()[1]) // 1024)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    peak_mb = int(out.stdout.strip())
    # the bound for a whole `rasad extract` of one article is 300 MB; this input is a
    # pathological 16,000-word single sentence
    assert peak_mb < 300, f"peak RSS {peak_mb} MB"


def test_bassem_after_a_spokesman_is_on_behalf_of():
    text = "وقال فرحان حق المتحدث باسم غوتيريش إن الأمين العام يأسف."
    names = {text[m.start:m.end] for m in ner.tag(text) if m.label == "PER"}
    assert not any(n.startswith("باسم") for n in names)


def test_a_name_ends_before_a_place_glued_to_a_preposition():
    text = "إذ قال في لقاء جمعه بالأمين العام لحلف الناتو ينس ستولتنبرغ ببروكسل إن ألمانيا خاضعة."
    names = {text[m.start:m.end] for m in ner.tag(text) if m.label == "PER"}
    assert not any("بروكسل" in n for n in names) and ner._glued_place("ببروكسل")
    # a name word that merely starts with ب is no preposition (رومانو برودي)
    assert not ner._glued_place("برودي") and not ner._glued_place("بيولين")


def test_a_proclitic_written_apart_is_not_part_of_the_name():
    text = "وقال متحدث باسم الشركة لـ CNN: نحن آسفون، وذكرت لـ BBC أن الأمر انتهى."
    assert all(not text[m.start:m.end].startswith("ل") for m in ner.tag(text))


def test_a_person_does_not_start_with_a_word_glued_to_a_preposition():
    text = "قضت المحكمة بسجن الرئيس السابق للجهاز المركزي للمحاسبات هشام جنينة."
    assert not any(text[m.start:m.end].startswith(("للمحاسبات", "محاسبات")) for m in ner.tag(text))


@pytest.mark.parametrize("text, name", [
    ("هدد الرئيس الأمريكي، دونالد ترامب، بانسحاب الولايات المتحدة.", "دونالد ترامب"),
    ("ويأتي ذلك بموجب اتفاق بين الرئيس ترامب والزعيم الكوري الشمالي كيم جونغ أون خلال قمتهما.",
     "كيم جونغ أون"),
    ("وانتقد نتانياهو بشدة وزير المالية السابق يائير لابيد الذي تم تقديمه كشاهد.", "يائير لابيد"),
])
def test_punctuation_and_title_qualifiers_stay_out_of_the_name(text, name):
    people = [text[m.start:m.end] for m in ner.tag(text) if m.label == "PER"]
    assert name in people


def test_an_office_word_known_inside_names_stays_in_the_name():
    # قائد (leader) is also the middle of الباجي قائد السبسي in the name lists
    text = "استقبل رئيس الجمهورية الباجي قايد السبسي، عشية اليوم، الوفد."
    people = [text[m.start:m.end] for m in ner.tag(text) if m.label == "PER"]
    assert any(p.endswith("قايد السبسي") for p in people)


def test_the_period_of_an_abbreviation_does_not_cut_the_tagging_chunk():
    text = "استقبل الأمير أمس رئيس الهيئة د. عبدالرحمن بن إبراهيم وعددا من مسؤولي الهيئة."
    assert list(ner._chunks(text, ner._tokens(text))) == [(0, len(ner._tokens(text)))]


@pytest.mark.parametrize("text, name, title", [
    ("وقال وزير الخارجية والمغتربين وليد المعلم إن الوضع جيد.", "وليد المعلم", "وزير الخارجية والمغتربين"),
    ("وقال وزير التجارة والصناعة توفيق الربيعة إن الأراضي متوفرة.", "توفيق الربيعة", "وزير التجارة والصناعة"),
])
def test_an_office_of_two_fields_joined_by_wa_is_the_title(text, name, title):
    people = {text[m.start:m.end]: m for m in ner.tag(text) if m.label == "PER"}
    assert name in people
    t = people[name].attrs["title"]
    assert text[t.start:t.end] == title


def test_a_hyphen_inside_a_name_keeps_the_name_whole():
    text = "بين الرئيس الأمريكي دونالد ترامب وزعيم كوريا الشمالية، كيم جون-أون، في فندق."
    assert "كيم جون-أون" in {text[m.start:m.end] for m in ner.tag(text) if m.label == "PER"}


def test_a_name_across_a_hyphen_leaves_no_second_mention_of_its_last_part():
    text = ("وكان الرئيس الأمريكي دونالد ترامب قد اجتمع بزعيم كوريا الشمالية كيم جونغ-أون، في لقاء تاريخي بين "
            "قادة البلدين في سنغافورة.\nوكشفت الوكالة أن كيم جونغ أون وافق على زيارة موسكو لحضور قمة مع نظيره "
            "الروسي فلاديمير بوتين هذا العام.")
    spans = sorted((m.start, m.end) for m in ner.tag(text))
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), "mentions overlap"


def test_in_the_words_of_its_spokesman_is_no_part_of_the_name():
    text = "في المقابل، أعلن الجيش الإسرائيلي على لسان ناطقه أفيخاي أدرعي، عبر حسابه، أنه تم إحباط محاولة."
    assert "أفيخاي أدرعي" in {text[m.start:m.end] for m in ner.tag(text) if m.label == "PER"}


def test_a_common_word_before_bin_is_no_given_name():
    text = "وقرر الرئيس إعفاء بن دغر من منصبه، والتقى محمد بن سلمان الوفد."
    people = {text[m.start:m.end] for m in ner.tag(text) if m.label == "PER"}
    assert not any(p.startswith("إعفاء") for p in people) and "محمد بن سلمان" in people


def test_a_verb_in_the_future_ends_a_name_but_names_that_look_like_it_do_not():
    assert ner._future_verb("سيقطع") and ner._future_verb("ستشارك")
    assert not any(ner._future_verb(w) for w in ("سيد", "سيف", "ستيفن", "سيناء", "سنان"))


def test_bassem_after_a_qualified_spokesman_is_on_behalf_of():
    text = "وقال جيمس غاديت داك، المتحدث السابق باسم مشار، إنه حكم عليه بالإعدام."
    assert not any(text[m.start:m.end].startswith("باسم") for m in ner.tag(text))
