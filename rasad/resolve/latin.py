"""Latin renderings of canonical entities.

Places: the GeoNames Latin name from the gazetteer (countries by their short English name).
Known organisations: their usual English name. Names of people and anything else: a
hand-written romaniser, one consistent scheme, readable rather than scholarly:

* common names come from a small table of their usual news spelling (محمد → Mohammed,
  عمر → Omar, بوتين → Putin, ترامب → Trump);
* عبد + name is one word, "Abdul" + the name in lower case (عبد الكريم → Abdulkarim,
  عبدالله → Abdullah); أبو + name likewise "Abu" + name (أبو بكر → Abubakr);
* the article is "al-" before the capitalised word, never assimilated (الأسد → al-Assad,
  الشرع → al-Sharaa… through the table, الحريري → al-Hariri through the rules);
* other words letter by letter: ب b, ت t, ث th, ج j, ح h, خ kh, د d, ذ dh, ر r, ز z, س s,
  ش sh, ص s, ض d, ط t, ظ z, ع ' (dropped at a word's start), غ gh, ف f, ق q, ك k, ل l, م m,
  ن n, ه h, ء '; ا is a, و is u between consonants and w elsewhere, ي is i between consonants
  and y elsewhere, a final ة/ه after a consonant is a; short vowels are not written in
  Arabic, so "a" is inserted between two consonants at the start of a word (سلمان → Salman)
  and nowhere else. No diacritics, so the result is plain ASCII.

So عبد الكريم عمر → Abdulkarim Omar, بشار الأسد → Bashar al-Assad,
حسن الحريري → Hassan al-Hariri, زبيدوف → Zabiduf (an approximation: the table fixes the names
that matter most).
"""
from __future__ import annotations

from functools import lru_cache

from rasad.normalize import fold, fold_key

LETTERS = {
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh",
    "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z",
    "ع": "'", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n",
    "ه": "h", "ء": "'", "ا": "a", "و": "w", "ي": "y", "پ": "p", "چ": "ch", "ڤ": "v",
}
VOWELS = set("اوي")

# Usual news spellings (folded word, article removed) → Latin. Given names first.
NAMES = {fold(k): v for k, v in {
    "محمد": "Mohammed", "احمد": "Ahmed", "محمود": "Mahmoud", "مصطفى": "Mustafa", "علي": "Ali",
    "عمر": "Omar", "عثمان": "Othman", "حسن": "Hassan", "حسين": "Hussein", "خالد": "Khaled",
    "سعد": "Saad", "سعيد": "Said", "يوسف": "Youssef", "ابراهيم": "Ibrahim", "اسماعيل": "Ismail",
    "عيسى": "Issa", "موسى": "Moussa", "سليمان": "Suleiman", "سلمان": "Salman", "فيصل": "Faisal",
    "فهد": "Fahd", "نايف": "Nayef", "طلال": "Talal", "بشار": "Bashar", "حافظ": "Hafez",
    "رفيق": "Rafik", "نبيه": "Nabih", "ميشال": "Michel", "ميشيل": "Michel", "جبران": "Gebran",
    "وليد": "Walid", "جمال": "Jamal", "كمال": "Kamal", "عادل": "Adel", "عمرو": "Amr",
    "هاني": "Hani", "سامي": "Sami", "رامي": "Rami", "زياد": "Ziad", "طارق": "Tarek",
    "ماجد": "Majed", "منصور": "Mansour", "ناصر": "Nasser", "جعفر": "Jaafar", "حمد": "Hamad",
    "تميم": "Tamim", "زايد": "Zayed", "راشد": "Rashid", "مكتوم": "Maktoum", "قابوس": "Qaboos",
    "صالح": "Saleh", "هادي": "Hadi", "منصورهادي": "Mansour Hadi", "حيدر": "Haider",
    "عبادي": "Abadi", "نوري": "Nouri", "مالكي": "Maliki", "مقتدى": "Muqtada", "صدر": "Sadr",
    "برهم": "Barham", "مسعود": "Masoud", "بارزاني": "Barzani", "نيجيرفان": "Nechirvan",
    "جواد": "Javad", "ظريف": "Zarif", "حسن روحاني": "Hassan Rouhani", "روحاني": "Rouhani",
    "خامنيي": "Khamenei", "خامنئي": "Khamenei", "قاسم": "Qassem", "سليماني": "Soleimani",
    "نصرالله": "Nasrallah", "هنيه": "Haniyeh", "اسماعيل هنيه": "Ismail Haniyeh",
    "عباس": "Abbas", "نتنياهو": "Netanyahu", "نتانياهو": "Netanyahu", "بنيامين": "Benjamin",
    "ليبرمان": "Lieberman", "اردوغان": "Erdogan", "رجب": "Recep", "طيب": "Tayyip",
    "مولود": "Mevlut", "جاويش": "Cavusoglu", "اوغلو": "Oglu", "بوتين": "Putin", "بوتن": "Putin",
    "فلاديمير": "Vladimir", "سيرغي": "Sergei", "سيرجي": "Sergei", "لافروف": "Lavrov",
    "ديمتري": "Dmitry", "بيسكوف": "Peskov", "ميدفيديف": "Medvedev", "شويغو": "Shoigu",
    "ماريا": "Maria", "زاخاروفا": "Zakharova", "ترامب": "Trump", "ترمب": "Trump",
    "دونالد": "Donald", "مايك": "Mike", "بومبيو": "Pompeo", "ريكس": "Rex",
    "تيلرسون": "Tillerson", "جون": "John", "بولتون": "Bolton", "ماتيس": "Mattis",
    "جيمس": "James", "باراك": "Barack", "اوباما": "Obama", "هيلاري": "Hillary",
    "كلينتون": "Clinton", "ايمانويل": "Emmanuel", "ماكرون": "Macron", "انغيلا": "Angela",
    "انجيلا": "Angela", "ميركل": "Merkel", "تيريزا": "Theresa", "تيريزاماي": "Theresa May",
    "بوريس": "Boris", "جونسون": "Johnson", "انطونيو": "Antonio", "غوتيريش": "Guterres",
    "غوتيريس": "Guterres", "ستافان": "Staffan", "دي": "de", "ميستورا": "Mistura",
    "كيم": "Kim", "جونغ": "Jong", "اون": "Un", "شي": "Xi", "جين": "Jin", "بينغ": "Ping",
    "عبدالفتاح": "Abdel Fattah", "سيسي": "Sisi", "شكري": "Shoukry", "سامح": "Sameh",
    "عون": "Aoun", "بري": "Berri", "حريري": "Hariri", "جعجع": "Geagea", "جنبلاط": "Jumblatt",
    "باسيل": "Bassil", "اسد": "Assad", "معلم": "Muallem", "جعفري": "Jaafari",
    "بن": "bin", "ابن": "ibn", "بنت": "bint", "ملك": "Malik", "امير": "Amir",
    "تبون": "Tebboune", "بوتفليقه": "Bouteflika", "عبدالعزيز": "Abdulaziz",
    "باجي": "Beji", "قايد": "Caid", "سبسي": "Essebsi", "يوسف الشاهد": "Youssef Chahed",
    "شاهد": "Chahed", "غنوشي": "Ghannouchi", "حفتر": "Haftar",
    "خليفه": "Khalifa", "سراج": "Sarraj", "فايز": "Fayez", "بشير": "Bashir",
    "حوثي": "Houthi", "عبدالملك": "Abdulmalik", "زبيدوف": "Zubaydov",
    "عبدالله": "Abdullah", "عبدالرحمن": "Abdulrahman", "الله": "Allah", "جورج": "George",
    "فرانسوا": "Francois", "هولاند": "Hollande", "ريتشارد": "Richard", "روبرت": "Robert",
    "ديفيد": "David", "مارك": "Mark", "بيتر": "Peter", "بول": "Paul", "جوزيف": "Joseph",
}.items()}

ORGS = {fold_key(k): v for k, v in {
    "الأمم المتحدة": "United Nations", "مجلس الأمن": "UN Security Council",
    "الاتحاد الأوروبي": "European Union", "الجامعة العربية": "Arab League",
    "جامعة الدول العربية": "Arab League", "الناتو": "NATO", "البيت الأبيض": "White House",
    "الكرملين": "Kremlin", "الإليزيه": "Elysee", "البنتاغون": "Pentagon",
    "الكونغرس": "Congress", "الكنيست": "Knesset", "أوبك": "OPEC", "اليونيسف": "UNICEF",
    "داعش": "Islamic State (ISIS)", "حزب الله": "Hezbollah", "حماس": "Hamas", "فتح": "Fatah",
    "طالبان": "Taliban", "القاعدة": "al-Qaeda", "الحوثيون": "Houthis",
    "جبهة النصرة": "al-Nusra Front", "هيئة تحرير الشام": "Hayat Tahrir al-Sham",
    "قسد": "Syrian Democratic Forces (SDF)", "الإخوان المسلمون": "Muslim Brotherhood",
    "وحدات حماية الشعب": "People's Protection Units (YPG)", "الإدارة الذاتية":
    "Autonomous Administration", "حزب العمال الكردستاني": "Kurdistan Workers' Party (PKK)",
    "البشمركة": "Peshmerga", "الحشد الشعبي": "Popular Mobilization Forces",
    "المجتمع الدولي": "international community",
}.items()}

SHORT_COUNTRIES = {
    "SY": "Syria", "RU": "Russia", "IR": "Iran", "KR": "South Korea", "KP": "North Korea",
    "US": "United States", "GB": "United Kingdom", "VE": "Venezuela", "BO": "Bolivia",
    "TZ": "Tanzania", "MD": "Moldova", "LA": "Laos", "VN": "Vietnam", "PS": "Palestine",
    "CD": "DR Congo", "CG": "Republic of the Congo", "TW": "Taiwan", "BN": "Brunei",
    "MK": "North Macedonia", "CZ": "Czechia", "LY": "Libya", "KW": "Kuwait",
}


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:] if word else word


@lru_cache(maxsize=100_000)
def romanise_word(word: str) -> str:
    """One folded word (article already removed) in Latin letters, capitalised."""
    if not word:
        return ""
    if word in NAMES:
        return NAMES[word]
    if word.isascii():
        return _cap(word)
    if word.startswith("عبد") and len(word) > 3:
        rest = word[3:]
        if rest.startswith("ال") and len(rest) > 4:
            rest = rest[2:]
        return "Abdul" + romanise_word(rest).lower().replace("-", "")
    if word.startswith("ابو") and len(word) > 3:
        return "Abu" + romanise_word(word[3:]).lower()
    out: list[str] = []
    n = len(word)
    consonants_seen = 0
    for i, ch in enumerate(word):
        prev = word[i - 1] if i else ""
        nxt = word[i + 1] if i + 1 < n else ""
        if ch == "ا":
            out.append("a" if not (out and out[-1] == "a") else "")
        elif ch == "و":
            out.append("u" if prev and prev not in VOWELS and nxt and nxt not in VOWELS else
                       ("w" if i == 0 or nxt in VOWELS or nxt == "" and prev in VOWELS else "u"))
        elif ch == "ي" and nxt == "ه" and i + 2 == n:
            out.append("iy")
        elif ch == "ي":
            out.append("i" if prev and prev not in VOWELS and (not nxt or nxt not in VOWELS)
                       else "y")
        elif ch == "ه" and i == n - 1 and prev and prev != "ا":
            out.append("a")
        else:
            latin = LETTERS.get(ch, "")
            if ch == "ع" and i == 0:
                latin = ""
            out.append(latin)
            if ch not in VOWELS:
                consonants_seen += 1
                # one short vowel after the first consonant when another consonant follows
                if consonants_seen == 1 and nxt and nxt not in VOWELS and nxt != "ه":
                    out.append("a")
    text = "".join(out).replace("''", "'").strip("'")
    return _cap(text) if text else ""


def romanise(name: str) -> str:
    """A name in Latin letters with the scheme above (the article as "al-")."""
    from rasad.resolve.identity import JOINERS
    words = fold_key(name).split()
    joined: list[str] = []
    i = 0
    while i < len(words):
        if words[i] in JOINERS and i + 1 < len(words):
            joined.append(words[i] + words[i + 1])
            i += 2
        else:
            joined.append(words[i])
            i += 1
    out = []
    for w in joined:
        if w.startswith("ال") and len(w) > 4 and w not in NAMES:
            out.append("al-" + romanise_word(w[2:]))
        else:
            out.append(romanise_word(w))
    return " ".join(x for x in out if x)


def latin_name(name: str, etype: str, place: dict | None = None) -> str:
    """The Latin rendering of a canonical entity (see the module doc)."""
    if place:
        iso2 = (place.get("iso2") or "").upper()
        if place.get("kind") == "country" and iso2 in SHORT_COUNTRIES:
            return SHORT_COUNTRIES[iso2]
        if place.get("latin"):
            return place["latin"]
    if etype == "ORG":
        key = fold_key(name)
        if key in ORGS:
            return ORGS[key]
    return romanise(name)
