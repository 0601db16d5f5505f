"""Querysets compiled to SQL once per process, then run with new values on each call.

On the hottest pages (every signed-in request reads its user; every thread page its
topic) turning a small queryset into SQL took longer than PostgreSQL took to run the
prepared statement. A `Precompiled` builds its queryset once, from sample values that
stand in for the parameters, keeps the SQL and what the ORM needs to turn rows into
model instances, and afterwards only binds the real values. The instances are the same
the ORM builds (tests compare them field by field, with the related objects and
annotations).

Sample values must be distinct from each other and from any constant in the query, and
in range for their columns; compiling checks that they are distinct and that each is
among the statement's parameters (as often as the query uses it), so a sample the ORM
transformed fails loudly.

`together` runs several of them in one round trip on PostgreSQL. On our machines a round
trip costs the Django process more CPU than a short statement's whole execution (about
120 microseconds for `SELECT 1` through psycopg, most of it in the kernel;
bench/README.md), and the server its own share.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.query import ModelIterable, get_related_populators
from django.db.models.sql.compiler import SQLCompiler

M = TypeVar("M", bound=Model)


class _Param(str):
    """A sample's name among a compiled statement's parameters."""


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple[object, ...]
    compiler: SQLCompiler
    # What turns a row into instances; None for a values()/values_list() queryset.
    model: type[Model] | None
    init_list: list[str]
    fields: slice
    related: list[Any]
    annotations: dict[str, int]
    converters: dict[int, Any]
    width: int  # columns in each row


class Precompiled(Generic[M]):
    def __init__(self, build: Callable[..., QuerySet[M]], **samples: object) -> None:
        self._build = build
        self._samples = samples
        self._compiled: dict[str, _Compiled] = {}

    def rows(self, using: str = "default", **values: object) -> list[tuple[Any, ...]]:
        """The statement's rows for these values, as the database driver returns them."""
        compiled = self.compiled(using)
        with connections[using].cursor() as cursor:
            cursor.execute(compiled.sql, self._bind(compiled, values))
            return cursor.fetchall()

    def first(self, using: str = "default", **values: object) -> M | None:
        """The first instance the queryset yields for these values, or None."""
        compiled = self.compiled(using)
        if compiled.model is None:
            raise TypeError("first() builds instances: use rows() for a values() queryset")
        with connections[using].cursor() as cursor:
            cursor.execute(compiled.sql, self._bind(compiled, values))
            row = cursor.fetchone()
        return None if row is None else self._instance(compiled, row, using)

    def compiled(self, using: str = "default") -> _Compiled:
        return self._compiled.get(using) or self._compile(using)

    @staticmethod
    def _instance(compiled: _Compiled, row: tuple[Any, ...], using: str) -> Any:
        if compiled.converters:
            (row,) = compiled.compiler.apply_converters([row], compiled.converters)
        instance = compiled.model.from_db(using, compiled.init_list, row[compiled.fields])
        for populator in compiled.related:
            populator.populate(row, instance)
        for name, position in compiled.annotations.items():
            setattr(instance, name, row[position])
        return instance

    @staticmethod
    def _bind(compiled: _Compiled, values: dict[str, object]) -> list[object]:
        return [values[p] if isinstance(p, _Param) else p for p in compiled.params]

    def _compile(self, using: str) -> _Compiled:
        queryset = self._build(**self._samples)
        compiler = queryset.query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        names = {value: name for name, value in self._samples.items()}
        found = {names[value] for value in params if value in names}
        if len(names) != len(self._samples) or found != set(self._samples):
            raise ValueError(
                f"samples must be distinct and each among the parameters: {sorted(found)} "
                f"found for {sorted(self._samples)}"
            )
        params = tuple(_Param(names[v]) if v in names else v for v in params)
        klass_info = compiler.klass_info
        if klass_info is None or queryset._iterable_class is not ModelIterable:  # values()
            compiled = _Compiled(
                sql, params, compiler, None, [], slice(0), [], {}, {}, compiler.col_count
            )
        else:
            select_fields = klass_info["select_fields"]
            start, end = select_fields[0], select_fields[-1] + 1
            compiled = _Compiled(
                sql=sql,
                params=params,
                compiler=compiler,
                model=klass_info["model"],
                init_list=[column[0].target.attname for column in compiler.select[start:end]],
                fields=slice(start, end),
                related=get_related_populators(klass_info, compiler.select, using),
                annotations=dict(compiler.annotation_col_map or {}),
                converters=compiler.get_converters(
                    [column[0] for column in compiler.select[: compiler.col_count]]
                ),
                width=compiler.col_count,
            )
        self._compiled[using] = compiled
        return compiled


# --------------------------------------------------------------------------- together


@dataclass(frozen=True)
class Call:
    """A precompiled statement and the values to run it with (see `together`)."""

    statement: Precompiled[Any]
    values: dict[str, object]


def together(calls: Sequence[Call], using: str = "default") -> list[Any]:
    """Each call's result, as `first` (model querysets) or `rows` (values ones) gives it.

    On PostgreSQL in one statement and one round trip: each statement becomes a subquery
    whose rows carry their order within it (never NULL), and the subqueries are joined
    `FULL JOIN ... ON false`, so each row of the result holds one subquery's row and NULL
    for the others' columns (each keeps its own column types, which UNION ALL would have
    had to spell out). Elsewhere, one statement after another.
    """
    db = connections[using]
    parts = [call.statement.compiled(using) for call in calls]
    if db.vendor != "postgresql":
        return [
            _result(part, call.statement.rows(using, **call.values), using)
            for call, part in zip(calls, parts, strict=True)
        ]
    starts = [0]
    for part in parts:
        starts.append(starts[-1] + 1 + part.width)  # each subquery's ordinal, then its row
    params: list[object] = []
    for call, part in zip(calls, parts, strict=True):
        params += call.statement._bind(part, call.values)
    # Django's query log (DEBUG, tests capturing queries) renders statements with the
    # ORM's placeholders; elsewhere PostgreSQL's own numbered ones skip a rewrite.
    numbered = not db.queries_logged
    sql = _together_sql(tuple(part.sql for part in parts), numbered=numbered)
    with _numbered_parameters_cursor(db) if numbered else db.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchall()
    results: list[list[tuple[Any, ...]]] = [[] for _ in calls]
    for row in found:
        if len(row) != starts[-1]:
            raise RuntimeError(f"together: rows of {len(row)} columns, expected {starts[-1]}")
        index = next(i for i, start in enumerate(starts) if row[start] is not None)
        start = starts[index] + 1
        results[index].append(row[start : start + parts[index].width])
    return [_result(part, rows, using) for part, rows in zip(parts, results, strict=True)]


def _result(part: _Compiled, rows: list[tuple[Any, ...]], using: str) -> Any:
    """What `first` (a model statement) or `rows` (a values one) gives for these rows."""
    if part.model is None:
        return rows
    return Precompiled._instance(part, rows[0], using) if rows else None


@functools.cache
def _together_sql(statements: tuple[str, ...], *, numbered: bool) -> str:
    """The statements (SQL the ORM compiled; values stay parameters) as one; `numbered`:
    with PostgreSQL's numbered parameters ($1, $2, ...) in place of the ORM's %s.

    ROW_NUMBER() OVER () numbers a subquery's rows in the order its ORDER BY gives them."""
    subqueries = [
        f"(SELECT ROW_NUMBER() OVER () AS o, s.* FROM ({sql}) s) p{index}"  # noqa: S608
        for index, sql in enumerate(statements)
    ]
    joined = subqueries[0] + "".join(f" FULL JOIN {sub} ON false" for sub in subqueries[1:])
    order = ", ".join(f"p{index}.o" for index in range(len(statements)))
    sql = f"SELECT * FROM {joined} ORDER BY {order}"  # noqa: S608
    return _numbered(sql) if numbered else sql


def _numbered(sql: str) -> str:
    """`sql` with $1, $2, ... for the ORM's %s placeholders, and % for its %%."""
    numbers = itertools.count(1)

    def replace(match: re.Match[str]) -> str:
        if match.group() == "%%":
            return "%"
        if match.group() == "%s":
            return f"${next(numbers)}"
        raise ValueError(f"unexpected {match.group()!r} in compiled SQL")

    return re.sub(r"%.?", replace, sql, flags=re.DOTALL)


def _numbered_parameters_cursor(db: Any) -> Any:
    """A Django cursor (execute wrappers, error wrapping) over psycopg's RawCursor, which
    sends $1, $2, ... as they are.

    psycopg's usual cursor rewrites the ORM's %s placeholders on every execution, and
    caches that only for statements up to 4,096 bytes: a joined page statement is
    longer, and rewriting it took about 110 us a request here. Otherwise what
    Django's own cursor() does for PostgreSQL (connection checks, the time zone of
    timestamps)."""
    from django.db.backends.postgresql.psycopg_any import register_tzloader
    from psycopg import RawCursor
    from psycopg.postgres import types
    from psycopg.pq import Format

    db.close_if_health_check_failed()
    db.ensure_connection()
    db.validate_thread_sharing()
    with db.wrap_database_errors:
        cursor = RawCursor(db.connection)
        loader = cursor.adapters.get_loader(types["timestamptz"].oid, Format.TEXT)
        if db.timezone != getattr(loader, "timezone", None):
            register_tzloader(db.timezone, cursor)
    return db.make_cursor(cursor)
