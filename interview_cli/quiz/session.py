"""The interactive quiz: ask, judge, record, explain, and sum up at the end."""

from __future__ import annotations

import random
import signal
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

from rich.console import Console
from rich.panel import Panel
from rich.text import Text

from interview_cli import collector, render
from interview_cli.bank import variants
from interview_cli.bank.model import (
    ChoiceOption,
    ChoiceQuestion,
    CodeQuestion,
    DerivationQuestion,
    ExplainQuestion,
    NumericQuestion,
    Question,
    SymbolicQuestion,
)
from interview_cli.progress.store import Attempt, Store
from interview_cli.records import Record

RATINGS = {"1": "again", "2": "hard", "3": "good", "4": "easy"}
RATING_SCORES = {"again": 0.0, "hard": 0.5, "good": 0.8, "easy": 1.0}
KEYS = "? hint · s skip · q quit"
STEP_KEYS = "? hint · r reveal · s skip · q quit"
# A derivation step's credit: right first time, right after a wrong try, or
# revealed (or skipped). The derivation scores the mean over its steps.
FIRST_TIME, AFTER_RETRY, REVEALED = 1.0, 0.5, 0.0


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


class _SkipRest(Exception):
    """The learner skipped the rest of a derivation."""


def _expected(step: SymbolicQuestion | NumericQuestion) -> str:
    """A step's expected answer as a person writes it."""
    from interview_cli.checking.judge import interpret

    return interpret(step, step.answer)


class Outcome(Record, kw_only=False):
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
        # The session is stored with its first answer: a write (and the
        # store's check before its first write, 30 ms on a large file) need
        # not stand between the learner and the first question, and a quiz
        # left before any answer leaves no empty session behind.
        self.session_id: int | None = None
        self._started_at = store.now()
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
        # A randomised question is asked as one variant, named by its seed.
        seed = variants.new_seed(self.rng) if question.params else None
        asked = variants.instantiate(question, seed)
        if isinstance(asked, ExplainQuestion):
            result = self._ask_explain(asked, seed)
        elif isinstance(asked, CodeQuestion):
            self.console.print(render.question_body(asked))
            self._prompt("Press Enter for the next question")
            result = "read"
        elif isinstance(asked, DerivationQuestion):
            result = self._ask_derivation(asked, seed)
        else:
            result = self._ask_judged(asked, seed)
        return Outcome(question, result, time.monotonic() - started)

    def _ask_judged(self, question: Question, seed: int | None) -> str:
        options = self._shuffled(question)
        self.console.print(render.question_body(question, options, seed=seed))
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
            self._save(
                question,
                answer=recorded_answer(question, text, options),
                verdict=judgement.verdict.value,
                score=1.0 if judgement.verdict.value == "correct" else 0.0,
                duration_s=time.monotonic() - started,
                mistake=judgement.mistake,
                hinted=hinted,
                seed=seed,
                review=self.review,
            )
            render.print_judgement(self.console, judgement, text)
            if judgement.verdict.value != "invalid":
                self.console.print(render.explanation(question))
                return judgement.verdict.value

    def _ask_derivation(self, question: DerivationQuestion, seed: int | None) -> str:
        """Ask each step in turn; the derivation scores the mean of its credits.

        Every step answer is saved as it is judged (as a step row, which
        statistics leave out); the derivation itself is saved, and its card
        reviewed, when the last step is done or the learner moves on.
        """
        self.console.print(render.question_body(question, seed=seed))
        self._warm_up()
        started = time.monotonic()
        done: list[tuple[str, float]] = []
        hinted = False
        try:
            for index in range(len(question.steps)):
                if done:
                    self.console.print(render.steps_so_far(question, done))
                self.console.print(render.step_prompt(question, index))
                credit, step_hinted = self._ask_step(question, index, seed)
                hinted = hinted or step_hinted
                done.append((_expected(question.step_question(index)), credit))
        except _SkipRest:
            if not done:
                return "skipped"
        finally:
            if done:
                self._record_derivation(question, seed, done, hinted, started)
        if len(done) < len(question.steps):
            done += [("", REVEALED)] * (len(question.steps) - len(done))
        self.console.print(render.steps_so_far(question, done))
        self.console.print(render.explanation(question))
        score = sum(credit for _, credit in done) / len(done)
        return "correct" if score == 1 else f"{score:.0%} of steps"

    def _ask_step(
        self, question: DerivationQuestion, index: int, seed: int | None
    ) -> tuple[float, bool]:
        """One step: its credit, and whether the learner asked for a hint."""
        step = question.step_question(index)
        wrong = 0
        hinted = False
        while True:
            text = self._prompt(f"Step {index + 1} ({STEP_KEYS})")
            if text == "?":
                hinted = True
                hint = step.hint or question.hint or "No hint for this step."
                self.console.print(Text(hint, "cyan"))
                continue
            if text.lower() == "r":
                self.console.print(
                    Text("The step is: ", "dim") + Text(_expected(step), "bold")
                )
                return REVEALED, hinted
            if text.lower() == "s":
                raise _SkipRest
            from interview_cli.checking.answers import judge

            judgement = judge(step, text)
            verdict = judgement.verdict.value
            right = verdict == "correct"
            self._save(
                question,
                answer=text,
                verdict=verdict,
                score=1.0 if right else 0.0,
                duration_s=0.0,
                mistake=judgement.mistake,
                hinted=hinted,
                timed=False,
                seed=seed,
                step=index + 1,
                review=False,
            )
            render.print_judgement(self.console, judgement, text)
            if right:
                return (AFTER_RETRY if wrong else FIRST_TIME), hinted
            if verdict == "incorrect":
                wrong += 1
                self.console.print(
                    "Try again, or 'r' to see this step and go on.", style="dim"
                )

    def _record_derivation(
        self,
        question: DerivationQuestion,
        seed: int | None,
        done: Sequence[tuple[str, float]],
        hinted: bool,
        started: float,
    ) -> None:
        """The derivation as one judged answer, scored by its partial credit."""
        credits = [credit for _, credit in done]
        credits += [REVEALED] * (len(question.steps) - len(credits))
        score = sum(credits) / len(credits)
        rating = None if score == 1 else ("hard" if score >= 0.5 else "again")
        self._save(
            question,
            # The credit first, so that the table of 'prep history' shows it.
            answer=f"credit {score:.2f} (" + ", ".join(f"{c:g}" for c in credits) + ")",
            verdict="correct" if score == 1 else "incorrect",
            score=score,
            duration_s=time.monotonic() - started,
            rating=rating,
            hinted=hinted,
            timed=False,
            seed=seed,
            review=self.review,
        )

    def _ask_explain(self, question: ExplainQuestion, seed: int | None) -> str:
        self.console.print(render.question_body(question, seed=seed))
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
        self._save(
            question,
            answer="\n".join(lines),
            verdict="incorrect" if rating == "again" else "correct",
            score=RATING_SCORES[rating],
            duration_s=time.monotonic() - started,
            rating=rating,
            seed=seed,
            review=self.review,
        )
        return rating

    def _save(self, question: Question, *, review: bool, **fields: Any) -> None:
        """Record one answer to ``question`` in this session."""
        if self.session_id is None:
            self.session_id = self.store.start_session("quiz", self._started_at)
        self.store.record(
            self.session_id,
            Attempt(
                question_id=question.id,
                topic=question.topic,
                kind=question.kind,
                **fields,
            ),
            review=review,
        )

    def _rate(self) -> str:
        while True:
            key = self._prompt("How did you do? 1 again · 2 hard · 3 good · 4 easy")
            if key in RATINGS:
                return RATINGS[key]
            self.console.print("Type 1, 2, 3 or 4.", style="yellow")

    def _prompt(self, label: str) -> str:
        collector.resume()  # start-up is over once the learner is asked
        raw = self.read(f"{label}\n> ")
        if not raw:
            # readline echoes no line break for an empty line: without one,
            # the next question's rule would start on the prompt's line.
            self.console.print()
        text = raw.strip()
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
