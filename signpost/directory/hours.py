"""Machine-readable opening hours for "open now", always computed in Europe/London.

Grammar of a contact's `open` value:

    open   := "24/7" | rule ("; " rule)*
    rule   := days " " span ("," span)*
    days   := "daily" | day ["-" day] ("," day ["-" day])*
    day    := mon | tue | wed | thu | fri | sat | sun
    span   := HH:MM "-" HH:MM      (24:00 may close a day; a span that ends at or before
                                    its start runs past midnight into the next day)

e.g. "24/7", "mon-fri 09:00-17:00; sat 10:00-13:00", "fri-sun 18:00-02:00".
Pure functions: no clock is read here; the caller passes `now`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_TIME = re.compile(r"([01][0-9]|2[0-3]):([0-5][0-9])|24:00")
_MAX_LENGTH = 200


class HoursError(ValueError):
    """An `open` value that does not follow the grammar; the message says what is wrong."""


@dataclass(frozen=True)
class Span:
    day: int      # 0 = Monday
    start: int    # minutes from midnight
    end: int      # minutes from midnight (may exceed 1440 when the span runs past midnight)


@dataclass(frozen=True)
class OpenSpec:
    always: bool
    spans: tuple[Span, ...] = ()

    def weekly_ranges(self) -> tuple[tuple[int, int], ...]:
        """Open ranges as (start, end) minutes from Monday 00:00, end exclusive."""
        return tuple((s.day * 1440 + s.start, s.day * 1440 + s.end) for s in self.spans)


def _minutes(text: str, rule: str) -> int:
    if not _TIME.fullmatch(text):
        raise HoursError(f"{text!r} in {rule!r} is not a time like 09:00 (24-hour clock)")
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def _days(text: str, rule: str) -> list[int]:
    if text == "daily":
        return list(range(7))
    found: list[int] = []
    for part in text.split(","):
        ends = part.split("-")
        if len(ends) > 2 or not all(e in DAYS for e in ends):
            raise HoursError(f"{part!r} in {rule!r} is not a day or day range "
                             f"(use {', '.join(DAYS)} or daily, e.g. mon-fri)")
        first = DAYS.index(ends[0])
        last = DAYS.index(ends[-1])
        day = first
        while True:
            if day in found:
                raise HoursError(f"{rule!r} names a day twice")
            found.append(day)
            if day == last:
                break
            day = (day + 1) % 7
    return found


def parse_open(spec: str) -> OpenSpec:
    """Parse an `open` value; raise HoursError with a plain message if it is not valid."""
    if not isinstance(spec, str) or not spec.strip():
        raise HoursError("is empty (write 24/7 or e.g. mon-fri 09:00-17:00)")
    if len(spec) > _MAX_LENGTH:
        raise HoursError(f"is longer than {_MAX_LENGTH} characters")
    if spec == "24/7":
        return OpenSpec(always=True)
    spans: list[Span] = []
    for rule in spec.split(";"):
        rule = rule.strip()
        parts = rule.split(" ")
        if len(parts) != 2:
            raise HoursError(f"{rule!r} should be days then times, e.g. mon-fri 09:00-17:00")
        days_text, spans_text = parts
        days = _days(days_text, rule)
        for span_text in spans_text.split(","):
            ends = span_text.split("-")
            if len(ends) != 2:
                raise HoursError(f"{span_text!r} in {rule!r} should be like 09:00-17:00")
            start, end = (_minutes(e, rule) for e in ends)
            if start == 1440:
                raise HoursError(f"{span_text!r} in {rule!r} cannot start at 24:00")
            if end <= start:
                end += 1440  # runs past midnight
            for day in days:
                spans.append(Span(day, start, end))
    _check_overlaps(spans, spec)
    return OpenSpec(always=False, spans=tuple(sorted(spans, key=lambda s: (s.day, s.start))))


def _check_overlaps(spans: list[Span], spec: str) -> None:
    week = 7 * 1440
    taken = bytearray(week)
    for span in spans:
        for minute in range(span.day * 1440 + span.start, span.day * 1440 + span.end):
            if taken[minute % week]:
                raise HoursError(f"{spec!r} has opening times that overlap")
            taken[minute % week] = 1


def is_valid(spec: str) -> bool:
    try:
        parse_open(spec)
    except HoursError:
        return False
    return True


def london_now() -> datetime:
    """The time in London: the one clock the pages and their caches read (tests set it here)."""
    return datetime.now(LONDON)


def to_london(now: datetime) -> datetime:
    """`now` in Europe/London; a naive datetime is taken to be UTC (server clocks)."""
    if now.tzinfo is None:
        now = now.replace(tzinfo=timezone.utc)
    return now.astimezone(LONDON)


def is_open(open_spec: str | OpenSpec | None, now: datetime) -> bool | None:
    """Whether a contact is open at `now` (None when its hours are not known).

    Opening times are London wall-clock times, so "09:00" means 09:00 in both GMT and BST.
    """
    if open_spec is None or open_spec == "":
        return None
    spec = open_spec if isinstance(open_spec, OpenSpec) else parse_open(open_spec)
    if spec.always:
        return True
    local = to_london(now)
    minute = local.weekday() * 1440 + local.hour * 60 + local.minute
    week = 7 * 1440
    for start, end in spec.weekly_ranges():
        if start <= minute < end or start <= minute + week < end:
            return True
    return False


__all__ = ["HoursError", "OpenSpec", "Span", "parse_open", "is_open", "is_valid", "to_london",
           "london_now", "LONDON", "DAYS"]
