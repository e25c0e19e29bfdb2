import math

import torch
from torch import nn


class MultiHeadAttention(nn.Module):
    def __init__(self, d_model, num_heads):
        super().__init__()
        self.num_heads = num_heads
        self.w_q = nn.Linear(d_model, d_model)
        self.w_k = nn.Linear(d_model, d_model)
        self.w_v = nn.Linear(d_model, d_model)
        self.w_o = nn.Linear(d_model, d_model)

    def forward(self, query, key, value, mask=None):
        q, k, v = self.w_q(query), self.w_k(key), self.w_v(value)
        d_k = q.shape[-1] // self.num_heads
        if mask is not None and mask.dim() == 4:
            mask = mask[:, 0]
        heads = []
        for h in range(self.num_heads):
            part = slice(h * d_k, (h + 1) * d_k)
            scores = torch.bmm(q[..., part], k[..., part].transpose(1, 2))
            scores = scores / math.sqrt(d_k)
            if mask is not None:
                scores = torch.where(mask.bool(), scores, torch.full_like(scores, -1e30))
            heads.append(torch.bmm(torch.softmax(scores, dim=-1), v[..., part]))
        return self.w_o(torch.cat(heads, dim=-1))
