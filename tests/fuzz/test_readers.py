"""Fuzzing every reader: read_bytes with each hint and read_path on files of each extension,
over arbitrary bytes and over damaged versions of each format (text, HTML, JSON, JSON Lines,
gzip'd JSON and JSON Lines, WARC, WARC.gz, RSS, Atom); plain text in each encoding it comes
in; and rasad.sources.collect over folders, globs and names of every sort. Whatever comes in, only
InputError may come out (raised before iteration or yielded in place of a record), every
Document has text, and every Article made from it keeps its offsets inside its text.

RASAD_FUZZ_EXAMPLES sets the examples per test (default 200; the long run used 10,000)."""
from __future__ import annotations

import itertools
import os
import tempfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasad.errors import InputError
from rasad.pipeline import analyse
from rasad.sources import read_bytes, read_path
from rasad.sources.collect import read_inputs

from .invariants import check_article, check_error, check_items, tolerating_open_bugs
from .strategies import (ANALYSE, BY_KIND, CODE_PAGE_TEXT, EXTENSIONS, FUZZ, TEXT_ENCODINGS, any_input,
                         encode_exactly, hostile_text)

KINDS = list(BY_KIND)
ARTICLES_PER_INPUT = 4         # the pipeline runs on the first few documents of each input


def read_and_analyse(read) -> None:
    with tolerating_open_bugs():
        _read_and_analyse(read)


def _read_and_analyse(read) -> None:
    try:
        items = read()
    except InputError as error:
        check_error(error)
        return
    docs, _ = check_items(items)
    for doc in itertools.islice(docs, ARTICLES_PER_INPUT):
        analyse_and_check(doc)


def analyse_and_check(doc) -> None:
    if not ANALYSE:
        return
    try:
        article = analyse(doc)
    except InputError as error:
        check_error(error)
        return
    check_article(article)


@pytest.fixture(scope="module")
def folder():
    with tempfile.TemporaryDirectory(prefix="rasad-fuzz-") as path:
        yield path


@pytest.mark.parametrize("kind", KINDS)
@FUZZ
@given(data=st.data())
def test_read_bytes_with_each_hint(kind, data):
    raw = data.draw(BY_KIND[kind], label=f"{kind} bytes")
    read_and_analyse(lambda: read_bytes(raw, f"fuzz.{kind}", hint=kind))


@pytest.mark.parametrize("kind", KINDS)
@FUZZ
@given(data=st.data())
def test_read_bytes_without_a_hint(kind, data):
    raw = data.draw(BY_KIND[kind], label=f"{kind} bytes")
    read_and_analyse(lambda: read_bytes(raw, "<bytes>"))


@pytest.mark.parametrize("kind", KINDS)
@FUZZ
@given(data=st.data())
def test_read_path_on_files_of_each_extension(kind, data, folder):
    raw = data.draw(BY_KIND[kind], label=f"{kind} bytes")
    name = "input" + EXTENSIONS[kind]
    if raw[:2] == b"\x1f\x8b" and not name.endswith(".gz"):
        name += ".gz"
    path = os.path.join(folder, name)
    with open(path, "wb") as out:
        out.write(raw)
    try:
        read_and_analyse(lambda: read_path(path))
    finally:
        os.unlink(path)


def _expected_text(text: str, encoding: str) -> str:
    """What the text reader must give back for `text` written in `encoding`: the text itself,
    less the one leading U+FEFF that UTF-8 without a signature turns into a BOM; in an Arabic
    code page, '?' where the text had a character the code page has no byte for."""
    if encoding in CODE_PAGE_TEXT:
        return text.encode(encoding, "replace").decode(encoding)
    return text[1:] if encoding == "utf-8" and text.startswith("\ufeff") else text


@pytest.mark.parametrize("encoding", TEXT_ENCODINGS)
@FUZZ
@given(data=st.data())
def test_text_in_each_encoding(encoding, data):
    """Plain text in each encoding news files come in: only a Document or InputError comes out,
    and the Document's text is the text written, character for character, when the reader says
    it read the encoding it was written in (the two Arabic code pages share bytes, so a short
    text may be read as the other: that is a guess, not a crash)."""
    strategy = hostile_text
    if encoding in CODE_PAGE_TEXT:
        strategy = st.one_of(CODE_PAGE_TEXT[encoding], hostile_text)
    text = data.draw(strategy, label="text")
    raw = encode_exactly(text, encoding)
    if not raw:
        return
    with tolerating_open_bugs():
        try:
            items = read_bytes(raw, "fuzz.txt", hint="text")
        except InputError as error:
            check_error(error)
            return
        docs, _ = check_items(items)
        for doc in itertools.islice(docs, ARTICLES_PER_INPUT):
            analyse_and_check(doc)
            if doc.kind != "text":
                continue         # "<rss ..." or "<html ..." text is read as what it is
            read_as = doc.extra.get("encoding", "").replace("_", "-").lower()
            written_as = {"utf-8-sig": "utf-8", "utf-16": "utf-16-le", "utf-32": "utf-32-le",
                          "iso8859-6": "iso8859-6"}.get(encoding.replace("_", "-"), encoding.replace("_", "-"))
            if read_as == written_as:
                assert doc.text == _expected_text(text, encoding), (encoding, read_as)


# --- collect: command-line inputs ----------------------------------------------------------

_NAME_CHARS = st.sampled_from(list("abcz019-_ .أخبارعربي") + ["\u200f", "*", "?", "[", "]"])
file_name = st.one_of(
    st.builds(lambda stem, ext: stem + ext, st.text(_NAME_CHARS, min_size=1, max_size=10),
              st.sampled_from(list(EXTENSIONS.values()) + [".gz", ".png", ".tar.gz", "", "~", ".PDF"])),
    st.sampled_from([".hidden.json", "a.txt", "A.TXT", "داخلي.html", "x" * 200]),
).filter(lambda name: name not in (".", ".."))     # the folder itself, not a file to write


@FUZZ
@given(files=st.lists(st.tuples(st.tuples(st.sampled_from(["", "sub", ".git", "sub/deeper"]), file_name),
                                any_input), max_size=4),
       raw_names=st.lists(st.binary(min_size=1, max_size=8).filter(lambda b: b"/" not in b and b"\x00" not in b
                                                                   and b not in (b".", b"..")), max_size=2),
       extra_args=st.lists(st.sampled_from(["", "   ", "missing.txt", "*.nothing", "**/*.json", "sub",
                                            "sub/*", "[", "https://", "file.json"]), max_size=3))
def test_read_inputs_over_folders_globs_and_odd_names(files, raw_names, extra_args):
    """rasad.sources.collect.read_inputs on a folder of files with odd names (Arabic, bidi marks,
    glob characters, names that are not UTF-8, hidden and non-news files), on globs and on names
    of nothing: only Documents and InputErrors come out, each argument that names nothing is
    reported by name, and no URL is fetched (the only "URL" given has no host)."""
    with tempfile.TemporaryDirectory(prefix="rasad-fuzz-") as folder:
        for (sub, name), raw in files:
            os.makedirs(os.path.join(folder, sub), exist_ok=True)
            with open(os.path.join(folder, sub, name), "wb") as out:
                out.write(raw)
        for n, name in enumerate(raw_names):
            with open(os.path.join(os.fsencode(folder), name + b"-%d.txt" % n), "wb") as out:
                out.write("قال الرئيس في القاهرة إن الحكومة ستفاوض.".encode("utf-8"))
        args = [folder] + [os.path.join(folder, arg) if arg.strip() and "://" not in arg else arg
                           for arg in extra_args]
        with tolerating_open_bugs():
            docs, errors = check_items(read_inputs(args, allow_private=False, timeout=0.01))
            sources = {error.source for error in errors}
            for arg in args:
                if not arg.strip():
                    assert repr(arg) in sources, f"empty argument {arg!r} not reported"
                elif "://" not in arg and not os.path.lexists(arg) and not any(c in arg for c in "*?["):
                    assert arg in sources, f"missing {arg!r} not reported"
