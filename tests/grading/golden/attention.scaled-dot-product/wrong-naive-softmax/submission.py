import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.size(-1))
    if mask is not None:
        scores = scores.masked_fill(mask == 0, float("-inf"))
    exp = torch.exp(scores)
    weights = exp / exp.sum(dim=-1, keepdim=True)
    return weights @ v, weights
