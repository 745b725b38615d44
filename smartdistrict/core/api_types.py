"""API answers declared once: a presenter's return type is the answer's shape.

Presenters build plain dicts (fast, and easy to read); each is typed by a ``TypedDict``.
The OpenAPI schema is generated from those types — ``serializer_for`` gives
drf-spectacular a serializer class to document a REST answer with (it never renders
anything), ``openapi_schema`` gives a schema object for answers outside DRF (Open311) —
and ``answer_problems`` lets a fast test hold each presenter to its type, so the dicts,
the types and the published schema cannot drift apart.

Types understood: str, int, float, bool, datetime, ``DateTime`` (an ISO 8601 instant
already written as text), ``Any``, ``X | None``, ``list[X]``, ``dict[str, X]``,
``Literal[...]``, nested TypedDicts and ``NotRequired[...]`` keys.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from functools import cache
from typing import Annotated, Any, Literal, NotRequired, Required, get_args, get_origin

from rest_framework import serializers

from smartdistrict.core.datetimes import MomentError, aware_utc

_DATE_TIME = "date-time"
# An instant the presenter has already written as ISO 8601 text with its offset.
DateTime = Annotated[str, _DATE_TIME]


class Doc(str):
    """A key's description in the schema: ``Annotated[int, Doc("…")]``."""

_BASIC = {str: "string", int: "integer", float: "number", bool: "boolean"}


def _is_typeddict(hint: Any) -> bool:
    return typing.is_typeddict(hint)


def _hints(typed_dict: Any) -> dict[str, Any]:
    return typing.get_type_hints(typed_dict, include_extras=True)


def _required(typed_dict: Any) -> set[str]:
    """The keys an answer must have. Read from the evaluated hints: with postponed
    annotations, Python 3.11 counts a ``NotRequired`` key as required."""
    required = set()
    for key, hint in _hints(typed_dict).items():
        while get_origin(hint) is Annotated:
            hint = get_args(hint)[0]
        if get_origin(hint) is Required or (
            key in typed_dict.__required_keys__ and get_origin(hint) is not NotRequired
        ):
            required.add(key)
    return required


def _doc(hint: Any) -> str:
    while get_origin(hint) in (Annotated, NotRequired, Required):
        if get_origin(hint) is Annotated:
            docs = [m for m in get_args(hint)[1:] if isinstance(m, Doc)]
            if docs:
                return str(docs[0])
        hint = get_args(hint)[0]
    return ""


def _unwrap(hint: Any) -> tuple[Any, bool, bool]:
    """(the type, nullable, date-time) of a hint without Annotated, NotRequired, Required
    and None."""
    nullable = date_time = False
    while True:
        origin = get_origin(hint)
        if origin is Annotated:
            hint, *meta = get_args(hint)
            date_time = date_time or _DATE_TIME in meta
        elif origin in (NotRequired, Required):
            hint = get_args(hint)[0]
        elif origin in (typing.Union, types.UnionType) and type(None) in get_args(hint):
            rest = [a for a in get_args(hint) if a is not type(None)]
            nullable = True
            hint = rest[0] if len(rest) == 1 else typing.Union[tuple(rest)]  # noqa: UP007
        else:
            return hint, nullable, date_time


# --- OpenAPI schema objects (answers outside DRF) ----------------------------------------


def openapi_schema(hint: Any) -> dict[str, Any]:
    """The OpenAPI 3.0 schema object of ``hint`` (nested types inline)."""
    description = _doc(hint)
    hint, nullable, date_time = _unwrap(hint)
    origin, args = get_origin(hint), get_args(hint)
    if date_time or hint is dt.datetime:
        schema: dict[str, Any] = {"type": "string", "format": "date-time"}
    elif hint in _BASIC:
        schema = {"type": _BASIC[hint]}
    elif _is_typeddict(hint):
        hints = _hints(hint)
        schema = {"type": "object", "properties": {k: openapi_schema(v) for k, v in hints.items()}}
        required = [k for k in hints if k in _required(hint)]
        if required:
            schema["required"] = required
        if hint.__doc__:
            schema["description"] = " ".join(hint.__doc__.split())
    elif origin is list:
        schema = {"type": "array", "items": openapi_schema(args[0]) if args else {}}
    elif origin is dict or hint is dict:
        schema = {"type": "object"}
        if args and args[1] is not Any:
            schema["additionalProperties"] = openapi_schema(args[1])
    elif origin is Literal:
        schema = {"enum": list(args)}
        if args and all(type(a) in _BASIC for a in args) and len({type(a) for a in args}) == 1:
            schema["type"] = _BASIC[type(args[0])]
    elif origin in (typing.Union, types.UnionType):
        schema = {"anyOf": [openapi_schema(a) for a in args]}
    elif hint is Any:
        schema = {}
    else:
        raise TypeError(f"no schema for {hint!r}")
    if nullable:
        schema["nullable"] = True
    if description:
        schema["description"] = description
    return schema


# --- serializers for drf-spectacular (REST answers) --------------------------------------


@cache
def serializer_for(typed_dict: Any) -> type[serializers.Serializer]:
    """A serializer class describing ``typed_dict`` (named after it: the schema component),
    for ``extend_schema(responses=...)``. Nested TypedDicts become components too."""
    hints, required = _hints(typed_dict), _required(typed_dict)
    fields = {name: _field(hint, required=name in required) for name, hint in hints.items()}
    meta = {"__doc__": typed_dict.__doc__ or "", "__module__": typed_dict.__module__}
    return type(typed_dict.__name__, (serializers.Serializer,), {**fields, **meta})


def page_of(name: str, item: type[serializers.Serializer], *,
            count: bool = True) -> type[serializers.Serializer]:
    """The shape of one page of ``item`` as DRF's paginators answer it: ``count`` (not for
    cursor pages), ``next``, ``previous`` and ``results``."""
    fields: dict[str, Any] = {
        "next": serializers.CharField(allow_null=True),
        "previous": serializers.CharField(allow_null=True),
        "results": item(many=True),
    }
    if count:
        fields["count"] = serializers.IntegerField()
    return type(name, (serializers.Serializer,), fields)


def _field(hint: Any, *, required: bool = True) -> serializers.Field:
    description = _doc(hint)
    hint, nullable, date_time = _unwrap(hint)
    origin, args = get_origin(hint), get_args(hint)
    options: dict[str, Any] = {"required": required}
    if description:
        options["help_text"] = description
    if nullable:
        options["allow_null"] = True
    if date_time or hint is dt.datetime:
        return serializers.DateTimeField(**options)
    if hint is str:
        return serializers.CharField(allow_blank=True, **options)
    if hint is int:
        return serializers.IntegerField(**options)
    if hint is float:
        return serializers.FloatField(**options)
    if hint is bool:
        return serializers.BooleanField(**options)
    if _is_typeddict(hint):
        return serializer_for(hint)(**options)
    if origin is list:
        item = args[0] if args else Any
        if _is_typeddict(item):
            return serializer_for(item)(many=True, **options)
        return serializers.ListField(child=_field(item), **options)
    if origin is dict or hint is dict:
        value = args[1] if args else Any
        if value is Any:
            return serializers.DictField(**options)
        return serializers.DictField(child=_field(value), **options)
    if origin is Literal:
        return serializers.ChoiceField(choices=list(args), **options)
    if hint is Any:
        return serializers.JSONField(**options)
    raise TypeError(f"no serializer field for {hint!r}")


# --- holding presenters to their types (tests) ----------------------------------------------


def answer_problems(value: Any, hint: Any, path: str = "answer") -> list[str]:
    """Where ``value`` (a presenter's output) departs from ``hint``: missing or unknown
    keys, values of another type. Empty when it conforms."""
    hint, nullable, date_time = _unwrap(hint)
    if value is None:
        return [] if nullable or hint is Any else [f"{path}: null"]
    origin, args = get_origin(hint), get_args(hint)
    if date_time:
        ok = isinstance(value, str) and _parses(value)
        return [] if ok else [f"{path}: {value!r} is not an ISO 8601 instant"]
    if hint is dt.datetime:  # a datetime, or the ISO text a renderer wrote of it
        ok = isinstance(value, dt.datetime) or (isinstance(value, str) and _parses(value))
        return [] if ok else [f"{path}: not a datetime"]
    if hint in _BASIC:
        ok = isinstance(value, hint) and not (hint is int and isinstance(value, bool))
        if hint is float:
            ok = isinstance(value, int | float) and not isinstance(value, bool)
        return [] if ok else [f"{path}: {type(value).__name__} is not {hint.__name__}"]
    if _is_typeddict(hint):
        if not isinstance(value, dict):
            return [f"{path}: not an object"]
        hints = _hints(hint)
        problems = [f"{path}: unknown key {k!r}" for k in value if k not in hints]
        problems += [f"{path}: missing key {k!r}" for k in sorted(_required(hint))
                     if k not in value]
        for key, item in value.items():
            if key in hints:
                problems += answer_problems(item, hints[key], f"{path}.{key}")
        return problems
    if origin is list:
        if not isinstance(value, list):
            return [f"{path}: not a list"]
        return [p for i, item in enumerate(value)
                for p in answer_problems(item, args[0] if args else Any, f"{path}[{i}]")]
    if origin is dict or hint is dict:
        return [] if isinstance(value, dict) else [f"{path}: not an object"]
    if origin is Literal:
        return [] if value in args else [f"{path}: {value!r} not in {list(args)}"]
    if origin in (typing.Union, types.UnionType):
        options = [answer_problems(value, a, path) for a in args]
        return [] if any(not o for o in options) else min(options, key=len)
    return []


def _parses(text: str) -> bool:
    try:
        aware_utc(text)
    except MomentError:
        return False
    return True
