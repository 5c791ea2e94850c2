"""The PLOVER trigger lexicon for Arabic news, written over folded text (rasad.normalize.fold:
أ/إ/آ→ا, ى→ي, ة→ه, no harakat).

Each entry: PLOVER type, mode, frame, and the trigger phrases. A phrase is matched as whole
words, optionally after the conjunctions و/ف. Frames (see rasad.events.coder):
  subject  actor is the subject (after the verb, or before it in the same clause), the
           recipient follows
  receive  "تلقى X اتصالا هاتفيا من Y": X, the subject, is the recipient; Y, after من, the actor
  host     "استقبل X Y": X hosts (recipient), Y visits (actor)
  arrive   "وصل X إلى Y": actors before إلى, recipients after
  passive  "تم استقبال الوفد …": recipients only, the actors come from the event it continues
  clash    "اشتباكات بين X و Y": every party is an actor
  object   a verbal noun with its object only ("مصادرة جريدة X", "اعتقال X")
`noun=True` marks verbal nouns, which count only when no background marker precedes them.
A "…" in a phrase is a gap for the subject, which Arabic news puts between the verb and its
object ("أجرى الرئيس X اتصالا هاتفيا"); the phrase also matches with the gap empty.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rasad.normalize import fold


@dataclass(frozen=True)
class Trigger:
    type: str
    mode: str | None
    frame: str
    noun: bool = False
    refers_back: bool = False
    words_after_gap: int = 0   # a phrase with a gap ("اجري … اتصالا هاتفيا"): how many words follow it


GAP = " … "
# The subject in a gap: up to 15 words (royal titles run long: "خادم الحرمين الشريفين الملك
# سلمان بن عبدالعزيز آل سعود - حفظه الله -"), commas only after a word ("X، أمس،"), no word
# that opens another clause.
GAP_RE = r"\s+(?:(?!(?:ان|انه|انها|الذي|التي|الذين|حيث|عندما|بينما|لكن|ثم)[\s،,])[^\s.،,:؛]+[،,]?\s+){0,15}?"
PHONE_CALL = ("اتصالا هاتفيا", "اتصالين هاتفيين", "اتصالات هاتفيه", "مكالمه هاتفيه")


def _with_subject_gap(verbs: str, objects: tuple[str, ...]) -> str:
    """Every "verb … object" phrase of the verbs and objects given."""
    return "|".join(f"{v}{GAP}{o}" for v in verbs.split("|") for o in objects)


# (type, mode, frame, noun, phrases separated by "|")
LEXICON: list[tuple[str, str | None, str, bool, str]] = [
    ("CONSULT", "visit", "subject", False, "زار|زارت|يزور|تزور|زارا|قام بزياره|قامت بزياره|يقوم بزياره|تقوم بزياره|"
                                           "يجري زياره|اجري زياره|اجرت زياره|"
                                           # (the visitor in the gap: "قام سفير X لدى المملكة Y، بزيارة")
                                           + _with_subject_gap("قام|قامت|يقوم|تقوم", ("بزياره",))),
    ("CONSULT", "visit", "arrive", False, "وصل|وصلت|يصل|تصل|حل ضيفا|حلت ضيفه"),
    ("CONSULT", "visit", "host", False, "استقبل|استقبلت|يستقبل|تستقبل"),
    ("CONSULT", None, "subject", False, "التقي|التقت|يلتقي|تلتقي|التقيا|اجتمع|اجتمعت|يجتمع|تجتمع|اجتمعا|بحث|بحثت|"
                                        "يبحث|تبحث|بحثا|ناقش|ناقشت|يناقش|تناقش|تباحث|تباحثت|عقد اجتماعا|عقدت اجتماعا|"
                                        "عقد لقاء|عقدت لقاء|عقد مباحثات|عقدت مباحثات|اجري مباحثات|اجرت مباحثات|"
                                        "اجري محادثات|اجرت محادثات|استعرض|استعرضت"),
    ("CONSULT", None, "subject", True, "لقاء جمعه|لقاء جمعها|لقاء جمعهما|في لقاء مع|خلال لقاء مع|خلال لقائه|خلال لقائها|"
                                       "عقب لقائه|عقب لقائها|اثر لقائه|اثر لقائها|بعد لقائه|بعد لقائها|"
                                       "خلال اجتماعه|خلال اجتماعها|عقب اجتماعه|عقب اجتماعها|"
                                       "اجتماع مع|مباحثات مع|محادثات مع|مفاوضات مع|مؤتمر صحفي مشترك مع|"
                                       "مؤتمر صحافي مشترك مع"),
    ("CONSULT", None, "subject", False, "تفاوض|تفاوضت|يتفاوض|تتفاوض|تفاوضا"),
    ("CONSULT", "visit", "subject", True, "زياره|بزياره"),
    ("CONSULT", None, "subject", True, "لقاء"),
    ("CONSULT", "phone", "subject", False, _with_subject_gap("اجري|اجرت|يجري|تجري|اجريا|اجروا", PHONE_CALL) + "|"
                                           "اتصل … هاتفيا|اتصلت … هاتفيا|اتصلا هاتفيا|في اتصال هاتفي|"
                                           "خلال اتصال هاتفي|مكالمه هاتفيه|هاتف|هاتفت|يهاتف|تهاتف"),
    ("CONSULT", "phone", "receive", False, _with_subject_gap("تلقي|تلقت|يتلقي|تتلقي|تلقيا", PHONE_CALL)),
    ("CONSULT", "multilateral", "subject", False, "شارك في اعمال القمه|شاركت في اعمال القمه|شارك في القمه|"
                                                  "شاركت في القمه|شارك في المؤتمر|شاركت في المؤتمر|"
                                                  "ترأس اجتماع|ترأست اجتماع|شارك في الاجتماع|شاركت في الاجتماع"),
    # readiness: "أبدى/أكد X استعداد…" (X in the subject gap)
    ("AGREE", None, "subject", False, _with_subject_gap("وقع|وقعت|وقعا|يوقع|توقع|يوقعان", (
        "اتفاق", "اتفاقا", "اتفاقيه", "اتفاقيات", "مذكره تفاهم", "مذكرات تفاهم")) + "|"
                                      "اتفق|اتفقت|اتفقا|يتفق|تتفق|توصل الي اتفاق|توصلت الي اتفاق|توصلا الي اتفاق|"
                                      "وقع اتفاق|وقعت اتفاق|وقع اتفاقا|وقعت اتفاقا|وقع اتفاقيه|وقعت اتفاقيه|وقعا اتفاق|وقعا اتفاقا|"
                                      "وقعا اتفاقيه|وقعا علي|وقعا مذكره|"
                                      "وقع مذكره تفاهم|وقعت مذكره تفاهم|وافق علي|وافقت علي|اعلن موافقته|"
                                      "اعلنت موافقتها|ابدي … استعداد|ابدت … استعداد|اكد … استعداد|"
                                      "اكدت … استعداد|اعرب … عن استعداد|اعربت … عن استعداد"),
    ("SUPPORT", None, "subject", False, "ايد|ايدت|يؤيد|تؤيد|اعرب عن دعم|اعربت عن دعم|اكد دعم|اكدت دعم|جدد دعم|"
                                        "جددت دعم|اعلن دعم|اعلنت دعم|اعرب عن تاييد|اعربت عن تاييد|اعلن تاييد|"
                                        "اعلنت تاييد|ساند|ساندت|يساند|تساند|مؤكدا مساندته|مؤكده مساندتها|مساندته|"
                                        "مساندتها|ومساندة|رحب|رحبت|يرحب|ترحب|اشاد|اشادت|يشيد|تشيد|ثمن|ثمنت|يثمن|"
                                        "تثمن|تضامن مع|تضامنت مع|انضم الي|انضمت الي|انضم اليه|انضمت اليه|انضموا الي|انضمت اليها|"
                                        "وقع الميثاق|وقعت الميثاق|هنات|يهني|تهني|يهنئ|تهنئ"),
    ("CONCEDE", None, "subject", False, "تنازل|تنازلت|اعتذر|اعتذرت|افرج عن|افرجت عن|اطلق سراح|اطلقت سراح|"
                                        "رفع الحظر|رفعت الحظر|رفع العقوبات|رفعت العقوبات|تراجع عن|تراجعت عن"),
    ("COOPERATE", None, "subject", False, "تعاون مع|تعاونت مع|يتعاون مع|تتعاون مع|نسق مع|نسقت مع|ينسق مع|"
                                          "مناورات مشتركه|تدريبات مشتركه|عمليه مشتركه|تبادل الاسري|تبادل المعلومات"),
    ("AID", None, "subject", False, "قدم مساعدات|قدمت مساعدات|يقدم مساعدات|تقدم مساعدات|ارسل مساعدات|ارسلت مساعدات|"
                                    "قدم دعما ماليا|قدمت دعما ماليا|تبرع|تبرعت|منح قرضا|منحت قرضا|قافله مساعدات|"
                                    "شحنه مساعدات|قوافل مساعدات|مساعدات انسانيه|قدم منحه|قدمت منحه"),
    ("RETREAT", None, "subject", False, "انسحب|انسحبت|انسحبوا|ينسحب|تنسحب|سحب قواته|سحبت قواتها|سحب قوات|"
                                        "سحبت قوات|اخلي|اخلت"),
    ("REQUEST", None, "subject", False, "طالب|طالبت|يطالب|تطالب|طالبوا|دعا|دعت|يدعو|تدعو|دعوا|طلب من|طلبت من|"
                                        "ناشد|ناشدت|يناشد|تناشد|حث|حثت|يحث|تحث"),
    ("ACCUSE", None, "subject", False, "اتهم|اتهمت|يتهم|تتهم|حمل مسؤوليه|حملت مسؤوليه|يحمل مسؤوليه|ندد|نددت|يندد|دان|دانت|شجب|شجبت|يشجب|"
                                       "تندد|ادان|ادانت|يدين|تدين|انتقد|انتقدت|ينتقد|تنتقد|استنكر|استنكرت|يستنكر"),
    ("REJECT", None, "subject", False, "رفض|رفضت|يرفض|ترفض|رفضوا|نفي|نفت|ينفي|تنفي|اعترض|اعترضت|عارض|عارضت"),
    ("THREATEN", None, "subject", False, "هدد|هددت|يهدد|تهدد|توعد|توعدت|يتوعد|تتوعد|لوح|لوحت|حذر|حذرت|يحذر|تحذر"),
    ("PROTEST", None, "subject", False, "تظاهر|تظاهرت|تظاهروا|يتظاهر|يتظاهرون|احتج|احتجت|احتجوا|يحتج|يحتجون|"
                                        "اعتصم|اعتصموا|اضرب|اضربوا"),
    ("PROTEST", None, "object", True, "مظاهره|مظاهرات|تظاهره|تظاهرات|احتجاجات|احتجاجا علي|اعتصام|اضراب|"
                                      "الحراك الشعبي|المتظاهرين|المتظاهرون|المحتجين|المحتجون|مسيره احتجاجيه"),
    ("SANCTION", None, "subject", False, "فرض عقوبات|فرضت عقوبات|يفرض عقوبات|تفرض عقوبات|قطع العلاقات|قطعت العلاقات|"
                                         "طرد السفير|طردت السفير|استدعي السفير|استدعت السفير|جمد اصول|جمدت اصول|"
                                         "قاطع|قاطعت"),
    ("MOBILIZE", None, "subject", False, "حشد|حشدت|يحشد|تحشد|دفع بتعزيزات|دفعت بتعزيزات|نشر قوات|نشرت قوات|"
                                         "رفع حاله التاهب|رفعت حاله التاهب|استنفر|استنفرت"),
    ("COERCE", None, "subject", False, "اعتقل|اعتقلت|يعتقل|تعتقل|احتجز|احتجزت|صادرت|اغلق|اغلقت|داهم|داهمت|"
                                       "حكم … علي|حكمت … علي|قمع|قمعت|طردت|فرض حصارا|فرضت حصارا"),
    ("COERCE", None, "object", True, "تمت مصادره|تم اعتقال|تم احتجاز|تم اغلاق|تمت مداهمه|مصادره|اعتقال|احتجاز|"
                                     "تم ترحيل|ترحيل"),
    # (not رحل/رحلت: "رحلت سمراء النيل" is a death; deportation is written ترحيل, رحّلت السلطات)
    ("ASSAULT", None, "subject", False, "هاجم|هاجمت|هاجموا|يهاجم|تهاجم|قصف|قصفت|يقصف|تقصف|اغتال|اغتالت|فجر|فجرت|"
                                        "استهدف|استهدفت|يستهدف|سيطر علي|سيطرت علي|سيطروا علي|اقتحم|اقتحمت|اقتحموا|"
                                        "اطلق النار|اطلقت النار|اطلقوا النار|قتل|قتلت|قتلوا|اختطف|اختطفت|اختطفوا|"
                                        "خطف|خطفت"),
    ("ASSAULT", None, "clash", True, "اشتباكات|اشتباك|اشتبك|اشتبكت|معارك|مواجهات|تجددت الاشتباكات|دارت اشتباكات"),
    ("ASSAULT", None, "object", True, "غاره|غارات|هجوم|هجوما|تفجير|تفجيرا|قصفا|مجزره"),
]

NOT_BACKGROUND_NOUN = re.compile(r"(?:^|\s)[وف]?(?:منذ|قبل|ذكري|رغم|برغم|بالرغم\s+من|بعد\s+(?:هزيمه|انتهاء|سقوط|\d{4})|"
                                 r"عام\s+\d{4}|في\s+\d{4})\s*\S*\s*$")
# Markers that make a clause not (yet) an event: plans, expectations, conditions, negation,
# background, fear or prevention.
NOT_EVENT = re.compile(
    r"(?:^|\s)[وف]?(?:من\s+المقرر|من\s+المتوقع|من\s+المنتظر|من\s+المرتقب|يعتزم|تعتزم|يرتقب|سوف|اذا(?:\s+ما)?|كلما|لو|لم|لن|لا|(?<!هو\s)(?<!هي\s)(?<!هذا\s)ما|"
    r"في\s+حال|حال|سبق|سبق\s+ان|سيتم|ستتم|سيجري|ستجري|يرتقب\s+ان|كان\s+قد|كانت\s+قد|قبل\s+\S+\s+(?:اشهر|سنوات|اعوام|ايام|اسابيع)|"
    r"في\s+وقت\s+سابق|العام\s+الماضي|الشهر\s+الماضي|خشيه|تخوف|مخاوف|لمنع|لتجنب|احتمال|يمكن\s+ان|"
    r"كان|كانت|كانوا|التي\s+كان|الذي\s+كان|يتطلع\s+الي|تتطلع\s+الي|يامل\s+في|يامل|تامل|يريد|تريد|يرغب\s+في|"
    r"بالا|الا|وان\s+لا|بان\s+لا|ان\s+لا|سبق\s+ل\S+(?:\s+\S+){0,2}\s+ان|"
    # "نفت أن تكون اتفقت معها": what is denied or supposed
    r"ان\s+(?:يكون|تكون|يكونوا|يكونا|تكونا)(?:\s+قد)?|"
    # a threatened deed: "توعد بشن هجوم على النظام"
    r"(?:توعد|توعدت|يتوعد|تتوعد|هدد|هددت|يهدد|تهدد)\s+ب\S+|"
    # an allegation or a rumour: "الادعاءات بأن خاشقجي قد قتل"
    r"(?:ال)?(?:ادعاءات|مزاعم|شائعات|اشاعات|انباء)\s+(?:ب|عن\s+)?ان\s+\S+(?:\s+قد)?|"
    r"ينوي|تنوي|يسعي\s+الي|تسعي\s+الي)(?:\s+ان(?:\s+\S+)?)?\s*$")
# Plans anywhere earlier in the clause ("ويعتزم X زيارة دمشق"), and the pluperfect of background
# ("وكان X قد التقى Y العام الماضي").
PLANNED_CLAUSE = re.compile(r"(?:^|\s)[وف]?(?:يعتزم|تعتزم|ينوي|تنوي|يعتزمون|من\s+المقرر|من\s+المتوقع|من\s+المنتظر|"
                            r"يرتقب|يتوقع\s+ان|سوف)(?:\s|$)")
PLUPERFECT = re.compile(r"(?:^|\s)[وف]?(?:كان|كانت|كانوا)\s(?:[^.،,:؛]*\s)?قد\s*$")
# ... and without قد before a verb: "وكان الوزيران التقيا في قطر في آب"
PLUPERFECT_VERB = re.compile(r"(?:^|\s)[وف]?(?:كان|كانت|كانوا|كانا)\s+(?:[^\s.،,:؛]+\s+){1,5}$")
# A prohibition before the deed: "ممنوع بموجب المراقبة القضائية، من زيارة هذه الدول",
# "منعت السلطات المحتجين من التظاهر" — what is forbidden did not happen.
PROHIBITED = re.compile(r"(?:^|\s)[وف]?(?:ممنوع|ممنوعه|ممنوعا|ممنوعون|ممنوعين|يمنع|تمنع|منع|منعت|منعوا|"
                        r"حظر|حظرت|يحظر|تحظر|حرمان)(?:\s[^.؛!?؟]*)?\s[وف]?من\s*$")
# "قد" before a present-tense verb is "may": not (yet) an event ("قد يلتقي"); before a past one it affirms.
MAY = re.compile(r"(?:^|\s)[وف]?قد\s*$")
REFERS_BACK = {fold(w) for w in "اللقاء الاجتماع المباحثات المحادثات الزيارة زيارته زيارتها الاستقبال القمة".split()}
REFERS_BACK_RE = re.compile(r"(?:^|\s)(?:خلال|في|اثناء|عقب|بعد)\s+(?:" + "|".join(sorted(REFERS_BACK)) + r")(?=\s|$|[،,.])")
# A preposition right before a verb-looking trigger makes it a verbal noun ("من قطع العلاقات").
PREPOSITION_BEFORE = re.compile(r"(?:^|\s)(?:من|في|علي|عن|الي|حول|بعد|قبل|منذ|ضد|عبر|بشان|جراء|بسبب|اثر|عقب|اثناء)\s*$")
# Sources of information, not participants: "ووفق ما ذكرته وكالة …", "بحسب المرصد".
ATTRIBUTION_BEFORE = re.compile(r"(?:^|\s)[وف]?(?:وفق\s+ما\s+ذكرته|وفقا\s+ل|وفق|"
                                # "بحسب ما يقوله مراسلنا في دمشق X"
                                r"(?:بحسب|حسب|وفق)\s+ما\s+(?:يقوله|يقول|قاله|قال|ذكره|ذكرته|افاد\s+به|افادت\s+به|نقله|نقلته)"
                                r"(?:\s+\S+){0,3}|بحسب|حسب|نقلت|نقلا\s+عن|ذكرت|ذكرته|افادت|"
                                r"اوردت|اورده|اورد|قالت|نقلته|(?:في\s+)?(?:تصريح|تصريحات|حديث)\s+\S*|"
                                r"ل(?:مراسل|مراسله|وكاله|قناه|صحيفه|موقع|اذاعه|راديو|تلفزيون))\s*(?:\S+\s*){0,1}$")
# ("في تصريح لـ…", "لمراسل …": the outlet a statement was made to is no participant either;
# "في اتصال هاتفي مع وكالة فرانس برس": an interview, whoever the medium)
INTERVIEWED_BY = re.compile(r"(?:اتصال\s+هاتفي|مقابله|حوار|حديث|تصريحات?)\s+(?:\S+\s+)?(?:مع|ل)\s*"
                            r"(?:وكاله|قناه|صحيفه|جريده|مجله|موقع|اذاعه|شبكه|تلفزيون|راديو)\s+(?:\S+\s*){0,2}$")
# A call to a newsroom is an interview: "في اتصال هاتفي مع وكالة فرانس برس"
CALL_TO_MEDIA = re.compile(r"\s+(?:\S+\s+){0,2}?(?:مع|ل)\s*(?:وكاله|قناه|صحيفه|جريده|مجله|موقع|اذاعه|شبكه|"
                           r"تلفزيون|راديو)(?=\s)")
# Receiving mourners or well-wishers is no meeting: "يستقبل X المعزين في وفاة Y"
WELL_WISHERS = re.compile(r"\s+(?:[^\s.؛]+\s+){0,25}?(?:المعزين|المهنئين)(?=\s|$|[،,.])")
# Declining to comment is no rejection: "رفضت مارتا فيسوكا المتحدثة باسم الشركة الخوض في التفاصيل"
DECLINED_COMMENT = re.compile(r"\s+(?:[^\s.؛]+\s+){0,6}?(?:الخوض|التعليق|الادلاء|الافصاح|الكشف\s+عن|"
                              r"الافصاح\s+عن|(?:ذكر|كشف|نشر|اعلان)\s+(?:اسمه|اسمها|اسمايهم|هويته|هويتها|تفاصيل)|"
                              r"الرد\s+علي\s+(?:اسيله|سوال|الاسيله|السوال))(?=\s|$|[،,.])")
# A tour of an exhibition, a factory or a school is no meeting: "تشرفت بزيارة معرض (وطني بقلبي)"
FACILITY_VISITED = re.compile(r"\s+(?:ميدانيه\s+|تفقديه\s+)?(?:ال|لل)?(?:معرض|متحف|جناح|اجنحه|مصنع|مشروع|مشاريع|"
                              r"مدرسه|مستشفي|ورشه|مزرعه|مختبر|معمل|سوق|اسواق|محل|محلات|متجر|"
                              # and the sick or wounded: "زار الأمير المصابين من منسوبي قوات الطوارئ"
                              r"مصابين|جرحي|مرضي|مصابي)(?=\s|$|[،,.(«\"])")
# "خطف شالكة فوزاً متأخراً": snatching a win, no kidnapping
SNATCHED_WIN = re.compile(r"\s+(?:[^\s.،,]+\s+){0,2}?(?:ال)?(?:فوز|فوزا|نقطه|نقطتين|نقاط|تعادل|تعادلا|لقب|اللقب|بطاقه|"
                          r"الصداره|صداره|هدف|هدفا|الانظار|الاضواء|الميداليه|ميداليه)(?=\s|$|[،,.])")
# Air defence intercepts: "اعترض الدفاع الجوي السعودي 4 صواريخ باليستية"
INTERCEPTED = re.compile(r"\s+(?:[^\s.،؛]+\s+){0,5}?(?:\d+\s+)?(?:ال)?(?:صاروخ|صاروخا|صواريخ|طائره|طايره|طائرات|طايرات|"
                         r"قذيفه|قذائف|مقذوف|مقذوفات|درون|مسيره|مسيرات|"
                         # and people or vehicles stopped on their way: "اعترض الجنود عددا من المسلحين"
                         r"مسلح|مسلحا|مسلحين|مسلحون|متسلل|متسللين|متسللون|سفينه|سفن|قارب|قوارب|شاحنه|شاحنات|"
                         r"سياره|سيارات|قافله|قوافل|زورق|زوارق)(?=\s|$|[،,.])")
# A match, a team, a final: a meeting of sides on a pitch is no consultation
SPORTS = re.compile(r"(?:^|\s)[وف]?[بلك]?(?:مباراه|المباراه|مباريات|المباريات|الدوري|الشوط|بطوله|البطوله|كاس|المنتخب|"
                    r"منتخب|ملعب|الملعب|معسكر|المعسكر|اللاعب|اللاعبين|المدرب|دور\s+الثمانيه|دور\s+السته\s+عشر|"
                    r"ربع\s+النهائي|نصف\s+النهائي|المربع\s+الذهبي|كره\s+القدم|كره\s+السله|المهاجم|الهداف|"
                    r"الانتقالات|التعاقد\s+مع\s+اللاعب)(?=\s|$|[،,.])")
# "طالب سابق", "19 عاما، طالب": the student, not the verb "demanded"
STUDENT = re.compile(r"\s+(?:سابق|جامعي|ثانوي|بجامعه|بكليه|بمدرسه|في\s+جامعه|في\s+كليه|في\s+المدرسه|يدرس|مبتعث)(?=\s|$|[،,.])")
AGE_BEFORE = re.compile(r"(?:عاما|عام|سنه|سنوات|عمره)\s*[،,]?\s*$")
# What someone is accused of is no event of its own: "اتهمت … الحكومة القطرية بدعم الإرهاب ومساندة …"
ACCUSED_OF = re.compile(r"(?:^|\s)[وف]?(?:اتهم|اتهمت|يتهم|تتهم|اتهموا|متهما|متهمه|بتهمه|تهمه|تهم)(?:\s|$)")
# "تبحث عن شيء": searching for, not talks
SEARCHED_FOR = re.compile(r"\s+(?:[^\s.،,]+\s+){0,3}?عن\s")
# "فجر الخميس": at dawn; "فجر مفاجأة", "فجرت موجة غضب": figurative blasts
DAWN_OF = re.compile(r"\s+(?:يوم\s+)?(?:السبت|الاحد|الاثنين|الثلاثاء|الاربعاء|الخميس|الجمعه|اليوم|امس|الامس|"
                     r"غد|الغد|الماضي|اليوم\s+التالي)(?=\s|$|[،,.])")
BOMBSHELL = re.compile(r"\s+(?:[^\s.]+\s+){0,14}?(?:مفاجاه|مفاجاة|مفاجات|ازمه|قضيه|فضيحه|جدلا|غضب|موجه|خلافات|"
                       r"الخلافات|ثوره|قنبله\s+من\s+العيار)(?=\s|$)")
# "برنامج يستهدف المجتمعات": aims at, unless the sentence speaks of violence
AIM_VERBS = {"استهدف", "استهدفت", "يستهدف", "تستهدف"}
VIOLENCE = re.compile(r"(?:مسلح|مسلحون|مسلحين|صاروخ|صواريخ|قذيفه|قذائف|غاره|غارات|قصف|هجوم|هجمات|تفجير|انفجار|انتحاري|"
                      r"عبوه|رصاص|قتل|قتلى|مقتل|جرحى|اصابه|دبابه|طائره|طائرات|طايرات|مسيره|ارهاب|ارهابي|ارهابيه|"
                      r"قوات|الجيش|جيش|مليشيا|ميليشيا|داعش|القاعده|الحوثي|اغتيال|اعتداء|عسكري|عسكريه)")
WARN_VERBS = {"حذر", "حذرت", "يحذر", "تحذر"}
# "حذر من وجود / من خطر / من انتشار": a danger warned of; "حذر من مغبة / من عواقب / من أن":
# consequences someone will bring
DANGER_WARNED = re.compile(r"\s+(?:(?!من\s)[^\s.،,؛]+\s+){0,5}?من\s+(?!مغبه|عواقب|تبعات|ان\s|انه|انها|انهم|اي\s|الرد)")
# Reaching an agreement is no arrival: "وصلت الإدارة إلى اتفاق مع اللاعب"
ARRIVE_AT_TERMS = re.compile(r"[^.؛]{0,150}?(?:^|\s)(?:الي|الى)\s+(?:اتفاق|اتفاقيه|تفاهم|تفاهمات|تسويه|حل|حلول|صيغه)"
                             r"(?=\s|$|[،,.])")
# … or at a stage, a result, a deadlock: neither a visit nor an agreement ("وصلت الأسعار إلى مرحلة")
ARRIVE_AT_STAGE = re.compile(r"[^.؛]{0,150}?(?:^|\s)(?:الي|الى)\s+(?:ال)?(?:نتيجه|نتيجتين|نتايج|خلاصه|قناعه|طريق\s+مسدود|مرحله|"
                             r"مستوي|مستويات|ذروه|حد|نسبه|رقم|مليون|مليار|هدف|هدفه|هدفها|اهدافه|اهدافها|غايته|غايتها|\d)")
# Words that only look like a trigger with و/ف before it: فدان is an acre, not ف + دان
NOT_TRIGGER_WORDS = {"فدان", "فدانا", "وفدان"}
# "دليل قاطع", "بشكل قاطع", "رفض قاطع": the adjective "decisive", not "boycotted"
DECISIVE_BEFORE = re.compile(r"(?:دليل|بشكل|نحو|رفض|نفي|رفضا|نفيا|حسم|برهان|جواب|موقف|قرار|بصوره|بشكل)\s*$")
# The dead are mourned, not met: "يستقبل المعزين في وفاة الأمير X"
MOURNED = re.compile(r"(?:^|\s)[وفب]?(?:وفاه|رحيل|جنازه|تشييع|تابين|جثمان|مقتل|اغتيال|استشهاد)\s+$")
# A court's verdict: "حكم على X بالسجن" (and not "وحكم علي عبد الله صالح اليمن", Ali who ruled)
VERDICT = re.compile(r"[^.؛]{0,120}?\sب(?:ال)?(?:سجن|اعدام|حبس|غرامه|مؤبد|اشغال|براءه|نفي|ابعاد)")
# A verbal attack: "شن هجوما حادا على الرئيس" is an accusation, not an assault
VERBAL_ATTACK = re.compile(r"\s+(?:حاد|حادا|لاذع|لاذعا|لاذعه|كلامي|كلاميا|اعلامي|اعلاميا|شرس|شرسا|عنيف\s+اللهجه|"
                           r"عنيفا\s+علي\s+(?:سياسه|تصريحات|مواقف))(?=\s|$|[،,.])")
PASSIVE_HOST = ("تم استقبال|جري استقبال|كان في استقبال|وكان في استقبال|كانت في استقبال|حضر الاستقبال|"
                "كان في استقباله|كان في استقبالها|كان في استقبالهم|كانت في استقباله|كانت في استقبالها|"
                "حضر اللقاء|حضر الاجتماع|حضر المباحثات|شارك في اللقاء|وحضر الاستقبال|وحضر اللقاء")


# Claiming an attack names its author, and the attack is mostly the one told before:
# "وأعلنت طالبان مسؤوليتها عن الهجوم"
CLAIMS = ("اعلن … مسؤوليته عن|اعلنت … مسؤوليتها عن|اعلنوا … مسؤوليتهم عن|اعلن … المسؤوليه عن|"
          "اعلنت … المسؤوليه عن|تبني … الهجوم|تبنت … الهجوم|تبني … التفجير|تبنت … التفجير|"
          "تبني … الهجمات|تبنت … الهجمات")


@lru_cache(maxsize=1)
def trigger_regex() -> tuple[re.Pattern, dict[str, Trigger]]:
    """One alternation of every phrase (longest first), and the phrase → trigger table."""
    table: dict[str, Trigger] = {}

    def add(phrase: str, type_: str, mode: str | None, frame: str, noun: bool, refers_back: bool = False) -> None:
        if GAP in phrase:
            # folded part by part: folding would make the "…" three dots
            head, tail = (fold(part) for part in phrase.split(GAP))
            table.setdefault(head + GAP + tail, Trigger(type_, mode, frame, noun, refers_back=refers_back,
                                                        words_after_gap=len(tail.split())))
            table.setdefault(f"{head} {tail}", Trigger(type_, mode, frame, noun, refers_back=refers_back))
        else:
            table.setdefault(fold(phrase), Trigger(type_, mode, frame, noun, refers_back=refers_back))

    for type_, mode, frame, noun, phrases in LEXICON:
        for p in phrases.split("|"):
            add(p, type_, mode, frame, noun)
    for p in CLAIMS.split("|"):
        add(p, "ASSAULT", None, "subject", False, refers_back=True)
    for p in PASSIVE_HOST.split("|"):
        table[fold(p)] = Trigger("CONSULT", "visit", "passive", False, refers_back=True)
    alts = sorted(table, key=len, reverse=True)
    body = "|".join(r"\s+".join(re.escape(w) for w in a.split(" ")).replace(r"\s+…\s+", GAP_RE) for a in alts)
    return re.compile(rf"(?<![^\s\"“”«»(،,.:؛\-])(?:[وف])?({body})(?=$|[\s\"“”«»(),،.:؛!?؟\-])"), table


def lookup(phrase: str) -> Trigger | None:
    """The trigger a matched phrase stands for (gap phrases matched with their gap filled)."""
    regex, table = trigger_regex()
    key = " ".join(phrase.split())
    if key in table:
        return table[key]
    for head, tail, trig in _gap_phrases():
        if key.startswith(head + " ") and key.endswith(" " + tail):
            return trig
    return None


@lru_cache(maxsize=1)
def _gap_phrases() -> list[tuple[str, str, Trigger]]:
    """(head, tail, trigger) of the phrases with a gap, longest first: the order the regex
    tries them in."""
    table = trigger_regex()[1]
    return [(*p.split(GAP), table[p]) for p in sorted(table, key=len, reverse=True) if GAP in p]


TOLD_TO = re.compile(r"(?:^|\s)ل(?:ـ)?\s*$|(?:^|\s)ل\S{1,2}\s$")
TOLD_TO_MEDIUM = re.compile(r"(?:^|\s)[وف]?ل(?:وكالة|وكاله|صحيفة|صحيفه|قناة|قناه|"
                     r"موقع|شبكة|شبكه|إذاعة|اذاعة|اذاعه|مراسل|مراسلة|مراسله|تلفزيون|راديو|مجلة|مجله|جريدة|جريده)"
                     r"(?:\s+(?:أنباء|انباء))?\s+$")


def told_to(text: str, start: int, glued: bool = True) -> bool:
    """The name at `start` is whom something was said to: after لـ (quote marks allowed
    between: 'لـ"سكاي نيوز"'), after "لوكالة", "لصحيفة", or (`glued`: after a speech cue)
    glued to ل ("لبي بي سي"), which elsewhere is mostly a genitive ("الدور الحاسم لقوات …")."""
    before = text[max(0, start - 14):start]
    if before.rstrip(" ")[-1:] in ("\"", "“", "”", "«"):
        before = before.rstrip(" ").rstrip("\"“”«")
    if before.split()[-1:] and before.split()[-1] in NOT_TOLD:
        return False        # "سفير المملكة لدى لبنان", "لن …": no one told
    if before.endswith(("لـ", "لـ ")) or TOLD_TO_MEDIUM.search(before):
        return True
    return glued and (before.endswith("ل") or bool(TOLD_TO.search(before)))


NOT_TOLD = {"لدى", "لدي", "لم", "لن", "لا", "له", "لها", "لهم", "لكن", "لذا", "لو"}
