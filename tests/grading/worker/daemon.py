import os
import time

import torch

# Leave a double-forked daemon behind that keeps writing to the shared
# scratch folder; the worker must kill it before the next run.
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        while True:
            with open("../daemon-alive", "a") as handle:
                handle.write("x")
            time.sleep(0.02)
    os._exit(0)


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / q.shape[-1] ** 0.5
    if mask is not None:
        scores = scores.masked_fill(mask == 0, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return weights @ v, weights
