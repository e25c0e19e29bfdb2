"""The base of prep's immutable records: typed, frozen, compared by value.

Why not dataclasses or a library: a frozen dataclass writes and compiles
six methods when its class is created, ~0.7 ms a class on this kind of
machine, and the bank's fourteen cost 10 ms before every command that loads
it; msgspec's C structs are quick to create but msgspec itself takes ~7 ms
to import. The start-up budget of 'prep quiz' (benchmarks/startup.py) has
room for neither. A ``Record`` class only lists its fields when it is
created (microseconds) and does the rest with the generic methods below.

A subclass declares fields as annotations, with defaults where it has
them; fields are keyword-only unless the class says ``kw_only=False``.
Fields the class names in ``not_compared`` (a position kept for messages,
say) take no part in equality or hashing. Type checkers read the same rules
through ``dataclass_transform``.
"""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler
    from pydantic_core import CoreSchema
    from typing_extensions import dataclass_transform
else:

    def dataclass_transform(**_: object) -> Any:
        return lambda cls: cls  # only type checkers read it


R = TypeVar("R", bound="Record")
_MISSING = object()


@dataclass_transform(kw_only_default=True, frozen_default=True)
class Record:
    """An immutable record; see the module's docstring for how to declare one."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()
    _compared: ClassVar[tuple[str, ...]] = ()
    _defaults: ClassVar[dict[str, Any]] = {}
    _kw_only: ClassVar[bool] = True

    def __init_subclass__(
        cls, kw_only: bool = True, not_compared: tuple[str, ...] = (), **options: Any
    ) -> None:
        super().__init_subclass__(**options)
        inherited = set(cls._fields) - set(cls._compared)  # the parent's uncompared
        uncompared = inherited | set(not_compared)
        defaults = dict(cls._defaults)
        own = tuple(inspect.get_annotations(cls))  # this class's own, in order
        for name in own:
            default = cls.__dict__.get(name, _MISSING)
            if isinstance(default, (list, dict, set)):
                raise TypeError(f"{cls.__name__}.{name}: a mutable default is shared")
            if default is not _MISSING:
                defaults[name] = default
        cls._fields = cls._fields + tuple(n for n in own if n not in cls._fields)
        cls._compared = tuple(n for n in cls._fields if n not in uncompared)
        cls._defaults = defaults
        cls._kw_only = kw_only

    def __init__(self, *args: Any, **values: Any) -> None:
        name = type(self).__name__
        if args and self._kw_only:
            raise TypeError(f"{name} takes keyword arguments only")
        if len(args) > len(self._fields):
            raise TypeError(f"{name} takes at most {len(self._fields)} arguments")
        for field, value in zip(self._fields, args, strict=False):  # args may be fewer
            if field in values:
                raise TypeError(f"{name} got two values for {field}")
            values[field] = value
        unknown = values.keys() - set(self._fields)
        if unknown:
            raise TypeError(f"{name} has no field {', '.join(sorted(unknown))}")
        for field in self._fields:
            value = values.get(field, self._defaults.get(field, _MISSING))
            if value is _MISSING:
                raise TypeError(f"{name} needs a value for {field}")
            object.__setattr__(self, field, value)

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, field) for field in self._compared)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Record) or type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((type(self), self._values()))

    def __repr__(self) -> str:
        fields = ", ".join(f"{f}={getattr(self, f)!r}" for f in self._fields)
        return f"{type(self).__name__}({fields})"

    def __setattr__(self, field: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen; use records.replace")

    def __delattr__(self, field: str) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen")

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        """Validate a mapping of the record's fields (no others), then build it.

        pydantic then reports every problem in a question file at once, each
        with its location, as it does for its own models.
        """
        from typing import get_type_hints

        from pydantic_core import core_schema

        hints = get_type_hints(cls)
        fields = {
            field: core_schema.typed_dict_field(
                handler.generate_schema(hints[field]),
                required=field not in cls._defaults,
            )
            for field in cls._fields
        }
        # A number where text is expected (answer: 0.5) is read as written.
        config = core_schema.CoreConfig(coerce_numbers_to_str=True)
        mapping = core_schema.typed_dict_schema(
            fields, extra_behavior="forbid", config=config
        )
        return core_schema.no_info_after_validator_function(
            lambda values: cls(**values), mapping
        )


def replace(record: R, **changes: Any) -> R:
    """A copy of ``record`` with some fields changed."""
    values = {field: getattr(record, field) for field in record._fields}
    return type(record)(**{**values, **changes})
