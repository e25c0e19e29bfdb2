"""Find the question files, load them (through a cache) and look questions up."""

from __future__ import annotations

import difflib
import hashlib
import os
import pickle
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from interview_cli import __version__
from interview_cli.bank.model import Question
from interview_cli.errors import PrepError


@dataclass(frozen=True)
class Bank:
    """All questions prep knows, in file order."""

    questions: tuple[Question, ...]

    def get(self, question_id: str) -> Question:
        """The question with this id, or a usage error that suggests one."""
        for question in self.questions:
            if question.id == question_id:
                return question
        ids = [q.id for q in self.questions]
        close = difflib.get_close_matches(question_id, ids, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        raise PrepError(
            f"unknown question id '{question_id}'; {hint}'prep list' shows every id"
        )


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
    cache = _cache_path(files)
    if cache is not None:
        cached = _read_cache(cache)
        if cached is not None:
            return cached
    bank = parse_files(files)
    if cache is not None:
        _write_cache(cache, bank)
    return bank


def parse_files(files: Sequence[Path]) -> Bank:
    """Parse and validate files; raise BankInvalid listing every problem."""
    from interview_cli.bank.schema import check_bank, parse_file

    parsed, problems = [], []
    for path in files:
        result, found = parse_file(path)
        parsed.append(result)
        problems += found
    problems += check_bank(parsed)
    if problems:
        problems.sort(key=lambda problem: (str(problem.file), problem.line or 0))
        raise BankInvalid(problems)
    return Bank(tuple(q for result in parsed for q in result.questions))


def _cache_path(files: Sequence[Path]) -> Path | None:
    """A cache file keyed by each file's path, size and mtime, and prep's version."""
    from interview_cli.paths import cache_dir

    key = hashlib.sha256(__version__.encode())
    try:
        for path in files:
            stat = path.stat()
            key.update(
                f"{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode()
            )
        return cache_dir() / f"bank-{key.hexdigest()[:24]}.pickle"
    except (OSError, PrepError):
        return None  # no cache is only slower, never wrong


def _read_cache(path: Path) -> Bank | None:
    # The cache is written by prep itself into the user's own cache folder, so
    # unpickling it trusts nothing the user's files did not already control.
    try:
        with path.open("rb") as handle:
            bank = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None
    return bank if isinstance(bank, Bank) else None


def _write_cache(path: Path, bank: Bank) -> None:
    for old in path.parent.glob("bank-*.pickle"):
        old.unlink(missing_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as handle:
            pickle.dump(bank, handle, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        tmp.unlink(missing_ok=True)
