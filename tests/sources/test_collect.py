import gzip
import json
import os

import pytest

from rasad.errors import InputError
from rasad.model import Document
from rasad.sources.collect import expand_inputs, read_any, read_inputs, walk_folder

ARTICLE = "قال الرئيس إن الحكومة ستفاوض المعارضة في جنيف الأسبوع المقبل، وفق بيان رسمي."
PAGE = (f"<!DOCTYPE html><html><head><title>خبر</title></head><body><article>"
        f"<p>{ARTICLE} {ARTICLE}</p><p>{ARTICLE}</p></article></body></html>")


def make_tree(root):
    files = {
        "news/a.html": PAGE,
        "news/b.txt": ARTICLE,
        "news/2018/c.jsonl.gz": gzip.compress(
            (json.dumps({"text": ARTICLE}, ensure_ascii=False) + "\n").encode()),
        "news/2018/deep/d.html": PAGE,
        "news/.hidden.txt": ARTICLE,
        "news/.git/config.txt": ARTICLE,
        "news/photo.JPG": b"\xff\xd8\xff",
        "news/report.pdf": b"%PDF-1.4",
        "news/bundle.tar.gz": b"\x1f\x8b",
        "news/setup.exe": b"MZ",
        "news/backup.txt~": ARTICLE,
    }
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return root / "news"


def rel(items, root):
    return [os.path.relpath(i, root) if isinstance(i, str) else i for i in items]


def test_folder_is_walked_sorted_without_hidden_or_non_news(tmp_path):
    folder = make_tree(tmp_path)
    assert rel(expand_inputs([str(folder)]), tmp_path) == [
        "news/2018/c.jsonl.gz", "news/2018/deep/d.html", "news/a.html", "news/b.txt"]
    assert list(walk_folder(str(folder))) == list(expand_inputs([str(folder)]))


def test_globs(tmp_path):
    make_tree(tmp_path)
    assert rel(expand_inputs([str(tmp_path / "news/**/*.html")]), tmp_path) == [
        "news/2018/deep/d.html", "news/a.html"]
    assert rel(expand_inputs([str(tmp_path / "news/*/*.jsonl.gz")]), tmp_path) == ["news/2018/c.jsonl.gz"]
    assert rel(expand_inputs([str(tmp_path / "news/*")]), tmp_path) == [      # a matched folder is walked
        "news/2018/c.jsonl.gz", "news/2018/deep/d.html", "news/a.html", "news/b.txt"]


def test_problems_come_out_in_place_and_the_rest_goes_on(tmp_path):
    folder = make_tree(tmp_path)
    (tmp_path / "empty").mkdir()
    items = list(expand_inputs([str(tmp_path / "missing.html"), str(folder / "a.html"),
                                str(tmp_path / "*.nothing"), str(tmp_path / "empty"), ""]))
    assert [type(i).__name__ for i in items] == ["InputError", "str", "InputError", "InputError", "InputError"]
    assert items[0].reason == "no such file or folder" and items[0].source == str(tmp_path / "missing.html")
    assert items[2].reason == "no files match this pattern"
    assert "no news files" in items[3].reason


def test_urls_pass_through_and_explicit_files_are_kept(tmp_path):
    folder = make_tree(tmp_path)
    urls = ["https://news.example/a?b=1", "ftp://odd.example/x"]
    items = list(expand_inputs([urls[0], str(folder / "photo.JPG"), str(folder / ".hidden.txt"), urls[1]]))
    assert items == [urls[0], str(folder / "photo.JPG"), str(folder / ".hidden.txt"), urls[1]]


def test_each_file_once(tmp_path):
    folder = make_tree(tmp_path)
    items = list(expand_inputs([str(folder / "a.html"), str(folder), str(folder / "*.html")]))
    assert len(items) == len(set(items)) == 4


def test_read_any_dispatches(tmp_path):
    folder = make_tree(tmp_path)
    [doc] = read_any(str(folder / "a.html"))
    assert doc.kind == "html" and doc.title == "خبر"
    [record] = read_any(str(folder / "2018/c.jsonl.gz"), field_map={"text": "text"})
    assert record.text == ARTICLE
    with pytest.raises(InputError, match="refused: 127.0.0.1 is a loopback address"):
        read_any("http://127.0.0.1:9/")                    # a URL goes to read_url, which refuses it
    with pytest.raises(InputError, match="only http and https"):
        read_any("ftp://odd.example/x")
    marker = InputError("gone.txt", "no such file or folder")
    with pytest.raises(InputError) as error:
        read_any(marker)
    assert error.value is marker


def test_read_inputs_one_loop_for_everything(tmp_path):
    folder = make_tree(tmp_path)
    (folder / "broken.json").write_text("{not json")
    items = list(read_inputs([str(folder), str(tmp_path / "missing.txt"), "http://10.0.0.1/"]))
    documents = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(documents) == 4
    assert [e.source for e in errors] == [str(folder / "broken.json"), str(tmp_path / "missing.txt"),
                                          "http://10.0.0.1/"]
    assert "refused" in errors[2].reason
