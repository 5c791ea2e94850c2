"""Crashes and losses found by the fuzzing and the malformed corpus, one regression test each
(all fixed in 8c32f59). A bug found later goes here first as a test marked
xfail(strict=True, reason="BUG: ...") with its name in invariants.OPEN_BUGS, so that the fuzz
tests step around it until it is fixed; the fix unmarks the test and drops the name."""
from __future__ import annotations

import gzip
import json

import pytest

from rasad.errors import InputError
from rasad.model import Document
from rasad.output import to_record
from rasad.pipeline import analyse, extract
from rasad.sources import read_bytes

STORY = "استقبل وزير الخارجية الأردني أيمن الصفدي في عمان نظيره العراقي وبحث الجانبان التعاون."


def outcome(source) -> tuple[list, list]:
    """(articles, InputErrors) of rasad.pipeline.extract; any other exception propagates."""
    articles, errors = [], []
    try:
        for item in extract(source):
            (errors if isinstance(item, InputError) else articles).append(item)
    except InputError as error:
        errors.append(error)
    return articles, errors


@pytest.mark.parametrize("field", ["title", "url", "source", "origin"])
def test_metadata_with_a_lone_surrogate_gives_a_writable_record(field):
    article = analyse(Document(text=STORY, **{field: "عنوان \ud800"}))
    json.dumps(to_record(article), ensure_ascii=False).encode("utf-8")


def test_ingest_survives_a_file_name_that_is_not_utf8(tmp_path):
    import os

    from rasad.ingest import ingest
    from rasad.store import Store
    folder = os.fsencode(tmp_path / "in")
    os.mkdir(folder)
    with open(os.path.join(folder, b"\xff\xfe-news.txt"), "wb") as out:
        out.write(STORY.encode("utf-8"))
    with open(os.path.join(folder, b"good.txt"), "wb") as out:
        out.write((STORY + " وأكد الوزير دعم بلاده.").encode("utf-8"))
    with Store.open(str(tmp_path / "x.db")) as store:
        report = ingest([os.fsdecode(folder)], store, progress=False, rejects_path=str(tmp_path / "r.jsonl"))
    assert report.stored + report.rejected == 2 and report.stored >= 1


@pytest.mark.parametrize("key", ["time", "date_extracted"])
def test_epoch_date_too_large_for_a_float(key):
    raw = ('{"text": "%s", "%s": %s}' % (STORY, key, "9" * 400)).encode("utf-8")
    articles, _ = outcome(raw)
    assert len(articles) == 1 and articles[0].published is None


@pytest.mark.parametrize("extension", ["json", "jsonl"])
def test_json_number_with_too_many_digits(extension):
    raw = ('{"text": "%s", "count": %s}\n' % (STORY, "9" * 5000)).encode("utf-8")
    articles, errors = outcome(raw if extension == "json" else raw + raw.replace(b"count", b"n"))
    assert articles or errors


@pytest.mark.parametrize("hint", ["json", "jsonl"])
def test_deeply_nested_json(hint):
    deep = b'{"text": "x", "a": ' + b"[" * 5000 + b"]" * 5000 + b"}\n"
    items = []
    try:
        items = list(read_bytes(deep, f"deep.{hint}", hint=hint))
    except InputError:
        return
    assert all(isinstance(item, InputError) for item in items)


def test_small_truncated_jsonl_gz_keeps_the_records_before_the_cut():
    lines = "".join(json.dumps({"text": f"{STORY} رقم {n}"}, ensure_ascii=False) + "\n" for n in range(40))
    whole = gzip.compress(lines.encode("utf-8"), mtime=0)
    items = []
    try:
        items = list(read_bytes(whole[: len(whole) * 3 // 4], "cut.jsonl.gz"))
    except InputError:
        pass
    assert sum(1 for item in items if not isinstance(item, InputError)) >= 10



# Found by the fuzzing (test_read_path_on_files_of_each_extension[jsonl.gz]), byte for byte: a
# gzip member whose deflate data goes bad ("invalid distance too far back") after more than the
# 64 KiB the sniffer reads, i.e. while the JSON Lines are read.
CORRUPT_DEFLATE_JSONL_GZ = (
    b'\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03\xed\xdd\xa1\r\x80@\x10EAO\x15\x97\xd5\x18,\xdd \xe8\x00q\t\xc1\xd2\x11\nA\x1bP\x05-'
    b'\x80\xe34\x017OL\xb2\xe6\xb7\xb0\xe7\xba\x8d1\xf4y\x886\xc51\xefK\xd4)\xf2}\x8c\xd1\xbd\xb6\x99\x9e\xaa\xef\xe7I\x93$I'
    b'\x92$I\x92$I\x92$I\x92$I\x92$I\x92$I\x92$I\x92$I\x92$I\x92$I\x92$I\x92$I\x92$I\xb2'
    b'\xb4|\xa9*I\x92$I\x92$\xe9\xaf.N27\xc92\x89\x00\x00')


@pytest.mark.parametrize("how", ["bytes", "path"])
def test_corrupt_deflate_data_in_jsonl_gz_is_an_input_error(how, tmp_path):
    """zlib.error (not an OSError) escaped read_json_lines. Now what came before the damage
    comes out, then one InputError naming the damage, last."""
    if how == "path":
        from rasad.sources import read_path
        path = tmp_path / "corrupt.jsonl.gz"
        path.write_bytes(CORRUPT_DEFLATE_JSONL_GZ)
        items = list(read_path(str(path)))
    else:
        items = list(read_bytes(CORRUPT_DEFLATE_JSONL_GZ, "corrupt.jsonl.gz"))
    assert items and isinstance(items[-1], InputError)
    assert items[-1].source.endswith("corrupt.jsonl.gz") and "corrupt gzip" in items[-1].reason
    assert "\n" not in items[-1].reason


def test_corrupt_deflate_data_keeps_the_records_before_it():
    """The same damage after good records: the records come out, then the error."""
    lines = "".join(json.dumps({"text": f"{STORY} رقم {n}"}, ensure_ascii=False) + "\n" for n in range(400))
    good = gzip.compress(lines.encode("utf-8"), mtime=0)
    items = list(read_bytes(good + CORRUPT_DEFLATE_JSONL_GZ, "two-members.jsonl.gz"))
    docs = [item for item in items if not isinstance(item, InputError)]
    assert len(docs) >= 400
    assert isinstance(items[-1], InputError) and "corrupt gzip" in items[-1].reason


def test_a_mention_made_of_marks_only_after_lam_breaks_no_event():
    # found by the fuzzing: a one-character mention after ل folds to no word at all
    article = analyse(Document(text="قال وقال في ، عبد\u200e\u200e\u200e\u200e التقى قال\u200e"))
    assert all(0 <= m.start < m.end <= len(article.text) for m in article.mentions)


def test_an_organisation_or_a_place_made_of_marks_only_breaks_no_quote_or_visit():
    from rasad.events.coder import code_events
    from rasad.events.quotes import find_quotes
    from rasad.model import Article, Mention
    from rasad.analyse.tokens import sentences
    from rasad.resolve.coref import resolve_entities
    text = "ذكرت \u064b\u064c أمس أن اللاعب غاب. وقالت الصحيفة إن الفريق فاز. وتمت زيارة \u064b\u064c أمس."
    marks = [i for i in range(len(text)) if text[i] == "\u064b"]
    art = Article(text=text, mentions=[Mention(i, i + 2, "ORG", {"how": "model"}) for i in marks])
    art.sentences = sentences(text)
    art.entities = resolve_entities(art)
    art.quotes = find_quotes(art)
    assert isinstance(code_events(art), list)
