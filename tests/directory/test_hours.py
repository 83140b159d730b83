"""Opening hours: the `open` grammar and "open now" in Europe/London across clock changes."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from signpost.directory.hours import HoursError, is_open, parse_open

UTC = timezone.utc
WEEKDAYS = "mon-fri 09:00-17:00; sat 10:00-13:00"


def at(*args):
    return datetime(*args, tzinfo=UTC)


def test_round_the_clock_is_always_open():
    assert is_open("24/7", at(2026, 3, 29, 1, 30)) is True


def test_unknown_hours_are_neither_open_nor_closed():
    assert is_open(None, at(2026, 1, 1)) is None and is_open("", at(2026, 1, 1)) is None


def test_opening_times_are_london_clock_times_in_winter_and_summer():
    # Friday 27 March 2026 is GMT: 08:30 UTC is 08:30 in London (closed).
    assert is_open(WEEKDAYS, at(2026, 3, 27, 8, 30)) is False
    assert is_open(WEEKDAYS, at(2026, 3, 27, 9, 0)) is True
    # Monday 30 March 2026 is BST (clocks went forward on Sunday 29th): 08:30 UTC is 09:30.
    assert is_open(WEEKDAYS, at(2026, 3, 30, 8, 30)) is True
    assert is_open(WEEKDAYS, at(2026, 3, 30, 16, 0)) is False  # 17:00 BST: just closed


def test_the_autumn_clock_change_moves_utc_opening_back():
    # Sunday 25 October 2026 the clocks go back; Monday 26th is GMT again.
    assert is_open(WEEKDAYS, at(2026, 10, 23, 8, 0)) is True    # Friday 09:00 BST
    assert is_open(WEEKDAYS, at(2026, 10, 26, 8, 0)) is False   # Monday 08:00 GMT
    assert is_open(WEEKDAYS, at(2026, 10, 26, 9, 0)) is True


def test_the_missing_hour_of_spring_is_handled():
    spec = "sun 00:00-03:00"
    assert is_open(spec, at(2026, 3, 29, 0, 59)) is True   # 00:59 GMT
    assert is_open(spec, at(2026, 3, 29, 1, 30)) is True   # 02:30 BST
    assert is_open(spec, at(2026, 3, 29, 2, 0)) is False   # 03:00 BST


def test_saturday_and_sunday():
    assert is_open(WEEKDAYS, at(2026, 11, 21, 12, 0)) is True    # Saturday noon
    assert is_open(WEEKDAYS, at(2026, 11, 22, 12, 0)) is False   # Sunday


def test_a_span_past_midnight_runs_into_the_next_day_and_wraps_the_week():
    spec = "fri-sun 18:00-02:00"
    assert is_open(spec, at(2026, 11, 23, 1, 30)) is True    # Monday 01:30 (from Sunday)
    assert is_open(spec, at(2026, 11, 23, 2, 30)) is False
    assert is_open(spec, at(2026, 11, 20, 17, 59)) is False  # Friday 17:59


def test_naive_times_are_taken_as_utc():
    assert is_open(WEEKDAYS, datetime(2026, 7, 1, 8, 30)) is True  # 09:30 BST


@pytest.mark.parametrize("spec", ["", "always", "mon-fri 9-5", "mon-fri 09:00-17:00;", "monday 09:00-17:00",
                                  "mon-fri 09:00-25:00", "mon-fri 09:60-17:00", "mon-fri 24:00-02:00",
                                  "mon-fri 09:00-17:00; fri 16:00-18:00", "mon,mon 09:00-10:00",
                                  "mon-fri  09:00-17:00", "Mon-Fri 09:00-17:00", "x" * 300,
                                  "mon-fri 09:00-12:00,11:00-13:00"])
def test_bad_hours_are_refused_with_a_message(spec):
    with pytest.raises(HoursError) as caught:
        parse_open(spec)
    assert str(caught.value)


@pytest.mark.parametrize("spec", ["24/7", "daily 00:00-24:00", "mon-fri 09:00-17:00; sat 10:00-13:00",
                                  "mon,wed,fri 10:00-12:00,13:00-16:00", "sat-sun 10:00-16:00",
                                  "daily 17:00-09:00"])
def test_good_hours_are_accepted(spec):
    parse_open(spec)
