import torch


def attention(q, k, v, mask=None):
    return q, q
