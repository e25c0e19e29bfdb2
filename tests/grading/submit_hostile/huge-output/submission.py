import sys

import torch

chunk = "x" * (1 << 20)
for _ in range(200):  # 200 MB on stdout: the file-size limit stops it, no hang
    sys.stdout.write(chunk)


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / q.shape[-1] ** 0.5
    if mask is not None:
        scores = scores.masked_fill(mask == 0, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return weights @ v, weights
