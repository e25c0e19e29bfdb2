import math

import torch


def sinusoidal_positional_encoding(max_len, d_model):
    position = torch.arange(max_len, dtype=torch.float32).unsqueeze(1)
    rate = torch.exp(torch.arange(0, d_model, 2, dtype=torch.float32) * (-math.log(10000.0) / d_model))
    table = torch.zeros(max_len, d_model)
    table[:, : d_model // 2] = torch.sin(position * rate)
    table[:, d_model // 2 :] = torch.cos(position * rate)
    return table
