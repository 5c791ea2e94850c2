"""Find the boilerplate that scraped news text carries, as removed spans with their reason.

Reasons:
  related-headlines  headline lines each followed by a bare date line (a "related articles" block)
  repeated-block     a line that already appeared earlier in the page
  navigation         share / follow / read-more / breadcrumb lines
  appended-lead      leads of other stories that scrapers append after the article
  credit             a bare agency credit line such as "(CNN)--" (only when it is the whole line)
  site-notice        the outlet's own notices (comment policy, "opinions are the writers' own")
Nothing is deleted from the text: the article's body is the text minus these spans.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from rasad.analyse import lexicon as lx
from rasad.analyse.tokens import vocabulary
from rasad.model import Article, Span
from rasad.normalize import fold, fold_key

DATE_LINE = re.compile(
    r"^\s*(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|"
    r"(?:[\w\u0600-\u06ff]+،?\s+)?\d{1,2}\s+[\u0600-\u06ff/]+(?:\s+[\u0600-\u06ff]+)?\s+\d{4})"
    r"(?:\s*[-–،,]?\s*\d{1,2}:\d{2}(?::\d{2})?(?:\s*[صمAPap][Mm]?)?)?\s*$")
NAVIGATION = re.compile(
    r"^\s*(?:(?:شارك(?:وا)?|مشاركة|شارك\s+الخبر|شارك\s+المقال)\s*[:|]?\s*(?:\S+\s*){0,3}$|تابع(?:ونا|نا)?\s+(?:على|عبر)|اقرأ\s+(?:أيضا|أيضاً|ايضا|المزيد)|"
    r"إقرأ\s+(?:أيضا|أيضاً)|للمزيد\s*:|مواضيع\s+ذات\s+صلة|"
    # a related headline set into the story: "قد يهمك.. أمريكا: …", "أيضاً.. …"
    r"قد\s+يهمك|(?:أيضا|أيضاً|ايضا)\s*\.\.|أخبار\s+ذات\s+صلة|مقالات\s+ذات\s+صلة|ذات\s+صلة\s*:?\s*$|"
    r"طباعة\s*$|أرسل\s+لصديق|أضف\s+تعليق|التعليقات\s*$|الرئيسية\s*[>»/|]|"
    r"(?:facebook|twitter|whatsapp|telegram|فيسبوك|تويتر|واتساب)(?:\s*[|/,،]\s*\w+)+\s*$|"
    r"(?:الوسوم|كلمات\s+مفتاحية|الكلمات\s+الدالة)\s*:|"
    # a site's tag list, words without punctuation: "سمات بنغازي داعش قتل ليبيا"
    r"(?:سمات|وسوم|كلمات\s+دلالية)\s+(?:[^\s.،,:؛!?؟]+\s*){1,14}$|حقوق\s+(?:النشر|الطبع)|جميع\s+الحقوق\s+محفوظة|©)",
    re.IGNORECASE)
SITE_NOTICE = re.compile(
    r"^\s*(?:ترحب\s+(?:شبكة|صحيفة|جريدة|قناة|موقع)|نرحب\s+ب|الآراء\s+الواردة|الاراء\s+الواردة|"
    r"التعليقات\s+المنشورة|\**\s*جميع\s+المقالات\s+المنشورة|المقالات\s+المنشورة\s+تعبر|"
    r"ما\s+يرد\s+في\s+التعليقات|"
    # "علماً بأن CNN لا يمكنها التحقق بشكل مستقل من صحة المعلومات"
    r"علما\S?\s+(?:بأن|بان|أن|ان)\s+(?:CNN|سي\s+إن\s+إن)\s+لا)")
CREDIT = re.compile(r"^\s*\(?\s*(?:CNN|AFP|Reuters|رويترز|أ\s*ف\s*ب|د\s*ب\s*أ|واس|سانا|كونا|وام)\s*\)?\s*[-—–:]*\s*$",
                    re.IGNORECASE)
WEEKDAY = re.compile(r"(?:^|\s|،|\()(?:ال|يوم\s+ال)?(?:اثنين|ثلاثاء|اربعاء|خميس|جمعه|سبت|احد)(?:\s|،|\)|$)")
ARABIC_WORD = re.compile(r"[\u0621-\u064a]{3,}")


@dataclass
class Line:
    start: int
    end: int          # without the newline
    text: str

    @property
    def key(self) -> str:
        return fold_key(self.text)


def lines_of(text: str) -> list[Line]:
    out, pos = [], 0
    for raw in text.split("\n"):
        out.append(Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return out


def find_boilerplate(article: Article) -> list[Span]:
    """Removed spans for `article.text`, each labelled with its reason."""
    lines = [ln for ln in lines_of(article.text) if ln.text.strip()]
    removed: dict[int, str] = {}   # index in `lines` → reason

    # related headlines: "headline\n2022-04-05" pairs
    for i in range(len(lines) - 1):
        if DATE_LINE.match(lines[i + 1].text) and _headline_like(lines[i].text):
            removed.setdefault(i, "related-headlines")
            removed.setdefault(i + 1, "related-headlines")
    for i, ln in enumerate(lines):
        if DATE_LINE.match(ln.text) and (i - 1 in removed or i + 1 in removed):
            removed.setdefault(i, "related-headlines")

    # blocks repeated within the page: later copies go
    seen: set[str] = set()
    for i, ln in enumerate(lines):
        key = ln.key
        if len(key) < 12:
            continue
        if key in seen:
            removed.setdefault(i, "repeated-block")
        seen.add(key)

    for i, ln in enumerate(lines):
        if NAVIGATION.match(fold(ln.text)) or NAVIGATION.match(ln.text):
            if len(ln.text.split()) <= 25:
                removed.setdefault(i, "navigation")
        elif SITE_NOTICE.match(ln.text):
            removed.setdefault(i, "site-notice")
        elif CREDIT.match(ln.text):
            removed.setdefault(i, "credit")

    for i in _appended_leads(lines, removed, article.title):
        removed.setdefault(i, "appended-lead")

    return [Span(lines[i].start, lines[i].end, reason) for i, reason in sorted(removed.items())]


def _headline_like(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 30 and not text.rstrip().endswith((".", "؟", "?", "!"))


def _idf(word: str, vocab: dict[str, int], total: float) -> float:
    return math.log(total / (1 + vocab.get(word, 0)))


def _content_words(text: str) -> set[str]:
    words = set()
    for w in ARABIC_WORD.findall(fold(text)):
        for prefix in ("وال", "بال", "لل", "ال", "و"):
            if w.startswith(prefix) and len(w) - len(prefix) >= 3:
                w = w[len(prefix):]
                break
        words.add(w)
    return words


def _appended_leads(lines: list[Line], removed: dict[int, str], title: str | None) -> list[int]:
    """Trailing one-paragraph leads of other stories: a run at the end of the page of lines
    that do not continue the article (no opening conjunction or connective), read like a
    news lead (a weekday near the start, or a past-tense verb first: "أعلن X، الإثنين، …")
    and share little weighted
    vocabulary with the article. A run needs at least one such dated lead; undated lines
    join it only when they share almost nothing with the article."""
    body = [i for i in range(len(lines)) if i not in removed]
    if len(body) < 4:
        return []
    vocab = vocabulary()
    total = float(sum(vocab.values()) or 1)
    run: list[tuple[int, bool]] = []
    for pos in range(len(body) - 1, 1, -1):
        i = body[pos]
        text = lines[i].text.strip()
        folded = fold(text)
        if _continues(folded, vocab):
            break
        words = _content_words(text)
        if len(words) < 6:
            break
        context = set()
        for j in body[:pos]:
            context |= _content_words(lines[j].text)
        if title:
            context |= _content_words(title)
        weights = {w: _idf(w, vocab, total) for w in words}
        shared = sum(wt for w, wt in weights.items() if w in context) / (sum(weights.values()) or 1)
        first = ARABIC_WORD.match(folded.lstrip("\"“«(-– *"))
        verb_first = bool(first and first.group() in lx.LEDE_VERBS)
        dated = bool(WEEKDAY.search(" ".join(folded.split()[:12])))
        if verb_first and dated and shared < 0.7:
            # a second "VERB SUBJECT، WEEKDAY، …" lead: another story's opening
            run.append((i, True))
        elif (verb_first or dated) and shared < 0.4:
            run.append((i, True))
        elif shared < 0.2:
            run.append((i, False))
        else:
            break
    # the run is trusted from its first dated lead on (reading from the end of the page)
    while run and not run[-1][1]:
        run.pop()
    found = [i for i, _ in run]
    if not any(lead for _, lead in run) or len(body) - len(found) < 2:
        return []
    return found


CONNECTIVES = ("كما ", "يذكر ", "يشار ", "الي ذلك", "من جانبه", "من جهته", "من جهه", "من ناحيه", "من ناحيت", "الا ان", "بينما ", "علما ", "اما ",
               "في المقابل", "بدوره", "وفي ", "في حين", "فيما ", "يأتي ", "ياتي ", "جاء ذلك", "لكن ",
               "غير ان", "في سياق", "في الوقت", "كذلك", "جدير", "الجدير")


def _continues(folded: str, vocab: dict[str, int]) -> bool:
    """Does this line continue the article (a conjunction or connective at its start)?"""
    head = folded.lstrip("\"“«(-– *")
    if head.startswith(CONNECTIVES):
        return True
    m = ARABIC_WORD.match(head)
    first = m.group() if m else ""
    if len(first) < 3 or first[0] not in "وف":
        return False
    # و/ف is a conjunction unless the word is a frequent word of its own (وزير، فرنسا)
    whole, rest = vocab.get(first, 0), vocab.get(first[1:], 0)
    return not (whole >= 20 and whole > 3 * rest)
