"""The command line on a Spark table (`--spark URL --table NAME` in place of FILE): the same mapping, options and
JSON as for a file, the figures summed from cells that Spark counts (equity.sources.spark)."""

import argparse

from equity.app import cli
from equity.sources import spark


def add_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--spark", metavar="URL",
                         help="read the students from a Spark table through Spark Connect instead of FILE: "
                              "sc://host:15002, or local[2] to start a local server (needs Java 17); a token for "
                              f"the cluster is read from ${spark.TOKEN}. Only counted cells leave Spark")
    command.add_argument("--table", metavar="NAME",
                         help="the Spark table of student rows, e.g. catalog.schema.students or "
                              "parquet.`/data/students.parquet`")


def wanted(args: argparse.Namespace) -> bool:
    if not (getattr(args, "spark", None) or getattr(args, "table", None)):
        return False
    if not (args.spark and args.table) or args.file is not None:
        raise cli.UsageError("give FILE, or --spark URL and --table NAME instead of it, not both.")
    return True


def stage(args: argparse.Namespace) -> spark.SparkStaged:
    """Connect, read the table's columns and profile them from counts, and propose a mapping."""
    return spark.stage(args.spark, args.table, (args.outcome,))
