"""Cohorts: every figure worked out separately for each entering year (or each term a sequence started, each
school, each grade), as DisImpact's `cohort` argument does: each cohort has its own all-students rate, its own
highest group and its own flags.

A cohort is a value of one of the dimensions a file's column can be mapped to as a single column: term (where an
entering-year or cohort column goes when it is named as the cohort), school or grade. One cohort's breakdown is the
ordinary breakdown with that dimension filtered to that value, so suppression and every privacy rule apply to it
exactly as to a filter the sidebar sets.
"""

from dataclasses import replace

import duckdb

from equity.filters import Filters, options

COHORT_DIMENSIONS = ("term", "school", "grade")


def cohort_values(con: duckdb.DuckDBPyConnection, dimension: str, filters: Filters = Filters()) -> list[str]:
    """The cohorts of the loaded data in order, those the filters keep when they choose some."""
    chosen = getattr(filters, dimension)
    return [v for v in options(con)[dimension] if not chosen or v in chosen]


def cohort_filters(filters: Filters, dimension: str, value: str) -> Filters:
    """The filters with `dimension` narrowed to one cohort."""
    return replace(filters, **{dimension: (value,)})
