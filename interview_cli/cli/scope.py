"""What a command opens that must be closed when it ends, however it ends.

``main`` leaves this scope after every command, so the progress database is
closed cleanly (SQLite folds its write-ahead log back into the file) before
the ``prep`` executable's quick exit, which would otherwise leave recent
answers only in the ``-wal`` file beside it.
"""

from __future__ import annotations

from contextlib import ExitStack

command = ExitStack()
