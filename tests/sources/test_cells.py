"""Cells (equity.sources.cells): sums over them, worked out by hand."""

from equity.sources.cells import Cells, Stats

CELLS = Cells(("race_ethnicity", "school"), (
    (("White", "Adams"), Stats(10, 4.0, 4.0, 1)), (("Black", "Adams"), Stats(6, 3.0, 3.0)),
    (("White", "Baker"), Stats(20, 5.0, 5.0, 2))))


def test_cells_split_per_school_keep_each_school_s_rows_and_columns():
    shares = CELLS.per("school")
    assert set(shares) == {"Adams", "Baker"}
    assert shares["Adams"].columns == CELLS.columns
    # Adams: 10 White (4 meeting, 1 missing) and 6 Black (3 meeting); Baker: 20 White (5 meeting, 2 missing).
    assert shares["Adams"].by("race_ethnicity") == (Stats(16, 7.0, 7.0, 1), {"White": Stats(10, 4.0, 4.0, 1),
                                                                             "Black": Stats(6, 3.0, 3.0)})
    assert shares["Baker"].by("race_ethnicity") == (Stats(20, 5.0, 5.0, 2), {"White": Stats(20, 5.0, 5.0, 2)})
