"""Boilerplate found in scraped news (rasad.clean.boilerplate): related-headline blocks, repeated
blocks, navigation and share lines, agency credits, and leads of other stories appended after
the article. Nothing is deleted: each finding is a removed span with its reason."""
from __future__ import annotations

import pytest

from rasad.clean.boilerplate import find_boilerplate, lines_of
from rasad.model import Article

LEAD = ("استقبل وزير الزراعة العراقي محمد الحسني في بغداد وفدا من منظمة الأغذية والزراعة لبحث خطط "
        "مواجهة الجفاف في محافظات الجنوب وتأمين مياه الري للمزارعين.")
CONTINUATION = [
    "وأضاف الوزير أن الحكومة خصصت مبالغ إضافية لحفر الآبار وتوزيع منظومات الري بالتنقيط على الفلاحين "
    "في البصرة وميسان وذي قار خلال الموسم المقبل.",
    "وأشار الحسني إلى أن الوزارة ستطلق حملة لتأهيل قنوات الري القديمة بالتعاون مع الوفد الدولي وبتمويل "
    "من الموازنة العامة للدولة.",
    "وأكد الوفد استعداد المنظمة لتقديم الدعم الفني وتدريب المهندسين الزراعيين على تقنيات ترشيد استهلاك "
    "المياه في الحقول.",
]
OTHER_LEADS = [
    "أعلن نادي الزمالك المصري، الإثنين، تعاقده مع مدرب برتغالي جديد لقيادة الفريق الأول لكرة القدم حتى "
    "نهاية الموسم الرياضي.",
    "أعلنت شركة طيران الخليج، الثلاثاء، تسيير رحلات يومية جديدة بين المنامة ومدينة ميلانو الإيطالية "
    "اعتبارا من الشهر المقبل.",
    "أعلن مهرجان قرطاج السينمائي، الأربعاء، قائمة الأفلام المشاركة في المسابقة الرسمية لدورته المقبلة في "
    "العاصمة التونسية.",
]
ARTICLE = "\n".join([LEAD, *CONTINUATION]) + "\n"


def removed(text: str, title: str | None = None) -> list[tuple[str, str]]:
    art = Article(text=text, title=title)
    spans = find_boilerplate(art)
    for s in spans:
        assert 0 <= s.start <= s.end <= len(text)
    art.removed = spans
    return [(s.label, text[s.start:s.end]) for s in spans]


def body(text: str) -> str:
    art = Article(text=text)
    art.removed = find_boilerplate(art)
    return art.body


def test_lines_of_gives_offsets_without_newlines():
    text = "أولى\n\nثالثة\n"
    got = [(ln.start, ln.end, ln.text) for ln in lines_of(text)]
    assert got == [(0, 4, "أولى"), (5, 5, ""), (6, 11, "ثالثة"), (12, 12, "")]
    for ln in lines_of(text):
        assert text[ln.start:ln.end] == ln.text


def test_an_ordinary_article_ending_with_a_continuation_loses_nothing():
    assert removed(ARTICLE) == []
    assert body(ARTICLE) == ARTICLE.strip()


def test_an_article_ending_with_a_connective_paragraph_loses_nothing():
    text = ARTICLE + ("يذكر أن العراق يعاني منذ سنوات من موجات جفاف متتالية أثرت على الإنتاج الزراعي وأدت "
                      "إلى نزوح آلاف العائلات من الأرياف.\n")
    assert removed(text) == []


def test_appended_leads_of_other_stories_are_removed():
    text = ARTICLE + "\n".join(OTHER_LEADS) + "\n"
    got = removed(text)
    assert got == [("appended-lead", lead) for lead in OTHER_LEADS]
    b = body(text)
    assert b.startswith("استقبل وزير الزراعة") and b.endswith("في الحقول.")


def test_a_dated_lead_about_the_same_story_is_kept():
    """A closing paragraph shaped like a lead but on the article's own subject stays."""
    text = ARTICLE + ("أعلن وزير الزراعة العراقي محمد الحسني، الإثنين، إطلاق حملة لحفر الآبار في البصرة "
                      "بالتعاون مع منظمة الأغذية والزراعة.\n")
    assert removed(text) == []


def test_related_headline_and_date_pairs():
    text = ("وزير الخارجية يبحث مع نظيره القطري تطورات المنطقة\n2022-04-05\n"
            "افتتاح معرض الكتاب الدولي في العاصمة بمشاركة واسعة\n10 نيسان 2022\n\n" + ARTICLE)
    got = removed(text)
    assert [label for label, _ in got] == ["related-headlines"] * 4
    assert [t for _, t in got][1::2] == ["2022-04-05", "10 نيسان 2022"]
    assert body(text).startswith("استقبل وزير الزراعة")


@pytest.mark.parametrize("date_line", ["2022-04-05", "05/04/2022", "الثلاثاء، 5 أبريل 2022",
                                       "الثلاثاء 5 أبريل 2022 - 10:30", "٢٠٢٢-٠٤-٠٥", "5 أبريل/نيسان 2022"],
                         ids=["iso", "dmy", "weekday-month", "with-time", "arabic-digits", "two-month-names"])
def test_date_line_shapes(date_line):
    text = f"افتتاح معرض الكتاب الدولي في العاصمة بمشاركة واسعة\n{date_line}\n" + ARTICLE
    assert [label for label, _ in removed(text)] == ["related-headlines"] * 2


def test_a_sentence_followed_by_a_date_is_not_a_headline():
    text = ARTICLE + "وانتهى الاجتماع في ساعة متأخرة من الليل.\n2022-04-05\n"
    assert not any("وانتهى" in t for _, t in removed(text))
    assert "وانتهى الاجتماع" in body(text)


def test_a_repeated_block_keeps_its_first_copy():
    text = ARTICLE + LEAD + "\n"
    got = removed(text)
    assert got == [("repeated-block", LEAD)]
    art = Article(text=text)
    art.removed = find_boilerplate(art)
    assert art.removed[0].start == len(ARTICLE)      # the later copy goes
    assert body(text).count("استقبل وزير الزراعة") == 1


def test_short_repeated_lines_are_not_blocks():
    text = "نعم\n" + ARTICLE + "نعم\n"
    assert removed(text) == []


@pytest.mark.parametrize("line", ["الرئيسية > أخبار > سياسة", "شارك", "تابعونا على فيسبوك", "اقرأ أيضا",
                                  "فيسبوك | تويتر | واتساب", "جميع الحقوق محفوظة © 2022", "أخبار ذات صلة",
                                  "الوسوم: العراق، الزراعة", "طباعة", "سمات بنغازي داعش قتل ليبيا",
                                  "للمزيد: سوريا تتوعد الدول الغربية بالرد",
                                  "قد يهمك.. أمريكا: 12 مليون دولار لمعلومات عن قادة الحزب",
                                  "أيضاً.. منظمة حظر الكيماوي: محققونا في طريقهم إلى سوريا"],
                         ids=["breadcrumb", "share", "follow-us", "read-also", "social-links", "copyright",
                              "related", "tags", "print", "tag-list", "more-link", "may-interest-you", "also"])
def test_navigation_and_share_lines(line):
    text = line + "\n" + ARTICLE + line + "\n"
    got = removed(text)
    assert ("navigation", line) in got
    assert LEAD in body(text)


def test_a_notice_that_cnn_cannot_verify_social_media_is_the_sites():
    line = "علماً بأن CNN لا يمكنها التحقق بشكل مستقل من صحة المعلومات الواردة بمواقع التواصل الاجتماعي."
    assert ("site-notice", line) in removed(ARTICLE + line + "\n")


def test_agency_credit_line_alone():
    text = "(CNN)--\n" + ARTICLE
    assert removed(text) == [("credit", "(CNN)--")]
    assert removed("رويترز\n" + ARTICLE) == [("credit", "رويترز")]


def test_a_news_line_starting_with_sharaka_is_not_navigation():
    text = ("شارك الرئيس العراقي في القمة العربية التي عقدت في الجزائر وألقى كلمة تناول فيها الأوضاع "
            "الإقليمية.\nوأكد الرئيس في كلمته ضرورة توحيد المواقف العربية تجاه القضايا المصيرية.\n")
    assert removed(text) == []


def test_a_sentence_starting_with_simat_is_not_a_tag_list():
    text = ("سمات الشخصية القيادية كثيرة، وأهمها الصبر والحكمة.\n" + ARTICLE)
    assert removed(text) == []


def test_empty_and_blank_text():
    assert removed("") == []
    assert removed("\n\n  \n") == []


def test_seed_article_related_headlines(seed_text):
    got = removed(seed_text)
    assert [label for label, _ in got] == ["related-headlines"] * 8
    b = body(seed_text)
    assert b.startswith("وصل اليوم الجمعة 8 نيسان")
    assert b.endswith("ويجب التعامل معه بحذر”.")


@pytest.fixture
def seed_text():
    from importlib import resources
    return resources.files("rasad.resources").joinpath("examples/seed.txt").read_text(encoding="utf-8")
