"""Hand-written Arabic lexicons (folded forms) shared by the name, office, event and quote stages.

Only words no maintained library lists: honorifics and offices, organisation and facility
heads, cue verbs. Everything is folded with `rasad.normalize.fold` at import time, so the
lists below may be written in ordinary Arabic spelling.
"""
from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

from rasad.normalize import fold, fold_key


def _folded(words: str) -> frozenset[str]:
    return frozenset(fold(w) for w in words.split())


# Honorifics and ranks written before a person's name.
HONORIFICS = _folded("""
الدكتور الدكتورة د السيد السيدة الآنسة الشيخ الشيخة الأمير الأميرة الملك الملكة العاهل السلطان
الإمام المطران البطريرك البابا الحاخام الأستاذ الأستاذة المهندس المهندسة المحامي المستشار الفنان الفنانة
اللواء العميد العقيد المقدم الرائد النقيب الملازم الفريق المشير الجنرال الأدميرال الحاج السفير السفيرة
القاضي النائب النائبة الوزير الوزيرة الرئيس الرئيسة سمو صاحب معالي سعادة فخامة جلالة سماحة
القنصل المبعوث الكاردينال الأب الراحل المرحوم الصحفي الصحفية الكاتب الكاتبة الباحث الناشط الناشطة
المتحدث المتحدثة المدرب اللاعب الداعية القائد الزعيم رئيس رئيسة وزير وزيرة سفير نائب أمين مدير مديرة
قائد محافظ عضو مساعد مستشار ممثل مندوب مبعوث المندوب الممثل الأمين المدير المحافظ الحاكم أمير ملك ولي
السكرتير المنسق الناطق الرئيسان الملحق
""")
# Words that continue an office phrase ("الرئيس المشترك لدائرة…", "وزير الخارجية").
OFFICE_HEADS = _folded("""
رئيس رئيسة وزير وزيرة سفير سفيرة نائب نائبا أمين مدير مديرة قائد محافظ عضو مساعد مستشار ممثل مندوب
مبعوث المتحدث المتحدثة الناطق المسؤول مسؤول السكرتير سكرتير المنسق منسق الرئيس الوزير السفير النائب
الأمين المدير القائد المحافظ المستشار الممثل المندوب المبعوث ولي الملحق ملحق القنصل قنصل رئيسا
""")
# Nouns that head organisation names ("وزارة الخارجية", "قوات سوريا الديمقراطية").
ORG_HEADS = _folded("""
وزارة دائرة مجلس حزب حركة قوات قوى جيش هيئة منظمة وكالة لجنة جامعة الاتحاد اتحاد جبهة تنظيم ميليشيا
ميليشيات مليشيا شركة بنك مصرف صندوق محكمة برلمان البرلمان سفارة السفارة قنصلية القنصلية مكتب رئاسة
التحالف تحالف الجيش جماعة جمعية مؤسسة المؤسسة معهد مركز الحرس الحرس حكومة الحكومة الأمم الجامعة
المجلس الهيئة المنظمة الوكالة اللجنة الحركة الجبهة القوات الشرطة شرطة الاستخبارات المخابرات مديرية
بلدية إدارة الإدارة رابطة نقابة كتائب كتيبة لواء فيلق سرايا الائتلاف ائتلاف المفوضية مفوضية ممثلية
صحيفة قناة إذاعة تلفزيون مجموعة المجموعة
""")
# Nouns that head facility/place names ("مخيم الهول", "سجن الحسكة").
LOC_HEADS = _folded("""
مخيم سجن مطار ميناء معبر قصر قاعدة مدينة بلدة قرية محافظة ولاية إقليم منطقة ريف جبل جزيرة بحر نهر
حي شارع ساحة ميدان مستشفى سهل وادي صحراء خليج مضيق قطاع دولة إمارة مملكة جمهورية سلطنة
""")
DIRECTIONS = _folded("شمال جنوب شرق غرب شمالي جنوبي شرقي غربي وسط")
# Organisations known by a bare name (folded keys → canonical names).
KNOWN_ORGS = {fold_key(k): v for k, v in {
    "داعش": "داعش", "قسد": "قسد", "حزب الله": "حزب الله", "حماس": "حماس", "فتح": "فتح",
    "الناتو": "الناتو", "النصرة": "جبهة النصرة", "طالبان": "طالبان", "القاعدة": "القاعدة",
    "الحوثيين": "الحوثيون", "الحوثيون": "الحوثيون", "الأمم المتحدة": "الأمم المتحدة",
    "الاتحاد الأوروبي": "الاتحاد الأوروبي", "الجامعة العربية": "الجامعة العربية",
    "جامعة الدول العربية": "جامعة الدول العربية", "البيت الأبيض": "البيت الأبيض",
    "الكرملين": "الكرملين", "الإليزيه": "الإليزيه", "البنتاغون": "البنتاغون", "الكونغرس": "الكونغرس",
    "الكنيست": "الكنيست", "مجلس الأمن": "مجلس الأمن", "أوبك": "أوبك", "اليونيسف": "اليونيسف",
    "الإخوان المسلمين": "الإخوان المسلمون", "الإخوان": "الإخوان المسلمون", "المجتمع الدولي": "المجتمع الدولي",
    "وحدات حماية الشعب": "وحدات حماية الشعب", "الإدارة الذاتية": "الإدارة الذاتية",
}.items()}
# Function words that end a name (folded).
STOP = _folded("""
في من إلى الى على عن مع أن إن ان أنه انه التي الذي الذين وقال قال إنه كما لدى بعد قبل خلال حول ضد
عبر منذ حتى بين هذا هذه ذلك تلك هو هي هم كان كانت وكان أمس اليوم يوم غدا الذي و أو ثم لكن بل قد لقد
لم لن لا ما ماذا كيف متى أين تم وتم حيث بينما أيضا فقط جدا كل بعض غير سوى عند عندما لأن لان إذا اذا
وذلك وفي ومن وعلى والتي أي إلى، وهو وهي له لها لهم به بها فيه فيها عليه عليها منه منها إليه عنه
السبت الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة صباح مساء مساءا عشية ليلة
""")
# Speech verbs (past and present, masculine/feminine) that introduce quotes or reported speech.
SPEECH_VERBS = _folded("""
قال قالت يقول تقول أضاف أضافت يضيف تضيف أكد أكدت يؤكد تؤكد أوضح أوضحت يوضح توضح أشار أشارت يشير تشير
صرح صرحت يصرح اعتبر اعتبرت يعتبر تعتبر شدد شددت يشدد تشدد لفت لفتت نوه نوهت ينوه تابع تابعت يتابع
أعلن أعلنت يعلن تعلن ذكر ذكرت يذكر تذكر أفاد أفادت يفيد تفيد كشف كشفت يكشف اعترف اعترفت رأى رأت يرى
ترى دعا دعت يدعو تدعو طالب طالبت يطالب تطالب حذر حذرت يحذر تحذر أعرب أعربت يعرب تعرب استطرد
أردف أردفت ختم ختمت قائلا قائلة مضيفا مضيفة مؤكدا مؤكدة مشيرا مشيرة موضحا موضحة معتبرا لافتا منوها
مشددا محذرا داعيا مطالبا متابعا معربا قوله تصريح تصريحات بيان
""")
# Past-tense verbs that open news leads ("أعلن X، الإثنين، …"), masculine and feminine.
LEDE_VERBS = _folded("""
أعلن أعلنت قال قالت أكد أكدت هدد هددت اتهم اتهمت اقترح اقترحت كشف كشفت نفى نفت دعا دعت طالب طالبت
رفض رفضت أصدر أصدرت قرر قررت قضى قضت شهد شهدت اندلع اندلعت لقي لقيت ضبط ضبطت تداول انتقد انتقدت
استقبل استقبلت وصل وصلت زار زارت التقى التقت بحث بحثت أجرى أجرت أدان أدانت رحب رحبت أعرب أعربت حذر
حذرت توعد توعدت أشاد أشادت وقع وقعت أطلق أطلقت قتل قتل أصيب أصيبت نشر نشرت تبدأ يبدأ أفاد أفادت ذكر
ذكرت باعت باع أظهر أظهرت سجل سجلت ارتفع ارتفعت انخفض انخفضت تراجع تراجعت بدأ بدأت عقد عقدت أمر أمرت
""")
# Speech verbs that may carry over the previous speaker when no subject follows.
CARRY_VERBS = _folded("أضاف أضافت تابع تابعت استطرد أردف ختم وأضاف وتابع")


@lru_cache(maxsize=1)
def places() -> dict[str, dict]:
    """Folded place key → {name, kind, iso2, geonameid, latin} from the packaged gazetteer."""
    out: dict[str, dict] = {}
    try:
        ref = resources.files("rasad.resources").joinpath("places.tsv")
        with ref.open("r", encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                out[row["key"]] = row
    except (FileNotFoundError, OSError):
        pass
    return out


@lru_cache(maxsize=1)
def name_starts() -> frozenset[str]:
    """First words of every gazetteer and known-organisation name (folded): a phrase can only
    match when its first word is one of these."""
    keys = list(places()) + list(KNOWN_ORGS)
    return frozenset(k.split()[0] for k in keys if k)


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    try:
        ref = resources.files("rasad.resources").joinpath("first_names.txt")
        return frozenset(w for w in ref.read_text(encoding="utf-8").split("\n") if w)
    except (FileNotFoundError, OSError):
        return frozenset()
