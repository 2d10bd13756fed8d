"""The command line on a Spark table (`--spark URL --table NAME` in place of FILE): the same mapping, options and
JSON as for a file, the figures summed from cells that Spark counts (equity.sources.spark)."""

import argparse
import sys

import duckdb

from equity.app import cli_options
from equity.app.cli_options import SparkStaged, UsageError
from equity.app.session import Workbench
from equity.data import dataset
from equity.data.mapping import Mapping
from equity.model.cohorts import cohort_values
from equity.model.dimensions import COMBINED
from equity.model.filters import options
from equity.model.groups import Grouping
from equity.sources import spark
from equity.stats.disproportionality import OTHERS, Disproportionality, Settings, disproportionality
from equity.stats.grouped import stats
from equity.stats.metrics import Breakdown, Rule, key_text
from equity.stats.settings import PrivacySettings


def workbench(args: argparse.Namespace, con: duckdb.DuckDBPyConnection, staged: SparkStaged, mapping: Mapping,
              by: tuple[str, ...]) -> Workbench:
    """A session whose cells come from the Spark table under `mapping`, after the same notices as a file's."""
    if COMBINED in by:
        raise UsageError(f"--by {COMBINED} counts each student once per race reported, which needs the student "
                         "rows of a file; on Spark use --by race.")
    source = spark.SparkSource(staged.table, mapping)
    privacy = PrivacySettings(min_n=args.min_n, coding=getattr(args, "top_bottom_code", False))
    bench = Workbench(con=con, privacy=privacy, source=source)
    bench.data = dataset.Dataset(None, staged.profiles, mapping, source.report, title=args.table)
    for line in [*cli_options.value_notices(source.report), *cli_options.dimension_notices(mapping, by)]:
        print(line, file=sys.stderr)
    return bench


def filters(bench: Workbench, items: list[str], outcome: str, rule: Rule):
    """The --where filters, checked against the values of the outcome's cube (the students' own values)."""
    return cli_options.where(bench.con, items, bench.cube(outcome, rule).table)


def gaps(args: argparse.Namespace, con, staged: SparkStaged, mapping: Mapping, column, rule: Rule
         ) -> Breakdown | dict[str, Breakdown]:
    """`gaps` on Spark: the breakdown (per cohort with --cohort) summed from the outcome's cube."""
    bench = workbench(args, con, staged, mapping, (args.by,))
    bench.filters = filters(bench, args.where, column.name, rule)

    def one(cohort: tuple[str, str] | None) -> Breakdown:
        return bench.breakdown(column.name, rule, args.by, args.compare, column.header, cohort)

    if not args.cohort:
        return one(None)
    dimension = cli_options.cohort_dimension(mapping, args.cohort)
    offered = options(con, bench.cube(column.name, rule).table)
    return {value: one((dimension, value)) for value in cohort_values(offered, dimension)}


def risk(args: argparse.Namespace, con, staged: SparkStaged, mapping: Mapping, column, rule: Rule
         ) -> Disproportionality:
    """`risk` on Spark: the risk ratios summed from the outcome's cube."""
    bench = workbench(args, con, staged, mapping, (args.by,))
    cube = bench.cube(column.name, rule)
    grouping = Grouping(args.by)
    reference = OTHERS
    if args.compare != OTHERS:
        keys = {key_text(k): k for k in stats(con, column.name, rule, grouping, cube=cube)[1]}
        reference = cli_options.reference_group(keys, args.compare)
    settings = Settings(args.cell_size, args.n_size, args.flag_above)
    return disproportionality(con, column.name, rule, grouping, filters(bench, args.where, column.name, rule),
                              settings=settings, min_n=args.min_n, label=column.header, reference=reference,
                              cube=cube)
