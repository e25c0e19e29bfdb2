"""The base of prep's immutable records: msgspec structs pydantic can validate.

A stdlib dataclass writes and compiles its methods when its class is
created, about 0.7 ms a class on this kind of machine, which every command
that loads the bank paid a dozen times over before doing anything. A
msgspec struct is built in C in microseconds, pickles, compares and hashes
by value, and refuses assignment when frozen.

pydantic does not know msgspec's structs, so ``Record`` tells it how to
validate one: as a mapping of the struct's own fields, unknown keys
forbidden, then turned into the struct. Every problem in a question file is
still reported at once, with its location.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import msgspec

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler
    from pydantic_core import CoreSchema


class Record(msgspec.Struct, frozen=True):
    """An immutable record; subclasses repeat ``frozen=True`` (and ``kw_only``)."""

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        from pydantic_core import core_schema

        fields = {
            field.name: core_schema.typed_dict_field(
                handler.generate_schema(field.type), required=field.required
            )
            for field in msgspec.structs.fields(cls)
        }
        # A number where text is expected (answer: 0.5) is read as written;
        # missing fields take the struct's own defaults.
        config = core_schema.CoreConfig(coerce_numbers_to_str=True)
        mapping = core_schema.typed_dict_schema(
            fields, extra_behavior="forbid", config=config
        )
        return core_schema.no_info_after_validator_function(
            lambda values: cls(**values), mapping
        )
