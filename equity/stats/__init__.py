"""Figures from cells: rates, means, gaps, intervals, suppression, flags, risk ratios, trends, cohorts."""
