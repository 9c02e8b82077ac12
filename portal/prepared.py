"""Hot reads compiled into SQL once per thread and run again with new values (docs/voting.md, "The ballot path").

Turning a queryset into SQL (resolving lookups and joins, choosing and quoting every column) was about half of the
ORM's CPU for each read of a ballot, support or comment, the same work for every request with only the ids
changing. ``Prepared`` builds the queryset once with stand-in values, finds where each stand-in sits in the SQL's
parameters, and then runs that SQL with the request's values, turning rows into instances as Django does (its
converters, select_related's populators, annotations). The database still receives an ordinary parameterised
query; only the compiling is saved. ``PreparedUpdate`` does the same for a save of some fields of one row.

A queryset whose stand-ins cannot each be found exactly once among the parameters (a value the ORM transformed,
or used twice) is never prepared: every call then builds and runs it as usual. Compiled per thread, since a
compiler holds the connection it was made with (one per thread in Django).
"""

import threading
from collections.abc import Callable

from django.core.exceptions import EmptyResultSet
from django.db import DatabaseError, connections, router
from django.db.models import Model, QuerySet
from django.db.models.query import get_related_populators
from django.db.models.signals import post_save, pre_save

# Negative (never an id) but within a 32-bit integer column's range: a value out of it compiles to "no rows".
_STAND_IN = -2_147_000_000
# A text stand-in no real value equals (a value the ORM transformed, e.g. by a lookup's wildcards, is not found).
_TEXT_STAND_IN = "prepared-stand-in-\u2063"


class Prepared:
    """``Prepared(lambda pk: Model.objects.filter(pk=pk)...)(pk=5)`` -> list of instances.

    The lambda's arguments are the values that change (integers: ids, unless named in ``text``: strings, such as
    a session key); everything else in the queryset is fixed. related_once: select_related objects are built from
    the first row only (the caller shares them, e.g. the options of one question)."""

    def __init__(
        self, build: Callable[..., QuerySet], *, related_once: bool = False, text: tuple[str, ...] = ()
    ) -> None:
        self.build = build
        self.names = build.__code__.co_varnames[: build.__code__.co_argcount]
        self.related_once = related_once
        self.text = frozenset(text)
        self._local = threading.local()

    def __call__(self, **values: int | str) -> list[Model]:
        compiled = getattr(self._local, "compiled", None)
        if compiled is None:
            compiled = self._local.compiled = self._compile()
        if compiled is False:
            return list(self.build(**values))
        sql, params, positions, shape = compiled
        params = list(params)
        for name, index in positions.items():
            params[index] = values[name]
        db, model, start, end, init_list, converters, compiler, populators, annotations = shape
        with connections[db].cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if converters:
            rows = list(compiler.apply_converters(rows, converters))
        found = []
        for number, row in enumerate(rows):
            obj = model.from_db(db, init_list, row[start:end])
            if number == 0 or not self.related_once:
                for populator in populators:
                    populator.populate(row, obj)
            for name, position in annotations.items():
                setattr(obj, name, row[position])
            found.append(obj)
        return found

    def _compile(self):
        stand_ins = {
            name: f"{_TEXT_STAND_IN}{number}" if name in self.text else _STAND_IN - number
            for number, name in enumerate(self.names)
        }
        queryset = self.build(**stand_ins)
        if queryset._prefetch_related_lookups or queryset._known_related_objects or queryset._fields is not None:
            return False  # only plain model querysets (with select_related and annotations)
        compiler = queryset.query.get_compiler(using=queryset.db)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            return False
        positions = {}
        for name, value in stand_ins.items():
            at = [index for index, param in enumerate(params) if type(param) is type(value) and param == value]
            if len(at) != 1:
                return False
            positions[name] = at[0]
        select, klass_info = compiler.select, compiler.klass_info
        fields = klass_info["select_fields"]
        start, end = fields[0], fields[-1] + 1
        init_list = [column[0].target.attname for column in select[start:end]]
        converters = compiler.get_converters([column[0] for column in select[0 : compiler.col_count]])
        populators = get_related_populators(klass_info, select, queryset.db)
        shape = (
            queryset.db,
            klass_info["model"],
            start,
            end,
            init_list,
            converters,
            compiler,
            populators,
            dict(compiler.annotation_col_map or {}),
        )
        return sql, tuple(params), positions, shape


class PreparedUpdate:
    """``PreparedUpdate(Model, ["a", "b"])(obj)``: ``obj.save(update_fields=["a", "b"])`` without compiling.

    The SQL (``UPDATE table SET a = %s, b = %s WHERE pk = %s``) is written once per database; each call adapts the
    values as the ORM's save does (each field's pre_save and get_db_prep_save) and sends the same pre_save and
    post_save signals, so every receiver (the page cache's invalidation, say) still hears of the change. For a row
    that exists: one that does not raises ``DatabaseError`` instead of being inserted."""

    def __init__(self, model: type[Model], fields: list[str]) -> None:
        self.model = model
        self.fields = [model._meta.get_field(name) for name in fields]
        self.update_fields = frozenset(fields)
        self._sql: dict[str, str] = {}

    def _sql_for(self, connection) -> str:
        sql = self._sql.get(connection.alias)
        if sql is None:
            quote = connection.ops.quote_name
            columns = ", ".join(f"{quote(field.column)} = %s" for field in self.fields)
            pk = self.model._meta.pk
            sql = self._sql[connection.alias] = (
                f"UPDATE {quote(self.model._meta.db_table)} SET {columns} WHERE {quote(pk.column)} = %s"  # noqa: S608 (quoted names of the model, values are parameters)
            )
        return sql

    def __call__(self, obj: Model) -> None:
        model, using = self.model, obj._state.db or router.db_for_write(self.model, instance=obj)
        connection = connections[using]
        signal_kwargs = {"sender": model, "instance": obj, "raw": False, "using": using}
        pre_save.send(**signal_kwargs, update_fields=self.update_fields)
        params = [field.get_db_prep_save(field.pre_save(obj, False), connection) for field in self.fields]
        params.append(model._meta.pk.get_db_prep_value(obj.pk, connection))
        with connection.cursor() as cursor:
            cursor.execute(self._sql_for(connection), params)
            if cursor.rowcount != 1:
                raise DatabaseError(f"{model._meta.label} {obj.pk}: {cursor.rowcount} rows updated, not 1")
        post_save.send(**signal_kwargs, created=False, update_fields=self.update_fields)


class PreparedInsert:
    """``PreparedInsert(Model)(obj)``: ``obj.save()`` of a new row without compiling the INSERT each time.

    The SQL (every concrete field but an automatic primary key, ``RETURNING`` it) is written once per database;
    values are adapted as the ORM's insert does (each field's pre_save with add=True and get_db_prep_save), the
    instance gets its id and its saved state, and pre_save and post_save (created=True) are sent as save() sends
    them. A database error, such as a unique constraint's ``IntegrityError``, is Django's as with save(). Where the
    database cannot return the id with the insert, or the model has parents, it is obj.save()."""

    def __init__(self, model: type[Model], *, signals: bool = True) -> None:
        self.model = model
        self.signals = signals  # False: as bulk_create, which sends none
        meta = model._meta
        self.fields = [f for f in meta.local_concrete_fields if not (f.primary_key and f.db_returning)]
        self.returning = [f for f in meta.local_concrete_fields if f.primary_key and f.db_returning]
        self.plain = not meta.parents and len(self.returning) == 1
        self._sql: dict[str, str] = {}

    def _sql_for(self, connection) -> str:
        sql = self._sql.get(connection.alias)
        if sql is None:
            quote = connection.ops.quote_name
            columns = ", ".join(quote(field.column) for field in self.fields)
            values = ", ".join(["%s"] * len(self.fields))
            sql = self._sql[connection.alias] = (
                f"INSERT INTO {quote(self.model._meta.db_table)} ({columns}) VALUES ({values})"  # noqa: S608
                f" RETURNING {quote(self.returning[0].column)}"
            )
        return sql

    def __call__(self, obj: Model) -> None:
        model = self.model
        using = router.db_for_write(model, instance=obj)
        connection = connections[using]
        if not (self.plain and connection.features.can_return_columns_from_insert):
            obj.save(force_insert=True, using=using)
            return
        signal_kwargs = {"sender": model, "instance": obj, "raw": False, "using": using, "update_fields": None}
        if self.signals:
            pre_save.send(**signal_kwargs)
        params = [field.get_db_prep_save(field.pre_save(obj, True), connection) for field in self.fields]
        with connection.cursor() as cursor:
            cursor.execute(self._sql_for(connection), params)
            (pk,) = cursor.fetchone()
        pk_field = self.returning[0]
        for converter in pk_field.get_db_converters(connection):
            pk = converter(pk, pk_field, connection)
        setattr(obj, pk_field.attname, pk)
        obj._state.adding, obj._state.db = False, using
        if self.signals:
            post_save.send(**signal_kwargs, created=True)


class PreparedAdd:
    """``PreparedAdd(Model, "count")(pk, 1)``: ``Model.objects.filter(pk=pk).update(count=F("count") + 1)``, the
    SQL written once per database. Like QuerySet.update it sends no signal; returns the number of rows changed."""

    def __init__(self, model: type[Model], field: str) -> None:
        self.model = model
        self.field = model._meta.get_field(field)
        self._sql: dict[str, str] = {}

    def __call__(self, pk: int, amount: int) -> int:
        connection = connections[router.db_for_write(self.model)]
        sql = self._sql.get(connection.alias)
        if sql is None:
            quote, column = connection.ops.quote_name, connection.ops.quote_name(self.field.column)
            sql = self._sql[connection.alias] = (
                f"UPDATE {quote(self.model._meta.db_table)} SET {column} = {column} + %s"  # noqa: S608
                f" WHERE {quote(self.model._meta.pk.column)} = %s"
            )
        with connection.cursor() as cursor:
            cursor.execute(sql, [amount, pk])
            return cursor.rowcount
