from torch.nn.functional import scaled_dot_product_attention as fast


def scaled_dot_product_attention(q, k, v, mask=None):
    return fast(q, k, v), None
