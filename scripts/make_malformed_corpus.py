"""Write the malformed-input corpus: one file per way news input goes wrong.

    python scripts/make_malformed_corpus.py OUT_DIR [--no-big]

The files are generated, never committed (the 50 MB one alone would bloat the repo); the
test tests/test_malformed.py regenerates them into a temporary folder. The Arabic text is
written here. CORPUS lists every file with what rasad must answer for it: either records
("records": how many good articles come out) or a one-line error ("error": a regular
expression for the reason), or both for a file whose good records come before the damage.
"""
from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import random
import sys

# A short news story, written for this corpus (not from any data set). Only letters that both
# windows-1256 and ISO-8859-6 can encode: ASCII quotes and punctuation, Arabic comma and
# semicolon.
STORY = (
    "استقبل وزير الخارجية الأردني أيمن الصفدي في عمان يوم الثلاثاء نظيره العراقي فؤاد حسين، "
    "وبحث الجانبان سبل تعزيز التعاون الاقتصادي بين البلدين وتطورات الأوضاع في المنطقة.\n\n"
    "وقال الصفدي في مؤتمر صحفي مشترك عقب اللقاء: \"إن الأردن يقف إلى جانب العراق في جهوده "
    "لتحقيق الأمن والاستقرار\".\n\n"
    "من جهته، أكد حسين أن بغداد حريصة على توسيع التبادل التجاري مع عمان؛ مشيرا إلى أن البلدين "
    "سيوقعان اتفاقية جديدة للربط الكهربائي خلال الأشهر المقبلة.\n\n"
    "وفي سياق متصل، دعا الوزيران المجتمع الدولي إلى دعم جهود إعادة إعمار المناطق المتضررة "
    "من الحرب.\n"
)
STORY_2 = (
    "تظاهر مئات المواطنين في مدينة صفاقس يوم السبت احتجاجا على ارتفاع الأسعار، وطالبوا الحكومة "
    "بتوفير فرص العمل للشباب.\n\nوقال أحد المحتجين إن الأوضاع المعيشية لم تعد تحتمل.\n"
)
STORY_3 = (
    "أعلنت وزارة الصحة في القاهرة يوم الأحد افتتاح مستشفى جديد في محافظة أسوان، وقال الوزير إن "
    "المستشفى سيخدم أكثر من مليون مواطن.\n"
)


def _record(n: int, text: str) -> dict:
    day = n % 28 + 1
    return {"url": f"https://news.example/2018/03/{day:02d}/story-{n}.html", "title": f"خبر رقم {n}",
            "time": f"2018-03-{day:02d}", "source": "وكالة الأنباء", "text": text}


def _records(first: int, count: int, padding: int = 0) -> list[dict]:
    """Records numbered from `first`: every text differs (its own closing line), so each is its
    own article in the store. padding: bytes of incompressible filler in an unused field."""
    stories = [STORY, STORY_2, STORY_3]
    rng = random.Random(first)
    out = []
    for n in range(first, first + count):
        record = _record(n, stories[n % 3] + f"\nحرر في اليوم {n} من الشهر.")
        if padding:
            record["abstract"] = "".join(rng.choice("ابتثجحخدذرزسشصضطظعغفقكلمنهوي ") for _ in range(padding))
        out.append(record)
    return out


def _jsonl(records: list[dict]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")


def _warc_record(kind: str, block: bytes, number: int, uri: str | None = None,
                 content_type: str = "application/http; msgtype=response",
                 declared_length: int | None = None) -> bytes:
    head = [b"WARC/1.0", b"WARC-Type: " + kind.encode(),
            b"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-%012d>" % number,
            b"WARC-Date: 2018-03-04T10:00:00Z"]
    if uri:
        head.append(b"WARC-Target-URI: " + uri.encode())
    length = len(block) if declared_length is None else declared_length
    head += [b"Content-Type: " + content_type.encode(), b"Content-Length: %d" % length]
    return b"\r\n".join(head) + b"\r\n\r\n" + block + b"\r\n\r\n"


def _page(title: str, text: str) -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n") if p.strip())
    return (f"<!DOCTYPE html><html lang='ar' dir='rtl'><head><meta charset='utf-8'><title>{title}</title>"
            f"<meta property='article:published_time' content='2018-03-06T09:00:00Z'></head>"
            f"<body><nav><a href='/'>الرئيسية</a></nav><article><h1>{title}</h1>{paragraphs}</article>"
            f"<footer>جميع الحقوق محفوظة</footer></body></html>").encode("utf-8")


def _http(body: bytes) -> bytes:
    return (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n"
            % len(body)) + body


def _warc_pages(first: int, count: int, wrong_length_at: int | None = None) -> list[bytes]:
    out = [_warc_record("warcinfo", b"software: rasad corpus\r\n", 0, content_type="application/warc-fields")]
    stories = [STORY, STORY_2, STORY_3]
    for n in range(first, first + count):
        block = _http(_page(f"خبر {n}", stories[n % 3] + f"\n\nحرر في اليوم {n}."))
        declared = len(block) + 50 if n == wrong_length_at else None
        out.append(_warc_record("response", block, n, f"https://news.example/2018/03/06/p{n}.html",
                                declared_length=declared))
    return out


# name -> (what rasad must say, how many good records come out). "error" is a regular
# expression for the one-line reason (None: no error); its source is the file, or file:LINE /
# file#recordN for an error inside the file.
CORPUS: dict[str, dict] = {
    "truncated.jsonl.gz": {"records": None, "error": r"truncated or corrupt gzip",
                           "why": "a .jsonl.gz cut in half: the records before the cut, then one error"},
    "truncated.warc.gz": {"records": None, "error": r"truncated|corrupt gzip",
                          "why": "a WARC.gz cut inside a record: the pages before the cut, then one error"},
    "wrong-length.warc": {"records": 2, "error": r"wrong Content-Length",
                          "why": "a WARC whose 2nd record declares 50 bytes too many: the others read"},
    "arabic-cp1256.txt": {"records": 1, "error": None, "why": "windows-1256 text, no charset declared"},
    "arabic-iso8859-6.txt": {"records": 1, "error": None, "why": "ISO-8859-6 text, no charset declared"},
    "arabic-utf16.txt": {"records": 1, "error": None, "why": "UTF-16 with a BOM"},
    "huge-single-line.txt": {"records": 0, "error": r"file is 50\.0 MB, over the \d+ MB limit",
                             "why": "50 MB on one line: refused from its size, before reading it"},
    "nested-100k-divs.html": {"records": 0, "error": r"no main text could be extracted|not parseable",
                              "why": "100,000 nested <div>s: refused in one line, no RecursionError"},
    "feed-is-html-error.rss": {"records": 0, "error": r"^not a feed \(an HTML page\)$",
                               "why": "an RSS URL that answered with an HTML error page"},
    "empty-line.jsonl": {"records": 3, "error": None, "why": "JSON Lines with an empty line in the middle"},
    "text-is-number.json": {"records": 0, "error": r"^text field 'text' is a number, not a string$",
                            "why": "a JSON record whose text is 42"},
    "empty.txt": {"records": 0, "error": r"^file is empty$", "why": "0 bytes"},
    "binary.dat": {"records": 0, "error": r"^binary file", "why": "random bytes with NULs"},
    "invalid.json": {"records": 0, "error": r"^invalid JSON at line \d+, column \d+", "why": "a cut JSON object"},
    "one-bad-line.jsonl": {"records": 4, "error": r"^invalid JSON at column \d+",
                           "why": "5 lines, the 3rd broken: 4 records and one error at :3"},
    "surrogate-title.json": {"records": 1, "error": None,
                             "why": 'a title with an escaped lone surrogate "\\ud83d" (JSON allows it)'},
    "only-whitespace.txt": {"records": 0, "error": r"^file has only whitespace$", "why": "spaces and newlines"},
    "pdf-named-txt.txt": {"records": 0, "error": r"^binary file \(a PDF document\)", "why": "a PDF saved as .txt"},
}
CHARSET_FILES = {"arabic-cp1256.txt": "cp1256", "arabic-iso8859-6.txt": "iso8859_6", "arabic-utf16.txt": "utf-16"}


def charset_text(name: str) -> str:
    """The story as written into `name` (a closing line of its own, so the three differ)."""
    return STORY + f"\nنسخة {CHARSET_FILES[name]}.\n"


BIG_FILE = "huge-single-line.txt"
BIG_SIZE = 50 * 2**20


def write_corpus(out_dir: str, big: bool = True) -> dict[str, dict]:
    """Write every file of CORPUS into out_dir (the 50 MB one only when `big`); returns the
    entries written, with "records" filled in for the files whose count depends on the cut."""
    os.makedirs(out_dir, exist_ok=True)
    rng = random.Random(1439)
    written: dict[str, dict] = {}

    def put(name: str, data: bytes, **update) -> None:
        with open(os.path.join(out_dir, name), "wb") as out:
            out.write(data)
        written[name] = {**CORPUS[name], **update}

    # a gzip cut in half: the records wholly before the cut still come out. Padded so that more
    # than the readers' 64 KiB sniffing window comes before the cut (see test_known_bugs for a
    # small file cut short)
    records = _records(101, 12, padding=12000)
    whole = gzip.compress(_jsonl(records), mtime=0)
    cut = whole[:len(whole) // 2]
    readable = gzip.GzipFile(fileobj=io.BytesIO(cut))
    text = b""
    try:
        while chunk := readable.read(4096):
            text += chunk
    except (EOFError, OSError):
        pass
    put("truncated.jsonl.gz", cut, records=text.count(b"\n"))

    members = [gzip.compress(r, mtime=0) for r in _warc_pages(201, 4)]
    whole = b"".join(members)
    cut_at = sum(len(m) for m in members[:3]) + len(members[3]) // 2      # inside the 3rd page
    put("truncated.warc.gz", whole[:cut_at], records=2)

    put("wrong-length.warc", b"".join(_warc_pages(301, 3, wrong_length_at=302)))

    for name, encoding in CHARSET_FILES.items():    # utf-16: Python writes the BOM
        put(name, charset_text(name).encode(encoding))

    if big:
        line = (STORY.replace("\n", " ") + " ").encode("utf-8")
        with open(os.path.join(out_dir, BIG_FILE), "wb") as out:
            block = line * (2**20 // len(line) + 1)
            remaining = BIG_SIZE
            while remaining > 0:
                out.write(block[:remaining])
                remaining -= min(remaining, len(block))
        written[BIG_FILE] = CORPUS[BIG_FILE]

    paragraph = "<p>" + STORY.replace("\n\n", "</p><p>") + "</p>"
    put("nested-100k-divs.html", ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>عمق</title></head><body>"
                                  + "<div>" * 100_000 + paragraph + "</div>" * 100_000 + "</body></html>").encode("utf-8"))

    put("feed-is-html-error.rss", ("<!DOCTYPE html><html><head><title>503 الخدمة غير متاحة</title></head><body>"
                                   "<h1>الخدمة غير متاحة مؤقتا</h1><p>يرجى المحاولة لاحقا.</p></body></html>"
                                   ).encode("utf-8"))

    three = _records(1, 3)
    put("empty-line.jsonl", (json.dumps(three[0], ensure_ascii=False) + "\n\n" +
                             json.dumps(three[1], ensure_ascii=False) + "\n   \n" +
                             json.dumps(three[2], ensure_ascii=False) + "\n").encode("utf-8"))

    put("text-is-number.json", json.dumps({"title": "رقم", "text": 42}).encode("utf-8"))
    put("empty.txt", b"")
    put("binary.dat", bytes(rng.randrange(256) for _ in range(4096)) + b"\x00\x00")
    put("invalid.json", ('{"title": "خبر", "text": "' + STORY[:80]).encode("utf-8"))

    five = [json.dumps(r, ensure_ascii=False) for r in _records(21, 5)]
    five[2] = five[2][:30]                                 # line 3 cut short
    put("one-bad-line.jsonl", ("\n".join(five) + "\n").encode("utf-8"))

    surrogate = {"title": "عنوان \ud83d مكسور", "text": STORY_2}
    put("surrogate-title.json", json.dumps(surrogate, ensure_ascii=True).encode("ascii"))
    put("only-whitespace.txt", b"  \n\n\t \r\n")
    put("pdf-named-txt.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir")
    ap.add_argument("--no-big", action="store_true", help=f"skip the {BIG_SIZE // 2**20} MB file")
    args = ap.parse_args(argv)
    written = write_corpus(args.out_dir, big=not args.no_big)
    for name, entry in written.items():
        print(f"{name:28} {entry['why']}")
    print(f"{len(written)} files in {args.out_dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
