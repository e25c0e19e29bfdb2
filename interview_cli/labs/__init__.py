"""The labs: the syllabus's experiments, run in the terminal from a seed.

``regularization`` fits one synthetic regression problem three ways (no
penalty, L2, L1) and ``optimizers`` races optimisers on one small network,
the learner's own classes included (those run in the grading sandbox).
Both import torch, so only the command that runs a lab imports them.
"""

from __future__ import annotations

import warnings

# torch warns on import when numpy is missing; the labs never hand torch
# numpy arrays, so the warning would only alarm the learner.
warnings.filterwarnings("ignore", message="Failed to initialize NumPy")
