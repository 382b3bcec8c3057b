"""Prepared queries: a queryset's shape compiled to SQL once, then run with fresh parameters.

Building and compiling a queryset costs Django 0.25 to 0.8 ms of Python on every request; sending the SQL costs
0.02 ms. The hottest personal pages (Mijn Loket) ask the same questions on every request with only the resident
and the clock changing, so they compile each question once per database connection and reuse the SQL:

    @prepared(resident_id=int)
    def recent_messages(resident_id):
        return Message.objects.filter(resident_id=resident_id).only("uuid", "subject")[:3]

    recent_messages(resident_id=request.user.pk)  # -> list[Message], the same as list(the queryset)

How: the function builds its queryset once with unmistakable stand-in values (sentinels) for its parameters; Django
compiles it; each sentinel is found among the SQL's parameters and its slot remembered. A call fills the slots with
the real values (adapted by the database backend exactly as Django would) and turns rows into instances with
Django's own loaders: `Model.from_db`, the select_related populators, annotations and the field converters;
`prefetch_related` lookups run afterwards with `prefetch_related_objects`.

Only what can be compiled this way is accepted, and refused loudly at the first call otherwise: parameters of the
kinds below, each of which must reach the SQL as a parameter (not steer Python code), and model querysets (not
`values()`). The results are tested to equal the ordinary queryset's (tests/portal/core/test_prepared.py), so a
Django upgrade that changes the internals used here fails the suite instead of a resident's page.
"""

import functools
import threading
from collections.abc import Callable
from datetime import UTC, date, datetime

from django.core.exceptions import EmptyResultSet, ImproperlyConfigured
from django.db import connections, models
from django.db.models.query import ModelIterable, get_related_populators

KINDS = (int, str, datetime, date)


def _sentinel(kind: type, index: int):
    # issubclass, not identity: a test's frozen clock replaces datetime by a subclass.
    if not isinstance(kind, type) or not issubclass(kind, KINDS) or issubclass(kind, bool):
        raise ImproperlyConfigured(f"A prepared query's parameter is one of {KINDS}, not {kind!r}.")
    if issubclass(kind, datetime):
        return datetime(1901, 2, 3, 4, 5, index, tzinfo=UTC)
    if issubclass(kind, date):
        return date(1901, 2, 3 + index)
    if issubclass(kind, int):
        return -(10**15) - index
    return f"\x1fprepared-parameter-{index}\x1f"


def _adapt(value, ops):
    """The value as the backend hands it to the driver (what Django does for a datetime or date lookup)."""
    if isinstance(value, datetime):
        return ops.adapt_datetimefield_value(value)
    if isinstance(value, date):
        return ops.adapt_datefield_value(value)
    return value


class _Compiled:
    """One shape compiled for one database connection."""

    def __init__(self, queryset: models.QuerySet, sentinels: dict, connection):
        if queryset._iterable_class is not ModelIterable:
            raise ImproperlyConfigured("A prepared query returns model instances; values() querysets do not qualify.")
        compiler = queryset.query.get_compiler(connection=connection)
        try:
            self.sql, params = compiler.as_sql()
        except EmptyResultSet:
            raise ImproperlyConfigured("A prepared query must be able to match rows (no filter(x__in=[])).") from None
        slots_by_value = {_adapt(value, connection.ops): name for name, value in sentinels.items()}
        self.slots = [(slots_by_value.get(param), param) for param in params]
        missing = set(sentinels) - {name for name, _ in self.slots if name}
        if missing:
            raise ImproperlyConfigured(
                f"Parameters {sorted(missing)} do not reach the SQL as parameters; a prepared query's parameters may "
                "only be values in its filters."
            )
        self.model = queryset.model
        self.prefetch = queryset._prefetch_related_lookups
        self.select, klass_info = compiler.select, compiler.klass_info
        self.annotations = list((compiler.annotation_col_map or {}).items())
        first, last = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        self.model_columns = slice(first, last)
        self.init_list = [column[0].target.attname for column in self.select[first:last]]
        self.populators = get_related_populators(klass_info, self.select, connection.alias)
        self.compiler = compiler
        self.converters = compiler.get_converters([column[0] for column in self.select[: compiler.col_count]])

    def run(self, values: dict, connection) -> list:
        params = [_adapt(values[name], connection.ops) if name else constant for name, constant in self.slots]
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        if self.converters:
            rows = self.compiler.apply_converters(rows, self.converters)
        alias = connection.alias
        instances = []
        for row in rows:
            instance = self.model.from_db(alias, self.init_list, row[self.model_columns])
            for populator in self.populators:
                populator.populate(row, instance)
            for name, position in self.annotations:
                setattr(instance, name, row[position])
            instances.append(instance)
        if self.prefetch and instances:
            models.prefetch_related_objects(instances, *self.prefetch)
        return instances


def prepared(**kinds: type) -> Callable:
    """Decorates a function (keyword parameters of the given kinds → a queryset) into one returning the queryset's
    instances as a list, compiled once per database connection (connections are per thread)."""
    for kind in kinds.values():
        _sentinel(kind, 0)

    def decorate(build: Callable[..., models.QuerySet]) -> Callable[..., list]:
        local = threading.local()

        @functools.wraps(build)
        def run(*, using: str = "default", **values) -> list:
            if set(values) != set(kinds):
                raise TypeError(f"{build.__name__}() takes the parameters {sorted(kinds)}, got {sorted(values)}")
            connection = connections[using]
            compiled_for = getattr(local, "compiled", None)
            if compiled_for is None:
                compiled_for = local.compiled = {}
            compiled = compiled_for.get(id(connection))
            if compiled is None or compiled[0] is not connection:
                sentinels = {name: _sentinel(kind, index) for index, (name, kind) in enumerate(kinds.items())}
                compiled = compiled_for[id(connection)] = (
                    connection,
                    _Compiled(build(**sentinels).using(using), sentinels, connection),
                )
            return compiled[1].run(values, connection)

        run.build = build
        return run

    return decorate
