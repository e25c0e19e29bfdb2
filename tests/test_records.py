"""Records are frozen values: built by field name, compared, hashed, pickled."""

from __future__ import annotations

import pickle

import pytest

from interview_cli import records
from interview_cli.records import Record


class Point(Record):
    x: float
    label: str = ""


class Tagged(Point):
    tags: tuple[str, ...] = ()
    label: str = "tagged"  # a new default for an inherited field


class Pair(Record, kw_only=False):
    left: int
    right: int = 0


def test_fields_take_defaults_and_keep_order() -> None:
    assert Tagged(x=1.0) == Tagged(x=1.0, label="tagged", tags=())
    assert repr(Tagged(x=1.0)) == "Tagged(x=1.0, label='tagged', tags=())"


def test_equal_records_hash_alike_and_types_differ() -> None:
    assert {Point(x=1.0), Point(x=1.0)} == {Point(x=1.0)}
    assert Point(x=1.0) != Tagged(x=1.0, label="")


def test_record_is_frozen() -> None:
    point = Point(x=1.0)
    with pytest.raises(AttributeError):
        point.x = 2.0  # type: ignore[misc]
    assert records.replace(point, x=2.0) == Point(x=2.0)
    assert point.x == 1.0


def test_wrong_arguments_are_refused() -> None:
    with pytest.raises(TypeError, match="keyword arguments only"):
        Point(1.0)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="no field colour"):
        Point(x=1.0, colour="red")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="needs a value for x"):
        Point()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="two values for left"):
        Pair(1, left=2)  # type: ignore[misc]


def test_positional_record_takes_arguments_in_order() -> None:
    assert Pair(1, 2) == Pair(left=1, right=2)
    assert Pair(3).right == 0


def test_record_survives_pickle() -> None:
    tagged = Tagged(x=0.5, tags=("a",))
    assert pickle.loads(pickle.dumps(tagged)) == tagged


def test_mutable_default_is_refused() -> None:
    with pytest.raises(TypeError, match="mutable default"):

        class Bad(Record):
            items: list[int] = []  # noqa: RUF012


class Located(Record, kw_only=False, not_compared=("pos",)):
    name: str
    pos: int = 0


class Sized(Located, kw_only=False):
    size: int = 1


def test_not_compared_fields_are_ignored_by_eq_and_hash_and_inherited() -> None:
    assert Located("x", 3) == Located("x", 7)
    assert hash(Located("x", 3)) == hash(Located("x", 7))
    assert Located("x") != Located("y")
    assert Sized("x", 1, 2) == Sized("x", 5, 2)
    assert Sized("x", 1, 2) != Sized("x", 1, 3)
    assert repr(Located("x", 3)) == "Located(name='x', pos=3)"
