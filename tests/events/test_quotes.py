"""Direct quotes and reported speech (rasad.events.quotes) on short texts with hand-placed names,
so the speaker rules are tested apart from the name recognisers."""
from __future__ import annotations

import pytest

from rasad.analyse.tokens import sentences
from rasad.events.quotes import find_quotes
from rasad.model import Article, Mention, Span
from rasad.resolve.coref import resolve_entities

AHMAD = ("أحمد سالم", "PER")
MUNA = ("منى خالد", "PER")
KARIM = ("كريم ناصر", "PER")


def article(text: str, names: list[tuple], removed: list[Span] | None = None) -> Article:
    mentions: list[Mention] = []
    for surface, label, *attrs in sorted(names, key=lambda n: -len(n[0])):
        pos = text.find(surface)
        assert pos >= 0, surface
        while pos >= 0:
            m = Mention(pos, pos + len(surface), label, dict(attrs[0]) if attrs else {})
            if not any(m.overlaps(o) for o in mentions):
                mentions.append(m)
            pos = text.find(surface, pos + len(surface))
    art = Article(text=text, mentions=sorted(mentions, key=lambda m: m.start), removed=removed or [])
    art.sentences = sentences(text)
    art.entities = resolve_entities(art)
    return art


def quotes(text: str, names: list[tuple], **kw) -> list[tuple[str | None, str, bool]]:
    art = article(text, names, **kw)
    out = []
    for q in find_quotes(art):
        assert 0 <= q.span.start < q.span.end <= len(text)
        if q.cue is not None:
            assert 0 <= q.cue.start < q.cue.end <= len(text)
        ent = art.entity(q.speaker)
        out.append((ent.name if ent else None, text[q.span.start:q.span.end], q.direct))
    return out


# --- quote marks ---------------------------------------------------------------------------

@pytest.mark.parametrize("opening, closing", [("“", "”"), ("«", "»"), ('"', '"'), ("”", "“"), ("„", "”"),
                                              ("‘", "’")],
                         ids=["curly", "guillemets", "ascii", "reversed-curly", "low-high", "single-curly"])
def test_every_kind_of_quote_mark(opening, closing):
    text = f"قال الوزير أحمد سالم: {opening}الوضع في المنطقة خطير جدا{closing}."
    assert quotes(text, [AHMAD]) == [("أحمد سالم", "الوضع في المنطقة خطير جدا", True)]


def test_the_span_excludes_the_marks_and_the_padding():
    text = "وقال أحمد سالم ” الوضع في المنطقة خطير جدا ويجب التحرك ”."
    art = article(text, [AHMAD])
    [q] = find_quotes(art)
    assert text[q.span.start:q.span.end] == "الوضع في المنطقة خطير جدا ويجب التحرك"
    assert text[q.cue.start:q.cue.end] == "وقال"


def test_a_quote_without_its_closing_mark_ends_with_its_paragraph():
    text = ("وقال أحمد سالم ” الوضع في المنطقة خطير جدا ويجب التحرك.\n"
            "وزار الوزير كريم ناصر المدينة أمس وتفقد الأسواق فيها.")
    got = quotes(text, [AHMAD, KARIM])
    assert [(s, t) for s, t, d in got if d] == [("أحمد سالم", "الوضع في المنطقة خطير جدا ويجب التحرك.")]
    assert all("وزار" not in t for _, t, _ in got)


def test_an_unclosed_quote_does_not_swallow_the_next_quote():
    text = ("ونوه أحمد سالم ” أن الإدارة دعت إلى إنشاء محكمة دولية لمقاتلي التنظيم.\n"
            "والسفير كريم ناصر من جانبه قال” من المهم أن يتحمل المجتمع الدولي مسؤولياته”.")
    got = quotes(text, [AHMAD, KARIM])
    assert ("كريم ناصر", "من المهم أن يتحمل المجتمع الدولي مسؤولياته", True) in got
    assert any(s == "أحمد سالم" and t.startswith("أن الإدارة") and t.endswith("التنظيم.") for s, t, _ in got)


def test_guillemets_nest():
    text = "قال أحمد سالم: «الوضع «صعب» في المنطقة ويجب التحرك»."
    assert quotes(text, [AHMAD]) == [("أحمد سالم", "الوضع «صعب» في المنطقة ويجب التحرك", True)]


def test_curly_quotes_inside_guillemets_stay_inside():
    text = "قال أحمد سالم: «إن ما يسمى “الحل السياسي” لم يعد ممكنا في المنطقة»."
    assert quotes(text, [AHMAD]) == [("أحمد سالم", "إن ما يسمى “الحل السياسي” لم يعد ممكنا في المنطقة", True)]


def test_ascii_quotes_inside_curly_quotes_stay_inside():
    text = 'قال أحمد سالم: “إن ما يسمى "الحل السياسي" لم يعد ممكنا في المنطقة”.'
    assert quotes(text, [AHMAD]) == [("أحمد سالم", 'إن ما يسمى "الحل السياسي" لم يعد ممكنا في المنطقة', True)]


def test_a_name_in_marks_is_not_a_quote():
    text = "وأعلن أحمد سالم الحرب على «داعش» في المنطقة."
    assert quotes(text, [AHMAD, ("داعش", "ORG")]) == []
    text = "وقال أحمد سالم إن «الدولة الإسلامية في العراق والشام» انتهت."
    assert all(d is False for _, _, d in quotes(text, [AHMAD, ("الدولة الإسلامية في العراق والشام", "ORG")]))


def test_a_title_in_marks_is_not_a_quote():
    assert quotes("وشاهد الجمهور برنامج \"ذا فويس\" مساء أمس.", [("الجمهور", "ORG")]) == []
    text = 'يصف أحمد سالم في كتابه الجديد "ولاء أعلى: الحقيقة والأكاذيب والقيادة" الرئيس بأنه غير أخلاقي.'
    assert not any(d for _, _, d in quotes(text, [AHMAD]))     # (an adjective between the book and its title)


def test_until_is_no_speech_and_a_later_cue_after_while_has_its_own_speaker():
    army = ("الجيش الإسرائيلي", "ORG")
    ngo = ("المنظمة الحقوقية", "ORG")
    text = ("ونفى الجيش الإسرائيلي قتل الشاب، وغيّر روايته أكثر من مرة، إلى أن ظهر فيديو المنظمة الحقوقية. "
            "وأشار أحمد سالم، الذي زار المكان، إلى أن الشاب كان أعزل.")
    got = quotes(text, [army, ngo, AHMAD])
    assert not any(t.startswith("ظهر فيديو") for _, t, _ in got)
    assert ("أحمد سالم", "الشاب كان أعزل.", False) in got
    authority = ("السلطة الفلسطينية", "ORG")
    text = 'ووصفت السلطة الفلسطينية الحادثة بأنها "إعدام بدم بارد"، بينما قال الجيش الإسرائيلي إن الغاز سبب الوفاة.'
    got = quotes(text, [authority, army])
    assert ("الجيش الإسرائيلي", "الغاز سبب الوفاة.", False) in got
    assert ("السلطة الفلسطينية", "إعدام بدم بارد", True) in got


def test_a_subject_before_its_cue_speaks():
    marca = ("ماركا", "ORG")
    text = ('ذكرت صحيفة "ماركا" الإسبانية أن اللاعب أبلغ زملاءه. وفاجأ القرار النادي. '
            'لكن الصحيفة الإسبانية كشفت أن النجم حسم قراره بالرحيل.')
    assert ("ماركا", "النجم حسم قراره بالرحيل.", False) in quotes(text, [marca])
    text = ("وقال كريم ناصر إن المباراة صعبة. وكانت مدربة الفريق أحمد سالم قالت في مقابلة العام الماضي "
            "إنها ستعتزل نهاية الموسم.")
    assert ("أحمد سالم", "ستعتزل نهاية الموسم.", False) in quotes(text, [AHMAD, KARIM])
    army = ("الجيش", "ORG")
    text = "ورفضت أنقرة لعب دور في العمليات ضد الجيش وقالت إن إزاحة الرئيس أولوية."
    assert not any(sp == "الجيش" for sp, _, _ in quotes(text, [army]))


def test_nothing_indicates_and_some_people_are_no_speakers():
    text = "والتقى أحمد سالم الرئيس. ولم يكن هناك ما يشير إلى أنه تم التخطيط للزيارة."
    assert quotes(text, [AHMAD]) == []
    text = 'ورفض أحمد سالم تسمية الفريق "بفريق النجم". ويصف البعض الفريق بأنه "فريق النجم الواحد وحده".'
    assert not any(t.startswith("فريق النجم الواحد") for _, t, _ in quotes(text, [AHMAD]))


def test_whom_the_speaker_is_loyal_to_and_people_left_unnamed_do_not_speak():
    text = "أكدت المقاومة الشعبية الموالية لحكومة الرئيس أحمد سالم أمس أنها بسطت سيطرتها على الجزء الأكبر من الحي."
    assert not any(sp == "أحمد سالم" for sp, _, _ in quotes(text, [AHMAD]))
    text = ("وقال أحمد سالم إن الملح كان ثمينا جدا. ويقول المؤرخون إنه في عام 1100 كانت المدن القوية تتنافس عليه. "
            "ويقول بعض القادة إن الاتحاديين ربحوا الحرب بالملح. ومن رأى أن الملح فسد فإن الطاعون يحل بالمكان.")
    assert [t for sp, t, _ in quotes(text, [AHMAD]) if sp == "أحمد سالم"] == ["الملح كان ثمينا جدا."]


def test_who_describes_speaks_and_who_is_described_does_not():
    text = 'وادعى تنظيم داعش مسؤوليته، فيما وصف الرئيس الفرنسي أحمد سالم الحادث بأنه "هجوم إرهابي إسلامي".'
    assert quotes(text, [AHMAD, ("تنظيم داعش", "ORG")]) == [("أحمد سالم", "هجوم إرهابي إسلامي", True)]


# --- speakers ------------------------------------------------------------------------------

def test_speaker_after_the_cue():
    text = "قال أحمد سالم «الوضع في المنطقة خطير جدا» ثم غادر."
    assert quotes(text, [AHMAD]) == [("أحمد سالم", "الوضع في المنطقة خطير جدا", True)]


def test_speaker_before_the_cue():
    text = "والسفير كريم ناصر من جانبه قال” من المهم أن يتحمل المجتمع الدولي مسؤولياته”."
    art = article(text, [KARIM])
    [q] = find_quotes(art)
    assert art.entity(q.speaker).name == "كريم ناصر"
    assert q.speaker_how == "explicit-before"


def test_speaker_after_the_quote():
    text = "«الوضع في المنطقة خطير جدا»، قالت منى خالد للصحفيين."
    art = article(text, [MUNA])
    [q] = find_quotes(art)
    assert art.entity(q.speaker).name == "منى خالد" and q.speaker_how == "explicit-after"
    assert text[q.span.start:q.span.end] == "الوضع في المنطقة خطير جدا"


def test_wa_adafa_carries_the_speaker_over():
    text = ("قال أحمد سالم: “الوضع خطير جدا في المنطقة”.\n"
            "وأضاف” على الجميع التحرك سريعا لوقف الحرب”.\n"
            "من جهتها قالت منى خالد: “لا أوافق على ذلك أبدا”.\n"
            "وتابعت: “الحل سياسي وليس عسكريا أبدا”.")
    art = article(text, [AHMAD, MUNA])
    got = [(art.entity(q.speaker).name, q.speaker_how) for q in find_quotes(art) if q.direct]
    assert got == [("أحمد سالم", "explicit"), ("أحمد سالم", "carried-over"),
                   ("منى خالد", "explicit"), ("منى خالد", "carried-over")]


def test_two_speakers_in_one_paragraph():
    text = "قال أحمد سالم: “الوضع خطير جدا”. وقالت منى خالد: “لا أوافق على ذلك أبدا”."
    assert [(s, t) for s, t, _ in quotes(text, [AHMAD, MUNA])] == [
        ("أحمد سالم", "الوضع خطير جدا"), ("منى خالد", "لا أوافق على ذلك أبدا")]


def test_participle_cue_takes_the_subject_of_the_sentence():
    text = "وتحدث أحمد سالم عن المرحلة، مؤكداً “أن الحل السياسي هو الطريق الوحيد”."
    assert quotes(text, [AHMAD]) == [("أحمد سالم", "أن الحل السياسي هو الطريق الوحيد", True)]


def test_a_quote_without_cue_or_speaker_is_dropped():
    text = "وجاء في اللافتة “الأرض لمن يزرعها دائما” بخط كبير."
    assert quotes(text, []) == []


def test_cue_with_a_colon_on_the_line_before():
    text = "وقال أحمد سالم:\n«الوضع في المنطقة خطير جدا ويجب التحرك»."
    assert quotes(text, [AHMAD]) == [("أحمد سالم", "الوضع في المنطقة خطير جدا ويجب التحرك", True)]


# --- reported speech -----------------------------------------------------------------------

@pytest.mark.parametrize("text, words", [
    ("وأكد أحمد سالم أن الوضع في المنطقة خطير جدا.", "الوضع في المنطقة خطير جدا"),
    ("وقال أحمد سالم إن الحكومة ستواصل دعم المزارعين.", "الحكومة ستواصل دعم المزارعين"),
    ("وأشار أحمد سالم إلى أن الحكومة ستواصل دعم المزارعين.", "الحكومة ستواصل دعم المزارعين"),
], ids=["akkada-anna", "qala-inna", "ashara-ila-anna"])
def test_reported_speech_is_kept_as_indirect(text, words):
    [(speaker, said, direct)] = quotes(text, [AHMAD])
    assert speaker == "أحمد سالم" and direct is False
    assert said.rstrip(".") == words


def test_marks_inside_reported_speech_do_not_make_it_direct():
    text = "وقال أحمد سالم إن هجمات «داعش» تراجعت كثيرا هذا العام."
    [(speaker, said, direct)] = quotes(text, [AHMAD, ("داعش", "ORG")])
    assert (speaker, direct) == ("أحمد سالم", False)
    assert said.startswith("هجمات «داعش» تراجعت")


def test_reported_speech_needs_a_speaker():
    assert quotes("وقيل إن الحكومة ستواصل دعم المزارعين.", []) == []


def test_a_direct_quote_is_not_reported_twice():
    text = "وأكد أحمد سالم أن “الحكومة ستواصل دعم المزارعين في كل المحافظات”."
    got = quotes(text, [AHMAD])
    assert len(got) == 1 and got[0][2] is True


def test_removed_boilerplate_is_not_quoted():
    line = "قال أحمد سالم: «الوضع في المنطقة خطير جدا»."
    text = line + "\n" + line
    art = article(text, [AHMAD], removed=[Span(len(line) + 1, len(text), "repeated-block")])
    assert len(find_quotes(art)) == 1


def test_seed_quotes_and_their_speakers(seed_article):
    art = seed_article
    direct = [(art.entity(q.speaker).name, art.text[q.span.start:q.span.end]) for q in art.quotes if q.direct]
    assert any(s == "عبد الكريم عمر" and t.startswith("على المجتمع الدولي زيادة الدعم") for s, t in direct)
    assert any(s == "عبد الكريم عمر" and t.startswith("أن الإدارة الذاتية وبعد هزيمة") for s, t in direct)
    assert any(s.endswith("زبيدوف") and t.startswith("من المهم أن يتحمل المجتمع الدولي") for s, t in direct)
    for q in art.quotes:
        # no quote runs over a paragraph break
        assert "\n" not in art.text[q.span.start:q.span.end]


@pytest.fixture(scope="module")
def seed_article():
    from importlib import resources

    from rasad.pipeline import extract
    path = resources.files("rasad.resources").joinpath("examples/seed.txt")
    [art] = list(extract(str(path)))
    return art


def test_one_word_in_marks_is_a_term_not_a_quote():
    got = quotes('وقال أحمد سالم إن الصحيفة "فاشلة" ولن يقرأها.', [AHMAD])
    assert not any(words == "فاشلة" for _, words, direct in got if direct)
    assert quotes('وقال أحمد سالم: "ضبط النفس".', [AHMAD]) == [("أحمد سالم", "ضبط النفس", True)]


@pytest.mark.parametrize("head", ["على قناة", "على برنامج", "على عملية", "لقناة", "للقناة", "بقناة"])
def test_the_title_of_a_channel_programme_or_operation_in_marks_is_not_a_quote(head):
    text = f'وقال أحمد سالم في مداخلة {head} "صدى البلد الجديد" إنه يدعو إلى الهدوء.'
    assert not any("صدى البلد" in words for _, words, _ in quotes(text, [AHMAD]))


def test_the_person_after_an_office_in_an_organisation_speaks_not_the_organisation():
    text = 'وأعلن سفير فرنسا في الأمم المتحدة أحمد سالم أن "فرنسا ستبذل كل ما بوسعها للتصدي للإفلات من العقاب".'
    [(speaker, _, _)] = quotes(text, [AHMAD, ("الأمم المتحدة", "ORG")])
    assert speaker == "أحمد سالم"


@pytest.mark.parametrize("told", ["لكريم ناصر", "لـ كريم ناصر"])
def test_whom_something_was_said_to_is_not_the_speaker(told):
    text = f"وقال أحمد سالم {told} إن الوضع صعب جدا في المدينة."
    assert [s for s, _, _ in quotes(text, [AHMAD, KARIM])] == ["أحمد سالم"]
    text = f"وأفاد مصدر مطلع {told} بأن الوضع صعب جدا في المدينة."
    assert "كريم ناصر" not in [s for s, _, _ in quotes(text, [KARIM])]


def test_the_agency_that_carried_a_statement_is_not_its_issuer():
    text = ('وجاء موقف مجلس الوزراء خلال جلسة، وفق بيان أوردته وكالة الأنباء السعودية. '
            'وقال البيان "إن المملكة تجدد رفضها المطلق لموقف الحكومة".')
    got = quotes(text, [("مجلس الوزراء", "ORG"), ("وكالة الأنباء السعودية", "ORG")])
    assert got and all(s != "وكالة الأنباء السعودية" for s, _, _ in got)


def test_the_name_of_an_outlet_after_its_sources_is_no_quote():
    text = 'وتصدت القوات للهجوم، حسبما أفادت مصادر "سكاي نيوز عربية"، وقال أحمد سالم "إن الوضع تحت السيطرة".'
    assert [w for _, w, _ in quotes(text, [AHMAD])] == ["إن الوضع تحت السيطرة"]


def test_words_after_a_stray_closing_mark_are_no_quote():
    text = 'وقال أحمد سالم إن المسلح يحمل سكينا وبندقية صيد". كما أشارت المصادر إلى عدم وجود دليل على أن "الهجوم إرهابي".'
    assert not any(w.startswith((".", "،")) or w.lstrip().startswith(".") for _, w, _ in quotes(text, [AHMAD]))


def test_the_issuer_named_with_the_statement_speaks_for_it_unless_a_person_is_named():
    presidency = ("الرئاسة الفرنسية", "ORG")
    text = ('وأكد الرئيس دعمه، بحسب ما أفاد بيان صادر عن الرئاسة الفرنسية. وأضاف البيان أن أحمد سالم أشاد '
            '"بالتضحيات وبالدور الحاسم للقوات". وأوضح البيان أن الوفد ضم "عددا متساويا من النساء والرجال".')
    got = {w: s for s, w, _ in quotes(text, [presidency, AHMAD])}
    assert got["بالتضحيات وبالدور الحاسم للقوات"] == "أحمد سالم"
    assert got["عددا متساويا من النساء والرجال"] == "الرئاسة الفرنسية"


def test_a_medium_told_in_marks_is_neither_a_quote_nor_the_speaker():
    text = ('قالت الوزيرة منى خالد إن الحدود أغلقت. وأضافت الوزيرة لـ"سكاي نيوز عربية" '
            "أن المطلوب من المجتمع الدولي أن يقوم بدوره.")
    got = quotes(text, [MUNA, ("سكاي نيوز", "ORG")])
    assert all(q[1] != "سكاي نيوز عربية" for q in got)
    assert ("منى خالد", "المطلوب من المجتمع الدولي أن يقوم بدوره.", False) in got


def test_the_medium_that_carried_the_words_is_not_the_speaker():
    text = ('قال أحمد سالم: "إن الاتهامات باطلة تماما،" لافتا في تصريحات نقلتها وكالة أنباء '
            'سبوتنيك الروسية: "التحقيق لم يشمل الجانب الروسي أبدا".')
    got = quotes(text, [AHMAD, ("سبوتنيك", "ORG")])
    assert [q[0] for q in got if q[2]] == ["أحمد سالم", "أحمد سالم"]


def test_the_agency_told_after_lwikala_is_not_the_speaker():
    text = ('قال أحمد سالم: "نتوقع ارتفاعا في الحالات خلال موسم الأمطار". وأضاف في تصريحات لوكالة '
            'رويترز: "الخطر وشيك ويجب أن يستجيب الجميع بسرعة".')
    got = quotes(text, [AHMAD, ("رويترز", "ORG")])
    assert [q[0] for q in got if q[2]] == ["أحمد سالم", "أحمد سالم"]


def test_someone_unnamed_is_not_the_last_speaker():
    text = ('وقال أحمد سالم إن المنطقة ستسترد بالقوة. وقال أحد قادة المعارضة هذا الأسبوع إنها لن تتنازل '
            '"عن شبر من أرض الجنوب".')
    got = quotes(text, [AHMAD])
    assert all("تتنازل" not in q[1] and "شبر" not in q[1] for q in got if q[0] == "أحمد سالم")


def test_names_inside_what_was_said_do_not_speak():
    text = ('قال أحمد سالم: "لو لم نتحرك لانقسم البلد". واعتبر أن تصعيد الحوثيين للهجمات على المدن '
            '"علامة ضعف كبيرة لديهم". وحول جماعة الإخوان، قال الوزير إن "الجماعة حاضنة للإرهابيين".')
    got = quotes(text, [AHMAD, ("الحوثيين", "ORG"), ("جماعة الإخوان", "ORG")])
    assert {q[0] for q in got if q[2]} == {"أحمد سالم"}


def test_the_one_described_is_not_the_speaker():
    text = 'وحذر أحمد سالم من الحرب، كما وصف جماعة الإخوان بأنها "حاضنة الإرهابيين في المنطقة".'
    got = quotes(text, [AHMAD, ("جماعة الإخوان", "ORG")])
    assert [q[0] for q in got if q[2]] == ["أحمد سالم"]


def test_a_state_speaks_through_its_government():
    text = "قال أحمد سالم إن الأسواق تراجعت. وقالت الولايات المتحدة، الثلاثاء، إنها قد تفرض إجراءات تجارية."
    got = quotes(text, [AHMAD, ("الولايات المتحدة", "LOC", {"kind": "country", "iso2": "US"})])
    assert ("الولايات المتحدة", "قد تفرض إجراءات تجارية.", False) in got


def test_a_correspondent_s_medium_in_marks_is_no_quote():
    text = 'وقال أحمد سالم إن الجيش هدم القرية، وفق ما ذكر مراسل "سكاي نيوز عربية" في المنطقة.'
    assert all("سكاي" not in q[1] for q in quotes(text, [AHMAD, ("سكاي نيوز", "ORG")]) if q[2])


def test_a_definite_head_noun_speaks_for_the_organisation_of_that_head_named_before():
    bank = ("بنك كومنولث أستراليا", "ORG")
    pm = ("مالكولم ترنبول", "PER")
    text = ("وقال بنك كومنولث أستراليا إن مسؤوليه أخطأوا في الحساب. وأمر مالكولم ترنبول بتشكيل لجنة للتحقيق. "
            "وقال البنك، في جلسة علانية يوم الأربعاء، إنه حصّل رسوما من عملاء مقابل خدمات.")
    assert [q[0] for q in quotes(text, [bank, pm])] == ["بنك كومنولث أستراليا", "بنك كومنولث أستراليا"]
    # with no company named before, the last person named does not speak for "الشركة"
    text = "وأمر مالكولم ترنبول بتشكيل لجنة للتحقيق. وقالت الشركة، في بيان، إنها حصّلت رسوما من عملاء."
    assert quotes(text, [pm]) == []
    # the head may stand before the organisation's name: 'صحيفة "ماركا"'
    marca = ("ماركا", "ORG")
    text = ('ذكرت صحيفة "ماركا" أمس أن اللاعب غاب عن التدريب. وأمر مالكولم ترنبول بتشكيل لجنة. '
            "وقالت الصحيفة إن عددا من المشجعين تجمهروا أمام الفندق.")
    assert ("ماركا", "عددا من المشجعين تجمهروا أمام الفندق.", False) in quotes(text, [marca, pm])


def test_the_name_of_a_gathering_or_a_website_in_marks_is_not_a_quote():
    text = ('وقال أحمد سالم في كلمة ألقاها خلال "المؤتمر الإعلامي الدولي لمواجهة الإرهاب" الذي عقد في دمشق '
            '"هناك حديث كثير عن الاتفاق".')
    assert [words for _, words, _ in quotes(text, [AHMAD])] == ["هناك حديث كثير عن الاتفاق"]
    text = 'وكشف أحمد سالم في النشرة التي اطلعت عليها "العربية.نت" ارتفاعا طفيفا.'
    assert quotes(text, [AHMAD]) == []
    # a statement that starts with such a word is still one
    assert quotes('وقال أحمد سالم: "القمة ستعقد في موعدها رغم كل شيء".', [AHMAD]) == \
        [("أحمد سالم", "القمة ستعقد في موعدها رغم كل شيء", True)]


def test_a_participle_speaks_for_the_first_person_of_its_sentence_or_else_the_last_speaker():
    got = quotes('والتقى أحمد سالم بكريم ناصر في دمشق، مؤكدا أن "العلاقات بين البلدين متينة جدا".', [AHMAD, KARIM])
    assert [q[0] for q in got if q[2]] == ["أحمد سالم"]
    text = ('وقال أحمد سالم إن "الحكومة تدار بطريقة سيئة جدا".\\n'
            'وأضاف أحمد سالم أن كريم ناصر مجرد واجهة للنظام.\\n'
            'ونوه بأن الفساد كبير، معتبرا أن هذا النظام هو "كابوس على الشعب كله".')
    assert [q[0] for q in quotes(text, [AHMAD, KARIM]) if q[2]] == ["أحمد سالم", "أحمد سالم"]


def test_a_term_in_marks_glued_to_a_clitic_is_not_a_quote():
    text = 'وقال أحمد سالم إن اشتباكات دارت بين و"حدات حماية الشعب" ومقاتلي التنظيم.'
    assert [q for q in quotes(text, [AHMAD]) if q[2]] == []
    text = 'ونددت الوزارة بـ"الاحتلال التركي للمدينة". وقال أحمد سالم: "الوضع خطير جدا".'
    assert [q[1] for q in quotes(text, [AHMAD]) if q[2]] == ["الوضع خطير جدا"]


def test_a_body_left_unnamed_speaks_for_nobody_named_before():
    text = ('وقال أحمد سالم إن الحريق اندلع مساء. وقالت لجنة تحقيق روسية في بيان: "وفقا للمعلومات الأولية انهار '
            'السقف على الزوار".')
    assert [q for q in quotes(text, [AHMAD]) if q[2]] == []


def test_marks_paired_wrongly_make_no_quote_of_a_relative_clause():
    text = ('وقال أحمد سالم إن أربع قطع بحرية شاركت، وهي الطرادة "كروزر"يو إس إس مونتيريه" والتي أطلقت 30 صاروخا '
            'من البحر الأحمر، والمدمرة "لابوون" المتمركزة أيضا في البحر.')
    assert not any(words.startswith("والتي") for _, words, direct in quotes(text, [AHMAD]) if direct)


def test_names_that_only_describe_an_unnamed_speaker_do_not_speak():
    houthis = ("الحوثيون", "ORG")
    ministry = ("وزارة الدفاع", "ORG")
    text = ("وقال أطباء من المدينة التي يسيطر عليها الحوثيون إن عدد القتلى بلغ عشرين قتيلا في الهجومين. "
            "وقال المدير العام لشركة الإنشاءات التابعة لوزارة الدفاع إن الشركة ستعمل على تطوير العاصمة.")
    assert [q[0] for q in quotes(text, [houthis, ministry])] == []
    # a study's author still speaks for it
    text = "وذكرت الدراسة التي أعدها الدكتور أحمد سالم، أن النساء الأرامل هن الفئة الأكثر حضورا."
    assert [q[0] for q in quotes(text, [AHMAD])] == ["أحمد سالم"]


def test_an_unnamed_source_before_its_verb_speaks_for_nobody_named_before():
    text = ("قال أحمد سالم إن المهاجم يدعى كريم ناصر. وكان مصدر مقرب من التحقيق قال، في وقت سابق، إن ضابطا "
            "في الجيش قتل في الهجوم.")
    assert [q[0] for q in quotes(text, [AHMAD, KARIM])] == ["أحمد سالم"]


def test_treated_as_is_no_speech():
    isis = ("تنظيم داعش", "ORG")
    text = ("وأعلن تنظيم داعش المتشدد، في بيان نشرته مواقع موالية له بعد مقتل المهاجم، مسؤوليته عن الاعتداءات "
            "التي كان الأمن الفرنسي قد تعامل معها على أنها أعمال إرهابية منظمة.")
    assert quotes(text, [isis]) == []
    text = "وأكد أحمد سالم على أن الحوار هو السبيل الوحيد للحل."
    assert [q[0] for q in quotes(text, [AHMAD])] == ["أحمد سالم"]


def test_what_someone_not_named_goes_on_to_say_is_nobody_s_named():
    text = ('وقالت منى خالد: "الكثير من العمال يشعرون بأنهم مستبعدون من المجتمع". وقال عامل نيبالي للصحيفة: '
            '"هذه هي المرة الأولى التي أتيت فيها إلى المركز"، مضيفا "لقد جئنا من بعيد وأنفقنا الكثير من المال". '
            'وأضاف: "لا نشعر بالترحيب هنا أبدا".')
    assert [q[0] for q in quotes(text, [MUNA])] == ["منى خالد"]


def test_what_one_writes_or_tweets_is_his_quote():
    text = 'وكتب أحمد سالم على تويتر "من العار تماما ألا تفرج السلطات عن القس المحترم".'
    assert [(q[0], q[2]) for q in quotes(text, [AHMAD])] == [("أحمد سالم", True)]
    text = 'وغردت منى خالد: "أول يوم في الربيع، والمدينة عليها ثلج".'
    assert [q[0] for q in quotes(text, [MUNA])] == ["منى خالد"]


def test_the_same_unnamed_official_speaks_for_nobody_named():
    text = ('وقال أحمد سالم إن المدارس آمنة. وأشار مسؤول حكومي آخر، لم يرغب في كشف اسمه، إلى أن هناك برامج كثيرة. '
            'وأضاف المسؤول نفسه أن إدارة أحمد سالم "تعمل مع وزارة العدل لمواصلة وزيادة حجم المساعدات" المخصصة لذلك.')
    assert [q[0] for q in quotes(text, [AHMAD]) if q[2]] == []


def test_a_statement_carried_by_an_agency_speaks_for_its_issuer():
    qatar = ("السلطات القطرية", "ORG")
    agency = ("وكالة الأنباء القطرية", "ORG")
    polisario = ("جبهة البوليساريو الانفصالية", "ORG")
    text = ("أعلنت السلطات القطرية، مساء الثلاثاء، عن تأييدها للمغرب إثر الدعم الذي يقدمه حزب لجبهة البوليساريو "
            "الانفصالية.\nجاء ذلك في بيان نشرته وكالة الأنباء القطرية، حيث ذكر: \"تعلن دولة قطر تضامنها العميق "
            "والكامل مع المملكة المغربية الشقيقة.\"\nوأضاف البيان: \"تشدد دولة قطر على أهمية احترام المبادئ التي "
            "تحكم العلاقات بين الدول.\"")
    assert [q[0] for q in quotes(text, [qatar, agency, polisario]) if q[2]] == ["السلطات القطرية", "السلطات القطرية"]


def test_conjunctions_before_anna_an_unnamed_body_and_an_interviewer_do_not_speak():
    text = ("وقال أحمد سالم إن الحبوب قاتلة. كما أنه أقوى بستة آلاف مرة من الزرنيخ. يذكر أن خسارة الجيش كانت "
            "أسوأ هزيمة مني بها منذ أن اجتاح التنظيم المتطرف شمال البلاد.")
    assert [q[1] for q in quotes(text, [AHMAD])] == ["الحبوب قاتلة."]
    text = "وقال أحمد سالم إن الوضع صعب. وقال الادعاء العام، الجمعة، إن المنتج اتهم بتهمتي اغتصاب."
    assert [q[0] for q in quotes(text, [AHMAD])] == ["أحمد سالم"]
    reuters = ("رويترز", "ORG")
    text = 'وقال أحمد سالم إن الموقع تعرض لقرصنة. وأضاف في اتصال هاتفي مع رويترز: "الموقع تعرض لقرصنة من جانب هاكر".'
    assert [q[0] for q in quotes(text, [AHMAD, reuters])] == ["أحمد سالم", "أحمد سالم"]


def test_a_speech_verb_inside_the_quote_and_one_told_after_his_title_make_no_speaker():
    wh, trump = ("البيت الأبيض", "ORG"), ("دونالد ترمب", "PER")
    text = 'وقال البيت الأبيض، الاثنين، إن دونالد ترمب "نفى بقوة ووضوح وباستمرار" هذه المزاعم.'
    assert [q[0] for q in quotes(text, [wh, trump])] == ["البيت الأبيض"]
    putin = ("فلاديمير بوتين", "PER")
    text = 'وكان أحمد سالم قد قال لنظيره الروسي فلاديمير بوتين، العام الماضي، إن استخدام الأسلحة الكيماوية "خطا أحمر".'
    assert [q[0] for q in quotes(text, [AHMAD, putin])] == ["أحمد سالم"]


def test_a_participle_after_bainama_speaks_for_that_clause_s_subject_even_a_state():
    colombia = ("كولومبيا", "LOC", {"kind": "country", "iso2": "CO"})
    text = ('واتهم أحمد سالم كولومبيا بتدبير المحاولة، لكنه لم يقدم أي أدلة، بينما نفت كولومبيا هذه الاتهامات '
            'قائلة إنها "لا أساس لها".')
    assert [q[0] for q in quotes(text, [AHMAD, colombia]) if q[2]] == ["كولومبيا"]


def test_reports_reporters_and_supporters_speak_for_nobody_named():
    text = ("وقال أحمد سالم إن البلاد بخير. ويقول مراسلون إن الرئيس يعتمد بشدة على الجيش. وذكرت تقارير أن ثمة "
            "أكثر من 200 سجين. وينفي أنصاره أي اختلاس ويلمحون إلى أنه ضحية مؤامرة.")
    assert [q[0] for q in quotes(text, [AHMAD])] == ["أحمد سالم"]


def test_an_office_as_the_subject_speaks_for_the_one_named_earlier_with_it():
    from rasad import extract_text
    art = extract_text(
        "وصف الرئيس الروسي فلاديمير #بوتين الأحد انتقادات #مجموعة_السبع \"بالثرثرة\" ودعاها إلى بدء \"تعاون حقيقي\".\n"
        "وجاء تصريح الرئيس الروسي رداً على أسئلة الصحافيين حول البيان الختامي لقمة مجموعة السبع، بعد أن سحب الرئيس "
        "الأميركي دونالد #ترمب أخيراً موافقته عليه.\nإلى ذلك، قال الرئيس الروسي للصحفيين إن بلاده لم تقرر الخروج من "
        "مجموعة السبع.")
    [q] = [q for q in art.quotes if art.text[q.span.start:q.span.end].startswith("بلاده لم تقرر")]
    assert art.entity(q.speaker).name == "فلاديمير بوتين"
