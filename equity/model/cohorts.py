"""Cohorts: every figure worked out separately for each entering year (or each term a sequence started, each
school, each grade), as DisImpact's `cohort` argument does: each cohort has its own all-students rate, its own
highest group and its own flags.

A cohort is a value of one of the dimensions a file's column can be mapped to as a single column: term (where an
entering-year or cohort column goes when it is named as the cohort), school or grade. One cohort's breakdown is the
ordinary breakdown with that dimension filtered to that value, so suppression and every privacy rule apply to it
exactly as to a filter the sidebar sets.
"""

from dataclasses import replace

from equity.model.filters import Filters

COHORT_DIMENSIONS = ("term", "school", "grade")
Cohort = tuple[str, str]         # (dimension, value), e.g. ("term", "2017")


def cohort_values(values: dict[str, list[str]], dimension: str, filters: Filters = Filters()) -> list[str]:
    """The cohorts in order, from each dimension's values in the loaded data (equity.sources.cube.filter_options),
    those the filters keep when they choose some."""
    chosen = getattr(filters, dimension)
    return [v for v in values[dimension] if not chosen or v in chosen]


def cohort_choices(values: dict[str, list[str]], filters: Filters = Filters()) -> list[str]:
    """The dimensions that split the loaded data into two cohorts or more."""
    return [d for d in COHORT_DIMENSIONS if len(cohort_values(values, d, filters)) > 1]


def cohort_filters(filters: Filters, dimension: str, value: str) -> Filters:
    """The filters with `dimension` narrowed to one cohort."""
    return replace(filters, **{dimension: (value,)})
