"""Ingest at scale: every input into the store — resumable, idempotent and crash-safe.

    report = ingest(["news/", "feeds/*.xml", "ant.jsonl.gz"], Store.open("rasad.db"), workers=2)
    print(report.summary())

How it stays safe and fast when run again, or after a crash (even `kill -9`):
  * an article's id is the sha256 of its text, and the text is known before extraction, so
    documents already in the store are skipped by one indexed lookup per batch, unextracted
    (a restart after a crash spends its time only on what is missing);
  * records are written in batches, each batch one transaction: a killed run leaves whole
    articles or nothing of them, never half an article;
  * a second process on overlapping inputs, or a race between two, cannot store an article
    twice: the store checks ids inside its write transaction (SQLite: WAL, busy timeout), and a
    locked database is waited for and retried here.

A bad record never stops the run: unreadable inputs, bad JSON lines, and any exception while
extracting one document become rejects, written with their reasons to a JSON Lines file.
"""
from __future__ import annotations

import collections
import concurrent.futures
import functools
import json
import multiprocessing
import os
import secrets
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from rasad.errors import InputError
from rasad.model import Document

DEFAULT_REJECTS_NAME = "rasad-rejects.jsonl"
DEFAULT_TIMEOUT = 120.0          # seconds one document may take to extract before it is rejected
LOCK_RETRIES = 8                 # a locked database is retried this many times before giving up
FIRST_REJECTS_KEPT = 20
BROKEN_AFTER = 25                # this many failures in a row before any success: the install is broken


@dataclass
class Reject:
    """A record that did not make it into the store, and why. stage: read | extract | store."""

    source: str
    reason: str
    stage: str

    def to_json(self) -> dict:
        return {"source": self.source, "reason": self.reason, "stage": self.stage}


@dataclass
class IngestReport:
    """Counts of one run. read = stored + duplicates + rejected (an unreadable input counts as one
    record read and rejected); duplicates are documents whose text was already stored, before
    or earlier in this run."""

    read: int = 0
    stored: int = 0
    duplicates: int = 0
    rejected: int = 0
    reasons: collections.Counter = field(default_factory=collections.Counter)
    rejects_path: str | None = None
    seconds: float = 0.0
    first_rejects: list = field(default_factory=list)     # the first FIRST_REJECTS_KEPT, for display

    @property
    def stored_per_second(self) -> float:
        return self.stored / self.seconds if self.seconds > 0 else 0.0

    def summary(self) -> str:
        """The counts on one line: "read 9, stored 5, duplicates 1, rejected 3"."""
        return f"read {self.read}, stored {self.stored}, duplicates {self.duplicates}, rejected {self.rejected}"

    def details(self) -> str:
        """Time, speed and where the rejects are."""
        line = f"{self.seconds:.1f} s"
        if self.stored and self.seconds > 0:
            line += f", {self.stored_per_second:.1f} articles stored per second"
        if self.rejected and self.rejects_path:
            line += f"; rejects with their reasons in {self.rejects_path}"
        return line

    def add_reject(self, reject: Reject) -> None:
        if len(self.first_rejects) < FIRST_REJECTS_KEPT:
            self.first_rejects.append(reject)
        self.read += 1
        self.rejected += 1
        self.reasons[_reason_kind(reject.reason)] += 1


def _reason_kind(reason: str) -> str:
    """The reason without its particulars (line numbers, columns), for counting alike rejects."""
    kind = reason.split(":", 1)[0] if reason.startswith(("invalid JSON", "not UTF-8")) else reason
    return kind[:120]


# ---------------------------------------------------------------------------------------------
# Reading: inputs to documents, every problem a Reject in its place.

def read_documents(inputs: Iterable[str], field_map: dict | None = None,
                   allow_private: bool = False) -> Iterator[tuple[int, int, Document | Reject]]:
    """(input number, item number, Document or Reject) for every document of every input, in
    order. Files, folders, globs, URLs, WARC, feeds and JSON/JSONL(.gz) are read by
    rasad.sources; nothing raised by a reader escapes."""
    for number, item in enumerate(expand(inputs)):
        yield from ((number, n, doc) for n, doc in enumerate(documents_of(item, field_map, allow_private)))


def expand(inputs: Iterable[str]) -> Iterator[str | InputError]:
    """Inputs as the files and URLs they stand for (folders and globs expanded) when the
    collector is there; plain paths otherwise."""
    try:
        from rasad.sources.collect import expand_inputs
    except ImportError:
        return iter(list(inputs))
    return expand_inputs(list(inputs))


def documents_of(item: str | InputError | Reject, field_map: dict | None = None,
                 allow_private: bool = False) -> Iterator[Document | Reject]:
    """The documents of one expanded input. A whole-input problem is one Reject; a reader that
    fails midway (a truncated gzip) yields the documents before it, then a Reject."""
    if isinstance(item, InputError):
        yield Reject(item.source, item.reason, "read")
        return
    if isinstance(item, Reject):
        yield item
        return
    try:
        try:
            from rasad.sources.collect import read_any
        except ImportError:
            from rasad.sources import read_path
            documents = read_path(item, field_map=field_map)
        else:
            documents = read_any(item, field_map=field_map, allow_private=allow_private)
        iterator = iter(documents)
        while True:
            try:
                doc = next(iterator)
            except StopIteration:
                return
            if isinstance(doc, InputError):
                yield Reject(doc.source, doc.reason, "read")
            else:
                yield doc
    except InputError as error:
        yield Reject(error.source, error.reason, "read")
    except Exception as error:     # a reader bug on odd input must not end the run
        yield Reject(str(item), f"cannot read: {type(error).__name__}: {_one_line(error)}", "read")


# ---------------------------------------------------------------------------------------------
# Extraction: one document to one record, in this process or a worker.

class _Timeout(Exception):
    pass


def extract_record(doc: Document, timeout: float | None = DEFAULT_TIMEOUT) -> dict | Reject:
    """The stored record of one document (rasad.pipeline.analyse + rasad.output.to_record), or a
    Reject: whatever goes wrong inside extraction is about this document only."""
    from rasad.output import to_record
    from rasad.pipeline import analyse
    alarm = bool(timeout) and threading.current_thread() is threading.main_thread() \
        and hasattr(signal, "setitimer")
    if alarm:
        previous = signal.signal(signal.SIGALRM, _raise_timeout)
        signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        return to_record(analyse(doc))
    except InputError as error:
        return Reject(error.source or doc.origin, error.reason, "extract")
    except _Timeout:
        return Reject(doc.origin, f"extraction took over {timeout:g} s", "extract")
    except Exception as error:     # RecursionError, MemoryError, a bug on odd text…
        return Reject(doc.origin, f"extraction failed: {type(error).__name__}: {_one_line(error)}",
                      "extract")
    finally:
        if alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def _raise_timeout(_signum, _frame):
    raise _Timeout()


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())[:300]


# ---------------------------------------------------------------------------------------------
# Store side.

def stored_ids(store, ids: Iterable[str]) -> set[str]:
    """Which of these content hashes the store already has (one indexed query per 500)."""
    import sqlalchemy as sa

    from rasad.store import StoreError
    from rasad.store.schema import articles
    ids = list(dict.fromkeys(ids))
    found: set[str] = set()
    try:
        with store.engine.connect() as conn:
            for start in range(0, len(ids), 500):
                chunk = ids[start:start + 500]
                found.update(conn.scalars(sa.select(articles.c.id).where(articles.c.id.in_(chunk))))
    except sa.exc.DBAPIError as error:
        raise StoreError(store.name, _one_line(getattr(error, "orig", None) or error)) from error
    return found


def write_records(store, records: list[dict]) -> tuple[int, int, list[Reject]]:
    """Store records in one transaction (up to the store's batch size); (stored, duplicates,
    rejects). A locked database is waited for; a record the store refuses is a Reject and the
    others are still stored; any other database problem raises StoreError."""
    from rasad.store import StoreError
    if not records:
        return 0, 0, []
    try:
        stored, duplicates = _retry_locked(lambda: store.add_many(records))
        return stored, duplicates, []
    except StoreError:
        raise
    except InputError:
        pass
    # a malformed record: the ones before it were stored; store the rest one by one
    present = stored_ids(store, [r.get("id") for r in records if isinstance(r, dict) and r.get("id")])
    stored, duplicates, rejects = len(present), 0, []
    for record in records:
        if isinstance(record, dict) and record.get("id") in present:
            continue
        try:
            if _retry_locked(lambda: store.add(record)):
                stored += 1
            else:
                duplicates += 1
        except StoreError:
            raise
        except InputError as error:
            source = record.get("origin") if isinstance(record, dict) else None
            rejects.append(Reject(source or error.source, error.reason, "store"))
    return stored, duplicates, rejects


def _retry_locked(write: Callable):
    from rasad.store import StoreError
    for attempt in range(LOCK_RETRIES + 1):
        try:
            return write()
        except StoreError as error:
            if "locked" not in error.reason or attempt == LOCK_RETRIES:
                raise
            time.sleep(0.2 * (attempt + 1))


def default_rejects_path(store) -> str:
    """rasad-rejects.jsonl next to an SQLite file; in the working folder otherwise."""
    name = getattr(store, "name", None) or ""
    if name and name != ":memory:" and "://" not in name and os.path.isabs(name):
        return os.path.join(os.path.dirname(name), DEFAULT_REJECTS_NAME)
    return os.path.abspath(DEFAULT_REJECTS_NAME)


class RejectsFile:
    """Rejects streamed to a temporary file, moved into place at the end, so a killed run leaves
    the previous file (or none) rather than half of one. Written when there are rejects, or to
    empty a stale file at the same path."""

    def __init__(self, path: str):
        self.path = os.path.abspath(path)
        folder = os.path.dirname(self.path)
        try:
            os.makedirs(folder, exist_ok=True)
            _remove_stale_temporaries(folder)
            self.tmp = os.path.join(folder, f".rasad-rejects-{os.getpid()}-{secrets.token_hex(4)}.tmp")
            self.out = open(self.tmp, "x", encoding="utf-8")      # mode from the umask, like any file
        except OSError as error:
            raise InputError(self.path, f"cannot write the rejects file: {error.strerror or error}") \
                from None
        self.count = 0

    def write(self, reject: Reject) -> None:
        self.out.write(json.dumps(reject.to_json(), ensure_ascii=False) + "\n")
        self.count += 1

    def close(self, keep: bool = True) -> None:
        self.out.close()
        if keep and (self.count or os.path.exists(self.path)):
            os.replace(self.tmp, self.path)
        else:
            os.unlink(self.tmp)


def _remove_stale_temporaries(folder: str) -> None:
    """Temporary rejects files of runs that were killed (their process is gone)."""
    for name in os.listdir(folder):
        if not (name.startswith(".rasad-rejects-") and name.endswith(".tmp")):
            continue
        pid = name.split("-")[2]
        if pid.isdigit() and not _alive(int(pid)):
            try:
                os.unlink(os.path.join(folder, name))
            except OSError:
                pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


# ---------------------------------------------------------------------------------------------
# The run.

def ingest(inputs: list[str], store, *, field_map: dict | None = None, allow_private: bool = False,
           rejects_path: str | None = None, progress: bool | str = True, batch_size: int = 200,
           workers: int = 1, timeout: float | None = DEFAULT_TIMEOUT) -> IngestReport:
    """Read every input, extract what the store does not have yet, store it in batches.

    inputs: files, folders, globs, URLs (http/https; private addresses only with allow_private),
    WARC, RSS/Atom, JSON/JSONL(.gz) — `field_map` maps our fields to a JSON record's keys.
    store: an open rasad.store.Store. rejects_path: JSON Lines of {source, reason, stage}
    (default rasad-rejects.jsonl next to the database). progress: True shows a bar when stderr
    is a terminal, "always" shows it anyway, False never. workers: processes that extract (the
    parent reads and writes). timeout: seconds one document may take to extract (None: no limit).

    Raises StoreError when the database cannot be written; everything about a single record is
    a reject in the report instead."""
    if not isinstance(batch_size, int) or batch_size < 1:
        raise InputError("ingest", f"batch_size must be a whole number ≥ 1, not {batch_size!r}")
    if not isinstance(workers, int) or workers < 1:
        raise InputError("ingest", f"workers must be a whole number ≥ 1, not {workers!r}")
    if field_map:
        from rasad.sources.records import check_field_map
        check_field_map(field_map, "field map")      # a wrong field name stops the run before it starts
    report = IngestReport(rejects_path=os.path.abspath(rejects_path or default_rejects_path(store)))
    rejects = RejectsFile(report.rejects_path)
    started = time.perf_counter()
    run = _Run(store, report, rejects, batch_size, workers, timeout, progress)
    try:
        run.go(read_documents(inputs, field_map, allow_private))
    finally:
        run.close()
        report.seconds = time.perf_counter() - started
        rejects.close()
    return report


class _Run:
    """One ingest run: reading and hashing, extraction (inline or in worker processes), writing.
    With workers, the next batch is read and handed out before the current one is written, so
    the workers are not left waiting on the database."""

    def __init__(self, store, report: IngestReport, rejects: RejectsFile, batch_size: int,
                 workers: int, timeout: float | None, progress: bool | str):
        self.store, self.report, self.rejects = store, report, rejects
        self.batch_size, self.timeout = batch_size, timeout
        self.in_flight: set[str] = set()       # ids handed to extraction, not written yet
        self.failures_in_a_row = 0
        self.succeeded = False
        self.pool = None
        if workers > 1:
            context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
            self.pool = concurrent.futures.ProcessPoolExecutor(workers, mp_context=context,
                                                               initializer=_die_with_parent,
                                                               initargs=(os.getpid(),))
        self.bar = progress_bar(progress)

    def go(self, documents: Iterator) -> None:
        pending: collections.deque = collections.deque()
        depth = 2 if self.pool else 1
        for chunk in _chunks(documents, self.batch_size):
            pending.append(self._start(chunk))
            while len(pending) >= depth:
                self._finish(*pending.popleft())
        while pending:
            self._finish(*pending.popleft())

    def _start(self, chunk: list) -> tuple[list, list, object]:
        """Set the unreadable aside, skip what is stored or already on its way, hand out the rest."""
        from rasad.output import content_hash
        unreadable: list[tuple[tuple[int, int], Reject]] = []
        docs: list[tuple[tuple[int, int], str, Document]] = []
        for number, n, doc in chunk:
            if isinstance(doc, Reject):
                unreadable.append(((number, n), doc))
            else:
                docs.append(((number, n), content_hash(doc.text), doc))
        known = stored_ids(self.store, [digest for _, digest, _ in docs]) if docs else set()
        new: list[tuple[tuple[int, int], str, Document]] = []
        skipped = 0
        for seq, digest, doc in docs:
            if digest in known or digest in self.in_flight:
                skipped += 1
            else:
                self.in_flight.add(digest)
                new.append((seq, digest, doc))
        self.report.read += skipped
        self.report.duplicates += skipped
        self._tick(skipped)
        work = [doc for _, _, doc in new]
        results = None
        if self.pool is not None and work:
            self.rejects.out.flush()        # forked workers must not inherit unwritten lines
            extract = functools.partial(extract_record, timeout=self.timeout)
            results = self.pool.map(extract, work, chunksize=max(1, min(8, len(work) // 16)))
        return unreadable, new, results

    def _finish(self, unreadable: list, new: list, results) -> None:
        records: list[dict] = []
        outcomes = results if results is not None else \
            (extract_record(doc, self.timeout) for _, _, doc in new)
        failed = list(unreadable)
        for (seq, _, _), outcome in zip(new, outcomes):
            if isinstance(outcome, Reject):
                failed.append((seq, outcome))
                self._check_broken(outcome)
            else:
                self.succeeded = True
                records.append(outcome)
                self._tick(1)
        for _, reject in sorted(failed, key=lambda item: item[0]):     # in input order
            self._reject(reject)
        stored, duplicates, refused = write_records(self.store, records)
        self.report.read += len(records) - len(refused)     # add_reject counts the refused
        self.report.stored += stored
        self.report.duplicates += duplicates
        for reject in refused:
            self._reject(reject, tick=False)
        self.in_flight.difference_update(digest for _, digest, _ in new)
        if self.bar is not None:
            self.bar.set_postfix(stored=self.report.stored, dup=self.report.duplicates,
                                 rejected=self.report.rejected, refresh=False)

    def _reject(self, reject: Reject, tick: bool = True) -> None:
        self.report.add_reject(reject)
        self.rejects.write(reject)
        if tick:
            self._tick(1)

    def _check_broken(self, reject: Reject) -> None:
        if self.succeeded or not reject.reason.startswith("extraction failed"):
            return
        self.failures_in_a_row += 1
        if self.failures_in_a_row >= BROKEN_AFTER:
            raise InputError("rasad", f"extraction failed on the first {BROKEN_AFTER} documents, "
                                      f"last: {reject.reason} — is rasad installed whole?")

    def _tick(self, n: int) -> None:
        if self.bar is not None and n:
            self.bar.update(n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)


def _die_with_parent(parent: int) -> None:
    """In a worker: end when the parent ends, even by SIGKILL (else it waits for work forever)."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL)          # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:                      # the parent died before prctl took effect
        os._exit(1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)    # Ctrl-C is the parent's to handle


def _chunks(items: Iterator, size: int) -> Iterator[list]:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def progress_bar(progress: bool | str):
    """A tqdm counter on stderr: on a terminal when progress is True, always when "always"."""
    if not progress or (progress != "always" and not sys.stderr.isatty()):
        return None
    from tqdm import tqdm
    tqdm.monitor_interval = 0          # no monitor thread: worker processes are forked
    return tqdm(unit=" docs", file=sys.stderr, dynamic_ncols=True, mininterval=0.5, smoothing=0.05)


if __name__ == "__main__":       # python -m rasad.ingest FILE… [--db] [--workers N] …
    from rasad.cli_batch import ingest_main
    sys.exit(ingest_main())
