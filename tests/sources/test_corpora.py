"""The corpora in shared/data load as they are: the first 200 records of each."""
import datetime as dt
import itertools
import re

import pytest

from rasad.errors import InputError
from rasad.model import Document
from rasad.sources import read_path

FIRST = 200


def first_records(shared_file, relative):
    path = str(shared_file(relative))
    items = list(itertools.islice(read_path(path), FIRST))
    assert len(items) == FIRST
    for item in items:
        if isinstance(item, InputError):        # the corpora hold a few records with empty text
            assert re.fullmatch(re.escape(path) + r":\d+", item.source) and "is empty" in item.reason
    docs = [item for item in items if isinstance(item, Document)]
    assert len(docs) >= FIRST * 0.9
    for doc in docs:
        assert doc.kind == "json" and isinstance(doc.text, str) and doc.text.strip()
        assert doc.origin.startswith(path + ":") and doc.title and doc.url.startswith("http")
    return docs


@pytest.mark.parametrize("relative", ["ant-corpus/ant_multisource_v2.1.jsonl.gz",
                                      "ant-corpus/ant_jawharafm_v1.1.jsonl.gz"])
def test_ant_corpus(shared_file, relative):
    docs = first_records(shared_file, relative)
    for doc in docs:
        assert doc.published_how == "json:time" and doc.fetched is None and doc.source
        assert {"docno", "cat", "path"} <= doc.extra.keys()
        assert not {"text", "title", "url", "src", "time"} & doc.extra.keys()
        # docno ends with the day the article was filed: YYYYMMDD or DDMMYYYY
        stamp = doc.extra["docno"].rsplit("-", 1)[-1]
        assert stamp in (doc.published.strftime("%Y%m%d"), doc.published.strftime("%d%m%Y")), doc.origin
    first = docs[0]
    assert first.origin.endswith(":1")


def test_saudinewsnet(shared_file):
    docs = first_records(shared_file, "saudinewsnet/saudinewsnet.jsonl.gz")
    for doc in docs:
        # date_extracted is the crawl time, not the publication date
        assert doc.published is None and doc.published_how is None
        assert isinstance(doc.fetched, dt.datetime)
        assert dt.datetime(2015, 7, 20) <= doc.fetched <= dt.datetime(2015, 8, 12)
        assert doc.source and {"id", "file"} <= doc.extra.keys()
        assert not {"content", "date_extracted", "source"} & doc.extra.keys()
        assert doc.extra["id"].startswith("SNN-2015-")
