"""Batch extraction into Parquet: the same extraction as `rasad ingest` (rasad.pipeline.analyse
+ rasad.output.to_record), on Apache Spark (`engine="spark"`, see spark.py) or in one process
(`engine="local"`), for corpora too big to extract straight into one database.

The output folder is a Parquet dataset, one row per article (columns in ARTICLE_COLUMNS):
id (content hash), published, source, url, title for querying, and `record`, the whole record
as JSON text. Articles with the same text are kept once: the first in input order. Records
that could not be read or extracted are listed in `_rejects.jsonl` in the same folder (Parquet
readers skip names that start with "_"). Both engines write the same rows for the same input
(the steps they share are in common.py); `rasad load` (load.py) puts them into a store.
"""
from __future__ import annotations

import os
import time
from collections.abc import Iterator

from rasad.batch.common import (ARTICLE_COLUMNS, REJECTS_FILE, BatchReport, article_row,  # noqa: F401 (re-exported)
                                arrow_schema, numbered_documents, prepare_output, process,
                                write_rejects)
from rasad.errors import InputError
from rasad.ingest import Reject, expand

ROWS_PER_GROUP = 500


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
