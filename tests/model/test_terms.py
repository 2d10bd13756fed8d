"""Terms: order, the terms between two, the next ones, and where a date falls between two measurements."""

from datetime import date

from equity.model import terms


def test_school_years_count_out_between_baseline_and_target():
    assert terms.sequence("2024-25", "2027-28") == ("2024-25", "2025-26", "2026-27", "2027-28")
    assert terms.sequence("2024-2025", "2025-2026") == ("2024-2025", "2025-2026")
    assert terms.sequence("2024", "2026") == ("2024", "2025", "2026")
    assert terms.shift("2099-00", 1) == "2100-01"          # the century turns on the two-digit end


def test_other_labels_use_the_known_terms_between():
    known = ["Fall 2024", "Spring 2025", "Fall 2025", "Spring 2026", "Fall 2026"]
    assert terms.sequence("Fall 2024", "Spring 2026", known) == ("Fall 2024", "Spring 2025", "Fall 2025",
                                                                 "Spring 2026")
    assert terms.shift("Fall 2025", 1) is None            # not nameable: a summer term may come between


def test_order_is_by_start_date_and_unreadable_labels_go_last():
    assert terms.ordered(["Spring 2026", "zzz", "Fall 2025", "2023-24"]) == ("2023-24", "Fall 2025", "Spring 2026",
                                                                             "zzz")


def test_a_date_sits_between_the_two_measurements_it_came_between():
    axis = ("2022-23", "2023-24", "2024-25")
    # 2023-24 runs 1 July 2023 to 30 June 2024 (366 days); 1 July is day 1 of it: x = 1 - 1 + 1/366.
    assert terms.position(date(2023, 7, 1), axis) == 1 / 366
    # 30 June 2024 is its last day: x = 1, the 2023-24 measurement.
    assert terms.position(date(2024, 6, 30), axis) == 1.0
    assert terms.position(date(2030, 1, 1), axis) is None
