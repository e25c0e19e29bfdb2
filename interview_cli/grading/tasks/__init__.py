"""The 13 code questions of CONTRACT.md, each a ``Task``, found by question id.

The registry names modules rather than importing them: a task module
imports torch, and only grading may pay for that.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from interview_cli.grading.tasks.base import Task

# question id -> (module under interview_cli.grading.tasks, attribute)
REGISTRY: dict[str, tuple[str, str]] = {
    "attention.scaled-dot-product": ("attention", "SCALED_DOT_PRODUCT"),
    "attention.multi-head": ("attention", "MULTI_HEAD"),
    "attention.positional-encoding": ("attention", "POSITIONAL_ENCODING"),
    "optimizers.momentum": ("optimizers", "MOMENTUM"),
    "optimizers.adagrad": ("optimizers", "ADAGRAD"),
    "optimizers.rmsprop": ("optimizers", "RMSPROP"),
    "optimizers.adam": ("optimizers", "ADAM"),
    "optimizers.adamw": ("optimizers", "ADAMW"),
    "losses.bce": ("losses", "BCE"),
    "losses.bce-with-logits": ("losses", "BCE_WITH_LOGITS"),
    "losses.cross-entropy": ("losses", "CROSS_ENTROPY"),
    "regularization.dropout": ("regularization", "DROPOUT"),
    "regularization.early-stopping": ("regularization", "EARLY_STOPPING"),
}

QUESTION_IDS = tuple(REGISTRY)


def get_task(question_id: str) -> Task:
    """The task for a code question id; KeyError for any other id."""
    module_name, attribute = REGISTRY[question_id]
    module = importlib.import_module(f"interview_cli.grading.tasks.{module_name}")
    task: Task = getattr(module, attribute)
    return task
