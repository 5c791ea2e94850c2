"""Titles, honorifics and offices that stand before a person's name.

Hand-filtered from the candidates mined before gold person mentions
(/work/shared/data/derived-title-candidates) plus common offices. Entries are folded
(rasad.normalize.fold) word sequences. `title_before(words, i)` finds the longest title
that ends right before word i, so "وزير الخارجية السعودي عادل الجبير" gives the title
"وزير الخارجية السعودي" and the name "عادل الجبير".
"""
from __future__ import annotations

from rasad.normalize import fold

_SINGLE = """
الرئيس رئيس الرئيسه رئيسه السيد السيده الشيخ الشيخه الملك الملكه الامير الاميره الدكتور الدكتوره
د السفير السفيره الوزير الوزيره وزير وزيره النائب النائبه نائب الامام الفنان الفنانه المطرب
المطربه الممثل الممثله المخرج المخرجه الكاتب الكاتبه الشاعر الشاعره الروائي الصحافي الصحفي
الصحافيه الاستاذ الاستاذه الاستاذ البروفيسور المهندس المهندسه المحامي المحاميه القاضي
العقيد العميد اللواء الفريق المشير الجنرال الرائد النقيب الملازم العريف الجندي المقدم الاميرال الركن
السلطان الامبراطور الشاه البابا الكاردينال المطران الاسقف البطريرك الحاخام القس الاب الاخ
الحاج الحاجه المفتي العلامه الداعيه الصحابي الخليفه المرشد اية سماحه سمو السمو صاحب معالي
سعاده فخامه جلاله دوله عطوفه نيافه غبطه قداسه المستشار المستشاره المدرب المدير المديره
مدير مديره المتحدث المتحدثه الناطق الناطقه الحارس اللاعب اللاعبه المهاجم المدافع العداء
العداءه البطل البطله النجم النجمه الملاكم المصارع السباح الدولي المحافظ محافظ العمده عمده
الزعيم زعيم القائد قائد المبعوث مبعوث الموفد المنسق المراسل مراسل المفوض المندوب مندوب
الامين المرشح المرشحه الراحل الراحله الفقيد الشهيد المتهم الناشط الناشطه المعارض
الباحث الباحثه الخبير الخبيره الاكاديمي المؤرخ المفكر الفيلسوف الطبيب الطبيبه
الملحن الموسيقار المغني المغنيه الملا اول
"""

_MULTI = """
ولي العهد
ولي ولي العهد
ولي العهد السعودي
الرئيس المشترك
الرئيسه المشتركه
رئيس الوزراء
رئيس الحكومه
رئيس الجمهوريه
رئيس البرلمان
رئيس مجلس النواب
رئيس مجلس الشعب
رئيس مجلس الشوري
رئيس مجلس الامه
رئيس مجلس الوزراء
رئيس الاركان
رئيس هيئه الاركان
رئيس الاتحاد
رئيس النادي
رئيس الديوان الملكي
نائب الرئيس
نائب رئيس الوزراء
نائب رئيس الحكومه
نائب رئيس الجمهوريه
نائب وزير الخارجيه
وزير الخارجيه
وزير الداخليه
وزير الدفاع
وزير العدل
وزير الماليه
وزير الاقتصاد
وزير النفط
وزير الطاقه
وزير الاعلام
وزير الثقافه
وزير التربيه
وزير التعليم
وزير التعليم العالي
وزير الصحه
وزير الزراعه
وزير العمل
وزير التجاره
وزير الصناعه
وزير النقل
وزير الاوقاف
وزير الشؤون الخارجيه
وزير الشؤون الاجتماعيه
وزير الدوله
وزيره الخارجيه
وزيره الدفاع
وزيره الداخليه
وزير خارجيه
وزير دفاع
وزير داخليه
الامين العام
الامين العام للامم المتحده
الامين العام لجامعه الدول العربيه
الامين العام لحلف الاطلسي
المتحدث باسم
المتحدث الرسمي
المتحدث الرسمي باسم
الناطق باسم
الناطق الرسمي
الناطق الرسمي باسم
المتحدثه باسم
الممثل الخاص
المبعوث الخاص
المبعوث الدولي
المبعوث الاممي
خادم الحرمين الشريفين
جلاله الملك
سمو الشيخ
السمو الشيخ
صاحب السمو
صاحب السمو الشيخ
صاحب السمو الملكي
صاحب السمو الملكي الامير
سمو الامير
سمو ولي العهد
سعاده السيد
سعاده الشيخ
معالي الوزير
معالي السيد
معالي الشيخ
فخامه الرئيس
دوله الرئيس
اميرالمؤمنين
امير المؤمنين
اميرالكويت
امير الكويت
امير قطر
ملك المغرب
ملك الاردن
ملك البحرين
ملك السعوديه
شيخ الازهر
قائد الجيش
قائد الشرطه
قائد القوات
قائد الحرس الثوري
مدير عام
المدير العام
المدير التنفيذي
الرئيس التنفيذي
رئيس مجلس الاداره
رئيس التحرير
رئيس المكتب السياسي
رئيس السلطه الفلسطينيه
المرشد الاعلي
اية الله
اية الله العظمي
حجه الاسلام
المرجع الديني
المدير الفني
مدرب المنتخب
حارس المرمي
النجم البرازيلي
"""

# Nationality adjectives (and a few qualifiers) may follow an office: "الرئيس السوري".
QUALIFIERS = {"السابق", "الاسبق", "الحالي", "الجديد", "المستقيل", "المنتخب", "المكلف",
               "الراحل", "الاول", "الثاني", "الاعلي", "العام", "المساعد", "الفخري", "بالوكاله",
               # "الزعيم الكوري الشمالي": the north of a nationality
               "الشمالي", "الجنوبي", "الشرقي", "الغربي", "الشماليه", "الجنوبيه",
               # peoples and creeds qualify titles as nationalities do ("الزعيم الكردي السوري")
               "الكردي", "الكرديه", "الشيعي", "السني", "الدرزي", "المسيحي", "الامازيغي"}

TITLES: set[tuple[str, ...]] = set()
for _line in _MULTI.strip().splitlines():
    TITLES.add(tuple(fold(_line).split()))
for _w in _SINGLE.split():
    TITLES.add((fold(_w),))
MAX_LEN = max(len(t) for t in TITLES)
TITLE_WORDS = {t[0] for t in TITLES}     # words that can open a title

# Words that name a person by a relation to the one just named ("التقى الوزير X نظيره"):
# they start the object, never continue a name (نظيره folds like the given name نظيرة).
RELATION_WORDS = {fold(w) for w in "نظيره نظيرته نظيرها نظيريه نظيراه نظراؤه نظرائه".split()}


def is_title_word(folded: str) -> bool:
    return folded in TITLE_WORDS


def title_before(folded_words: list[str], i: int, is_demonym=None) -> int | None:
    """Index of the first word of the longest title ending just before word i (trailing
    qualifiers and nationality adjectives included), or None when there is none.

    `folded_words` are folded words with proclitics such as و/ل/ب already stripped from
    the first word when the caller wants (وقال الرئيس… is handled by the caller)."""
    j = i
    # trailing qualifiers / demonyms: "الرئيس السوري السابق"
    while j > 0 and (folded_words[j - 1] in QUALIFIERS or
                     (is_demonym is not None and is_demonym(folded_words[j - 1]))):
        j -= 1
    best = None
    for n in range(min(MAX_LEN, j), 0, -1):
        if tuple(folded_words[j - n:j]) in TITLES:
            best = j - n
            break
    if best is None:
        return None
    # chained offices: "نائب رئيس الوزراء وزير الخارجية"
    while True:
        nxt = None
        for n in range(min(MAX_LEN, best), 0, -1):
            if tuple(folded_words[best - n:best]) in TITLES:
                nxt = best - n
                break
        if nxt is None:
            return best
        best = nxt
