"""Command-line inputs: files, folders, globs and URLs, expanded and read one by one.

`expand_inputs` never stops at a bad argument: a missing path or a pattern that matches
nothing comes out as an InputError in its place, so the caller reports it and goes on.
Folders are walked recursively in sorted order, skipping hidden files and folders and files
that are plainly not news (images, PDFs, archives, executables...). A file named explicitly
is always read, whatever its name.
"""
from __future__ import annotations

import glob
import os
import re
from typing import Iterator

from rasad.errors import InputError
from rasad.model import Document
from rasad.sources import read_path, read_url

_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
_GLOB_MAGIC = re.compile(r"[*?[]")
# Lower-case extensions (the last one; .gz is looked through) that are never news text.
SKIPPED_EXTENSIONS = frozenset("""
    png jpg jpeg gif webp bmp tif tiff ico svg heic avif psd
    pdf doc docx xls xlsx ppt pptx odt ods odp epub
    zip tar tgz bz2 xz 7z rar zst lz4 jar war iso dmg
    exe dll so dylib bin o a class pyc pyo whl deb rpm msi apk
    mp3 mp4 m4a wav ogg flac avi mkv mov webm wmv
    woff woff2 ttf otf eot
    css js mjs map wasm
    db sqlite sqlite3 parquet pkl pickle npy npz pt onnx
""".split())


def is_url(item: str) -> bool:
    return bool(_URL.match(item))


def expand_inputs(args: list[str]) -> Iterator[str | InputError]:
    """Each argument as the paths or URLs it stands for, in order, each once; InputError for one
    that stands for nothing (missing path, empty folder, pattern without matches)."""
    done: set[str] = set()
    for arg in args:
        for item in _expand_one(arg):
            if isinstance(item, InputError):
                yield item
                continue
            key = item if is_url(item) else os.path.realpath(item)
            if key not in done:
                done.add(key)
                yield item


def _expand_one(arg: str) -> Iterator[str | InputError]:
    if not isinstance(arg, str) or not arg.strip():
        yield InputError(repr(arg), "empty input name")
        return
    if is_url(arg):
        yield arg
        return
    if os.path.isdir(arg):
        found = list(walk_folder(arg))
        if found:
            yield from found
        else:
            yield InputError(arg, "folder has no news files (hidden files, images, archives... are skipped)")
        return
    if os.path.lexists(arg):
        yield arg
        return
    if _GLOB_MAGIC.search(arg):
        matches = sorted(glob.glob(arg, recursive=True))
        files = []
        for match in matches:
            if os.path.isdir(match):
                files.extend(walk_folder(match))
            elif not _skipped(os.path.basename(match)):
                files.append(match)
        if files:
            yield from files
        else:
            yield InputError(arg, "only non-news files match this pattern" if matches
                             else "no files match this pattern")
        return
    yield InputError(arg, "no such file or folder")


def walk_folder(folder: str) -> Iterator[str]:
    """Files under `folder`, recursively, sorted by path, without hidden or non-news files (symlinked
    folders are not followed, so a link loop cannot trap the walk)."""
    found = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(os.path.join(root, name) for name in files if not _skipped(name))
    return iter(sorted(found, key=lambda path: path.split(os.sep)))


def _skipped(name: str) -> bool:
    lower = name.lower()
    if lower.startswith(".") or lower.endswith("~"):
        return True
    if lower.endswith(".tar.gz"):
        return True
    if lower.endswith(".gz"):            # data.jsonl.gz, crawl.warc.gz
        lower = lower[:-3]
    extension = lower.rsplit(".", 1)[-1] if "." in lower else ""
    return extension in SKIPPED_EXTENSIONS


def read_any(item: str | InputError, field_map: dict[str, str] | None = None, allow_private: bool = False,
             **fetch_options) -> Iterator[Document | InputError]:
    """Documents of one expanded input: a URL is fetched (read_url), a path read (read_path).
    Like them, a problem with the whole input raises InputError at the call; an InputError given
    as `item` (from expand_inputs) is raised as is."""
    if isinstance(item, InputError):
        raise item
    if is_url(item):
        return read_url(item, field_map=field_map, allow_private=allow_private, **fetch_options)
    return read_path(item, field_map=field_map)


def read_inputs(args: list[str], field_map: dict[str, str] | None = None, allow_private: bool = False,
                **fetch_options) -> Iterator[Document | InputError]:
    """Every Document of every input, with every problem yielded in its place as InputError:
    one loop for a command line of files, folders, globs and URLs."""
    for item in expand_inputs(args):
        try:
            yield from read_any(item, field_map=field_map, allow_private=allow_private, **fetch_options)
        except InputError as error:
            yield error
