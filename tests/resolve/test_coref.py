"""In-article coreference (rasad.resolve.coref) on mentions placed by hand, so that these tests
pin the grouping rules whatever the name recognisers find."""
from __future__ import annotations

import pytest

from rasad.model import Article, Mention, Span
from rasad.resolve.coref import mention_name, resolve_entities


def article(text: str, names: list[tuple]) -> Article:
    """Mentions at every occurrence of each (surface, label[, attrs]); longer names first, and an
    occurrence inside a longer name is not a mention of its own."""
    mentions: list[Mention] = []
    for surface, label, *attrs in sorted(names, key=lambda n: -len(n[0])):
        pos = text.find(surface)
        assert pos >= 0, surface
        while pos >= 0:
            m = Mention(pos, pos + len(surface), label, dict(attrs[0]) if attrs else {})
            if not any(m.overlaps(o) for o in mentions):
                mentions.append(m)
            pos = text.find(surface, pos + len(surface))
    art = Article(text=text, mentions=sorted(mentions, key=lambda m: m.start))
    art.entities = resolve_entities(art)
    return art


def groups(art: Article) -> list[tuple[str, str, list[str]]]:
    return [(e.type, e.name, [art.text[m.start:m.end] for m in e.mentions]) for e in art.entities]


def test_full_name_then_surname_is_one_entity_with_both_aliases():
    art = article("قال أحمد علي سالم إن الوضع صعب. وأضاف سالم أن الحل قريب.",
                  [("أحمد علي سالم", "PER"), ("سالم", "PER")])
    assert groups(art) == [("PER", "أحمد علي سالم", ["أحمد علي سالم", "سالم"])]
    assert art.entities[0].aliases == ["أحمد علي سالم", "سالم"]


def test_first_name_alone_joins_the_full_name():
    art = article("التقى الوزير خالد ناصر نظيره. وقال خالد إن اللقاء مهم.",
                  [("خالد ناصر", "PER"), ("خالد", "PER")])
    assert len(art.entities) == 1 and art.entities[0].name == "خالد ناصر"


def test_spelling_variants_fold_to_one_entity():
    art = article("وقال أَحْمَد سالم إن الوضع صعب. وأضاف احمد سالم أن الحل قريب، وأكد عبد الكريم عمر "
                  "ثم عبدالكريم عمر ذلك.",
                  [("أَحْمَد سالم", "PER"), ("احمد سالم", "PER"), ("عبد الكريم عمر", "PER"),
                   ("عبدالكريم عمر", "PER")])
    assert [len(e.mentions) for e in art.entities] == [2, 2]


def test_a_son_is_not_his_father():
    art = article("استقبل محمد بن زايد الوفد. وكان زايد قد أسس الدولة.",
                  [("محمد بن زايد", "PER"), ("زايد", "PER")])
    assert [g[1] for g in groups(art)] == ["محمد بن زايد", "زايد"]


def test_father_and_son_with_bin_stay_apart():
    art = article("استقبل الشيخ محمد بن زايد الوفد بحضور الشيخ زايد بن سلطان.",
                  [("محمد بن زايد", "PER"), ("زايد بن سلطان", "PER")])
    assert len(art.entities) == 2


def test_a_surname_goes_to_the_most_recent_person_who_bears_it():
    art = article("التقى أحمد سالم ومنى سالم. وقالت منى إن اللقاء مهم. وقال سالم إن الوضع صعب.",
                  [("أحمد سالم", "PER"), ("منى سالم", "PER"), ("منى", "PER"), ("سالم", "PER")])
    by_name = {e.name: [art.text[m.start:m.end] for m in e.mentions] for e in art.entities}
    assert by_name == {"أحمد سالم": ["أحمد سالم"], "منى سالم": ["منى سالم", "منى", "سالم"]}


def test_a_surname_before_its_full_name_joins_it():
    art = article("قال سالم إن الوضع صعب. وأوضح الوزير أحمد علي سالم أن الحل قريب.",
                  [("أحمد علي سالم", "PER"), ("سالم", "PER")])
    assert len(art.entities) == 1


def test_a_surname_prefers_the_person_mentioned_last():
    art = article("التقى أحمد سالم ومنى سالم. ثم عاد أحمد سالم إلى مكتبه. وقال سالم إن الوضع صعب.",
                  [("أحمد سالم", "PER"), ("منى سالم", "PER"), ("سالم", "PER")])
    by_name = {e.name: len(e.mentions) for e in art.entities}
    assert by_name == {"أحمد سالم": 3, "منى سالم": 1}


def test_same_name_different_types_are_different_entities():
    art = article("وقال عمر إن الوضع صعب. وزار الوفد عمر الأسبوع الماضي.", [("عمر", "PER")])
    art.mentions[1].label = "LOC"
    art.entities = resolve_entities(art)
    assert sorted(e.type for e in art.entities) == ["LOC", "PER"]


def test_acronym_in_parentheses_joins_its_full_name():
    art = article("أعلنت قوات سوريا الديمقراطية (قسد) أمس أن مقاتلي قسد تقدموا.",
                  [("قوات سوريا الديمقراطية", "ORG"), ("قسد", "ORG")])
    assert groups(art) == [("ORG", "قوات سوريا الديمقراطية", ["قوات سوريا الديمقراطية", "قسد", "قسد"])]
    assert art.entities[0].aliases == ["قوات سوريا الديمقراطية", "قسد"]


def test_acronym_in_guillemets_joins_too():
    art = article("وقال حزب العمال الكردستاني «بي كا كا» إن بي كا كا سيرد.",
                  [("حزب العمال الكردستاني", "ORG"), ("بي كا كا", "ORG")])
    assert len(art.entities) == 1



def test_a_bracketed_acronym_read_in_part_or_not_at_all_is_the_organisation_whole():
    art = article("وقال بنك كومنولث أستراليا (سي بي إيه) إن مسؤوليه أخطأوا. وأضاف سي بي أن الأمر انتهى.",
                  [("بنك كومنولث أستراليا", "ORG"), ("سي بي", "PER")])
    assert groups(art) == [("ORG", "بنك كومنولث أستراليا", ["بنك كومنولث أستراليا", "سي بي إيه", "سي بي"])]
    art = article("وقالت الوكالة الدولية للطاقة الذرية (IAEA) إن المفتشين وصلوا.",
                  [("الوكالة الدولية للطاقة الذرية", "ORG")])
    assert groups(art) == [("ORG", "الوكالة الدولية للطاقة الذرية", ["الوكالة الدولية للطاقة الذرية", "IAEA"])]
    # words in brackets that are no acronym stay out
    art = article("وقالت الوكالة الدولية للطاقة الذرية (ومقرها فيينا) إن المفتشين وصلوا.",
                  [("الوكالة الدولية للطاقة الذرية", "ORG")])
    assert groups(art) == [("ORG", "الوكالة الدولية للطاقة الذرية", ["الوكالة الدولية للطاقة الذرية"])]

def test_a_listed_place_in_brackets_does_not_join():
    city = {"canonical": "القامشلي", "kind": "city", "iso2": "SY"}
    art = article("وصل وفد من قوات سوريا الديمقراطية (قامشلو) أمس.",
                  [("قوات سوريا الديمقراطية", "ORG"), ("قامشلو", "LOC", city)])
    assert sorted(e.type for e in art.entities) == ["LOC", "ORG"]


def test_a_short_name_in_brackets_after_an_organisation_is_its_alias_whatever_its_label():
    art = article("نقلت وكالة الأنباء الإيرانية (إرنا) عن الوزير قوله. وقالت إرنا إن الوفد وصل.",
                  [("وكالة الأنباء الإيرانية", "ORG"), ("إرنا", "LOC")])
    assert groups(art) == [("ORG", "وكالة الأنباء الإيرانية", ["وكالة الأنباء الإيرانية", "إرنا", "إرنا"])]


def test_places_sharing_a_canonical_name_are_one_place_with_its_codes():
    canon = {"canonical": "دمشق", "iso2": "SY", "geonameid": "170654", "kind": "city"}
    art = article("زار الوزير دمشق. وفي الشام التقى المسؤولين.",
                  [("دمشق", "LOC", canon), ("الشام", "LOC", canon)])
    assert len(art.entities) == 1
    assert art.entities[0].attrs["iso2"] == "SY" and art.entities[0].attrs["geonameid"] == "170654"


def test_titles_are_collected_and_ids_follow_text_order():
    text = "قال الوزير خالد ناصر إن الوضع صعب، وأكد السفير كريم عمر ذلك. وأضاف الدكتور خالد ناصر أن الحل قريب."
    art = article(text, [("خالد ناصر", "PER"), ("كريم عمر", "PER")])
    for m in art.mentions:
        before = text[:m.start].split()[-1]
        at = text.rindex(before, 0, m.start)
        m.attrs["title"] = Span(at, at + len(before), "TITLE")
    art.entities = resolve_entities(art)
    assert [e.id for e in art.entities] == ["e1", "e2"]
    assert art.entities[0].name == "خالد ناصر" and art.entities[0].titles == ["الوزير", "الدكتور"]
    assert art.entities[1].titles == ["السفير"]
    for e in art.entities:
        assert e.mentions == sorted(e.mentions, key=lambda m: m.start)
        for m in e.mentions:
            assert art.entity_id_of(m) == e.id


def test_mention_name_restores_the_article_after_lil():
    text = "قدم الوفد الشكر للإدارة الذاتية."
    start = text.index("إدارة")
    m = Mention(start, start + len("إدارة الذاتية"), "ORG")
    assert mention_name(text, m) == "الإدارة الذاتية"
    art = Article(text=text, mentions=[m])
    assert [e.name for e in resolve_entities(art)] == ["الإدارة الذاتية"]


def test_mention_name_collapses_white_space():
    text = "وصل عبد  الكريم\nعمر"
    assert mention_name(text, Mention(4, len(text), "PER")) == "عبد الكريم عمر"


def test_no_mentions_no_entities():
    assert resolve_entities(Article(text="نص بلا أسماء.")) == []


def test_an_office_named_again_without_the_honorific_is_its_holder_even_with_a_place_inside():
    text = "استقبل ترمب أمير قطر الشيخ تميم بن حمد. وقال أمير قطر إن اللقاء مثمر."
    art = Article(text=text)
    title_start = text.find("أمير قطر الشيخ")
    name_start = text.find("تميم بن حمد")
    tamim = Mention(name_start, name_start + len("تميم بن حمد"), "PER",
                    {"title": Span(title_start, title_start + len("أمير قطر الشيخ"), "TITLE")})
    places = [Mention(i, i + 3, "LOC") for i in (text.find("قطر"), text.rfind("قطر"))]
    trump = Mention(text.find("ترمب"), text.find("ترمب") + 4, "PER")
    art.mentions = sorted([trump, tamim, *places], key=lambda m: m.start)
    art.entities = resolve_entities(art)
    [holder] = [e for e in art.entities if e.name == "تميم بن حمد"]
    assert [text[m.start:m.end] for m in holder.mentions] == ["تميم بن حمد", "أمير قطر"]
    assert holder.mentions[1].start == text.rfind("أمير قطر")


def test_an_office_named_again_with_its_nationality_is_its_holder_but_not_inside_anothers_office():
    text = ("وصل وزير الخارجية الأمريكي جون كيري إلى الدوحة. وقال وزير الخارجية الأمريكي إن اللقاء مثمر. "
            "والتقى الوزير مساعدة وزير الخارجية الأمريكي آن باترسون.")
    art = Article(text=text)
    title_start = text.find("وزير الخارجية الأمريكي جون")
    kerry_at = text.find("جون كيري")
    kerry = Mention(kerry_at, kerry_at + len("جون كيري"), "PER",
                    {"title": Span(title_start, title_start + len("وزير الخارجية الأمريكي"), "TITLE")})
    patterson_at = text.find("آن باترسون")
    patterson = Mention(patterson_at, patterson_at + len("آن باترسون"), "PER")
    demonyms = [Mention(i, i + len("الأمريكي"), "MISC", {"how": "demonym", "demonym_of": "الولايات المتحدة"})
                for i in (text.find("الأمريكي"), text.find("الأمريكي", kerry_at), text.rfind("الأمريكي"))]
    art.mentions = sorted([kerry, patterson, *demonyms], key=lambda m: m.start)
    art.entities = resolve_entities(art)
    [holder] = [e for e in art.entities if e.name == "جون كيري"]
    assert [text[m.start:m.end] for m in holder.mentions] == ["جون كيري", "وزير الخارجية الأمريكي"]
    assert holder.mentions[1].start == text.find("وزير الخارجية الأمريكي إن")


def test_an_organisation_named_again_right_after_its_full_name_is_one_entity():
    art = article("نفت حركة المقاومة الإسلامية حماس ما أوردته الوكالة، وقال إن حماس لم تشارك.",
                  [("حركة المقاومة الإسلامية", "ORG"), ("حماس", "ORG")])
    assert groups(art) == [("ORG", "حركة المقاومة الإسلامية", ["حركة المقاومة الإسلامية", "حماس", "حماس"])]


def test_two_people_side_by_side_are_not_joined_as_an_apposition():
    art = article("والتقى أحمد سالم كريم ناصر أمس.", [("أحمد سالم", "PER"), ("كريم ناصر", "PER")])
    assert len(art.entities) == 2


def test_headline_names_join_the_body_entity_in_another_case_or_stand_alone_only_when_sure():
    from rasad.resolve.coref import headline_entities
    art = article("وفر الحوثيين من المدينة.", [("الحوثيين", "ORG")])
    art.title = "هزيمة الحوثيون ولقاء ميسي في دمشق"
    art.title_mentions = [Mention(art.title.index("الحوثيون"), art.title.index("الحوثيون") + 8, "ORG"),
                          Mention(art.title.index("ميسي"), art.title.index("ميسي") + 4, "PER"),
                          Mention(art.title.index("دمشق"), art.title.index("دمشق") + 4, "LOC",
                                  {"canonical": "دمشق", "kind": "city"})]
    headline_entities(art)
    by_name = {e.name: e for e in art.entities}
    assert by_name["الحوثيين"].attrs["title_mentions"]          # the same group, another case
    assert "ميسي" not in by_name                                  # one unlisted word: not alone
    assert by_name["دمشق"].mentions == [] and by_name["دمشق"].attrs["title_mentions"]


def test_an_ordinal_is_no_surname_to_refer_back_with():
    art = article("وقال الملك محمد الخامس إن البلاد بخير. واستند القرار إلى الفصل الخامس من الدستور.",
                  [("محمد الخامس", "PER")])
    [ent] = art.entities
    assert len(ent.mentions) == 1


def test_a_place_that_is_the_surname_of_a_person_in_the_article_is_that_person():
    art = article("قال ديفيد كاميرون إن الخطة جاهزة، مما دعا كاميرون لتوجيه خطاب.",
                  [("ديفيد كاميرون", "PER"), ("كاميرون", "LOC", {"kind": "country", "iso2": "CM"})])
    assert groups(art) == [("PER", "ديفيد كاميرون", ["ديفيد كاميرون", "كاميرون"])]


@pytest.mark.parametrize("short, long", [
    ("مجلس الأمن", "مجلس الأمن الدولي"),
    ("المرصد السوري", "المرصد السوري لحقوق الإنسان"),
    ("القاعدة", "تنظيم القاعدة"),
])
def test_a_short_organisation_name_joins_the_one_that_extends_it(short, long):
    art = article(f"قال {long} إن الوضع خطير. وأضاف {short} أن الهجوم وقع أمس.", [(long, "ORG"), (short, "ORG")])
    assert [(t, n) for t, n, _ in groups(art)] == [("ORG", long)]


def test_a_person_named_with_his_family_name_later_is_one_person_but_not_his_son():
    art = article("استقبل سلمان بن عبدالعزيز آل سعود الوفد. وأكد سلمان بن عبدالعزيز أن العلاقات متينة.",
                  [("سلمان بن عبدالعزيز آل سعود", "PER"), ("سلمان بن عبدالعزيز", "PER")])
    assert [n for _, n, _ in groups(art)] == ["سلمان بن عبدالعزيز آل سعود"]
    art = article("قال دونالد ترامب جونيور إن أباه سيفوز. وقال دونالد ترامب إن الاقتصاد قوي.",
                  [("دونالد ترامب جونيور", "PER"), ("دونالد ترامب", "PER")])
    assert len(groups(art)) == 2


def test_two_extensions_leave_the_short_name_alone():
    art = article("قالت وزارة الخارجية الروسية إن … وردت وزارة الخارجية الأمريكية بأن … وقالت وزارة الخارجية إن",
                  [("وزارة الخارجية الروسية", "ORG"), ("وزارة الخارجية الأمريكية", "ORG"), ("وزارة الخارجية", "ORG")])
    assert len(groups(art)) == 3


def test_another_name_given_with_or_is_an_alias():
    text = 'رفضت وزارة الدفاع الأمريكية أو "البنتاغون"، الادعاءات. وقال البنتاغون إن التحقيق مستمر.'
    art = article(text, [("وزارة الدفاع الأمريكية", "ORG"), ("البنتاغون", "ORG")])
    assert len(groups(art)) == 1


def test_a_family_name_and_a_given_name_read_as_one_name_are_two_people():
    art = article("وقال مايك بومبيو إن كيم جونغ أون جاد. والتقى بومبيو كيم في بيونغيانغ.",
                  [("مايك بومبيو", "PER"), ("كيم جونغ أون", "PER"), ("بومبيو كيم", "PER")])
    assert sorted(g[1] for g in groups(art)) == ["كيم جونغ أون", "مايك بومبيو"]
    # a longer name that holds the two words stays whole
    art = article("وقال محمد علي حسن إن الوضع هادئ. وقال علي حسن الكاتب إن البلاد بخير.",
                  [("محمد علي حسن", "PER"), ("علي حسن الكاتب", "PER")])
    assert len(art.entities) == 2


def test_a_family_name_read_without_its_first_letter_is_still_the_person():
    art = article("والتقت الوفد بالمسؤول ستانلي فيشر في واشنطن. وأكد فيشر أنه التقى الوفد.",
                  [("ستانلي فيشر", "PER"), ("يشر", "PER")])
    assert groups(art) == [("PER", "ستانلي فيشر", ["ستانلي فيشر", "فيشر"])]


def test_a_name_of_invisible_characters_breaks_nothing():
    art = article("قال \u200f \u200d إن الوفد وصل. وقال أحمد سالم إن الوفد وصل.",
                  [("\u200f \u200d", "PER"), ("أحمد سالم", "PER")])
    assert [g[1] for g in groups(art)] == ["أحمد سالم"]


def test_a_region_named_after_its_country_names_the_country_too():
    art = article("وقالت القوات في إقليم كردستان العراق إنها تقاتل. ووقعت اشتباكات في شمال سوريا وفي سوريا.",
                  [("إقليم كردستان العراق", "LOC", {"kind": "region"}), ("شمال سوريا", "LOC", {}),
                   ("سوريا", "LOC", {"kind": "country", "iso2": "SY"})])
    ents = {e.name: e for e in resolve_entities(art)}
    assert "العراق" in ents and ents["العراق"].attrs["iso2"] == "IQ"
    iraq = ents["العراق"].mentions[0]
    assert art.text[iraq.start:iraq.end] == "العراق"
    # the country named elsewhere takes the nested mention; no second entity
    assert [e.name for e in resolve_entities(art) if e.attrs.get("iso2") == "SY"] == ["سوريا"]
    assert len(ents["سوريا"].mentions) == 2
    # a state's formal name is the country itself, and a city's adjective no region of it
    art = article("وأكدت مملكة البحرين دعمها. وزار الوزير مدينة جازان السعودية.",
                  [("مملكة البحرين", "LOC", {}), ("مدينة جازان السعودية", "LOC", {"kind": "site"})])
    assert sorted(e.name for e in resolve_entities(art)) == ["مدينة جازان السعودية", "مملكة البحرين"]


def test_a_place_named_with_and_without_its_head_is_one_place_named_by_itself():
    from rasad import extract_text
    article = extract_text("سيطر الجيش الليبي على مدينة درنة بعد معارك عنيفة. وقال المتحدث إن درنة أصبحت آمنة. "
                           "وقصفت الطائرات ريف حمص ثم حمص.")
    places = {e.name: e for e in article.entities if e.type == "LOC"}
    assert "درنة" in places and len(places["درنة"].mentions) == 2 and "مدينة درنة" not in places
    assert "ريف حمص" in places and "حمص" in places      # the countryside is another place
