import math

import torch
import torch.nn.functional as F


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(k.size(-1))
    if mask is not None:
        penalty = torch.zeros_like(scores).masked_fill(mask == 0, -1e9)
        scores = scores + penalty
    weights = F.softmax(scores, dim=-1)
    return torch.matmul(weights, v), weights
