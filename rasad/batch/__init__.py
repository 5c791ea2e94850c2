"""Batch extraction into Parquet: the same extraction as `rasad ingest` (rasad.pipeline.analyse
+ rasad.output.to_record), on Apache Spark (`engine="spark"`, see spark.py) or in one process
(`engine="local"`), for corpora too big to extract straight into one database.

The output folder is a Parquet dataset, one row per article (columns in ARTICLE_COLUMNS):
id (content hash), published, source, url, title for querying, and `record`, the whole record
as JSON text. Articles with the same text are kept once: the first in input order. Records
that could not be read or extracted are listed in `_rejects.jsonl` in the same folder (Parquet
readers skip names that start with "_"). Both engines write the same rows for the same input;
`rasad load` (load.py) puts them into a store.
"""
from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass

from rasad.errors import InputError
from rasad.ingest import Reject, documents_of, expand, extract_record

ARTICLE_COLUMNS = ("id", "published", "source", "url", "title", "record")
REJECTS_FILE = "_rejects.jsonl"
ROWS_PER_GROUP = 500


@dataclass
class BatchReport:
    engine: str
    output: str
    read: int = 0
    articles: int = 0
    duplicates: int = 0
    rejected: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        rate = f" ({self.articles / self.seconds:.1f} articles/s)" if self.seconds > 0 and self.articles else ""
        line = (f"{self.engine}: read {self.read}, articles {self.articles}, duplicates {self.duplicates}, "
                f"rejected {self.rejected} in {self.seconds:.1f} s{rate} → {self.output}")
        if self.rejected:
            line += f" (rejects in {os.path.join(self.output, REJECTS_FILE)})"
        return line


def article_row(record: dict) -> dict:
    """The Parquet row of one record."""
    return {"id": record["id"], "published": record.get("published"), "source": record.get("source"),
            "url": record.get("url"), "title": record.get("title"),
            "record": json.dumps(record, ensure_ascii=False)}


def arrow_schema():
    import pyarrow as pa
    return pa.schema([(name, pa.string()) for name in ARTICLE_COLUMNS])


def process(seq: tuple[int, int], doc) -> tuple[str, tuple[tuple[int, int], dict | Reject]]:
    """(key, (seq, row or Reject)): an article is keyed by its id, so that duplicates meet; a
    reject by its place in the input. `seq` is (input number, document number)."""
    outcome = doc if isinstance(doc, Reject) else extract_record(doc)
    if isinstance(outcome, Reject):
        return f"reject:{seq[0]}:{seq[1]}", (seq, outcome)
    return outcome["id"], (seq, article_row(outcome))


def numbered_documents(number: int, item, field_map: dict | None, allow_private: bool
                       ) -> Iterator[tuple[tuple[int, int], object]]:
    """((input number, document number), Document or Reject) of one expanded input."""
    for n, doc in enumerate(documents_of(item, field_map, allow_private)):
        yield (number, n), doc


def prepare_output(output: str, overwrite: bool) -> str:
    output = os.path.abspath(output)
    if os.path.exists(output):
        if not os.path.isdir(output):
            raise InputError(output, "the output exists and is not a folder")
        if os.listdir(output):
            if not overwrite:
                raise InputError(output, "the output folder is not empty (use --overwrite to replace it)")
            shutil.rmtree(output)
    return output


def write_rejects(output: str, rejects: list[tuple[tuple[int, int], Reject]]) -> None:
    path = os.path.join(output, REJECTS_FILE)
    if not rejects:
        return
    with open(path, "w", encoding="utf-8") as out:
        for _, reject in sorted(rejects, key=lambda item: item[0]):
            out.write(json.dumps(reject.to_json(), ensure_ascii=False) + "\n")


def run_local(inputs: list[str], output: str, *, field_map: dict | None = None,
              allow_private: bool = False, overwrite: bool = False) -> BatchReport:
    """Extract every input in this process into `output`/part-00000.parquet, streaming."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    output = prepare_output(output, overwrite)
    report = BatchReport("local", output)
    started = time.perf_counter()
    os.makedirs(output, exist_ok=True)
    schema = arrow_schema()
    seen: set[str] = set()
    rejects: list = []
    rows: list[dict] = []
    part = os.path.join(output, "part-00000.parquet")
    with pq.ParquetWriter(part + ".tmp", schema) as writer:
        for number, item in enumerate(expand(inputs)):
            for seq, doc in numbered_documents(number, item, field_map, allow_private):
                report.read += 1
                key, (_, outcome) = process(seq, doc)
                if isinstance(outcome, Reject):
                    rejects.append((seq, outcome))
                elif key in seen:
                    report.duplicates += 1
                else:
                    seen.add(key)
                    rows.append(outcome)
                    if len(rows) >= ROWS_PER_GROUP:
                        writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                        rows = []
        if rows:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
    os.replace(part + ".tmp", part)     # a killed run leaves no part file that looks whole
    write_rejects(output, rejects)
    report.articles, report.rejected = len(seen), len(rejects)
    report.seconds = time.perf_counter() - started
    return report


def run_batch(inputs: list[str], output: str, *, engine: str = "local", master: str | None = None,
              field_map: dict | None = None, allow_private: bool = False, partitions: int | None = None,
              overwrite: bool = False, conf: dict | None = None) -> BatchReport:
    """Extract `inputs` into the Parquet folder `output` with the chosen engine."""
    if engine == "local":
        return run_local(inputs, output, field_map=field_map, allow_private=allow_private,
                         overwrite=overwrite)
    if engine == "spark":
        from rasad.batch.spark import run_spark
        return run_spark(inputs, output, master=master or "local[*]", field_map=field_map,
                         allow_private=allow_private, partitions=partitions, overwrite=overwrite,
                         conf=conf)
    raise InputError("batch", f"unknown engine {engine!r} (spark or local)")


def read_rows(parquet_dir: str, columns: list[str] | None = None, batch_size: int = 500) -> Iterator[list[dict]]:
    """Rows of a `rasad batch` output folder, a batch at a time (files starting with _ or . skipped)."""
    import pyarrow.dataset as ds
    if not os.path.isdir(parquet_dir):
        raise InputError(parquet_dir, "no such folder" if not os.path.exists(parquet_dir) else "not a folder")
    try:
        dataset = ds.dataset(parquet_dir, format="parquet", ignore_prefixes=["_", "."])
        missing = [c for c in (columns or ARTICLE_COLUMNS) if c not in dataset.schema.names]
        if missing:
            raise InputError(parquet_dir, f"not a rasad batch output: no column {', '.join(missing)}")
        for batch in dataset.to_batches(columns=columns, batch_size=batch_size):
            yield batch.to_pylist()
    except InputError:
        raise
    except Exception as error:      # pyarrow's errors for a file that is not Parquet, etc.
        raise InputError(parquet_dir, f"cannot read Parquet: {type(error).__name__}: "
                                      f"{' '.join(str(error).split())[:200]}") from None
