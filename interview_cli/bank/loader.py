"""Find the question files, load them (through a cache) and look questions up."""

from __future__ import annotations

import difflib
import os
import pickle
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from interview_cli import __version__
from interview_cli.bank.model import Question
from interview_cli.errors import PrepError
from interview_cli.records import Record

if TYPE_CHECKING:
    from interview_cli.bank.schema import Problem


# Raised whenever the pickled types change shape, so that a cache written by
# another build of the same version is rebuilt rather than misread.
CACHE_FORMAT = 3  # 2: msgspec structs; 3: prep's own records


class Bank(Record, kw_only=False):
    """All questions prep knows, in file order."""

    questions: tuple[Question, ...]

    def find(self, question_id: str) -> list[Question]:
        """Every question with this id: one, or a theory and a code question.

        CONTRACT.md gives some ids to both a theory question (``prep check``)
        and a code question (``prep submit``), so an id is unique per family.
        """
        found = [q for q in self.questions if q.id == question_id]
        if not found:
            ids = sorted({q.id for q in self.questions})
            close = difflib.get_close_matches(question_id, ids, n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            raise PrepError(
                f"unknown question id '{question_id}'; {hint}'prep list' shows every id"
            )
        return found

    def get(self, question_id: str, *, code: bool = False) -> Question:
        """The theory question with this id, or the code question if ``code``."""
        found = self.find(question_id)
        for question in found:
            if (question.kind == "code") == code:
                return question
        if code:
            raise PrepError(
                f"{question_id} is not a code question; answer it with "
                f"'prep check {question_id} ANSWER' or in 'prep quiz'"
            )
        return found[0]


class BankInvalid(PrepError):
    """The question files have problems; the message lists each on its own line."""

    def __init__(self, problems: Sequence[object]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        lines = [f"the question bank has {count} problem{'s' * (count != 1)}:"]
        lines += [f"  {problem}" for problem in self.problems]
        super().__init__("\n".join(lines))


def shipped_dir() -> Path:
    """The bank that comes with prep: inside the wheel, or the repository's."""
    package = Path(__file__).resolve().parent.parent
    inside = package / "questions"
    return inside if inside.is_dir() else package.parent / "questions"


def bank_dirs(extra: Iterable[Path] = ()) -> list[Path]:
    """The shipped bank, then ``PREP_BANK`` folders, then ``--bank`` folders."""
    dirs = [shipped_dir()]
    env = os.environ.get("PREP_BANK", "")
    dirs += [Path(part) for part in env.split(os.pathsep) if part]
    dirs += list(extra)
    return dirs


def question_files(paths: Iterable[Path]) -> list[Path]:
    """Every YAML file named, or found directly inside a named folder."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.suffix in {".yaml", ".yml"})
        elif path.is_file():
            files.append(path)
        else:
            raise PrepError(f"no such file or folder: {path}; check the --bank path")
    return files


def load_bank(extra: Iterable[Path] = ()) -> Bank:
    """Load every question, from the cache when no file changed since."""
    files = question_files(bank_dirs(extra))
    key = _cache_key(files)
    cache = _cache_file()
    if cache is not None:
        cached = _read_cache(cache, key)
        if cached is not None:
            return cached
    bank = parse_files(files)
    if cache is not None:
        _write_cache(cache, key, bank)
    return bank


def parse_files(files: Sequence[Path]) -> Bank:
    """Parse and validate files; raise BankInvalid listing every problem."""
    bank, problems = parse_all(files)
    if problems:
        raise BankInvalid(problems)
    return bank


def parse_all(files: Sequence[Path]) -> tuple[Bank, list[Problem]]:
    """The questions that are valid, and every problem found, in file order."""
    from interview_cli.bank.schema import check_bank, parse_file

    parsed, problems = [], []
    for path in files:
        result, found = parse_file(path)
        parsed.append(result)
        problems += found
    problems += check_bank(parsed)
    problems.sort(key=lambda problem: (str(problem.file), problem.line or 0))
    return Bank(tuple(q for result in parsed for q in result.questions)), problems


def _cache_key(files: Sequence[Path]) -> str:
    """What the cached bank was built from: prep's version and each file's stat."""
    parts = [f"{__version__} format {CACHE_FORMAT}"]
    for path in files:
        stat = path.stat()
        parts.append(f"{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}")
    return "\n".join(parts)


def _cache_file() -> Path | None:
    from interview_cli.paths import cache_dir

    try:
        return cache_dir() / "bank.pickle"
    except PrepError:
        return None  # no cache is only slower, never wrong


def _read_cache(path: Path, key: str) -> Bank | None:
    # The cache is written by prep itself into the user's own cache folder, so
    # unpickling it trusts nothing the user's files did not already control.
    try:
        with path.open("rb") as handle:
            cached_key, bank = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None
    except (TypeError, ValueError):
        return None  # a cache from another version of prep, shaped differently
    return bank if cached_key == key and isinstance(bank, Bank) else None


def _write_cache(path: Path, key: str, bank: Bank) -> None:
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as handle:
            pickle.dump((key, bank), handle, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)  # atomic: a concurrent prep reads the old or the new
    except OSError:
        tmp.unlink(missing_ok=True)
