"""Read YAML question files into ``bank.model`` types, reporting every problem.

Only this module imports yaml and pydantic, and only when the bank cache is
stale, so ordinary commands start without paying for either.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from interview_cli.bank.model import (
    ChoiceQuestion,
    DerivationQuestion,
    Question,
    SymbolicQuestion,
)
from interview_cli.checking.symbols import Domain

TOPIC_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PARAM_RE = re.compile(r"^[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*$")
KINDS = ("symbolic", "numeric", "choice", "explain", "code", "derivation")
MAX_RANGE = 1000  # values one 'from'/'to' range may hold

# A YAML path: mapping keys and sequence indexes from the document root.
YamlPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a question file, located for the person fixing it."""

    file: Path
    line: int | None
    question: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else str(self.file)
        parts = [where]
        if self.question:
            parts.append(self.question)
        if self.field:
            parts.append(self.field)
        return ": ".join([*parts, self.message])


@dataclass(frozen=True)
class ParsedFile:
    path: Path
    questions: tuple[Question, ...]
    lines: tuple[int, ...]  # where each question starts, parallel to questions


def parse_file(path: Path) -> tuple[ParsedFile, list[Problem]]:
    """Parse one YAML file; questions that fail validation are left out."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        return ParsedFile(path, (), ()), [Problem(path, None, None, None, str(err))]

    problems: list[Problem] = []
    data, lines = _load_yaml(path, text, problems)
    if data is None:
        return ParsedFile(path, (), ()), problems

    topic = _file_topic(path, data, lines, problems)
    raw_questions = data.get("questions")
    if not isinstance(raw_questions, list):
        problems.append(
            Problem(path, lines.get(()), None, "questions", "must be a list")
        )
        return ParsedFile(path, (), ()), problems

    questions: list[Question] = []
    starts: list[int] = []
    for index, raw in enumerate(raw_questions):
        question = _validate_question(path, topic, index, raw, lines, problems)
        if question is not None:
            questions.append(question)
            starts.append(lines.get(("questions", index), 0))
    return ParsedFile(path, tuple(questions), tuple(starts)), problems


def check_bank(files: Iterable[ParsedFile]) -> list[Problem]:
    """Rules across files: an id names one theory and at most one code question.

    A code question must also be one of prep's own tasks: grading needs a
    hidden reference and cases, which live in prep and no YAML file can name.
    """
    from interview_cli.grading.tasks import QUESTION_IDS

    problems: list[Problem] = []
    first_seen: dict[tuple[str, bool], str] = {}
    for parsed in files:
        for question, line in zip(parsed.questions, parsed.lines, strict=True):
            if question.kind == "code" and question.id not in QUESTION_IDS:
                problems.append(
                    Problem(
                        parsed.path,
                        line,
                        question.id,
                        "kind",
                        "prep grades only its own code tasks (prep list --kind "
                        "code); ask this one as an explain question instead",
                    )
                )
                continue
            here = f"{parsed.path}:{line}"
            slot = (question.id, question.kind == "code")
            first = first_seen.setdefault(slot, here)
            if first != here:
                problems.append(
                    Problem(
                        parsed.path,
                        line,
                        question.id,
                        "id",
                        f"duplicate id, first defined at {first}; "
                        "give one of them a new id",
                    )
                )
    return problems


def _load_yaml(
    path: Path, text: str, problems: list[Problem]
) -> tuple[dict[str, Any] | None, dict[YamlPath, int]]:
    """Safe-load the document and map each YAML path to its line number."""
    import yaml

    try:
        loader = yaml.SafeLoader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(err, "problem", None) or str(err)
        problems.append(Problem(path, line, None, None, f"malformed YAML: {reason}"))
        return None, {}

    if not isinstance(data, dict):
        problems.append(
            Problem(path, 1, None, None, "expected a mapping with topic and questions")
        )
        return None, {}
    lines: dict[YamlPath, int] = {}
    _index_lines(node, (), lines, path, problems)
    return data, lines


def _index_lines(
    node: Any,
    at: YamlPath,
    lines: dict[YamlPath, int],
    path: Path,
    problems: list[Problem],
) -> None:
    """Record where every key and item starts; flag keys given twice."""
    import yaml

    lines.setdefault(at, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                problems.append(
                    Problem(
                        path,
                        key_node.start_mark.line + 1,
                        None,
                        key,
                        "key given twice; keep one",
                    )
                )
            seen.add(key)
            lines[(*at, key)] = key_node.start_mark.line + 1
            _index_lines(value_node, (*at, key), lines, path, problems)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _index_lines(item, (*at, index), lines, path, problems)


def _file_topic(
    path: Path,
    data: dict[str, Any],
    lines: dict[YamlPath, int],
    problems: list[Problem],
) -> str:
    for key in sorted(set(data) - {"topic", "questions"}):
        problems.append(
            Problem(path, lines.get((key,)), None, key, "unknown key at the top level")
        )
    topic = data.get("topic")
    if not isinstance(topic, str) or not TOPIC_RE.match(topic):
        problems.append(
            Problem(
                path,
                lines.get(("topic",), 1),
                None,
                "topic",
                "must be lower-case words joined by '-', e.g. 'attention'",
            )
        )
        return ""
    return topic


def _validate_question(
    path: Path,
    topic: str,
    index: int,
    raw: Any,
    lines: dict[YamlPath, int],
    problems: list[Problem],
) -> Question | None:
    from pydantic import ValidationError

    at: YamlPath = ("questions", index)
    if not isinstance(raw, dict):
        problems.append(
            Problem(path, lines.get(at), None, None, "each question must be a mapping")
        )
        return None
    qid = raw.get("id") if isinstance(raw.get("id"), str) else f"question #{index + 1}"
    if "topic" in raw:
        problems.append(
            Problem(
                path,
                lines.get((*at, "topic")),
                qid,
                "topic",
                "set the topic once at the top of the file, not per question",
            )
        )
        return None
    raw = dict(raw)
    if "params" in raw:
        params, wrong = _params(raw["params"])
        for where, message in wrong:
            line = _nearest_line(lines, (*at, *where.split(".")))
            problems.append(Problem(path, line, qid, where, message))
        if wrong:
            return None
        raw["params"] = params
    if isinstance(raw.get("steps"), list):
        # 'follows: log(prev)' is short for 'follows: {then: log(prev)}'.
        raw["steps"] = [
            {**step, "follows": {"then": step["follows"]}}
            if isinstance(step, dict) and isinstance(step.get("follows"), str)
            else step
            for step in raw["steps"]
        ]
    try:
        question: Question = _adapter().validate_python({**raw, "topic": topic})
    except ValidationError as err:
        for error in err.errors():
            loc = _yaml_loc(error["loc"])
            line = _nearest_line(lines, (*at, *loc))
            field = ".".join(str(part) for part in loc) or None
            problems.append(Problem(path, line, qid, field, _message(error)))
        return None
    found = list(_semantic_problems(question))
    for field, message in found:
        line = _nearest_line(lines, (*at, *field.split(".")))
        problems.append(Problem(path, line, question.id, field, message))
    return None if found else question


def _semantic_problems(question: Question) -> Iterator[tuple[str, str]]:
    """Rules a type cannot express: id shape, option counts, symbol names."""
    prefix, _, slug = question.id.partition(".")
    if prefix != question.topic or not SLUG_RE.match(slug):
        yield "id", f"must be '{question.topic}.<slug>' in lower-case words and '-'"
    for name, text in (
        ("prompt", question.prompt),
        ("explanation", question.explanation),
    ):
        if not text.strip():
            yield name, "must not be empty"
    if isinstance(question, ChoiceQuestion):
        correct = sum(option.correct for option in question.options)
        if len(question.options) < 2:
            yield "options", "a choice question needs at least two options"
        if correct == 0:
            yield "options", "mark at least one option 'correct: true'"
        elif correct > 1 and not question.multiple:
            yield "options", f"{correct} options are correct; set 'multiple: true'"
    if isinstance(question, SymbolicQuestion | DerivationQuestion):
        names = [symbol.name for symbol in question.symbols]
        for name in sorted({n for n in names if names.count(n) > 1}):
            yield "symbols", f"symbol '{name}' is declared twice"
        for param in question.params:
            if param.name in names:
                yield "params", f"'{param.name}' is both a symbol and a param"
    if isinstance(question, DerivationQuestion):
        yield from _derivation_problems(question)
    from interview_cli.bank.variants import check_placeholders

    for message in check_placeholders(question):
        yield "params", message


def _derivation_problems(question: DerivationQuestion) -> Iterator[tuple[str, str]]:
    """A derivation has steps, and each after the first says how it follows."""
    if len(question.steps) < 2:
        yield "steps", "a derivation needs at least two steps"
    domains = {symbol.name: symbol.domain for symbol in question.symbols}
    continuous = {Domain.REAL, Domain.POSITIVE, Domain.UNIT_INTERVAL}
    for index, step in enumerate(question.steps):
        at = f"steps.{index}"
        link = step.follows
        if index == 0:
            if link is not None:
                yield f"{at}.follows", "the first step has no step before it to follow"
            continue
        if link is None:
            yield (
                f"{at}.follows",
                "say how this step follows from the one before (see FORMAT.md)",
            )
            continue
        if link.derivative and link.sum_over:
            yield f"{at}.follows", "give either 'derivative' or 'sum_over', not both"
        if link.derivative and domains.get(link.derivative) not in continuous:
            yield (
                f"{at}.follows.derivative",
                f"'{link.derivative}' must be a declared symbol with a real domain",
            )
        if link.sum_over:
            if domains.get(link.sum_over) is not Domain.POSITIVE_INTEGER:
                yield (
                    f"{at}.follows.sum_over",
                    f"'{link.sum_over}' must be a declared positive_integer symbol",
                )
            if not link.sum_to:
                yield f"{at}.follows.sum_to", "a sum needs its last index, 'sum_to'"
        if step.numeric and (link.derivative or link.sum_over):
            yield f"{at}.follows", "a numeric step can only follow through 'then'"


def _params(raw: Any) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
    """``{name: [values] | {from, to, step}}`` as Param fields, or the problems."""
    if not isinstance(raw, dict) or not raw:
        return [], [("params", "must map each param name to its values")]
    params: list[dict[str, Any]] = []
    problems: list[tuple[str, str]] = []
    for name, spec in raw.items():
        at = f"params.{name}"
        if not isinstance(name, str) or not PARAM_RE.match(name):
            problems.append((at, "a param name is letters and digits, like d_k"))
            continue
        values = _param_values(spec)
        if isinstance(values, str):
            problems.append((at, values))
        else:
            params.append({"name": name, "values": values})
    return params, problems


def _param_values(spec: Any) -> list[str] | str:
    """The values as text, or a message saying what is wrong."""
    if isinstance(spec, dict):
        if set(spec) - {"from", "to", "step"} or not {"from", "to"} <= set(spec):
            return "a range is {from: A, to: B} with an optional step"
        start, stop, step = spec["from"], spec["to"], spec.get("step", 1)
        if not all(type(v) is int for v in (start, stop, step)) or step < 1:
            return "a range takes whole numbers, with a step of at least 1"
        if stop < start or (stop - start) // step >= MAX_RANGE:
            return f"a range runs upwards and holds at most {MAX_RANGE} values"
        return [str(v) for v in range(start, stop + 1, step)]
    if not isinstance(spec, list) or not spec:
        return "give a list of values or a range {from: A, to: B}"
    if not all(type(v) in (int, float) for v in spec):
        return "every value must be a number"
    text = [str(v) for v in spec]
    if len(set(text)) != len(text):
        return "a value is listed twice"
    return text


def _yaml_loc(loc: tuple[int | str, ...]) -> tuple[int | str, ...]:
    """Drop the union tag pydantic puts first (``'symbolic'``) from a location."""
    if loc and loc[0] in KINDS:
        return loc[1:]
    return loc


def _nearest_line(lines: dict[YamlPath, int], at: tuple[Any, ...]) -> int | None:
    for end in range(len(at), 0, -1):
        line = lines.get(at[:end])
        if line is not None:
            return line
    return None


def _message(error: Any) -> str:
    kind = error["type"]
    if kind in {"unexpected_keyword_argument", "extra_forbidden"}:
        return "unknown key; see questions/FORMAT.md for the fields of this kind"
    if kind == "missing":
        return "required field is missing"
    if kind == "union_tag_invalid":
        return f"kind must be one of {', '.join(KINDS)}"
    if kind == "union_tag_not_found":
        return "every question needs a 'kind'"
    return str(error["msg"])


_ADAPTER: Any = None


def _adapter() -> Any:
    """Build the pydantic validator once (each record says how: ``records``)."""
    global _ADAPTER
    if _ADAPTER is None:
        from typing import Annotated

        from pydantic import Field, TypeAdapter

        from interview_cli.bank import model

        _ADAPTER = TypeAdapter(Annotated[model.Question, Field(discriminator="kind")])
    return _ADAPTER
