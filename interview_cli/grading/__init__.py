"""Grading code submissions: hidden cases, references, the sandboxed run, verdicts."""
