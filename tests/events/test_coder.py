"""PLOVER event coding (rasad.events.coder) on short texts with hand-placed names, so the
frames (host, arrive, subject, phone), the not-an-event markers, merging and dates are tested
apart from the name recognisers."""
from __future__ import annotations

import datetime as dt

import pytest

from rasad.analyse import dates
from rasad.analyse.tokens import sentences
from rasad.events.coder import code_events
from rasad.events.quotes import find_quotes
from rasad.model import Article, Event, Mention, Span
from rasad.resolve.coref import resolve_entities

PUBLISHED = dt.date(2022, 4, 8)
CITY_SY = {"kind": "city", "iso2": "SY", "how": "gazetteer"}
AHMAD = ("أحمد سالم", "PER")
KARIM = ("كريم ناصر", "PER")
DAMASCUS = ("دمشق", "LOC", CITY_SY)


def article(text: str, names: list[tuple], published: dt.date | None = PUBLISHED,
            removed: list[Span] | None = None) -> Article:
    mentions: list[Mention] = []
    for surface, label, *attrs in sorted(names, key=lambda n: -len(n[0])):
        pos = text.find(surface)
        assert pos >= 0, surface
        while pos >= 0:
            m = Mention(pos, pos + len(surface), label, dict(attrs[0]) if attrs else {})
            if not any(m.overlaps(o) for o in mentions):
                mentions.append(m)
            pos = text.find(surface, pos + len(surface))
    art = Article(text=text, published=published, removed=removed or [],
                  mentions=sorted(mentions, key=lambda m: m.start))
    art.sentences = sentences(text)
    art.dates = dates.find_dates(text)
    art.entities = resolve_entities(art)
    return art


def resolver(art: Article):
    """The date resolver the pipeline hands to code_events."""
    def resolve(span: Span) -> dt.date | None:
        if span.attrs.get("value") is not None:
            return span.attrs["value"]
        return dates.resolve(span, art.published) if art.published else None
    return resolve


def extract_like(text: str) -> Article:
    """The whole extraction, names found by the recognisers."""
    from rasad import extract_text
    return extract_text(text)


def events(art: Article) -> list[Event]:
    evs = code_events(art, resolver(art))
    ids = {e.id for e in art.entities}
    for ev in evs:
        assert set(ev.source) <= ids and set(ev.target) <= ids
        assert not set(ev.source) & set(ev.target), "one entity on both sides"
        assert ev.evidence is not None and 0 <= ev.evidence.start < ev.evidence.end <= len(art.text)
        if ev.trigger is not None:
            assert ev.evidence.start <= ev.trigger.start < ev.trigger.end <= ev.evidence.end
    return evs


def names(art: Article, ids: list[str]) -> list[str]:
    return [art.entity(i).name for i in ids]


def consult(text: str, names_: list[tuple], **kw) -> tuple[Article, list[Event]]:
    art = article(text, names_, **kw)
    return art, [e for e in events(art) if e.type == "CONSULT"]


# --- frames --------------------------------------------------------------------------------

def test_host_frame_the_host_is_the_target_and_the_visitor_the_source():
    art, evs = consult("استقبل الوزير أحمد سالم السفير كريم ناصر في مكتبه.", [AHMAD, KARIM])
    [ev] = evs
    assert names(art, ev.source) == ["كريم ناصر"]
    assert names(art, ev.target) == ["أحمد سالم"]


def test_host_frame_with_the_host_before_the_verb():
    art, evs = consult("الوزير أحمد سالم استقبل اليوم السفير كريم ناصر في مكتبه.", [AHMAD, KARIM])
    [ev] = evs
    assert (names(art, ev.source), names(art, ev.target)) == (["كريم ناصر"], ["أحمد سالم"])


def test_arrival_of_a_delegation_headed_by_someone():
    text = "وصل وفد برئاسة كريم ناصر إلى دائرة العلاقات الخارجية في قامشلو."
    art, evs = consult(text, [KARIM, ("دائرة العلاقات الخارجية", "ORG"), ("قامشلو", "LOC", CITY_SY)])
    [ev] = evs
    assert names(art, ev.source) == ["كريم ناصر"]
    assert names(art, ev.target) == ["دائرة العلاقات الخارجية"]
    assert art.entity(ev.location).name == "قامشلو"
    assert ev.mode == "visit"


def test_a_meeting_in_a_city():
    art, evs = consult("التقى أحمد سالم كريم ناصر في دمشق.", [AHMAD, KARIM, DAMASCUS])
    [ev] = evs
    assert set(names(art, ev.source + ev.target)) == {"أحمد سالم", "كريم ناصر"}
    assert "أحمد سالم" in names(art, ev.source)
    assert art.entity(ev.location).name == "دمشق"


@pytest.mark.parametrize("text", [
    pytest.param("وفي اتصال هاتفي، بحث الرئيس أحمد سالم مع الرئيس كريم ناصر العلاقات الثنائية.",
                 id="in-a-phone-call"),
    pytest.param("أجرى الرئيس أحمد سالم اتصالا هاتفيا مع الرئيس كريم ناصر بحثا خلاله العلاقات الثنائية.",
                 id="made-a-phone-call"),
])
def test_a_phone_call_is_one_consult_by_phone(text):
    art, evs = consult(text, [AHMAD, KARIM])
    [ev] = evs
    assert ev.mode == "phone"
    assert names(art, ev.source) == ["أحمد سالم"]
    assert names(art, ev.target) == ["كريم ناصر"]


MONA = ("منى خالد", "PER")
FOREIGN_MINISTRY = ("وزارة الخارجية", "ORG")


# The subject stands between the verb and the call, however long or whatever it is.
@pytest.mark.parametrize("text, caller", [
    pytest.param("أجرى وزير الخارجية أحمد سالم، أمس، اتصالا هاتفيا بنظيره كريم ناصر.", "أحمد سالم",
                 id="minister-with-a-date-and-counterpart"),
    pytest.param("وأجرت الوزيرة منى خالد مكالمة هاتفية مع الرئيس كريم ناصر تناولت العلاقات الثنائية.", "منى خالد",
                 id="feminine-call"),
    pytest.param("أجرت وزارة الخارجية اتصالا هاتفيا مع الرئيس كريم ناصر.", "وزارة الخارجية",
                 id="organisation"),
    pytest.param("أجرى خادم الحرمين الشريفين الملك أحمد سالم بن عبدالعزيز آل سعود - حفظه الله - اتصالا هاتفيا "
                 "اليوم بالرئيس كريم ناصر.", "أحمد سالم", id="long-royal-title"),
    pytest.param("اتصل الرئيس أحمد سالم هاتفيا بالرئيس كريم ناصر.", "أحمد سالم", id="called"),
])
def test_the_subject_between_the_verb_and_the_call_is_the_caller(text, caller):
    art, evs = consult(text, [n for n in (AHMAD, KARIM, MONA, FOREIGN_MINISTRY) if n[0] in text])
    [ev] = evs
    assert ev.mode == "phone"
    assert names(art, ev.source) == [caller]
    assert names(art, ev.target) == ["كريم ناصر"]


@pytest.mark.parametrize("text", [
    pytest.param("تلقى الرئيس أحمد سالم اتصالا هاتفيا من نظيره كريم ناصر.", id="received"),
    pytest.param("وتلقى الرئيس أحمد سالم، مساء أمس، مكالمة هاتفية من الرئيس كريم ناصر بحثا خلالها الأوضاع.",
                 id="received-with-a-date"),
    pytest.param("الرئيس أحمد سالم تلقى اتصالا هاتفيا من الرئيس كريم ناصر.", id="subject-before-the-verb"),
    pytest.param("عاد الرئيس أحمد سالم من الخارج.\nوتلقى اتصالا هاتفيا من الرئيس كريم ناصر.",
                 id="unnamed-subject-is-the-protagonist"),
])
def test_a_received_call_has_the_caller_as_source_and_the_one_called_as_target(text):
    art, evs = consult(text, [AHMAD, KARIM])
    [ev] = evs
    assert ev.mode == "phone"
    assert names(art, ev.source) == ["كريم ناصر"]
    assert names(art, ev.target) == ["أحمد سالم"]


def test_the_subject_gap_stops_at_a_clause_opener():
    """"أجرى X … ثم …": what follows ثم is not X's subject, so no call is read across it."""
    _, evs = consult("أجرى الوزير أحمد سالم جولة في المدينة ثم اتصالا هاتفيا مع كريم ناصر.", [AHMAD, KARIM])
    assert all(ev.mode != "phone" for ev in evs)


def test_a_clause_with_no_actor_is_not_an_event():
    _, evs = consult("وصل الوفد إلى دمشق مساء.", [DAMASCUS])
    assert evs == []


# --- not events ----------------------------------------------------------------------------

NOT_EVENTS = [
    pytest.param("من المقرر أن يلتقي أحمد سالم بنظيره كريم ناصر الأسبوع المقبل.", id="scheduled"),
    pytest.param("ومن المقرر أن يلتقي أحمد سالم بنظيره كريم ناصر الأسبوع المقبل.", id="and-scheduled"),
    pytest.param("إذا زار أحمد سالم دمشق فسيلتقي كريم ناصر.", id="if"),
    pytest.param("وإذا زار أحمد سالم دمشق فسيلتقي كريم ناصر.", id="and-if"),
    pytest.param("سبق أن التقى أحمد سالم بكريم ناصر في دمشق.", id="previously"),
    pytest.param("وسبق أن التقى أحمد سالم بكريم ناصر في دمشق.", id="and-previously"),
    pytest.param("وكان أحمد سالم قد التقى كريم ناصر في دمشق العام الماضي.", id="had-met"),
    pytest.param("وسيلتقي أحمد سالم كريم ناصر في دمشق.", id="will-meet"),
    pytest.param("لم يلتق أحمد سالم كريم ناصر في دمشق.", id="did-not-meet"),
    pytest.param("ويعتزم أحمد سالم زيارة دمشق للقاء كريم ناصر.", id="intends"),
    pytest.param("وأحمد سالم ممنوع بموجب قرار المحكمة، من زيارة هذه الدول، وكذلك من الاتصال بكريم ناصر.",
                 id="forbidden"),
    pytest.param("ومنعت السلطات أحمد سالم من لقاء كريم ناصر في دمشق.", id="prevented"),
]


@pytest.mark.parametrize("text", NOT_EVENTS)
def test_future_conditional_negated_and_background_clauses_are_not_events(text):
    present = [n for n in (AHMAD, KARIM, DAMASCUS) if n[0] in text]
    _, evs = consult(text, present)
    assert evs == []


# --- one meeting, several clauses ----------------------------------------------------------

@pytest.mark.parametrize("second", [
    pytest.param("وخلال اللقاء بحث الجانبان العلاقات بين البلدين.", id="during-the-meeting"),
    pytest.param("وبحث أحمد سالم مع كريم ناصر العلاقات الثنائية.", id="same-participants"),
    pytest.param("وتم استقبال الوفد في مبنى الوزارة.", id="passive-reception"),
])
@pytest.mark.parametrize("when", [pytest.param("", id="undated"), pytest.param("أمس ", id="yesterday")])
def test_one_meeting_told_in_two_paragraphs_is_one_event(second, when, request):
    text = f"التقى أحمد سالم {when}كريم ناصر في دمشق.\n" + second
    art, evs = consult(text, [AHMAD, KARIM, DAMASCUS])
    assert len(evs) == 1
    assert set(names(art, evs[0].source + evs[0].target)) == {"أحمد سالم", "كريم ناصر"}


def test_two_meetings_with_different_people_are_two_events():
    text = ("التقى أحمد سالم كريم ناصر في دمشق.\n"
            "وفي سياق آخر، استقبلت الوزيرة منى خالد السفير سمير يوسف في مكتبها.")
    art, evs = consult(text, [AHMAD, KARIM, DAMASCUS, ("منى خالد", "PER"), ("سمير يوسف", "PER")])
    assert len(evs) == 2
    assert names(art, evs[1].source) == ["سمير يوسف"] and names(art, evs[1].target) == ["منى خالد"]


def test_removed_boilerplate_yields_no_event():
    line = "التقى أحمد سالم كريم ناصر في دمشق."
    text = "عنوان\n" + line
    art, evs = consult(text, [AHMAD, KARIM, DAMASCUS], removed=[Span(6, len(text), "related-headlines")])
    assert evs == []


# --- dates ---------------------------------------------------------------------------------

def test_event_date_yesterday_is_the_day_before_publication():
    _, [ev] = consult("التقى أحمد سالم أمس كريم ناصر في دمشق.", [AHMAD, KARIM, DAMASCUS])
    assert (ev.date, ev.date_how) == (dt.date(2022, 4, 7), "text")


def test_event_date_from_a_weekday():
    _, [ev] = consult("التقى أحمد سالم، الثلاثاء، كريم ناصر في دمشق.", [AHMAD, KARIM, DAMASCUS])
    assert ev.date == dt.date(2022, 4, 5)      # the Tuesday before Friday 8 April 2022


def test_event_date_defaults_to_publication():
    _, [ev] = consult("التقى أحمد سالم كريم ناصر في دمشق.", [AHMAD, KARIM, DAMASCUS])
    assert (ev.date, ev.date_how) == (PUBLISHED, "published")


def test_event_without_any_date():
    _, [ev] = consult("التقى أحمد سالم أمس كريم ناصر في دمشق.", [AHMAD, KARIM, DAMASCUS], published=None)
    assert ev.date is None


def test_no_sentences_no_events():
    assert code_events(Article(text=""), None) == []


def test_a_name_clauses_after_the_verb_is_not_its_object():
    text = ("ومنذ بدء الحراك في السودان ظهرت أصوات تحذر من السيناريو اليمني والسوري والليبي "
            "ومنذ البداية كان الحراك واضحا في التأكيد على سلمية التحركات والتأكيد على وجود "
            "سيناريوهات يمكن أن تحقق التحول الديمقراطي كما حصل في تونس دون إراقة للدماء.")
    art = article(text, [("السودان", "LOC", {"kind": "country", "iso2": "SD"}),
                         ("تونس", "LOC", {"kind": "country", "iso2": "TN"})])
    assert not any(art.entity(i).name == "تونس" for ev in events(art) for i in ev.target)


def test_the_object_close_to_its_verb_is_the_target():
    text = "وحذر الوزير أحمد سالم أمس الرئيس كريم ناصر من عواقب القرار."
    art = article(text, [AHMAD, KARIM])
    [ev] = [e for e in events(art) if e.type == "THREATEN"]
    assert names(art, ev.source) == ["أحمد سالم"] and names(art, ev.target) == ["كريم ناصر"]


@pytest.mark.parametrize("marker", ["برصاص", "بنيران", "على يد"])
def test_an_attack_in_the_passive_has_its_agent_as_source(marker):
    text = f"وقتل ثلاثة من أنصار أحمد سالم {marker} قوات كريم ناصر أمس."
    art = article(text, [AHMAD, KARIM])
    [ev] = [e for e in events(art) if e.type == "ASSAULT"]
    assert names(art, ev.source) == ["كريم ناصر"] and names(art, ev.target) == ["أحمد سالم"]


def test_a_name_after_what_is_asked_for_is_its_object_not_the_subject():
    text = "طالبت المعارضة باستقالة رئيس الوزراء أحمد سالم على إثر قمع تظاهرة."
    art = article(text, [AHMAD])
    evs = events(art)
    [req] = [e for e in evs if e.type == "REQUEST"]
    assert req.source == [] and names(art, req.target) == ["أحمد سالم"]
    assert not any(e.type == "COERCE" for e in evs)      # "على إثر قمع": a verbal noun


def test_a_price_that_reaches_a_sum_is_no_arrival_of_a_name_said_before():
    text = ("وقال أحمد سالم في تصريح لكريم ناصر إن الأسعار ارتفعت في بعض المساحات التجارية "
            "حيث وصل الكغ الواحد من اللحم إلى 28 دينارا.")
    art = article(text, [AHMAD, KARIM])
    assert not [e for e in events(art) if e.type == "CONSULT"]


@pytest.mark.parametrize("lead", ["وأورد", "وذكرت"])
def test_who_reports_an_attack_is_not_its_source(lead):
    text = f"{lead} تلفزيون كريم ناصر أن خمسة أشخاص قتلوا قرب محطة الكهرباء."
    art = article(text, [("تلفزيون كريم ناصر", "ORG")])
    assert not any(e.source for e in events(art) if e.type == "ASSAULT")


def test_the_city_after_the_visitor_is_the_place_visited():
    art, evs = consult("وزار الرئيس أحمد سالم دمشق أمس.", [AHMAD, DAMASCUS])
    [ev] = evs
    assert names(art, ev.source) == ["أحمد سالم"] and ev.location == art.entity_id_of(
        next(m for m in art.mentions if m.label == "LOC"))


def test_a_verb_after_wa_is_another_clause_not_a_coordinated_name():
    art, evs = consult("زار الرئيس أحمد سالم دمشق أمس والتقى الرئيس كريم ناصر.", [AHMAD, KARIM, DAMASCUS])
    assert evs and all(names(art, ev.source) == ["أحمد سالم"] for ev in evs)
    assert any(names(art, ev.target) == ["كريم ناصر"] for ev in evs)


def test_the_subject_of_a_relative_clause_is_not_the_name_after_its_verb():
    text = "وقال أحد عمال الإغاثة، الذي زار منطقة من المناطق، لكريم ناصر إنه شاهد الحافلات."
    art, evs = consult(text, [KARIM])
    assert not any(names(art, ev.source) == ["كريم ناصر"] for ev in evs)


def test_a_name_coordinated_with_the_visitor_is_not_the_visited():
    syria = ("سوريا", "LOC", {"kind": "country", "iso2": "SY"})
    art, evs = consult("وزار الرئيس أحمد سالم وكريم ناصر سوريا أمس.", [AHMAD, KARIM, syria])
    [ev] = evs
    assert names(art, ev.source) == ["أحمد سالم", "كريم ناصر"] and names(art, ev.target) == ["سوريا"]


def test_a_country_after_biha_is_no_place_and_a_name_in_a_relative_clause_is_the_object():
    kuwait = ("دولة الكويت", "LOC", {"kind": "country", "iso2": "KW"})
    text = "وتم التأكيد على أهمية تجاوز الخلافات ومساندة المساعي التي يقوم بها أمير دولة الكويت لإعادة التضامن."
    art = article(text, [kuwait])
    [ev] = [e for e in events(art) if e.type == "SUPPORT"]
    assert ev.location is None and ev.source == [] and names(art, ev.target) == ["دولة الكويت"]


def test_a_joint_press_conference_with_someone_is_a_meeting_of_the_clause_subject_with_him():
    art, evs = consult("قال الوزير أحمد سالم في مؤتمر صحفي مشترك مع كريم ناصر إن الحل سياسي.", [AHMAD, KARIM])
    [ev] = evs
    assert names(art, ev.source) == ["أحمد سالم"] and names(art, ev.target) == ["كريم ناصر"]


def test_negotiating_with_someone_is_a_meeting():
    art, evs = consult("وتفاوض الوزير أحمد سالم مع كريم ناصر أمس.", [AHMAD, KARIM])
    [ev] = evs
    assert names(art, ev.source) == ["أحمد سالم"] and names(art, ev.target) == ["كريم ناصر"]


def test_dana_is_a_condemnation():
    art = article("ودان أحمد سالم تجنيد الأطفال للقتال.", [AHMAD])
    assert [names(art, e.source) for e in events(art) if e.type == "ACCUSE"] == [["أحمد سالم"]]


@pytest.mark.parametrize("text, kind", [
    ("وهاتف الرئيس أحمد سالم نظيره أمس.", "CONSULT"),
    ("وشجب أحمد سالم الهجوم على السفارة.", "ACCUSE"),
    ("وطردت حكومة أحمد سالم السفير.", "COERCE"),
])
def test_more_verbs_of_the_lexicon(text, kind):
    art = article(text, [AHMAD])
    assert kind in [e.type for e in events(art)]


def test_an_unnamed_subject_after_the_verb_makes_the_name_its_object():
    art = article("واختطف مسلحون الصحفي كريم ناصر من منزله.", [KARIM])
    [ev] = [e for e in events(art) if e.type == "ASSAULT"]
    assert ev.source == [] and names(art, ev.target) == ["كريم ناصر"]


def test_here_is_not_a_congratulation():
    # هنأ folds to هنا (here): only the unambiguous forms are triggers
    art = article("وقال أحمد سالم إن الوضع هنا مستقر.", [AHMAD])
    assert not [e for e in events(art) if e.type == "SUPPORT"]


def test_a_capital_without_a_preposition_stands_for_its_government():
    washington = ("واشنطن", "LOC")
    tehran = ("طهران", "LOC")
    art = article("وحذرت واشنطن طهران من عواقب تطوير برنامجها النووي.", [washington, tehran])
    [ev] = [e for e in events(art) if e.type == "THREATEN"]
    assert names(art, ev.source) == ["واشنطن"] and names(art, ev.target) == ["طهران"]


def test_a_capital_after_a_preposition_or_a_visit_is_a_place():
    art, evs = consult("وصل الوزير أحمد سالم إلى موسكو أمس.", [AHMAD, ("موسكو", "LOC")])
    assert all(not ev.target for ev in evs)
    art, evs = consult("وزار الرئيس أحمد سالم دمشق أمس.", [AHMAD, DAMASCUS])
    [ev] = evs
    assert ev.target == [] and ev.location is not None


def test_a_verb_followed_by_a_pronoun_has_its_subject_before_and_the_name_after_as_object():
    text = "ندد أحمد سالم السبت بنشر تصريحات أدلى بها خلال محاضرة، اتهم فيها الرئيس كريم ناصر بالتنصت."
    art = article(text, [AHMAD, KARIM])
    [ev] = [e for e in events(art) if e.type == "ACCUSE"]
    assert names(art, ev.source) == ["أحمد سالم"] and names(art, ev.target) == ["كريم ناصر"]


def test_a_name_before_a_subordinate_clause_is_not_the_subject_of_its_verb():
    text = "اشتدت الحرب الكلامية بين أحمد سالم وكريم ناصر بعد أن حذر الرئيس منى خالد نظيرها أحمد سالم."
    art = article(text, [AHMAD, KARIM, ("منى خالد", "PER")])
    [ev] = [e for e in events(art) if e.type == "THREATEN"]
    assert names(art, ev.source) == ["منى خالد"]


def test_a_name_many_words_after_the_verb_is_not_its_subject():
    text = "واعتقلت شخصين أحدهما تلقى تدريبا في معسكرات أحمد سالم أمس."
    art = article(text, [AHMAD])
    assert not any(names(art, e.source) == ["أحمد سالم"] for e in events(art))


def test_a_subject_after_times_and_its_title_is_still_the_subject():
    art, evs = consult("وبحث أمس الأحد الرئيس أحمد سالم مع الوزير كريم ناصر الأوضاع.", [AHMAD, KARIM])
    [ev] = evs
    assert names(art, ev.source) == ["أحمد سالم"] and names(art, ev.target) == ["كريم ناصر"]


def test_what_the_meeting_or_its_two_sides_support_is_supported_by_its_participants():
    kuwait = ("دولة الكويت", "LOC", {"kind": "country", "iso2": "KW"})
    text = ("استقبل الرئيس أحمد سالم في دمشق الوزير كريم ناصر. "
            "كما تطرق اللقاء إلى الأزمة وتم التأكيد على تجاوز الخلافات ومساندة المساعي التي يقوم بها أمير دولة الكويت.")
    art = article(text, [AHMAD, KARIM, DAMASCUS, kuwait])
    [ev] = [e for e in events(art) if e.type == "SUPPORT"]
    assert sorted(names(art, ev.source)) == ["أحمد سالم", "كريم ناصر"]
    assert names(art, ev.target) == ["دولة الكويت"] and ev.location is not None


def test_a_verb_that_starts_with_wa_does_not_coordinate_two_names():
    text = "نفى حزب أحمد سالم، الجمعة، الاتهامات التي وجهها حزب كريم ناصر إليه."
    art = article(text, [("حزب أحمد سالم", "ORG"), ("حزب كريم ناصر", "ORG")])
    [ev] = [e for e in events(art) if e.type == "REJECT"]
    assert names(art, ev.source) == ["حزب أحمد سالم"]


def test_a_verb_after_a_relative_pronoun_takes_its_subject_only_from_right_before_it():
    art = article("أعربت حكومة أحمد سالم عن إدانتها لحادث التفجير الذي استهدف الحي.", [("حكومة أحمد سالم", "ORG")])
    assert not any(e.type == "ASSAULT" and e.source for e in events(art))
    art, evs = consult("وأدان الرئيس أحمد سالم الذي زار دمشق أمس الهجوم.", [AHMAD, DAMASCUS])
    assert [names(art, e.source) for e in evs] == [["أحمد سالم"]]


@pytest.mark.parametrize("text", [
    "وأغلقت أسهم شركة أحمد سالم على ارتفاع طفيف.",                 # a market closing
    "واستقبلت شركة أحمد سالم نحو 5739 طلبا خلال العام.",          # receiving things
    "بعد الطلب الذي وصل من قبل شركة أحمد سالم أمس.",              # a relative clause's verb
])
def test_no_event_where_the_verb_has_its_ordinary_sense(text):
    art = article(text, [("شركة أحمد سالم", "ORG")])
    assert events(art) == []


def test_haythu_opens_another_clause():
    text = "وتثير تلك القضية توترا بين حكومة أحمد سالم وحكومة كريم ناصر، حيث دعا الرئيس منى خالد إلى الإفراج عنه."
    art = article(text, [("حكومة أحمد سالم", "ORG"), ("حكومة كريم ناصر", "ORG"), ("منى خالد", "PER")])
    [ev] = [e for e in events(art) if e.type == "REQUEST"]
    assert names(art, ev.source) == ["منى خالد"]


def test_a_subject_after_a_spokesmans_office_and_its_organisation_is_the_subject():
    text = "نفى المتحدث باسم حكومة كريم ناصر، نائب رئيس الوزراء أحمد سالم، أنباء دخول القوات إلى المدينة."
    art = article(text, [AHMAD, ("حكومة كريم ناصر", "ORG")])
    [ev] = [e for e in events(art) if e.type == "REJECT"]
    assert names(art, ev.source) == ["أحمد سالم"]


# --- what looks like an event and is not, or is another ------------------------------------

def test_a_verdict_names_its_sentence_and_ali_who_ruled_is_none():
    art = article("وحكمت محكمة مصرية على كريم ناصر بالسجن عشرين عاما.", [KARIM])
    assert [e.type for e in events(art)] == ["COERCE"]
    art = article("وحكم علي عبد الله صالح اليمن في الفترة من 1978 وحتى 2012.",
                  [("علي عبد الله صالح", "PER"), ("اليمن", "LOC", {"kind": "country", "iso2": "YE"})])
    assert events(art) == []


def test_a_verbal_attack_is_an_accusation():
    art = article("وشن أحمد سالم هجوما حادا على كريم ناصر أمس.", [AHMAD, KARIM])
    evs = events(art)
    assert [e.type for e in evs] == ["ACCUSE"]
    assert names(art, evs[0].target) == ["كريم ناصر"]


def test_an_interview_by_telephone_is_no_meeting():
    art = article("وقال أحمد سالم في اتصال هاتفي مع وكالة فرانس برس إن المفاوضات مستمرة.",
                  [AHMAD, ("فرانس برس", "ORG")])
    assert [e for e in events(art) if e.type == "CONSULT"] == []


def test_receiving_mourners_is_no_meeting_with_the_dead():
    art = article("يستقبل الأمير أحمد سالم في منزله غدا المعزين في وفاة الأمير كريم ناصر.", [AHMAD, KARIM])
    assert events(art) == []


def test_the_dead_are_no_participants():
    art = article("التقى أحمد سالم في العاصمة بعد وفاة الشيخ كريم ناصر.", [AHMAD, KARIM])
    for ev in events(art):
        assert "كريم ناصر" not in names(art, ev.source + ev.target)


def test_reaching_an_agreement_is_no_visit():
    art = article("وصلت الحكومة ممثلة بالوزير أحمد سالم إلى اتفاق مع النقابة التي يقودها كريم ناصر.", [AHMAD, KARIM])
    assert [e.type for e in events(art)] == ["AGREE"]
    # a club and its player: a transfer, no political event
    art = article("وصلت إدارة النادي ممثلة بالأستاذ أحمد سالم إلى اتفاق مع اللاعب كريم ناصر.", [AHMAD, KARIM])
    assert events(art) == []


def test_an_interception_is_no_objection():
    art = article("واعترض الدفاع الجوي 4 صواريخ أطلقها أحمد سالم باتجاه جازان.", [AHMAD])
    assert [e for e in events(art) if e.type == "REJECT"] == []
    art = article("واعترض أحمد سالم على القرار.", [AHMAD])
    assert [e.type for e in events(art)] == ["REJECT"]


def test_a_capital_after_fi_is_where_not_who():
    art = article("وفي عمان أغلقت الشرطة الطرق.", [("عمان", "LOC", {"kind": "country", "iso2": "OM"})])
    assert events(art) == []


def test_the_medium_told_is_no_participant():
    art = article('وصرح أحمد سالم لـ "فرانس برس" أن المشتبه به اعتقل على الفور.', [AHMAD, ("فرانس برس", "ORG")])
    for ev in events(art):
        assert "فرانس برس" not in names(art, ev.source + ev.target)


def test_two_things_that_happened_are_not_two_signatories():
    art = article("وأسفر انفجاران وقعا في كابل عن مقتل 26 شخصا بينهم أحمد سالم.", [AHMAD])
    assert [e for e in events(art) if e.type == "AGREE"] == []


def test_a_signing_with_the_signatories_between_verb_and_object():
    art = article("ووقع أحمد سالم ونظيره كريم ناصر اتفاقية تعاون في دمشق.", [AHMAD, KARIM, DAMASCUS])
    evs = [e for e in events(art) if e.type == "AGREE"]
    assert len(evs) == 1 and set(names(art, evs[0].source)) == {"أحمد سالم", "كريم ناصر"}


def test_a_capital_inside_an_office_is_no_actor():
    doha = ("الدوحة", "LOC", {"kind": "city", "iso2": "QA"})
    art = article("ونفى وزير خارجية الدوحة في المقابلة أن تكون بلاده على اتصال مع الجماعات.", [doha])
    assert events(art) == []


def test_a_match_is_no_meeting():
    art = article("ويلتقي أحمد سالم في النهائي مع كريم ناصر على ملعب دمشق.", [AHMAD, KARIM, DAMASCUS])
    assert [e for e in events(art) if e.type == "CONSULT"] == []


def test_a_student_did_not_demand():
    art = article("ألقت الشرطة القبض على أحمد سالم، 19 عاما، طالب سابق في المدرسة.", [AHMAD])
    assert [e for e in events(art) if e.type == "REQUEST"] == []


def test_what_someone_is_accused_of_is_no_event_and_the_object_follows_a_joint_subject():
    qatar_gov = ("الحكومة القطرية", "ORG")
    art = article("واتهم أحمد سالم وكريم ناصر الحكومة القطرية بدعم الإرهاب ومساندة المتطرفين.",
                  [AHMAD, KARIM, qatar_gov])
    evs = events(art)
    assert [e.type for e in evs] == ["ACCUSE"]
    assert set(names(art, evs[0].source)) == {"أحمد سالم", "كريم ناصر"}
    assert names(art, evs[0].target) == ["الحكومة القطرية"]


def test_a_figurative_closing_is_no_coercion():
    art = article("وأغلقت الإدارة ملف التعاقد مع أحمد سالم.", [AHMAD])
    assert [e for e in events(art) if e.type == "COERCE"] == []


def test_a_host_named_clauses_before_the_verb_is_not_the_host():
    cairo = ("القاهرة", "LOC", {"kind": "city", "iso2": "EG"})
    art = article("بعد أيام من تسليم الطائرات التي اشترتها القاهرة أخيرا، استقبل الرئيس أحمد سالم أمس، "
                  "الوزير كريم ناصر.", [AHMAD, KARIM, cairo])
    evs = [e for e in events(art) if e.type == "CONSULT"]
    assert len(evs) == 1 and names(art, evs[0].target) == ["أحمد سالم"] and names(art, evs[0].source) == ["كريم ناصر"]


def test_a_person_attacking_a_person_in_words_accuses():
    art = article("وهاجم أحمد سالم كريم ناصر بسبب تصريحاته.", [AHMAD, KARIM])
    assert [e.type for e in events(art)] == ["ACCUSE"]
    art = article("وهاجم مسلحون حاجزا قرب منزل أحمد سالم.", [AHMAD])
    assert all(e.type != "ACCUSE" for e in events(art))


def test_a_name_after_a_preposition_is_no_subject():
    art = article("وفي محاولة لإيقاف الزحف نحو دمشق فجر أحمد سالم جسرين في المدينة.", [AHMAD, DAMASCUS])
    evs = [e for e in events(art) if e.type == "ASSAULT"]
    assert evs and names(art, evs[0].source) == ["أحمد سالم"]


def test_a_medium_reports_and_does_not_act():
    art = article("وأفادت وكالة سانا بأن طفلا قتل وأصيب أربعة مدنيين في دمشق.", [("وكالة سانا", "ORG"), DAMASCUS])
    for ev in events(art):
        assert "وكالة سانا" not in names(art, ev.source)


def test_a_warning_of_a_danger_is_no_threat():
    art = article("وحذر أحمد سالم من وجود ثغرات في الاتفاق.", [AHMAD])
    assert [e for e in events(art) if e.type == "THREATEN"] == []
    art = article("وحذر أحمد سالم كريم ناصر من مغبة أي هجوم.", [AHMAD, KARIM])
    assert [e.type for e in events(art)] == ["THREATEN"]


def test_a_name_glued_to_l_is_still_an_object():
    sdf = ("قوات سوريا الديموقراطية", "ORG")
    art = article("وأشاد أحمد سالم بالدور الحاسم لقوات سوريا الديموقراطية في مكافحة الإرهاب.", [AHMAD, sdf])
    evs = [e for e in events(art) if e.type == "SUPPORT"]
    assert evs and names(art, evs[0].target) == ["قوات سوريا الديموقراطية"]


def test_a_list_of_actors_written_with_dashes_acts_together():
    groups = [("لواء الاسلام", "ORG"), ("جبهة النصرة", "ORG"), ("كتيبة التوحيد", "ORG")]
    art = article("وقال المرصد إن مقاتلين من لواء الاسلام - جبهة النصرة- كتيبة التوحيد، سيطروا على مستودعات الذخيرة.",
                  groups + [("المرصد", "ORG")])
    evs = [e for e in events(art) if e.type == "ASSAULT"]
    assert evs and set(names(art, evs[0].source)) == {"لواء الاسلام", "جبهة النصرة", "كتيبة التوحيد"}


def test_the_possessor_of_a_verbal_noun_acts_and_its_complement_is_the_object():
    army = ("الجيش العربي السوري", "ORG")
    art = article("وعبر الوفد عن انشغاله للوضع، مؤكدا مساندته للشعب والجيش العربي السوري.", [army])
    evs = [e for e in events(art) if e.type == "SUPPORT"]
    assert all("الجيش العربي السوري" not in names(art, e.source) for e in evs)


def test_searching_for_is_no_talks():
    art = article("وبحث أحمد سالم طويلا عن كريم ناصر لمعرفة موقفه.", [AHMAD, KARIM])
    assert [e for e in events(art) if e.type == "CONSULT"] == []


def test_a_country_in_a_list_of_actors_is_not_the_place():
    countries = [(n, "LOC", {"kind": "country", "iso2": c}) for n, c in
                 (("السعودية", "SA"), ("الإمارات", "AE"), ("البحرين", "BH"), ("دولة قطر", "QA"))]
    art = article("بعد إعلان عدد من الدول وهي السعودية و الإمارات و البحرين قطع العلاقات الدبلوماسية مع دولة قطر.",
                  countries)
    evs = [e for e in events(art) if e.type == "SANCTION"]
    assert evs and evs[0].location is None
    assert set(names(art, evs[0].source)) == {"السعودية", "الإمارات", "البحرين"}


def test_dawn_is_no_bombing_and_a_death_no_deportation():
    art = article("حضر أحمد سالم الجنازة فجر الخميس الماضي في القاهرة.", [AHMAD])
    assert [e for e in events(art) if e.type == "ASSAULT"] == []
    art = article("رحلت الممثلة منى خالد الثلاثاء عن عمر ناهز 97 عاما.", [("منى خالد", "PER")])
    assert events(art) == []


def test_one_killed_in_a_strike_is_the_victim():
    art = article("وقتل أحمد سالم في غارة على مدينة الرقة.", [AHMAD])
    evs = [e for e in events(art) if e.type == "ASSAULT"]
    assert evs and evs[0].source == [] and names(art, evs[0].target) == ["أحمد سالم"]


def test_a_topic_discussed_is_no_participant():
    art = article("ولطالما ناقش مراقبون مدى دستورية وجود أحمد سالم في الحكومة.", [AHMAD])
    for ev in events(art):
        assert "أحمد سالم" not in names(art, ev.target)


def test_a_relative_pronoun_s_antecedent_acts_alone():
    paris = ("باريس", "LOC", {"kind": "city", "iso2": "FR"})
    countries = [("فرنسا", "LOC", {"kind": "country", "iso2": "FR"}),
                 ("غينيا الاستوائية", "LOC", {"kind": "country", "iso2": "GQ"})]
    art = article("للنظر في الخلاف بين فرنسا وغينيا الاستوائية التي تتهم باريس بانتهاك الحصانة.", countries + [paris])
    evs = [e for e in events(art) if e.type == "ACCUSE"]
    assert evs and names(art, evs[0].source) == ["غينيا الاستوائية"]


def test_a_subject_right_after_the_verb_wins_over_a_name_clauses_before():
    houthis = ("الحوثيون", "ORG")
    saudi = ("السعودية", "LOC", {"kind": "country", "iso2": "SA"})
    art = article("كما أن السعودية عانت مرتين، فقد هاجم الحوثيون حدودها عام 2009.", [houthis, saudi])
    evs = [e for e in events(art) if e.type == "ASSAULT"]
    assert evs and names(art, evs[0].source) == ["الحوثيون"]


def test_militants_of_a_group_are_the_group():
    isis = ("داعش", "ORG")
    art = article("وهاجم مسلحون من داعش حاجزا للجيش قرب أحمد سالم.", [isis, AHMAD])
    evs = [e for e in events(art) if e.type == "ASSAULT"]
    assert evs and names(art, evs[0].source) == ["داعش"]


def test_a_speaker_is_not_the_actor_of_what_he_reports():
    art = article("وقال أحمد سالم إن اشتباكات مماثلة دارت بين الثوار والمتمردين شرق المدينة.", [AHMAD])
    assert all("أحمد سالم" not in names(art, e.source) for e in events(art))
    art = article("وأكد أحمد سالم أن بلاده ترفض التدخل الأجنبي.", [AHMAD])
    assert [names(art, e.source) for e in events(art) if e.type == "REJECT"] == [["أحمد سالم"]]


def test_figurative_bombs_and_aims_are_no_attacks():
    art = article("وفجر أحمد سالم، الذي ظهر على غلاف المجلة، مفاجأة كبرى.", [AHMAD])
    assert events(art) == []
    art = article("وتطلق وزارة التعليم برنامجا يستهدف المدارس التي يديرها أحمد سالم.", [AHMAD])
    assert events(art) == []


def test_a_name_deep_in_a_relative_clause_is_not_the_object():
    police = ("الشرطة", "ORG")
    art = article("واعتقلت الشرطة الممثلة في عام 2011 مع عدد من الفنانين الذين كانوا يستعدون للخروج "
                  "في مظاهرة ضد حكم الرئيس أحمد سالم.", [police, AHMAD])
    evs = [e for e in events(art) if e.type == "COERCE"]
    assert evs and names(art, evs[0].source) == ["الشرطة"] and evs[0].target == []
    # a comma closes the relative clause (its short subject owning the object: see above)
    art = article("واعتقلت الشرطة خلال الحملة التي لم يعلن عنها مسبقا، الناشط أحمد سالم.", [police, AHMAD])
    assert [names(art, e.target) for e in events(art) if e.type == "COERCE"] == [["أحمد سالم"]]


def test_declining_to_comment_is_no_rejection():
    company = ("شركة النور", "ORG")
    art = article("ورفضت منى خالد المتحدثة باسم شركة النور الخوض في مزيد من التفاصيل.", [("منى خالد", "PER"), company])
    assert [e for e in events(art) if e.type == "REJECT"] == []
    art = article("ورفض أحمد سالم التعليق على الاتهامات.", [AHMAD])
    assert [e for e in events(art) if e.type == "REJECT"] == []
    art = article("ورفض أحمد سالم طلب كريم ناصر.", [AHMAD, KARIM])
    assert [names(art, e.target) for e in events(art) if e.type == "REJECT"] == [["كريم ناصر"]]


def test_claiming_an_attack_names_its_author_and_joins_the_attack_told_before():
    taliban, army = ("طالبان", "ORG"), ("الجيش الأفغاني", "ORG")
    art = article("وأعلنت طالبان مسؤوليتها عن الهجوم على الحاجز.", [taliban])
    assert [names(art, e.source) for e in events(art) if e.type == "ASSAULT"] == [["طالبان"]]
    art = article("وقتل عشرة جنود في هجوم على حاجز يتبع الجيش الأفغاني.\nوأعلنت طالبان مسؤوليتها عن الهجوم.",
                  [taliban, army])
    evs = [e for e in events(art) if e.type == "ASSAULT"]
    assert len(evs) == 1 and names(art, evs[0].source) == ["طالبان"] and names(art, evs[0].target) == ["الجيش الأفغاني"]
    # an attack whose author is told is not another's
    art = article("وقصف الجيش الأفغاني مواقع في الجبال.\nوتبنت طالبان الهجوم على السوق.", [taliban, army])
    assert len([e for e in events(art) if e.type == "ASSAULT"]) == 2


def test_a_name_in_the_verbs_complement_clause_is_not_its_subject():
    art = article("وقال الحزب إنه وافق على أن يكون أحمد سالم مرشحه للرئاسة.", [AHMAD])
    assert all("أحمد سالم" not in names(art, e.source) for e in events(art))


def test_touring_an_exhibition_or_a_factory_is_no_meeting():
    expo = ("وطني بقلبي", "MISC")
    art = article("وقال أحمد سالم: تشرفت بزيارة معرض (وطني بقلبي) وتجولت في أجنحته.", [AHMAD, expo])
    assert [e for e in events(art) if e.type == "CONSULT"] == []
    art = article("وزار الوزير أحمد سالم مصنع الإسمنت في دمشق.", [AHMAD, DAMASCUS])
    assert [e for e in events(art) if e.type == "CONSULT"] == []
    art = article("وزار الوزير أحمد سالم دمشق والتقى كريم ناصر.", [AHMAD, KARIM, DAMASCUS])
    assert [e for e in events(art) if e.type == "CONSULT"]


def test_a_name_inside_an_open_relative_clause_is_not_coordinated_with_the_object():
    trump = ("دونالد ترامب", "PER")
    art = article("والتقى أحمد سالم كريم ناصر الأسبوع الماضي في دمشق، ما مهد للقمة التي ستجمع بين الطرفين "
                  "والرئيس دونالد ترامب.", [AHMAD, KARIM, DAMASCUS, trump])
    [ev] = [e for e in events(art) if e.type == "CONSULT"]
    assert names(art, ev.target) == ["كريم ناصر"]


def test_stopping_gunmen_or_a_boat_is_an_interception_not_an_objection():
    india = ("الهند", "LOC", {"kind": "country", "iso2": "IN"})
    art = article("وقال أحمد سالم إن الاشتباكات بدأت عندما اعترض الجنود عددا من المسلحين على الحدود مع الهند.",
                  [AHMAD, india])
    assert [e for e in events(art) if e.type == "REJECT"] == []
    art = article("واعترضت الهند على قرار أحمد سالم.", [AHMAD, india])
    assert [e.type for e in events(art)] == ["REJECT"]


@pytest.mark.parametrize("text, source, target", [
    pytest.param("قتل ستة أشخاص أمس في غارات شنتها الطائرات التركية ضد مواقع لحزب العمال الكردستاني.", "تركيا",
                 "حزب العمال الكردستاني", id="raids-against"),
    pytest.param("وقتل ثلاثة فلسطينيين من بينهم طفلة، في غارات مكثفة شنها سلاح الجو الإسرائيلي ليلا.", "إسرائيل",
                 "فلسطين", id="victims-named"),
])
def test_the_author_of_the_raids_the_dead_were_killed_in_is_the_attacker(text, source, target):
    turkish = ("التركية", "MISC", {"demonym_of": "تركيا", "iso2": "TR"})
    israeli = ("الإسرائيلي", "MISC", {"demonym_of": "إسرائيل", "iso2": "IL"})
    palestinians = ("فلسطينيين", "MISC", {"demonym_of": "فلسطين", "iso2": "PS"})
    pkk = ("حزب العمال الكردستاني", "ORG")
    present = [n for n in (turkish, israeli, palestinians, pkk) if n[0] in text]
    art = article(text, present)
    [ev] = [e for e in events(art) if e.type == "ASSAULT"]

    def actors(ids):        # a nationality word acts for its country
        return [art.entity(i).attrs.get("demonym_of") or art.entity(i).name for i in ids]
    assert actors(ev.source) == [source] and actors(ev.target) == [target]


def test_a_state_right_before_a_person_is_the_subject_unless_an_office_names_it():
    turkey = ("تركيا", "LOC", {"kind": "country", "iso2": "TR"})
    art = article("وتتهم تركيا أحمد سالم بدعم محاولة انقلاب.", [turkey, AHMAD])
    [ev] = [e for e in events(art) if e.type == "ACCUSE"]
    assert names(art, ev.source) == ["تركيا"] and names(art, ev.target) == ["أحمد سالم"]
    qatar = ("قطر", "LOC", {"kind": "country", "iso2": "QA"})
    art = article("واستقبل أمير قطر أحمد سالم كريم ناصر في الدوحة.", [qatar, AHMAD, KARIM])
    [ev] = [e for e in events(art) if e.type == "CONSULT"]
    assert "قطر" not in names(art, ev.source + ev.target)


def test_the_dead_of_fire_by_a_named_force_were_attacked_by_it():
    army = ("الجيش الإسرائيلي", "ORG")
    art = article("وقتل شابان وأصيب 250 آخرون من جراء رصاص الجيش الإسرائيلي.", [army])
    [ev] = [e for e in events(art) if e.type == "ASSAULT"]
    assert names(art, ev.source) == ["الجيش الإسرائيلي"]


def test_in_a_match_report_the_ball_reaching_a_player_is_no_visit():
    real, bayern, james = ("ريال مدريد", "ORG"), ("بايرن", "ORG"), ("رودريغيز", "PER")
    text = ("اقترب ريال مدريد من نهائي دوري أبطال أوروبا بعد انتصاره على بايرن في المباراة.\n"
            "وسجل المهاجم هدف المباراة في الشوط الأول بعد تمريرة من اللاعب في الملعب.\n"
            "لكن بايرن انطلق بهجمة وصلت إلى رودريغيز فمررها أمامية وسددها قوية.")
    art = article(text, [real, bayern, james])
    assert [e for e in events(art) if e.type == "CONSULT"] == []
    # a club's agreement with its coach in a sports story is no political agreement
    art = article(text + "\nووافق رودريغيز على تعيين مساعد له كمدرب للحراس.", [real, bayern, james])
    assert [e for e in events(art) if e.type == "AGREE"] == []


def test_one_side_going_over_a_topic_is_no_consultation():
    art = article("واستعرض أحمد سالم الخطة الجديدة للوزارة.", [AHMAD])
    assert [e for e in events(art) if e.type == "CONSULT"] == []
    art = article("واستعرض أحمد سالم مع كريم ناصر الخطة الجديدة.", [AHMAD, KARIM])
    assert [e.type for e in events(art)] == ["CONSULT"]


def test_they_is_not_the_one_person_the_story_is_about():
    art = article("التقى أحمد سالم كريم ناصر في دمشق.\nوأثار اللقاء ردودا واسعة بين السكان. ودعوا إلى الهدوء.",
                  [AHMAD, KARIM, DAMASCUS])
    assert [e for e in events(art) if e.type == "REQUEST"] == []


def test_the_company_an_unnamed_employee_works_for_is_no_participant():
    airline = ("شركة الخطوط السعودية", "ORG")
    art = article("رفض موظف بشركة الخطوط السعودية تسلم مبلغ 15 ألف ريال قدمه له مواطن.", [airline])
    assert events(art) == []


def test_a_meeting_told_as_a_circumstance_belongs_to_the_sentence_subject_and_its_own_place():
    isis = ("تنظيم داعش", "ORG")
    syria_north = ("شمال سوريا", "LOC", {"kind": "region", "iso2": "SY"})
    malaysia = ("ماليزيا", "LOC", {"kind": "country", "iso2": "MY"})
    art = article("أعلن الوزير أحمد سالم أن بلاده ستحارب تنظيم داعش في شمال سوريا، خلال لقاء مع نظيره كريم ناصر "
                  "في ماليزيا.\nوالتقى الوزيران في فندق على هامش قمة تستضيفها رابطة الدول.",
                  [AHMAD, KARIM, isis, syria_north, malaysia])
    [ev] = [e for e in events(art) if e.type == "CONSULT"]
    assert names(art, ev.source) == ["أحمد سالم"] and names(art, ev.target) == ["كريم ناصر"]
    assert art.entity(ev.location).name == "ماليزيا"


def test_gunmen_of_a_group_before_the_verb_are_the_group():
    pkk, gendarmes = ("حزب العمال الكردستاني", "ORG"), ("قوات الدرك", "ORG")
    art = article("وذكر تقرير أن مجموعة مسلحة من حزب العمال الكردستاني استهدفت ثلاثة جنود من قوات الدرك.",
                  [pkk, gendarmes])
    [ev] = [e for e in events(art) if e.type == "ASSAULT"]
    assert names(art, ev.source) == ["حزب العمال الكردستاني"] and names(art, ev.target) == ["قوات الدرك"]


def test_prices_reaching_a_stage_and_an_acre_are_no_events():
    art = article("وقال أحمد سالم إن أسعار الاستراحات وصلت إلى مرحلة من المبالغة. وبيع منزل على مساحة 6 فدان.", [AHMAD])
    assert events(art) == []


def test_words_that_only_look_like_events():
    saudi = ("السعودية", "LOC", {"kind": "country", "iso2": "SA"})
    riyadh_paper = ("جريدة الرياض", "ORG")
    art = article("وخير دليل على ذلك رفضه بشكل قاطع ما طرحته السعودية.", [saudi])
    assert [e for e in events(art) if e.type == "SANCTION"] == []
    art = article("واشتهر أحمد سالم بزاويته «لقاء» التي يكتبها يوميا في جريدة الرياض.", [AHMAD, riyadh_paper])
    assert [e for e in events(art) if e.type == "CONSULT"] == []
    moscow = ("موسكو", "LOC", {"kind": "city", "iso2": "RU"})
    art = article("وقال أحمد سالم إن موسكو تريد ضمانات بألا يقصف المسلحون المناطق السكنية.", [AHMAD, moscow])
    assert [e for e in events(art) if e.type == "ASSAULT"] == []


def test_names_in_a_statement_quoted_after_its_cue_take_no_part_in_the_verb_before_it():
    iraq_gov = ("الحكومة العراقية", "ORG")
    art = article('وقال أحمد سالم إن العملية ستتواصل. وتوعد قائلا "أبلغنا الحكومة العراقية أن عملية جديدة قادمة".',
                  [AHMAD, iraq_gov])
    art.quotes = find_quotes(art)       # (the quotes stage runs before the events')
    assert any(q.direct for q in art.quotes)
    assert all("الحكومة العراقية" not in names(art, e.source + e.target) for e in events(art))


def test_raids_of_a_named_air_force_are_its_attack_and_an_arm_of_a_group_is_no_object():
    coalition = ("التحالف العربي", "ORG")
    art = article("وأشارت وسائل إعلام أن غارات لطيران التحالف العربي استهدفت موكب القيادي في تعز.", [coalition])
    assert [names(art, e.source) for e in events(art) if e.type == "ASSAULT"] == [["التحالف العربي"]]
    nusra, qaeda = ("جبهة النصرة", "ORG"), ("تنظيم القاعدة", "ORG")
    art = article("خطفت جبهة النصرة ذراع تنظيم القاعدة في سوريا خمسة مقاتلين.", [nusra, qaeda])
    [ev] = [e for e in events(art) if e.type == "ASSAULT"]
    assert names(art, ev.source) == ["جبهة النصرة"] and ev.target == []


def test_his_meeting_with_a_named_partner_and_he_who_announced_it():
    gutt = ("أنطونيو غوتيريش", "PER")
    council = ("مجلس الأمن", "ORG")
    art = article("أعلن الوزير أحمد سالم عقب لقائه في نيويورك الأمين العام أنطونيو غوتيريش أنه طالب مجلس الأمن "
                  "بتحمل مسؤولياته.", [AHMAD, gutt, council])
    consult = [e for e in events(art) if e.type == "CONSULT"]
    request = [e for e in events(art) if e.type == "REQUEST"]
    assert [(names(art, e.source), names(art, e.target)) for e in consult] == [(["أحمد سالم"], ["أنطونيو غوتيريش"])]
    assert [names(art, e.source) for e in request] == [["أحمد سالم"]]


def test_the_newspaper_that_carried_an_interview_is_no_participant():
    paper, brothers = ("جريدة الشاهد", "ORG"), ("جماعة الإخوان", "ORG")
    art = article("واتهم أحمد سالم في حوار، نشرته جريدة الشاهد مساء الجمعة، جماعة الإخوان بأنها قادت الفوضى.",
                  [AHMAD, paper, brothers])
    [ev] = [e for e in events(art) if e.type == "ACCUSE"]
    assert names(art, ev.source) == ["أحمد سالم"] and names(art, ev.target) == ["جماعة الإخوان"]


def test_a_regime_with_a_nationality_is_its_state():
    usa = ("الولايات المتحدة", "LOC", {"kind": "country", "iso2": "US"})
    iranian = ("الإيراني", "MISC", {"demonym_of": "إيران", "iso2": "IR"})
    art = article("وقالت الولايات المتحدة إنها تدين الهجمات الصاروخية للنظام الإيراني على الجولان.", [usa, iranian])
    [ev] = [e for e in events(art) if e.type == "ACCUSE"]
    assert [art.entity(i).attrs.get("demonym_of") for i in ev.target] == ["إيران"]


def test_a_meeting_partner_is_not_sought_past_the_start_of_another_clause():
    ministry = ("وزارة الخارجية", "ORG")
    authorities = ("السلطات التونسية", "ORG")
    art = article("وأوضح النائب أنهم تمكنوا من لقاء عديد المسؤولين على مستوى وزارة الخارجية، وسيتم اطلاع السلطات "
                  "التونسية على النتائج.", [ministry, authorities])
    assert all("السلطات التونسية" not in names(art, e.source + e.target) for e in events(art))


def test_expelling_the_ambassador_names_the_expelled_after_it():
    saudi = ("السعودية", "LOC", {"kind": "country", "iso2": "SA"})
    art = article("وجمدت السعودية التعاملات التجارية، وطردت السفير أحمد سالم من الرياض.", [saudi, AHMAD])
    [ev] = [e for e in events(art) if e.type == "SANCTION"]
    assert names(art, ev.source) == ["السعودية"] and names(art, ev.target) == ["أحمد سالم"]


def test_welcomed_it_x_has_x_for_subject():
    israel = ("إسرائيل", "LOC", {"kind": "country", "iso2": "IL"})
    usa = ("الولايات المتحدة", "LOC", {"kind": "country", "iso2": "US"})
    art = article("وأعلن ترامب انسحاب الولايات المتحدة من الاتفاق في خطوة رحبت بها إسرائيل.", [usa, israel])
    [ev] = [e for e in events(art) if e.type == "SUPPORT"]
    assert names(art, ev.source) == ["إسرائيل"]


def test_one_killed_years_ago_in_a_relative_clause_is_no_attack_by_his_group():
    qaeda = ("القاعدة", "ORG")
    art = article("وشاهد خطب أحمد سالم، زعيم القاعدة في اليمن والذي قتل في عام 2011.", [AHMAD, qaeda])
    assert all("القاعدة" not in names(art, e.source) for e in events(art))


def test_the_unnamed_speaker_pronoun_leaves_the_name_after_the_verb_its_object():
    art = article("وأشارت القوات إلى أنها اعتقلت القيادي الميداني أحمد سالم في المدينة.", [AHMAD])
    [ev] = [e for e in events(art) if e.type == "COERCE"]
    assert ev.source == [] and names(art, ev.target) == ["أحمد سالم"]


def test_a_threatened_attack_is_no_attack():
    syria = ("سوريا", "LOC", {"kind": "country", "iso2": "SY"})
    art = article("وكان أحمد سالم قد توعد بشن هجوم على سوريا.", [AHMAD, syria])
    assert [e for e in events(art) if e.type == "ASSAULT"] == []


def test_a_verb_joined_after_a_comma_shares_the_sentence_subject():
    russia = ("روسيا", "LOC", {"kind": "country", "iso2": "RU"})
    syrian = ("السوري", "MISC", {"demonym_of": "سوريا", "iso2": "SY"})
    art = article("وكان أحمد سالم قد توعد بشن هجوم على النظام السوري، ودعا روسيا إلى الاستعداد للضربة.",
                  [AHMAD, syrian, russia])
    [ev] = [e for e in events(art) if e.type == "REQUEST"]
    assert names(art, ev.source) == ["أحمد سالم"] and names(art, ev.target) == ["روسيا"]
    art = article("قال الرئيس أحمد سالم إن كريم ناصر سيندم على قراره إذا انسحب من الاتفاق الذي وقعته "
                  "الدول الكبرى في 2015، وتوعد برد أقوى مما يتخيل.", [AHMAD, KARIM])
    assert [names(art, e.source) for e in events(art) if e.type == "THREATEN"] == [["أحمد سالم"]]


def test_a_masculine_verb_first_has_no_feminine_country_for_subject():
    russia = ("روسيا", "LOC", {"kind": "country", "iso2": "RU"})
    art = article("ودعا روسيا إلى الاستعداد للضربة.", [russia])
    assert all(e.source == [] for e in events(art))
    art = article("ودعت روسيا إلى الاستعداد للضربة.", [russia])
    assert [names(art, e.source) for e in events(art)] == [["روسيا"]]


def test_a_semicolon_ends_a_clause():
    community = ("المجتمع الدولي", "ORG")
    art = article("وانتشرت صور ضحايا القصف؛ أن المجتمع الدولي منافق.", [community])
    assert all("المجتمع الدولي" not in names(art, e.target) for e in events(art))


def test_who_launched_the_raids_before_them_is_the_attacker():
    coalition, houthis = ("التحالف العربي", "ORG"), ("الحوثيين", "ORG")
    art = article("وفي سياق آخر، شنت طائرات التحالف العربي خلال الساعات الماضية غارات على مواقع الحوثيين.",
                  [coalition, houthis])
    [ev] = [e for e in events(art) if e.type == "ASSAULT"]
    assert names(art, ev.source) == ["التحالف العربي"] and names(art, ev.target) == ["الحوثيين"]


def test_he_after_anna_is_the_subject_of_the_speech_verb_before_it():
    army = ("الجيش الإسرائيلي", "ORG")
    art = article("وعقب إعلان أحمد سالم انسحاب بلاده من الاتفاق، أعلن الجيش الإسرائيلي ليلا أنه استهدف "
                  "بغارات جوية عشرات المواقع في سوريا.", [AHMAD, army])
    assert [names(art, e.source) for e in events(art) if e.type == "ASSAULT"] == [["الجيش الإسرائيلي"]]


def test_the_venue_of_a_reception_is_no_participant():
    embassy = ("سفارة خادم الحرمين الشريفين", "ORG")
    rome = ("روما", "LOC", {"kind": "city", "iso2": "IT"})
    art = article("استقبل الوزير أحمد سالم، اليوم بمقر سفارة خادم الحرمين الشريفين في روما، المستشار كريم ناصر.",
                  [AHMAD, embassy, rome, KARIM])
    [ev] = [e for e in events(art) if e.type == "CONSULT"]
    assert "سفارة خادم الحرمين الشريفين" not in names(art, ev.source + ev.target)


def test_what_one_has_done_before_is_background():
    art = article("وسبق لأحمد سالم أن التقى كريم ناصر مرتين.", [AHMAD, KARIM])
    assert events(art) == []


def test_the_object_after_a_time_word_is_no_co_subject():
    iran_auth = ("السلطات الإيرانية", "ORG")
    police = ("الشرطة البريطانية", "ORG")
    art = article("اتهمت السلطات الإيرانية، السبت، الحكومة والشرطة البريطانية بالتقصير في حماية السفارة.",
                  [iran_auth, police])
    [ev] = [e for e in events(art) if e.type == "ACCUSE"]
    assert names(art, ev.source) == ["السلطات الإيرانية"]
    isis, nusra, ypg = ("الدولة الإسلامية", "ORG"), ("جبهة النصرة", "ORG"), ("وحدات حماية الشعب", "ORG")
    art = article('ودارت اشتباكات بين وحدات حماية الشعب، ومقاتلي "الدولة الإسلامية في العراق والشام" وجبهة النصرة.',
                  [isis, nusra, ypg])
    [ev] = [e for e in events(art) if e.type == "ASSAULT"]
    assert set(names(art, ev.source)) >= {"الدولة الإسلامية", "جبهة النصرة"}


def test_a_place_inside_an_office_set_after_a_name_is_not_where_the_meeting_is():
    guest = ("محمد خالد", "PER")
    uae = ("دولة الإمارات", "LOC", {"kind": "country", "iso2": "AE"})
    art = article("استقبل الرئيس أحمد سالم، الجمعة، الشيخ محمد خالد، ولي عهد أبوظبي نائب القائد الأعلى للقوات "
                  "المسلحة في دولة الإمارات، في القصر الرئاسي.", [AHMAD, guest, uae])
    [ev] = [e for e in events(art) if e.type == "CONSULT"]
    assert ev.location is None
    art = article("التقى أحمد سالم، في دمشق، كريم ناصر.", [AHMAD, KARIM, DAMASCUS])
    [ev] = [e for e in events(art) if e.type == "CONSULT"]
    assert art.entity(ev.location).name == "دمشق"


def test_if_need_be_is_no_request():
    art = article("وأضاف أحمد سالم أنه سيتم تمديد اجتماع دمشق يوما إضافيا إذا ما دعت الضرورة لذلك.", [AHMAD, DAMASCUS])
    assert [e for e in events(art) if e.type == "REQUEST"] == []


def test_the_words_after_a_participle_of_speech_hold_no_object_of_the_verb_before():
    gov, party = ("الحكومة السودانية", "ORG"), ("حزب المؤتمر الوطني", "ORG")
    art = article("توعدت الحكومة السودانية بتطبيق القانون بحسم في مواجهة كل من يثير الفتن، مؤكدة أن الدولة "
                  "وحزب المؤتمر الوطني ماضيان في برنامجهما.", [gov, party])
    [ev] = [e for e in events(art) if e.type == "THREATEN"]
    assert names(art, ev.source) == ["الحكومة السودانية"] and ev.target == []


def test_the_head_of_a_received_delegation_and_his_companion_are_the_visitors():
    art = article("واستقبلت الولاية وفدا مركزيا برئاسة الوزير أحمد سالم، يرافقه وزير الدولة كريم ناصر وممثلون "
                  "من الوزارات.", [AHMAD, KARIM])
    [ev] = [e for e in events(art) if e.type == "CONSULT"]
    assert names(art, ev.source) == ["أحمد سالم", "كريم ناصر"] and ev.target == []


def test_the_audience_of_a_speech_is_not_its_object():
    congress = ("الكونغرس", "ORG")
    art = article("انتقد أحمد سالم القومية والانعزالية، وذلك في كلمة له أمام مجلسي الكونغرس الأربعاء.", [AHMAD, congress])
    [ev] = [e for e in events(art) if e.type == "ACCUSE"]
    assert names(art, ev.source) == ["أحمد سالم"] and ev.target == []


def test_a_comma_closes_the_phrase_of_an_event_noun():
    art = article("وفيما بدا أنه هجوم مقنع على الحكومة، انتقد أحمد سالم القومية.", [AHMAD])
    assert [e for e in events(art) if e.type == "ASSAULT"] == []
    art = article("وفي أعقاب محادثات مع الجانب الإيراني، استقبل الرئيس أحمد سالم الوزير كريم ناصر.", [AHMAD, KARIM])
    assert not any(e.mode != "visit" and names(art, e.target) == ["أحمد سالم"] for e in events(art))
    # an apposition after the comma still names the partner
    art = article("عقد أحمد سالم محادثات مع نظيره، الرئيس كريم ناصر، في دمشق.", [AHMAD, KARIM, DAMASCUS])
    [ev] = [e for e in events(art) if e.type == "CONSULT"]
    assert names(art, ev.source) == ["أحمد سالم"] and names(art, ev.target) == ["كريم ناصر"]


def test_declining_to_be_named_and_according_to_are_no_part_of_the_event():
    afp = ("وكالة الأنباء الفرنسية", "ORG")
    art = article("وقال مصدر محلي رفض كشف اسمه لوكالة الأنباء الفرنسية إن المخطوفين في البادية.", [afp])
    assert [e for e in events(art) if e.type == "REJECT"] == []
    art = article("وتمكن التنظيم وفق أحمد سالم من خطف دفعة أولى من المدنيين من منازلهم.", [AHMAD])
    assert not any("أحمد سالم" in names(art, e.source) for e in events(art))


def test_a_past_meeting_told_with_kana_is_background():
    art = article("وكان أحمد سالم التقى كريم ناصر في دمشق في آب الماضي.", [AHMAD, KARIM, DAMASCUS])
    assert events(art) == []
    art = article("والتقى أحمد سالم كريم ناصر في دمشق.", [AHMAD, KARIM, DAMASCUS])
    assert [e.type for e in events(art)] == ["CONSULT"]


def test_the_subject_of_the_main_clause_holds_a_meeting_told_at_the_head_of_the_sentence():
    art = article("وخلال لقائه مع الوزير كريم ناصر، أكد رئيس الوزراء أحمد سالم السبت عدم التهاون.", [AHMAD, KARIM])
    [ev] = [e for e in events(art) if e.type == "CONSULT"]
    assert names(art, ev.source) == ["أحمد سالم"] and names(art, ev.target) == ["كريم ناصر"]
    art = article("وخلال زيارة إلى المديرية العامة، أكد رئيس الوزراء أحمد سالم عدم التهاون.", [AHMAD])
    [ev] = [e for e in events(art) if e.type == "CONSULT"]
    assert names(art, ev.source) == ["أحمد سالم"]


def test_an_adjunct_opened_by_wadhalika_holds_no_object():
    unsc = ("مجلس الأمن الدولي", "ORG")
    art = article("وقال أحمد سالم إن القصف استهدف الغوطة الشرقية، الجمعة، وذلك قبل تصويت في مجلس الأمن الدولي.", [AHMAD, unsc])
    assert not any("مجلس الأمن الدولي" in names(art, e.target) for e in events(art))


def test_those_counted_before_a_kill_verb_were_killed():
    libya = ("ليبيين", "MISC", {"how": "demonym", "iso2": "LY", "demonym_of": "ليبيا"})
    isis = ("تنظيم الدولة الإسلامية", "ORG")
    art = article("قال مسؤولون إن سبعة جنود ليبيين قتلوا اليوم الجمعة عندما اقتحم متشددون من تنظيم الدولة الإسلامية "
                  "نقطة تفتيش.", [libya, isis])
    assert not any(names(art, e.source) == ["ليبيين"] for e in events(art) if e.type == "ASSAULT")


def test_a_town_after_an_attack_word_is_what_is_hit():
    art = article("وكرر المبعوث الخاص إلى سوريا أحمد سالم، الجمعة، دعوته لوقف القصف المروع للغوطة الشرقية المحاصرة "
                  "وقصف دمشق بقذائف مورتر دون تمييز.", [AHMAD, DAMASCUS])
    assert not any("دمشق" in names(art, e.source) for e in events(art))


def test_possible_attacks_are_no_attacks_and_a_neighbour_is_no_object():
    israel = ("إسرائيل", "LOC", {"kind": "country", "iso2": "IL"})
    art = article('وأضاف أن الجيش يواصل قصف مواقع المتشددين لإحباط "هجمات محتملة" على نقاط تفتيش أمنية في الشيخ زويد '
                  "وفي مدينة العريش عاصمة المحافظة المتاخمة لإسرائيل.",
                  [israel, ("مدينة العريش", "LOC"), ("الشيخ زويد", "LOC", {"kind": "city", "iso2": "EG"})])
    assert not any("إسرائيل" in names(art, e.target) for e in events(art))
    assert all(e.trigger is None or "هجمات" not in art.text[e.trigger.start:e.trigger.end] for e in events(art))


def test_a_trigger_read_inside_a_person_s_name_is_none():
    faisal = ("فيصل بن سلمان", "PER")
    art = article("أعرب الأمير فيصل بن سلمان عن شكره للوزير أحمد سالم على الجهود الملموسة.", [faisal, AHMAD])
    assert [e for e in events(art) if e.type == "CONSULT"] == []


def test_the_name_after_a_relative_verb_with_a_resumptive_pronoun_is_its_subject():
    unsc = ("مجلس الأمن الدولي", "ORG")
    art = article("وقال أحمد سالم إن وقف إطلاق النار، الذي دعا إليه مجلس الأمن الدولي، سيبدأ قريبا.", [AHMAD, unsc])
    [ev] = [e for e in events(art) if e.type == "REQUEST"]
    assert names(art, ev.source) == ["مجلس الأمن الدولي"] and ev.target == []


def test_who_leads_or_backs_a_party_is_neither_the_object_nor_the_place():
    coalition = ("التحالف الدولي", "ORG")
    usa = ("الولايات المتحدة", "LOC", {"kind": "country", "iso2": "US"})
    art = article("استهدف التحالف الدولي الذي تقوده الولايات المتحدة فجر الخميس مواقع عسكرية حكومية.", [coalition, usa])
    [ev] = [e for e in events(art) if e.type == "ASSAULT"]
    assert names(art, ev.source) == ["التحالف الدولي"] and ev.target == []
    houthi = ("ميليشيا الحوثي", "ORG")
    iran = ("إيران", "LOC", {"kind": "country", "iso2": "IR"})
    yemen = ("اليمن", "LOC", {"kind": "country", "iso2": "YE"})
    art = article("هاجمت ميليشيا الحوثي المدعومة من إيران في اليمن ناقلة نفط سعودية.", [houthi, iran, yemen])
    [ev] = [e for e in events(art) if e.type == "ASSAULT"]
    assert art.entity(ev.location).name == "اليمن" and ev.target == []


def test_what_everyone_agrees_on_is_no_agreement_but_what_a_party_denied_is_a_denial():
    art = article("لكن ما يتفق عليه أحمد سالم وكريم ناصر هو أن البلد ليس مهما.", [AHMAD, KARIM])
    assert [e for e in events(art) if e.type == "AGREE"] == []
    army = ("جيش الإسلام", "ORG")
    art = article("وقالت وسائل إعلام إن ستة مدنيين قتلوا أثناء القصف، وهو ما نفى جيش الإسلام مسؤوليته عنه.", [army])
    assert [names(art, e.source) for e in events(art) if e.type == "REJECT"] == [["جيش الإسلام"]]


def test_reaching_two_conclusions_is_no_arrival():
    art = article("ووصل أحمد سالم إلى نتيجتين ممكنتين بعد دراسة الانتخابات.", [AHMAD])
    assert events(art) == []


def test_the_organisation_in_a_visitor_s_office_is_not_the_visitor():
    sasor = ("الهيئة السعودية للمواصفات والمقاييس والجودة", "ORG")
    art = article("استقبل الأمير أحمد سالم أمس محافظ الهيئة السعودية للمواصفات والمقاييس والجودة الدكتور كريم ناصر.",
                  [AHMAD, sasor, KARIM])
    [ev] = [e for e in events(art) if e.type == "CONSULT"]
    assert names(art, ev.source) == ["كريم ناصر"] and names(art, ev.target) == ["أحمد سالم"]


def test_an_ambush_set_by_a_group_is_its_attack_on_those_killed():
    houthis = ("الحوثيون", "ORG")
    sudan = ("السودانيين", "MISC", {"how": "demonym", "iso2": "SD", "demonym_of": "السودان"})
    art = article("قالت مصادر عسكرية إن عشرات الجنود السودانيين قتلوا في كمين نصبه الحوثيون قرب مدينة ميدي.",
                  [houthis, sudan])
    [ev] = [e for e in events(art) if e.type == "ASSAULT"]
    assert names(art, ev.source) == ["الحوثيون"] and names(art, ev.target) == ["السودانيين"]


def test_the_subject_of_a_relative_clause_before_a_verb_is_not_its_subject():
    nk = ("كوريا الشمالية", "LOC", {"kind": "country", "iso2": "KP"})
    us = ("الولايات المتحدة", "LOC", {"kind": "country", "iso2": "US"})
    washington = ("واشنطن", "LOC", {"kind": "city", "iso2": "US"})
    art = article("ودانت كوريا الشمالية أحدث جولة من العقوبات، التي فرضتها الولايات المتحدة واتهمت واشنطن بمحاولة "
                  "تقويض التحسن.", [nk, us, washington])
    assert not any("الولايات المتحدة" in names(art, e.source) for e in events(art) if e.type == "ACCUSE")


def test_the_object_of_a_relative_clause_after_the_subject_is_not_the_object():
    russia = ("روسيا", "LOC", {"kind": "country", "iso2": "RU"})
    gov = ("الحكومة السورية", "ORG")
    art = article("ورفضت روسيا التي تدعم الحكومة السورية خطة وقف إطلاق النار في المجلس.", [russia, gov])
    [ev] = [e for e in events(art) if e.type == "REJECT"]
    assert names(art, ev.source) == ["روسيا"] and ev.target == []


def test_a_new_clause_after_a_comma_holds_no_object_of_the_verb_before():
    pentagon, assad = ("البنتاغون", "ORG"), ("بشار الأسد", "PER")
    art = article("كتبت الصحيفة إن البنتاغون يشيد بالضربات في سوريا، وترى الصحيفة أن الضربة لن تضعف بشار الأسد.",
                  [pentagon, assad])
    assert not any("بشار الأسد" in names(art, e.target) for e in events(art) if e.type == "SUPPORT")


def test_a_reporter_named_in_an_attribution_takes_no_part():
    reporter = ("عساف عبود", "PER")
    art = article("وقد استهدف القصف الصاروخي - بحسب ما يقوله مراسلنا في دمشق عساف عبود - مواقع المعارضة المسلحة.",
                  [reporter, DAMASCUS])
    assert not any("عساف عبود" in names(art, e.source + e.target) for e in events(art))


def test_a_denied_agreement_is_none_and_an_attempt_to_kill_has_its_victim_after_it():
    junta = ("المجموعة العسكرية", "ORG")
    art = article("ونفت المجموعة العسكرية الحاكمة أن تكون اتفقت مع أحمد سالم لتنظيم هربها.", [junta, AHMAD])
    assert [e.type for e in events(art)] == ["REJECT"]
    art = article("واستخدم غاز الأعصاب في محاولة قتل الجاسوس السابق أحمد سالم.", [AHMAD])
    [ev] = [e for e in events(art) if e.type == "ASSAULT"]
    assert ev.source == [] and names(art, ev.target) == ["أحمد سالم"]


def test_snatching_a_win_visiting_the_wounded_and_those_who_were_killed():
    schalke, sporting = ("شالكة", "ORG"), ("سبورتينج لشبونة", "ORG")
    art = article("وفي المواجهة الأخرى، خطف شالكة فوزاً متأخراً من ضيفه سبورتينج لشبونة.", [schalke, sporting])
    assert events(art) == []
    forces = ("قوات الطوارئ الخاصة", "ORG")
    art = article("كما زار الأمير أحمد سالم أمير منطقة عسير المصابين من منسوبي قوات الطوارئ الخاصة.", [AHMAD, forces])
    assert [e for e in events(art) if e.type == "CONSULT"] == []
    us = ("الأمريكيين", "MISC", {"how": "demonym", "iso2": "US", "demonym_of": "الولايات المتحدة"})
    congress = ("الكونغرس", "ORG")
    art = article("وستخرج النتائج على أسر الجنود الأمريكيين الذين قتلوا وأعضاء الكونغرس.", [us, congress])
    [ev] = [e for e in events(art) if e.type == "ASSAULT"]
    assert ev.source == [] and names(art, ev.target) == ["الأمريكيين"]


def test_a_passive_kill_and_an_attack_by_a_force_with_an_adjective_between():
    houthi = ("عبدالله الحوثي", "PER")
    coalition = ("قوات التحالف", "ORG")
    saada = ("صعدة", "LOC", {"kind": "city", "iso2": "YE"})
    art = article("وشهد أغسطس سقوط عدد من القياديين، إذ في الثالث منه قتل، العقيد عبدالله الحوثي، في قصف مدفعي "
                  "لقوات التحالف في صعدة.", [houthi, coalition, saada])
    [ev] = [e for e in events(art) if e.type == "ASSAULT"]
    assert names(art, ev.source) == ["قوات التحالف"] and names(art, ev.target) == ["عبدالله الحوثي"]
    art = article("وأكد أحمد سالم أن الميليشيات منيت بانكسار كبير إذ قتل في صفوفها أكثر من تسعين عنصرا.", [AHMAD])
    assert not any(e.source for e in events(art) if e.type == "ASSAULT")


def test_in_it_after_a_verb_leaves_the_name_after_it_the_subject():
    pal = ("الفلسطينيون", "MISC", {"how": "demonym", "iso2": "PS", "demonym_of": "فلسطين"})
    art = article("وتشهد المناطق الحدودية منذ أواخر مارس مظاهرات احتجاجية يطالب فيها الفلسطينيون برفع الحصار.", [pal])
    [ev] = [e for e in events(art) if e.type == "REQUEST"]
    assert names(art, ev.source) == ["الفلسطينيون"]


def test_la_before_a_place_is_a_visit_s_destination_only():
    tel_aviv = ("تل أبيب", "LOC", {"kind": "city", "iso2": "IL"})
    army = ("جيش الاحتلال", "ORG")
    art = article("وقتل جيش الاحتلال نحو 200 فلسطيني، الأمر الذي أدى إلى انتقادات دولية واسعة لتل أبيب.", [army, tel_aviv])
    [ev] = [e for e in events(art) if e.type == "ASSAULT"]
    assert ev.location is None
    art = article("وتساءل الكاتب عن زيارة أحمد سالم المفاجئة لدمشق.", [AHMAD, DAMASCUS])
    [ev] = [e for e in events(art) if e.type == "CONSULT"]
    assert art.entity(ev.location).name == "دمشق"


def test_opening_an_inquiry_is_no_movement_and_a_voice_is_no_object():
    icc = ("المحكمة الجنائية الدولية", "ORG")
    art = extract_like('دعا وزير الخارجية أحمد سالم الثلاثاء المحكمة الجنائية الدولية إلى فتح "تحقيق فوري" في جرائم حرب.')
    assert "فتح" not in [e.name for e in art.entities]
    iran = ("إيران", "LOC", {"kind": "country", "iso2": "IR"})
    art = article("واحتجت إيران على لسان نائب وزيرها للخارجية أحمد سالم إلى السفير البريطاني.", [iran, AHMAD])
    [ev] = [e for e in events(art) if e.type == "PROTEST"]
    assert names(art, ev.source) == ["إيران"] and ev.target == []


def test_an_agent_after_a_quote_mark_and_the_object_of_a_plural_verb():
    army = ("جيش الاحتلال المجرم", "ORG")
    art = article('ونعى أحمد سالم الشابة، وقال إنها قتلت "برصاص جيش الاحتلال المجرم الذي استهدف نقطة العلاج".',
                  [AHMAD, army])
    [ev] = [e for e in events(art) if e.type == "ASSAULT"]
    assert names(art, ev.source) == ["جيش الاحتلال المجرم"] and ev.target == []
    hamas = ("حماس", "ORG")
    art = article("وشيع الآلاف المسعفة، كما طالبوا في هتافاتهم حماس بالثأر لدمائها.", [hamas])
    [ev] = [e for e in events(art) if e.type == "REQUEST"]
    assert ev.source == [] and names(art, ev.target) == ["حماس"]


def test_a_visit_asked_for_is_no_visit():
    icrc = ("اللجنة الدولية للصليب الأحمر", "ORG")
    art = article("وطالب أحمد سالم المنظمات وفي مقدمتها اللجنة الدولية للصليب الأحمر بزيارة جميع السجون.", [AHMAD, icrc])
    assert [e.type for e in events(art)] == ["REQUEST"]


def test_a_verb_alike_in_the_passive_before_fi_has_no_doer_and_an_accusative_after_fihi_is_the_object():
    art = article("وذكر البيان أن أحمد سالم استهدف في شمال العراق بغارة.", [AHMAD])
    assert not any("أحمد سالم" in names(art, e.source) for e in events(art))
    egyptians = ("المصريين", "MISC", {"how": "demonym", "iso2": "EG", "demonym_of": "مصر"})
    art = article("ونشرت منى مقطع فيديو على فيس بوك تتهم فيه المصريين بالتحرش.", [egyptians])
    assert not any("المصريين" in names(art, e.source) for e in events(art))


def test_backers_leaders_and_owners_of_targets_are_no_subjects_and_a_feminine_verb_no_masculine_body():
    russia = ("روسيا", "LOC", {"kind": "country", "iso2": "RU"})
    iran = ("إيران", "LOC", {"kind": "country", "iso2": "IR"})
    art = article("وتقول قوات الأسد، المدعومة من روسيا وإيران، إنها تستهدف جماعات إرهابية تقصف العاصمة.", [russia, iran])
    assert not any(set(names(art, e.source)) & {"روسيا", "إيران"} for e in events(art))
    coalition = ("التحالف الدولي", "ORG")
    us = ("الولايات المتحدة", "LOC", {"kind": "country", "iso2": "US"})
    art = article("لكن وسائل الإعلام الرسمية السورية اتهمت التحالف الدولي، بقيادة الولايات المتحدة، بتنفيذ الضربة.",
                  [coalition, us])
    [ev] = [e for e in events(art) if e.type == "ACCUSE"]
    assert ev.source == [] and names(art, ev.target) == ["التحالف الدولي"]
    hezbollah = ("حزب الله اللبناني", "ORG")
    art = article("وذكر أحمد سالم أن الضربة استهدفت مواقع ونقاط لميلشيات حزب الله اللبناني ومليشيات أخرى.",
                  [AHMAD, hezbollah])
    assert not any("حزب الله اللبناني" in names(art, e.source) for e in events(art))


def test_a_name_made_of_marks_only_after_a_verb_breaks_nothing():
    marks = ("\u064b\u0640\u064c", "ORG")
    art = article("واتهمت \u064b\u0640\u064c الحكومة بالتقصير.", [marks])
    assert isinstance(events(art), list)


def test_those_who_attended_a_reception_are_listed_and_the_guests_countrymen_sit_with_him():
    guest = ("حمد بن علي العطية", "PER")
    aide = ("محمد العايش", "PER")
    chief = ("عبدالرحمن البنيان", "PER")
    inspector = ("ثامر المحشادي", "PER")
    staff = ("هيئة الأركان العامة", "ORG")
    forces = ("للقوات المسلحة", "ORG")
    qatar = ("دولة قطر", "LOC", {"kind": "country", "iso2": "QA"})
    text = ("استقبل الأمير محمد بن سلمان في جدة اليوم وزير الدولة لشئون الدفاع بدولة قطر حمد بن علي العطية. "
            "حضر الاستقبال معالي مساعد وزير الدفاع الأستاذ محمد العايش ومعالي رئيس هيئة الأركان العامة "
            "الفريق أول ركن عبدالرحمن البنيان، والمفتش العام للقوات المسلحة بدولة قطر اللواء ثامر المحشادي.")
    names_ = [guest, aide, chief, inspector, staff, forces, qatar, ("محمد بن سلمان", "PER"), ("جدة", "LOC", CITY_SY)]
    art = article(text, names_)
    guest_m = next(m for m in art.mentions if text[m.start:m.end] == "حمد بن علي العطية")
    guest_m.attrs["title"] = Span(text.index("وزير الدولة"), text.index(" حمد"), "TITLE")
    art.entities = resolve_entities(art)
    [ev] = [e for e in events(art) if e.type == "CONSULT"]
    assert names(art, ev.source) == ["حمد بن علي العطية", "ثامر المحشادي"]
    assert names(art, ev.target) == ["محمد بن سلمان", "محمد العايش", "عبدالرحمن البنيان"]


def test_an_unnamed_doer_goes_on_doing_and_one_who_describes_is_no_object():
    police = ("قوات الأمن الفرنسية", "ORG")
    authorities = ("السلطات الفرنسية", "ORG")
    text = ("واحتجز مسلح رهائن في متجر، في حادث وصفته السلطات الفرنسية بأنه «هجوم إرهابي» على المدنيين الآمنين في البلدة، فيما قتلت قوات الأمن الفرنسية "
            "المسلح. وقتل منفذ الهجوم شخصا واحدا برصاصة في الرأس لدى سرقته لسيارة في مدينة قريبة من البلدة "
            "ثم أطلق النار على أفراد من الشرطة.")
    art = article(text, [police, authorities])
    evs = events(art)
    assert not any("السلطات الفرنسية" in names(art, e.target) for e in evs)
    assert [names(art, e.source) for e in evs if e.type == "ASSAULT"] == [["قوات الأمن الفرنسية"]]


@pytest.mark.parametrize("text, guest, host", [
    ("وكان في استقبال أحمد سالم بساحل حلي، شيخ القبائل، الشيخ كريم ناصر، الذي رحب به.", ["أحمد سالم"], ["كريم ناصر"]),
    ("وكان في استقباله لدى وصوله مطار دمشق الشيخ كريم ناصر.", [], ["كريم ناصر"]),
])
def test_the_one_received_right_after_kana_fi_istiqbal_is_the_guest(text, guest, host):
    art = article("وصل أحمد سالم إلى دمشق اليوم في زيارة رسمية. " + text, [AHMAD, KARIM, DAMASCUS])
    [ev] = [e for e in events(art) if e.type == "CONSULT"]
    assert names(art, ev.target) == host and set(guest) <= set(names(art, ev.source))


def test_an_arrival_named_after_the_office_of_a_country_and_a_capital_after_its_nationality():
    saudi = ("المملكة العربية السعودية", "LOC", {"kind": "country", "iso2": "SA"})
    cairo = ("القاهرة", "LOC", {"kind": "city", "iso2": "EG", "how": "gazetteer"})
    text = ("وصل ولي عهد المملكة العربية السعودية، الأمير أحمد سالم، الأحد، إلى العاصمة المصرية، القاهرة، "
            "حيث كان في استقباله الرئيس المصري، كريم ناصر.")
    art = article(text, [saudi, cairo, AHMAD, KARIM])
    [ev] = [e for e in events(art) if e.type == "CONSULT"]
    assert names(art, ev.source) == ["أحمد سالم"] and names(art, ev.target) == ["كريم ناصر"]
    assert art.entity(ev.location).name == "القاهرة"


def test_a_subject_after_its_office_set_off_by_a_comma_and_its_object_past_the_time():
    abu_dhabi = ("أبوظبي", "LOC", {"kind": "city", "iso2": "AE", "how": "gazetteer"})
    text = ("التقى ولي عهد أبوظبي نائب القائد الأعلى للقوات المسلحة، الشيخ أحمد سالم، مساء الجمعة، "
            "وزير الدفاع الأميركي كريم ناصر في العاصمة.")
    art = article(text, [abu_dhabi, AHMAD, KARIM])
    [ev] = [e for e in events(art) if e.type == "CONSULT"]
    assert names(art, ev.source) == ["أحمد سالم"] and names(art, ev.target) == ["كريم ناصر"]


def test_a_name_with_its_title_in_a_relative_clause_and_a_medium_told_are_no_objects():
    hariri = ("سعد الحريري", "PER")
    text = ("والتقى أحمد سالم أمس في مطار الرياض على خلفية الأزمة التي رافقت إعلان "
            "رئيس الوزراء اللبناني سعد الحريري استقالته.")
    art = article(text, [AHMAD, hariri])
    assert not any("سعد الحريري" in names(art, e.target) for e in events(art))
    afp = ("وكالة الصحافة الفرنسية", "ORG")
    for text in ("وحذر أحمد سالم، لوكالة الصحافة الفرنسية، من أن الرئيس هدف ثمين.",
                 "وحذّر الخبير في شؤون الأمن المقيم في نيروبي، أحمد سالم، لوكالة الصحافة الفرنسية، من أن الرئيس هدف ثمين."):
        art = article(text, [AHMAD, afp])
        assert [(names(art, e.source), names(art, e.target)) for e in events(art)] == [(["أحمد سالم"], [])]


def test_an_office_after_the_verb_is_the_one_named_earlier_with_it():
    ministry = ("وزارة الخارجية", "ORG")
    american = ("الأميركي", "MISC", {"how": "demonym", "demonym_of": "الولايات المتحدة", "iso2": "US"})
    text = "وحضر الرئيس الأميركي أحمد سالم المراسم أمس. وثمن الرئيس الأميركي الدور الذي يقوم به فريق وزارة الخارجية."
    art = article(text, [AHMAD, ministry, american])     # (a nationality inside the office does not stop it)
    ahmad = next(m for m in art.mentions if text[m.start:m.end] == "أحمد سالم")
    ahmad.attrs["title"] = Span(text.index("الرئيس"), ahmad.start - 1, "TITLE")
    art.entities = resolve_entities(art)
    [ev] = [e for e in events(art) if e.type == "SUPPORT"]
    assert names(art, ev.source) == ["أحمد سالم"]


def test_a_comma_and_a_verb_end_a_list_and_a_centre_visited_is_no_visitor():
    director = ("مدير عام السجون", "PER")
    text = ("استقبل مدير السجون أحمد سالم مستشار الوزير كريم ناصر والوفد المصاحب له، و نقل مدير عام السجون "
            "ترحيب الوزير.")
    art = article(text, [AHMAD, KARIM, director])
    director_m = next(m for m in art.mentions if m.label == "PER" and text[m.start:m.end] == "مدير عام السجون")
    ahmad = next(e for e in art.entities if e.name == "أحمد سالم")
    ahmad.mentions.append(director_m)       # (as coreference reads the office named again)
    art.entities = [e for e in art.entities if e.name != "مدير عام السجون"]
    [ev] = [e for e in events(art) if e.type == "CONSULT"]
    assert names(art, ev.source) == ["كريم ناصر"] and names(art, ev.target) == ["أحمد سالم"]
    centre = ("مركز تطوير القدرات", "ORG")
    art = article("وتمت على هامش الزيارة زيارة مركز تطوير القدرات يوم الاثنين.", [centre])
    assert all(names(art, e.source) == [] for e in events(art) if e.type == "CONSULT")


def test_the_visitor_between_qama_and_bi_ziyara_is_the_person_not_the_country_of_his_office():
    bosnia = ("جمهورية البوسنة والهرسك", "LOC", {"kind": "country", "iso2": "BA"})
    university = ("جامعة نايف العربية", "ORG")
    text = "قام سفير جمهورية البوسنة والهرسك لدى المملكة أحمد سالم، بزيارة لجامعة نايف العربية أمس."
    art = article(text, [bosnia, AHMAD, university])
    [ev] = [e for e in events(art) if e.type == "CONSULT"]
    assert names(art, ev.source) == ["أحمد سالم"] and names(art, ev.target) == ["جامعة نايف العربية"]


def test_who_attacks_in_words_has_an_object_a_topic_is_none_and_a_paper_written_in_is_no_subject():
    art = article("وهاجمت أحمد سالم كريم ناصر في تلك الفترة ووصفته بأنه رجل استعراضي.", [AHMAD, KARIM])
    [ev] = [e for e in events(art) if e.type == "ACCUSE"]
    assert names(art, ev.source) == ["أحمد سالم"] and names(art, ev.target) == ["كريم ناصر"]
    israel = ("إسرائيل", "LOC", {"kind": "country", "iso2": "IL"})
    army = ("الجيش السوري", "ORG")
    art = article("نفى الجيش السوري، مساء السبت، الأنباء التي تداولتها وسائل إعلام حول استهداف إسرائيل للمطار.",
                  [army, israel])
    assert not any("إسرائيل" in names(art, e.target) for e in events(art))
    post = ("واشنطن بوست", "ORG")
    text = "ويكتب أحمد سالم مقالات رأي في صحيفة واشنطن بوست، ينتقد فيها بعض السياسات في المنطقة."
    art = article(text, [AHMAD, post])
    assert not any("واشنطن بوست" in names(art, e.source) for e in events(art))


def test_a_nationality_inside_the_title_of_the_one_met_is_not_met():
    italian = ("الإيطالي", "MISC", {"how": "demonym", "demonym_of": "إيطاليا", "iso2": "IT"})
    text = "يلتقي الرئيس أحمد سالم برئيس الحكومة الإيطالي كريم ناصر في باريس."
    art = article(text, [AHMAD, KARIM, italian])
    karim = next(m for m in art.mentions if text[m.start:m.end] == "كريم ناصر")
    karim.attrs["title"] = Span(text.index("رئيس الحكومة"), karim.start - 1, "TITLE")
    [ev] = [e for e in events(art) if e.type == "CONSULT"]
    assert names(art, ev.target) == ["كريم ناصر"]


def test_reaching_a_goal_is_no_arrival():
    art = article("إذ قال أحمد سالم إنه وصل إلى هدفه بالقدرة على ضرب الأراضي البعيدة.", [AHMAD])
    assert not [e for e in events(art) if e.type == "CONSULT"]


def test_a_host_after_a_long_office_and_bodies_inside_an_office_with_fi():
    centre = ("مركز الملك سلمان للإغاثة", "ORG")
    text = ("استقبل المستشار في الديوان الملكي المشرف العام على مركز الملك سلمان للإغاثة الدكتور أحمد سالم "
            "في مكتبه بالرياض امس المنسق الإقليمي للعمليات الإنسانية كريم ناصر.")
    art = article(text, [centre, AHMAD, KARIM])
    [ev] = [e for e in events(art) if e.type == "CONSULT"]
    assert names(art, ev.source) == ["كريم ناصر"] and names(art, ev.target) == ["أحمد سالم"]
    projects, university = ("إدارة المشروعات", "ORG"), ("جامعة جازان", "ORG")
    art = article("واستنكر أحمد سالم المشرف الإداري في إدارة المشروعات في جامعة جازان، سلبية القطاع الخاص.",
                  [AHMAD, projects, university])
    assert all(names(art, e.target) == [] for e in events(art))


def test_an_alleged_killing_is_no_event_and_the_country_an_envoy_serves_in_is_not_met():
    text = "وقال أحمد سالم إن الادعاءات بأن الصحفي قد قتل في القنصلية كاذبة."
    art = article(text, [AHMAD])
    assert not [e for e in events(art) if e.type == "ASSAULT"]
    uk = ("بريطانيا", "LOC", {"kind": "country", "iso2": "GB"})
    art = article("وأكد أحمد سالم، الثلاثاء، أنه اجتمع بالسفير السعودي لدى بريطانيا للحصول على أجوبة.", [AHMAD, uk])
    assert all("بريطانيا" not in names(art, e.target) for e in events(art))


def test_a_ba_inside_the_office_of_a_subject_set_off_by_commas_makes_it_no_object():
    coalition = ("التحالف الدولي", "ORG")
    kirkuk = ("كركوك", "LOC", {"kind": "city", "iso2": "IQ", "how": "gazetteer"})
    text = ("نفى قائد القوة الثانية بجهاز مكافحة الإرهاب في كركوك، أحمد سالم، وجود أي اتفاقات برعاية "
            "التحالف الدولي لإعادة انتشار القوات.")
    art = article(text, [AHMAD, coalition, kirkuk])
    [ev] = [e for e in events(art) if e.type == "REJECT"]
    assert names(art, ev.source) == ["أحمد سالم"] and names(art, ev.target) == []


def test_an_unnamed_office_after_the_verb_is_the_subject_and_the_state_after_it_the_object():
    iran = ("إيران", "LOC", {"kind": "country", "iso2": "IR"})
    art = article("توعد رئيس الوزراء الإسرائيلي إيران بالرد في الجولان.", [iran])
    [ev] = [e for e in events(art) if e.type == "THREATEN"]
    assert names(art, ev.source) == [] and names(art, ev.target) == ["إيران"]


def test_a_site_of_a_group_in_marks_is_hit_and_an_attack_named_before_its_verb_is_its_subject():
    jihad = ("الجهاد الإسلامي", "ORG")
    art = article('وأكد أحمد سالم أن دبابة قصفت موقعا لحركة "الجهاد الإسلامي" بعد أن فجر جنود عبوة.', [AHMAD, jihad])
    [ev] = [e for e in events(art) if e.type == "ASSAULT"]
    assert names(art, ev.source) == [] and names(art, ev.target) == ["الجهاد الإسلامي"]
    palestinians = ("فلسطينيين", "MISC", {"how": "demonym", "demonym_of": "فلسطين", "iso2": "PS"})
    text = 'أعلنت الوزارة أن فلسطينيين اثنين قتلا في قصف إسرائيلي استهدف موقعا تابعا لحركة "الجهاد الإسلامي".'
    art = article(text, [palestinians, jihad])
    assert not any("فلسطين" in names(art, e.source) for e in events(art))


def test_a_place_right_after_a_visit_is_visited_and_a_visit_agreed_to_is_to_come():
    moscow = ("موسكو", "LOC", {"kind": "city", "iso2": "RU", "how": "gazetteer"})
    art = article("وكشفت الوكالة أن أحمد سالم وافق على زيارة موسكو لحضور قمة مع نظيره كريم ناصر هذا العام.",
                  [AHMAD, KARIM, moscow])
    assert not any("موسكو" in names(art, e.source) for e in events(art) if e.type == "CONSULT")
    korea = ("كوريا الشمالية", "LOC", {"kind": "country", "iso2": "KP"})
    art = article("وقد اجتمع أحمد سالم بزعيم كوريا الشمالية كريم ناصر في سنغافورة.", [AHMAD, KARIM, korea])
    assert all("كوريا الشمالية" not in names(art, e.target) for e in events(art))


def test_a_name_past_a_verb_of_another_kind_is_that_verbs():
    paraguay = ("باراغواي", "LOC", {"kind": "country", "iso2": "PY"})
    art = article("وقالت الوزارة إن الوزير، أحمد سالم، التقى بنيتيز قبل أسبوعين وأشادت بتغيير باراغواي موقفها.",
                  [AHMAD, paraguay])
    [ev] = [e for e in events(art) if e.type == "CONSULT"]
    assert names(art, ev.target) == []


def test_an_indefinite_noun_and_its_nisba_before_a_verb_are_its_subject_unless_a_pronoun_follows():
    houthis = ("الحوثيين", "ORG")
    art = article("وقال عسكر إن محافظة الحديدة تعيش منذ 3 سنوات كارثة إنسانية بسبب الحوثيين، بشهادة منظمات دولية "
                  "زارت المحافظة وتحدثت عن مجاعة.", [houthis])
    assert not any("الحوثيين" in names(art, e.source) for e in events(art) if e.type == "CONSULT")
    art = article("وأصدر الرئيس التنفيذي أحمد سالم، مذكرة داخلية اعتذر فيها للعاملين عن الإهانة التي سببها كريم ناصر.",
                  [AHMAD, KARIM])
    [ev] = [e for e in events(art) if e.type == "CONCEDE"]
    assert names(art, ev.source) == ["أحمد سالم"]
