"""The interactive quiz: ask, judge, record, explain, and sum up at the end."""

from __future__ import annotations

import random
import signal
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.console import Console
from rich.panel import Panel
from rich.text import Text

from interview_cli import render
from interview_cli.bank.model import (
    ChoiceOption,
    ChoiceQuestion,
    CodeQuestion,
    ExplainQuestion,
    Question,
)
from interview_cli.progress.store import Attempt, Store

RATINGS = {"1": "again", "2": "hard", "3": "good", "4": "easy"}
RATING_SCORES = {"again": 0.0, "hard": 0.5, "good": 0.8, "easy": 1.0}
KEYS = "? hint · s skip · q quit"


def _warm_up_quietly() -> None:
    """Import the checker's heavy parts without stealing the learner's Ctrl-C.

    readline only notices a signal that interrupts its wait for a key. So
    every signal is blocked here (the kernel would otherwise deliver SIGINT,
    or the checker's SIGALRM, to whichever thread it likes), and the import
    waits until the main thread is waiting at its prompt: an import holding
    the GIL while the main thread is on its way into readline can let a
    Ctrl-C land just before the wait begins, where it is lost.
    """
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_BLOCK, signal.valid_signals())
    time.sleep(0.25)
    from interview_cli.checking.answers import warm_up

    warm_up()


class QuitQuiz(Exception):
    """The learner asked to stop (q, Ctrl-C or end of input)."""


@dataclass
class Outcome:
    question: Question
    result: str  # a verdict, a rating, "skipped" or "read"
    seconds: float


class Quiz:
    """One run of ``prep quiz`` over an ordered list of questions."""

    def __init__(
        self,
        questions: Sequence[Question],
        store: Store,
        console: Console,
        read: Callable[[str], str],
        rng: random.Random,
        *,
        review: bool = True,
    ) -> None:
        self.questions = list(questions)
        self.review = review  # False: record answers, leave the schedule alone
        self.store = store
        self.console = console
        self.read = read
        self.rng = rng
        self.outcomes: list[Outcome] = []
        self.session_id = store.start_session("quiz")
        self._warmed = False

    def run(self) -> list[Outcome]:
        """Ask every question until the end or until the learner quits."""
        try:
            for number, question in enumerate(self.questions, start=1):
                self._header(number)
                self.outcomes.append(self._ask(question))
        except (QuitQuiz, KeyboardInterrupt, EOFError):
            self.console.print()
        self._summary()
        return self.outcomes

    def _header(self, number: int) -> None:
        done = len(self.outcomes)
        right = sum(o.result in {"correct", "good", "easy"} for o in self.outcomes)
        total = len(self.questions)
        bar = "█" * done + "·" * (total - done)
        self.console.rule(f"Question {number} of {total}  {bar}  {right} right so far")

    def _ask(self, question: Question) -> Outcome:
        started = time.monotonic()
        if isinstance(question, ExplainQuestion):
            result = self._ask_explain(question)
        elif isinstance(question, CodeQuestion):
            self.console.print(render.question_body(question))
            self._prompt("Press Enter for the next question")
            result = "read"
        else:
            result = self._ask_judged(question)
        return Outcome(question, result, time.monotonic() - started)

    def _ask_judged(self, question: Question) -> str:
        options = self._shuffled(question)
        self.console.print(render.question_body(question, options))
        self._warm_up()
        started = time.monotonic()
        hinted = False
        while True:
            text = self._prompt(f"Your answer ({KEYS})")
            if text == "?":
                hinted = True
                self.console.print(
                    Text(question.hint or "No hint for this one.", "cyan")
                )
                continue
            if text.lower() == "s":
                return "skipped"
            # Imported only now: the first question appears before the checker
            # has loaded, and the warm-up thread has usually loaded it since.
            from interview_cli.checking.answers import judge, recorded_answer

            judgement = judge(question, text, options)
            self.store.record(
                self.session_id,
                Attempt(
                    question_id=question.id,
                    topic=question.topic,
                    kind=question.kind,
                    answer=recorded_answer(question, text, options),
                    verdict=judgement.verdict.value,
                    score=1.0 if judgement.verdict.value == "correct" else 0.0,
                    duration_s=time.monotonic() - started,
                    mistake=judgement.mistake,
                    hinted=hinted,
                ),
                review=self.review,
            )
            render.print_judgement(self.console, judgement, text)
            if judgement.verdict.value != "invalid":
                self.console.print(render.explanation(question))
                return judgement.verdict.value

    def _ask_explain(self, question: ExplainQuestion) -> str:
        self.console.print(render.question_body(question))
        started = time.monotonic()
        lines: list[str] = []
        while True:
            line = self._prompt("…" if lines else f"Your answer ({KEYS})")
            if not lines and line.lower() == "s":
                return "skipped"
            if not lines and line == "?":
                self.console.print(
                    Text(question.hint or "No hint for this one.", "cyan")
                )
                continue
            if not line:
                break
            lines.append(line)
        self.console.print(render.model_answer(question))
        rating = self._rate()
        self.store.record(
            self.session_id,
            Attempt(
                question_id=question.id,
                topic=question.topic,
                kind=question.kind,
                answer="\n".join(lines),
                verdict="incorrect" if rating == "again" else "correct",
                score=RATING_SCORES[rating],
                duration_s=time.monotonic() - started,
                rating=rating,
            ),
            review=self.review,
        )
        return rating

    def _rate(self) -> str:
        while True:
            key = self._prompt("How did you do? 1 again · 2 hard · 3 good · 4 easy")
            if key in RATINGS:
                return RATINGS[key]
            self.console.print("Type 1, 2, 3 or 4.", style="yellow")

    def _prompt(self, label: str) -> str:
        text = self.read(f"{label}\n> ").strip()
        if text.lower() == "q":
            raise QuitQuiz
        return text

    def _shuffled(self, question: Question) -> list[ChoiceOption] | None:
        if not isinstance(question, ChoiceQuestion):
            return None
        options = list(question.options)
        self.rng.shuffle(options)
        return options

    def _warm_up(self) -> None:
        """Import sympy in the background while the learner reads the question."""
        if self._warmed:
            return
        self._warmed = True
        threading.Thread(target=_warm_up_quietly, daemon=True).start()

    def _summary(self) -> None:
        if not self.outcomes:
            self.console.print("No question finished this time; nothing to sum up.")
            return
        table = render.simple_table("Session summary", ["question", "result", "time"])
        for outcome in self.outcomes:
            table.add_row(
                outcome.question.id,
                render.result_text(outcome.result),
                f"{outcome.seconds:.0f} s",
            )
        answered = [o for o in self.outcomes if o.result not in {"skipped", "read"}]
        right = sum(o.result in {"correct", "good", "easy"} for o in answered)
        self.console.print(table)
        self.console.print(
            Panel(
                f"{right} of {len(answered)} answered right; "
                f"{len(self.outcomes) - len(answered)} skipped or read. "
                "Every answer is saved: 'prep stats' shows your progress.",
                expand=False,
            )
        )
