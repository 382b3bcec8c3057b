"""What each app keeps and for how long: apps register a retention rule per kind of record in their `ready()`.

A rule names what has passed its term on a day (`expired`), destroys records by id (rows and files, private
storage too) and says whether an identification exists (for a legal hold). `records` knows no app's models.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.utils.functional import Promise


@dataclass(frozen=True)
class Candidate:
    """A record past its term, as a destruction list shows it: identification and dates, never content."""

    object_id: int
    identification: str
    type_name: str
    created_on: date
    closed_on: date | None
    term_ended_on: date


@dataclass(frozen=True)
class RetentionRule:
    kind: str
    label: str | Promise
    # `expired(today, ids)`: the records past their term on `today`, limited to `ids` when given.
    expired: Callable[[date, list[int] | None], Iterable[Candidate]]
    # `destroy(ids)`: removes those records with everything that belongs to them; returns how many went.
    destroy: Callable[[list[int]], int]
    exists: Callable[[str], bool]


_rules: dict[str, RetentionRule] = {}


def register(rule: RetentionRule) -> None:
    _rules[rule.kind] = rule


def rules() -> list[RetentionRule]:
    return list(_rules.values())


def rule(kind: str) -> RetentionRule:
    return _rules[kind]


def label(kind: str) -> str:
    return str(_rules[kind].label) if kind in _rules else kind


def kind_choices() -> list[tuple[str, str]]:
    return [(item.kind, item.label) for item in _rules.values()]
