"""`rasad batch --engine spark`: the extraction on Apache Spark (pyspark; Java 17).

The plan, with the very code of the one-process engine at each step:
  1. the driver expands the inputs (folders, globs) into files and URLs;
  2. one task per input reads it with rasad.sources (so records, origins and line numbers are
     the same as anywhere else), numbering each document (input number, document number);
  3. the documents are spread over `partitions` tasks and extracted
     (rasad.pipeline.analyse + rasad.output.to_record);
  4. articles are keyed by id and the first in input order kept (reduceByKey), then written as
     Parquet; rejects are collected to the driver (the shuffle output is reused, nothing is
     extracted twice) and written to _rejects.jsonl.

On a cluster, rasad must be installed on the workers and the inputs on storage every worker
reads (the same paths). In local mode the workers use this Python (PYSPARK_PYTHON).
"""
from __future__ import annotations

import importlib.util
import os
import shutil
import sys
import time

from rasad.batch.common import (ARTICLE_COLUMNS, BatchReport, numbered_documents, prepare_output,
                                process, write_rejects)
from rasad.errors import InputError
from rasad.ingest import Reject, expand

PARTITIONS_PER_CORE = 4       # small tasks even out slow articles across cores


def spark_available() -> str | None:
    """None when Spark can run here, else why not (one line)."""
    if importlib.util.find_spec("pyspark") is None:
        return "pyspark is not installed (pip install rasad's dependencies)"
    java_home = os.environ.get("JAVA_HOME")
    if not (shutil.which("java") or (java_home and os.path.exists(os.path.join(java_home, "bin", "java")))):
        return "Java is not installed (Spark needs Java 17 or later: apt-get install openjdk-17-jre-headless)"
    return None


def spark_session(master: str = "local[*]", conf: dict | None = None, app: str = "rasad-batch"):
    """A SparkSession whose Python workers run this interpreter with rasad importable."""
    problem = spark_available()
    if problem:
        raise InputError("spark", problem)
    # workers run this Python, and find rasad even when it is not installed (run from a checkout)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    import rasad
    root = os.path.dirname(os.path.dirname(os.path.abspath(rasad.__file__)))
    paths = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    if root not in paths:
        os.environ["PYTHONPATH"] = os.pathsep.join([root, *paths])
    from pyspark.sql import SparkSession
    builder = SparkSession.builder.master(master).appName(app)
    if master.startswith("local"):
        # everything on this machine: listen on the loopback interface only
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        builder = builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
    builder = (builder
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "true" if sys.stderr.isatty() else "false")
               .config("spark.python.worker.reuse", "true")       # models load once per worker
               .config("spark.driver.memory", "2g"))
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    try:
        session = builder.getOrCreate()
    except Exception as error:     # Java missing or too old, a bad master URL…
        raise InputError("spark", f"cannot start Spark: {' '.join(str(error).split())[:300]}") from None
    session.sparkContext.setLogLevel("ERROR")
    return session


def run_spark(inputs: list[str], output: str, *, master: str = "local[*]", field_map: dict | None = None,
              allow_private: bool = False, partitions: int | None = None, overwrite: bool = False,
              conf: dict | None = None, session=None) -> BatchReport:
    """Extract `inputs` on Spark into the Parquet folder `output`. `session`: an existing
    SparkSession to use (left running); otherwise one is started and stopped here."""
    output = prepare_output(output, overwrite)
    own = session is None
    session = session or spark_session(master, conf)
    started = time.perf_counter()
    try:
        report = _run(session, inputs, output, field_map, allow_private, partitions)
    finally:
        if own:
            session.stop()
    report.seconds = time.perf_counter() - started
    return report


def _run(session, inputs, output, field_map, allow_private, partitions) -> BatchReport:
    from pyspark.sql.types import StringType, StructField, StructType
    sc = session.sparkContext
    report = BatchReport("spark", output)
    # an InputError does not survive pickling (its __init__ takes two arguments): send a Reject
    items = [(n, Reject(item.source, item.reason, "read") if isinstance(item, InputError) else item)
             for n, item in enumerate(expand(inputs))]
    if not items:
        raise InputError("batch", "no inputs")
    partitions = partitions or max(1, sc.defaultParallelism * PARTITIONS_PER_CORE)
    read_count = sc.accumulator(0)

    def read(numbered):
        number, item = numbered
        for pair in numbered_documents(number, item, field_map, allow_private):
            read_count.add(1)
            yield pair

    documents = sc.parallelize(items, numSlices=len(items)).flatMap(read)
    extracted = documents.repartition(partitions).map(lambda pair: process(*pair))
    # per id the first in input order; rejects have keys of their own and pass through
    firsts = extracted.reduceByKey(lambda a, b: a if a[0] <= b[0] else b, numPartitions=partitions)

    def article_rows(pair):
        outcome = pair[1][1]
        return [] if isinstance(outcome, Reject) else [tuple(outcome[c] for c in ARTICLE_COLUMNS)]

    schema = StructType([StructField(c, StringType(), c not in ("id", "record")) for c in ARTICLE_COLUMNS])
    session.createDataFrame(firsts.flatMap(article_rows), schema).write.parquet(output)
    # the second action reads the reduceByKey shuffle output again: nothing is extracted twice
    rejects = firsts.filter(lambda pair: isinstance(pair[1][1], Reject)).values().collect()
    write_rejects(output, rejects)
    report.rejected = len(rejects)
    report.articles = session.read.parquet(output).count()
    report.read = read_count.value
    report.duplicates = report.read - report.articles - report.rejected
    return report
