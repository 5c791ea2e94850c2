import datetime as dt
import gzip
import json

import pytest

import rasad.sources as sources
from rasad.errors import InputError
from rasad.model import Document
from rasad.sources import read_bytes, read_path

ARTICLE = "قال الرئيس إن الحكومة ستفاوض المعارضة في جنيف الأسبوع المقبل، وفق بيان رسمي."
PAGE = (f"<!DOCTYPE html><html><head><title>خبر</title></head><body><article>"
        f"<p>{ARTICLE} {ARTICLE}</p><p>{ARTICLE}</p></article></body></html>")


def jsonl(*records):
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records)


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return str(path)


# --- whole-file problems raise at the call, before iteration ---

def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file") as error:
        read_path(str(tmp_path / "nope.txt"))
    assert error.value.source == str(tmp_path / "nope.txt")


def test_directory(tmp_path):
    with pytest.raises(InputError, match="directory"):
        read_path(str(tmp_path))


@pytest.mark.parametrize("content, reason", [(b"", "file is empty"), (b"\n \r\n\t", "only whitespace")])
def test_empty_and_whitespace_files(tmp_path, content, reason):
    with pytest.raises(InputError, match=reason):
        read_path(write(tmp_path, "e.txt", content))


def test_binary_file(tmp_path):
    with pytest.raises(InputError, match="binary"):
        read_path(write(tmp_path, "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))


def test_gzip_holding_binary(tmp_path):
    with pytest.raises(InputError, match="binary"):
        read_path(write(tmp_path, "x.gz", gzip.compress(b"\x00\x01\x02" * 100)))


def test_file_over_the_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "big.txt"
    with open(path, "wb") as out:               # 50 MiB of real text, written in 1 MiB blocks
        block = (ARTICLE + "\n").encode("utf-8") * (2**20 // len((ARTICLE + "\n").encode("utf-8")) + 1)
        block = block[:2**20]
        for _ in range(50):
            out.write(block)
    with pytest.raises(InputError) as error:
        read_path(str(path))
    assert error.value.reason == "file is 50.0 MB, over the 20 MB limit"


def test_limit_is_read_at_call_time_and_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "MAX_BYTES", 100)
    with pytest.raises(InputError, match="over the"):
        read_path(write(tmp_path, "a.txt", ARTICLE * 2))
    with pytest.raises(InputError, match="once decompressed"):
        read_path(write(tmp_path, "a.txt.gz", gzip.compress((ARTICLE * 2).encode())))
    monkeypatch.setenv("RASAD_MAX_BYTES", "1234")
    assert sources._max_bytes_from_env() == 1234
    monkeypatch.delenv("RASAD_MAX_BYTES")
    assert sources._max_bytes_from_env() == 20 * 2**20


def test_json_lines_are_streamed_past_the_limit_line_by_line(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "MAX_BYTES", 400)
    lines = [{"text": ARTICLE, "n": i} for i in range(20)]        # ~3 KB in all, each line < 400 B
    lines[7] = {"text": ARTICLE * 5, "n": 7}                       # one line over the limit
    out = list(read_path(write(tmp_path, "c.jsonl", jsonl(*lines))))
    assert len(out) == 20
    assert isinstance(out[7], InputError) and out[7].source.endswith("c.jsonl:8")
    assert "over the" in out[7].reason
    assert [d.extra["n"] for d in out if isinstance(d, Document)] == [i for i in range(20) if i != 7]


# --- JSON and JSON Lines ---

def test_jsonl_with_bad_lines_keeps_going(tmp_path):
    content = jsonl(
        {"text": "الخبر الأول", "time": "2019-02-08"},
        "",                                        # empty line: skipped silently
        '{"text": "مقطوع", ',                     # invalid JSON
        {"text": "الخبر الثاني"},
        {"text": 3.5},                             # text is a number
        {"title": "بلا نص"},                       # no text field
        "   ",
        {"content": "الخبر الثالث"},
    )
    path = write(tmp_path, "news.jsonl", content)
    out = list(read_path(path))
    kinds = [(type(item).__name__, item.origin if isinstance(item, Document) else item.source) for item in out]
    assert kinds == [("Document", f"{path}:1"), ("InputError", f"{path}:3"), ("Document", f"{path}:4"),
                     ("InputError", f"{path}:5"), ("InputError", f"{path}:6"), ("Document", f"{path}:8")]
    assert [d.text for d in out if isinstance(d, Document)] == ["الخبر الأول", "الخبر الثاني", "الخبر الثالث"]
    assert out[0].published == dt.date(2019, 2, 8)
    assert "invalid JSON at column" in out[1].reason
    assert "not a string" in out[3].reason and "no text field" in out[4].reason


def test_gzipped_jsonl_and_sniffing_without_extension(tmp_path):
    records = [{"text": f"خبر رقم {i}", "id": i} for i in range(50)]
    path = write(tmp_path, "dump.bin", gzip.compress(jsonl(*records).encode("utf-8")))
    out = list(read_path(path))
    assert [d.extra["id"] for d in out] == list(range(50))
    assert out[49].origin == f"{path}:50" and out[0].kind == "json"


def test_truncated_gzip_yields_the_records_then_the_cut(tmp_path):
    records = [{"text": f"خبر رقم {i} " + ARTICLE, "id": i} for i in range(3000)]
    data = gzip.compress(jsonl(*records).encode("utf-8"))
    path = write(tmp_path, "cut.jsonl.gz", data[: len(data) // 2])
    seen = list(read_path(path))
    *good, cut = seen
    assert isinstance(cut, InputError) and "truncated or corrupt gzip" in cut.reason and cut.source == path
    assert good and all(isinstance(d, Document) for d in good)   # records before the cut came out
    small = write(tmp_path, "small.txt.gz", gzip.compress(ARTICLE.encode())[:-6])
    with pytest.raises(InputError, match="truncated or corrupt gzip"):
        read_path(small)


def test_single_json_object(tmp_path):
    path = write(tmp_path, "one.json", json.dumps({"headline": "عنوان", "body": ARTICLE, "docno": "X1"},
                                                  ensure_ascii=False, indent=2))
    [doc] = read_path(path)
    assert (doc.origin, doc.title, doc.text, doc.extra) == (path, "عنوان", ARTICLE, {"docno": "X1"})


def test_single_json_object_in_utf16(tmp_path):
    path = write(tmp_path, "one.json", json.dumps({"text": ARTICLE}, ensure_ascii=False).encode("utf-16"))
    assert [d.text for d in read_path(path)] == [ARTICLE]


def test_invalid_json_reports_line_and_column(tmp_path):
    path = write(tmp_path, "bad.json", '{\n  "text": "نص",\n  "title": \n}')
    with pytest.raises(InputError, match=r"invalid JSON at line 4, column 1") as error:
        read_path(path)
    assert error.value.source == path


def test_json_extension_with_non_json_content(tmp_path):
    with pytest.raises(InputError, match="invalid JSON at line 1, column 1"):
        read_path(write(tmp_path, "x.json", "هذا ليس JSON"))


def test_single_record_whose_text_is_a_number(tmp_path):
    with pytest.raises(InputError, match="text field 'text' is a number, not a string"):
        read_path(write(tmp_path, "n.json", '{"text": 12345}'))


def test_single_record_without_text(tmp_path):
    with pytest.raises(InputError, match="no text field"):
        read_path(write(tmp_path, "t.json", '{"title": "عنوان"}'))


def test_json_array_yields_each_record(tmp_path):
    path = write(tmp_path, "day.json", json.dumps([{"content": "أ"}, {"content": 1}, {"content": "ب"}]))
    out = list(read_path(path))
    assert [type(x).__name__ for x in out] == ["Document", "InputError", "Document"]
    assert out[1].source == f"{path}[1]"


def test_several_json_objects_without_extension_are_json_lines():
    data = b'{"text": "a"}\n{"text": "b"}\n'
    assert [d.origin for d in read_bytes(data, "stdin")] == ["stdin:1", "stdin:2"]
    long_lines = ('{"text": "%s"}\n' % ("x" * 70000)) * 2        # first line longer than the sniffed head
    assert len(list(read_bytes(long_lines.encode(), "stdin"))) == 2


def test_json_lines_named_json_are_read_as_lines():
    data = b'{"text": "a"}\n{"text": "b"}\n'
    assert [d.origin for d in read_bytes(data, "dump.json")] == ["dump.json:1", "dump.json:2"]
    with pytest.raises(InputError, match="invalid JSON at line 4, column 1: Extra data"):
        read_bytes(b'{\n "text": "a"\n}\n{"text": "b"}\n', "pretty.json")


def test_json_lines_extension_with_a_single_record():
    assert [d.origin for d in read_bytes(b'{"text": "a"}\n', "one.jsonl")] == ["one.jsonl:1"]


@pytest.mark.parametrize("text", ["[عاجل] انفجار في بيروت", "{ملاحظة} نص عادي", "[1] هامش"])
def test_text_starting_with_a_bracket_is_not_json(text):
    [doc] = read_bytes(text.encode(), "stdin")
    assert doc.kind == "text" and doc.text == text


def test_text_extension_keeps_braces_as_text():
    [doc] = read_bytes("{ملاحظة} نص عادي".encode(), "note.txt")
    assert doc.kind == "text" and doc.text == "{ملاحظة} نص عادي"


def test_field_map_reaches_the_records(tmp_path):
    path = write(tmp_path, "m.jsonl", jsonl({"summary": "ملخص", "full": "النص", "d": "2019-02-08"}))
    [doc] = read_path(path, field_map={"text": "full", "published": "d"})
    assert doc.text == "النص" and doc.published == dt.date(2019, 2, 8) and doc.extra == {"summary": "ملخص"}
    with pytest.raises(InputError, match="unknown field"):
        read_path(path, field_map={"body": "full"})


# --- HTML and text through the same door ---

@pytest.mark.parametrize("origin, hint", [("page.html", None), ("upload", None), ("upload", "html")])
def test_html_is_sniffed(origin, hint):
    [doc] = read_bytes(PAGE.encode(), origin, hint=hint)
    assert doc.kind == "html" and doc.title == "خبر" and ARTICLE in doc.text


def test_html_in_windows_1256(tmp_path):
    page = PAGE.replace("<head>", '<head><meta charset="windows-1256">')
    [doc] = read_path(write(tmp_path, "p.htm", page.encode("cp1256")))
    assert doc.title == "خبر" and ARTICLE in doc.text


def test_plain_text_file(tmp_path):
    [doc] = read_path(write(tmp_path, "a.txt", ARTICLE.encode("cp1256")))
    assert doc.kind == "text" and doc.text == ARTICLE and doc.origin.endswith("a.txt")


def test_read_bytes_refuses_non_bytes():
    with pytest.raises(InputError, match="expected bytes"):
        read_bytes("نص", "x")


@pytest.mark.parametrize("hint, kind", [
    ("a.HTML", "html"), ("x.jsonl.gz", "jsonl"), ("ndjson", "jsonl"), ("/d/a.json", "json"), ("txt", "text"),
    ("https://site/x.htm?id=3", "html"), ("noext", None), (None, None),
])
def test_kind_from_hint(hint, kind):
    assert sources.kind_from_hint(hint) == kind
