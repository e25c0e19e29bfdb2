"""Python's cyclic garbage collector, paused while the ``prep`` executable starts.

Start-up creates objects that live until exit: modules, classes, functions,
sympy's and torch's tables. The collector, run after every 700 new objects,
scans the young ones each time and now and then everything, finding almost
nothing to free: ~180 collections and ~45 ms of 'prep check' (sympy's
import), ~50 and ~6 ms before the quiz's first question.

So the executable pauses it first thing, and work that runs long or waits
for the learner resumes it (the quiz at its first prompt, the labs once
torch is loaded, 'prep submit --watch'): what exists by then is frozen, so
that no later collection scans it again, and collection goes on as usual
from there. A
short command may end with it still paused; its garbage goes with the
process. Code run in-process (the tests) never pauses it.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    """Stop automatic collection until ``resume``."""
    global _paused
    gc.disable()
    _paused = True


def resume() -> None:
    """Collect as usual from now on, leaving what exists now out of it.

    Does nothing unless ``pause`` stopped the collector, so a caller that
    turned it off for reasons of its own keeps it off.
    """
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
