"""`rasad load`: the articles of a `rasad batch` Parquet folder into a store, idempotently.

Ids already stored are skipped before their JSON is even parsed; the rest go through
Store.add_many in batches, each batch one transaction (so a killed load, run again, ends
with the same rows as one that was not killed).
"""
from __future__ import annotations

import json
import os
import time

from rasad.batch import read_rows
from rasad.ingest import IngestReport, Reject, progress_bar, stored_ids, write_records


def load(parquet_dir: str, store, *, batch_size: int = 200, progress: bool | str = True) -> IngestReport:
    """Store every article row of `parquet_dir` (see rasad.batch) that the store does not have.
    Returns read, stored, duplicates, rejected (a row whose record is not valid JSON, or that
    the store refuses). Raises InputError when the folder is not a batch output, StoreError when
    the database cannot be written."""
    report = IngestReport()
    started = time.perf_counter()
    bar = progress_bar(progress)
    try:
        for rows in read_rows(os.path.abspath(parquet_dir), columns=["id", "record"], batch_size=batch_size):
            report.read += len(rows)
            known = stored_ids(store, [r["id"] for r in rows if r["id"]])
            records = []
            for row in rows:
                if row["id"] in known:
                    report.duplicates += 1
                    continue
                try:
                    record = json.loads(row["record"])
                    if not isinstance(record, dict):
                        raise ValueError("not a JSON object")
                except (TypeError, ValueError) as error:
                    report.read -= 1            # add_reject counts it as read
                    report.add_reject(Reject(f"{parquet_dir}#{row['id']}", f"bad record JSON: {error}", "load"))
                    continue
                records.append(record)
            stored, duplicates, refused = write_records(store, records)
            report.stored += stored
            report.duplicates += duplicates
            for reject in refused:
                report.read -= 1
                report.add_reject(reject)
            if bar is not None:
                bar.update(len(rows))
    finally:
        if bar is not None:
            bar.close()
        report.seconds = time.perf_counter() - started
    return report
