import codecs

import pytest

from rasad.errors import InputError
from rasad.sources import read_bytes
from rasad.sources.text import decode_text, read_text

# Real sentences, written for these tests. Together they use every Arabic letter the two
# legacy code pages encode differently (و ي ق ك ف غ ل م ن ه ى ـ and the Arabic comma).
SENTENCES = [
    "قال الرئيس السوري بشار الأسد إن الحكومة مستعدة للتفاوض مع المعارضة في جنيف.",
    "وصل وزير الخارجية المصري إلى بغداد يوم الخميس، والتقى نظيره العراقي لبحث الأوضاع الأمنية.",
    "أعلنت وزارة الدفاع التركية مقتل ثلاثة جنود في اشتباك قرب الحدود مع العراق.",
    "استقبل الملك سلمان بن عبدالعزيز في الرياض وفدا كويتيا رفيع المستوى.",
    "دعا الائتلاف الوطني الفصائل المقاتلة إلى ضبط النفس وإطلاق سراح المعتقلين فورا.",
]
TEXT = "\n".join(SENTENCES)
LEGACY_CODE_PAGES = ["cp1256", "iso8859_6"]


@pytest.mark.parametrize("encoding, prefix, name", [
    ("utf-8", b"", "utf-8"),
    ("utf-8", codecs.BOM_UTF8, "utf-8"),
    ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16-le"),
    ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16-be"),
    ("cp1256", b"", "cp1256"),
    ("iso8859_6", b"", "iso8859_6"),
])
def test_each_encoding_round_trips(encoding, prefix, name):
    doc = read_text(prefix + TEXT.encode(encoding), "news.txt")
    assert doc.text == TEXT            # the BOM is dropped, nothing else changes
    assert doc.kind == "text" and doc.origin == "news.txt"
    assert doc.extra["encoding"] == name


@pytest.mark.parametrize("sentence", SENTENCES)
@pytest.mark.parametrize("encoding", LEGACY_CODE_PAGES)
def test_windows_1256_and_iso_8859_6_told_apart_per_sentence(sentence, encoding):
    text, found = decode_text(sentence.encode(encoding), "s.txt")
    assert (text, found) == (sentence, encoding)


@pytest.mark.parametrize("encoding", LEGACY_CODE_PAGES)
def test_short_headlines_are_told_apart_too(encoding):
    headline = "وفد يمني في موسكو"
    assert decode_text(headline.encode(encoding), "h.txt") == (headline, encoding)


def test_windows_1256_with_french_words_stays_windows_1256():
    # Maghreb papers mix French into Arabic text: é and è must not look like ISO-8859-6 damage.
    text = "قال وزير الخارجية في تونس إن « l'accord a été signé » بعد مفاوضات طويلة."
    assert decode_text(text.encode("cp1256"), "fr.txt") == (text, "cp1256")


def test_text_is_kept_exactly():
    text = "  \r\nسطر أول\r\n\tسطر ثان  \n\n"
    assert read_text(text.encode("utf-8"), "t.txt").text == text
    assert read_text(codecs.BOM_UTF8 + "\ufeffبداية".encode(), "t.txt").text == "\ufeffبداية"


def test_read_bytes_sniffs_plain_text():
    [doc] = read_bytes(TEXT.encode("cp1256"), "upload")
    assert doc.kind == "text" and doc.text == TEXT


@pytest.mark.parametrize("data, reason", [
    (b"", "file is empty"),
    (b" \n\t\r\n ", "only whitespace"),
    (codecs.BOM_UTF8, "file is empty"),
    ("  \n".encode("utf-16"), "only whitespace"),
])
def test_empty_input_is_refused(data, reason):
    with pytest.raises(InputError, match=reason):
        read_text(data, "e.txt")


@pytest.mark.parametrize("data", [
    b"abc\x00def\x00\x01\x02",
    b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
    b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj",
    bytes(range(1, 9)) * 200,
])
def test_binary_input_is_refused(data):
    with pytest.raises(InputError, match="binary"):
        read_text(data, "b.bin")


def test_damaged_utf8_is_refused_not_turned_into_mojibake():
    data = TEXT.encode("utf-8")
    damaged = data[:41] + b"\xff" + data[41:]
    with pytest.raises(InputError, match=r"undecodable bytes: UTF-8 with invalid bytes .* at byte 41"):
        read_text(damaged, "d.txt")


def test_bytes_that_fit_no_candidate_are_refused():
    noise = bytes([0x81, 0xA3, 0xF7, 0x9D, 0xBE, 0x8F, 0xFF, 0xC0] * 50)
    with pytest.raises(InputError) as error:
        read_text(noise, "n.txt")
    assert error.value.source == "n.txt"
    assert "undecodable" in error.value.reason or "binary" in error.value.reason


def test_bad_utf16_after_bom_is_refused():
    with pytest.raises(InputError, match="utf-16-le BOM"):
        read_text(codecs.BOM_UTF16_LE + "نص".encode("utf-16-le") + b"\x00\xd8", "u.txt")
