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

"""

from __future__ import annotations

from collections.abc import Callable
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
