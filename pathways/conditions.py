"""Small, composable, readable conditions over facts.

Each condition is a frozen dataclass: it can be called with a facts dict
(-> bool) and ``describe()`` renders it as text for docs and the rules map.
A fact that is missing is "not known": comparisons on it are False, so
``~Below("age", 16)`` means "age 16 or over, or not known".
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class Cond:
    def __call__(self, facts: dict) -> bool:  # pragma: no cover - abstract
        raise NotImplementedError

    def describe(self) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def __and__(self, other: "Cond") -> "Cond":
        return All((self, other))

    def __or__(self, other: "Cond") -> "Cond":
        return Any_((self, other))

    def __invert__(self) -> "Cond":
        return Not(self)

    def __str__(self) -> str:
        return self.describe()


@dataclass(frozen=True)
class Always(Cond):
    def __call__(self, facts):
        return True

    def describe(self):
        return "always"


@dataclass(frozen=True)
class Is(Cond):
    """A yes/no fact is known to be true."""
    field: str

    def __call__(self, facts):
        return facts.get(self.field) is True

    def describe(self):
        return f"{self.field} is true"


@dataclass(frozen=True)
class IsFalse(Cond):
    """A yes/no fact is known to be false (not merely unknown)."""
    field: str

    def __call__(self, facts):
        return facts.get(self.field) is False

    def describe(self):
        return f"{self.field} is false"


@dataclass(frozen=True)
class Known(Cond):
    field: str

    def __call__(self, facts):
        return facts.get(self.field) is not None

    def describe(self):
        return f"{self.field} is known"


@dataclass(frozen=True)
class Eq(Cond):
    field: str
    value: Any

    def __call__(self, facts):
        return facts.get(self.field) == self.value

    def describe(self):
        return f"{self.field} = {self.value}"


@dataclass(frozen=True)
class OneOf(Cond):
    field: str
    values: tuple

    def __call__(self, facts):
        return facts.get(self.field) in self.values

    def describe(self):
        return f"{self.field} in ({', '.join(map(str, self.values))})"


@dataclass(frozen=True)
class Has(Cond):
    """A list fact contains a value."""
    field: str
    value: str

    def __call__(self, facts):
        return self.value in (facts.get(self.field) or ())

    def describe(self):
        return f"{self.field} includes {self.value}"


@dataclass(frozen=True)
class HasAny(Cond):
    field: str
    values: tuple

    def __call__(self, facts):
        have = facts.get(self.field) or ()
        return any(v in have for v in self.values)

    def describe(self):
        return f"{self.field} includes any of ({', '.join(self.values)})"


@dataclass(frozen=True)
class OnlyAmong(Cond):
    """A list fact is known, not empty, and every item is in ``values``."""
    field: str
    values: tuple

    def __call__(self, facts):
        have = facts.get(self.field) or ()
        return bool(have) and all(v in self.values for v in have)

    def describe(self):
        return f"{self.field} only from ({', '.join(self.values)})"


@dataclass(frozen=True)
class IsEmpty(Cond):
    """A list fact is missing or empty."""
    field: str

    def __call__(self, facts):
        return not facts.get(self.field)

    def describe(self):
        return f"{self.field} is empty or not known"


@dataclass(frozen=True)
class AtLeast(Cond):
    field: str
    n: float

    def __call__(self, facts):
        v = facts.get(self.field)
        return v is not None and v >= self.n

    def describe(self):
        return f"{self.field} >= {self.n}"


@dataclass(frozen=True)
class AtMost(Cond):
    field: str
    n: float

    def __call__(self, facts):
        v = facts.get(self.field)
        return v is not None and v <= self.n

    def describe(self):
        return f"{self.field} <= {self.n}"


@dataclass(frozen=True)
class Below(Cond):
    field: str
    n: float

    def __call__(self, facts):
        v = facts.get(self.field)
        return v is not None and v < self.n

    def describe(self):
        return f"{self.field} < {self.n}"


@dataclass(frozen=True)
class All(Cond):
    parts: tuple

    def __call__(self, facts):
        for part in self.parts:   # a plain loop: every result page evaluates ~100 of these
            if not part(facts):
                return False
        return True

    def __and__(self, other):
        return All(self.parts + (other,))

    def describe(self):
        return "(" + " AND ".join(p.describe() for p in self.parts) + ")"


@dataclass(frozen=True)
class Any_(Cond):
    parts: tuple

    def __call__(self, facts):
        for part in self.parts:
            if part(facts):
                return True
        return False

    def __or__(self, other):
        return Any_(self.parts + (other,))

    def describe(self):
        return "(" + " OR ".join(p.describe() for p in self.parts) + ")"


@dataclass(frozen=True)
class Not(Cond):
    part: Cond

    def __call__(self, facts):
        return not self.part(facts)

    def describe(self):
        return f"NOT {self.part.describe()}"
