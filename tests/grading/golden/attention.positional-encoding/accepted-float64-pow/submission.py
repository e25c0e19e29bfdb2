import torch


def sinusoidal_positional_encoding(max_len, d_model):
    pos = torch.arange(max_len, dtype=torch.float64)[:, None]
    i = torch.arange(d_model // 2, dtype=torch.float64)[None, :]
    angle = pos / torch.pow(10000.0, 2 * i / d_model)
    return torch.stack((angle.sin(), angle.cos()), dim=-1).flatten(1)
