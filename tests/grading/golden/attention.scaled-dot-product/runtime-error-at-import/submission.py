import torch

TABLE = torch.ones(3) @ torch.ones(4)


def scaled_dot_product_attention(q, k, v, mask=None):
    return q, q
