import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.size(-1))
    if mask is not None:
        hidden = mask.logical_not_()
        scores = scores.masked_fill(hidden.bool(), float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return weights @ v, weights
