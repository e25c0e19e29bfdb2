"""Grading code submissions: hidden cases and references, the sandboxed run, verdicts."""
