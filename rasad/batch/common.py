"""What the two batch engines share (rasad.batch runs the local one, rasad.batch.spark the other):
the Parquet row of an article, the numbering of documents, the processing of one document, the
output folder, its rejects file and the run's report.
"""
from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass

from rasad.errors import InputError
from rasad.ingest import Reject, documents_of, extract_record

ARTICLE_COLUMNS = ("id", "published", "source", "url", "title", "record")
REJECTS_FILE = "_rejects.jsonl"


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
