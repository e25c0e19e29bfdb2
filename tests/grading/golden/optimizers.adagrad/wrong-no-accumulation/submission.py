import torch


class Adagrad(torch.optim.Optimizer):
    def __init__(self, params, lr=1e-2, eps=1e-10):
        super().__init__(params, dict(lr=lr, eps=eps))

    @torch.no_grad()
    def step(self, closure=None):
        loss = None
        if closure is not None:
            with torch.enable_grad():
                loss = closure()
        for group in self.param_groups:
            lr, eps = group["lr"], group["eps"]
            for p in group["params"]:
                if p.grad is None:
                    continue
                g = p.grad
                state = self.state[p]
                if "sum" not in state:
                    state["sum"] = torch.zeros_like(p)
                G = state["sum"]
                G.copy_(g * g)
                p.sub_(lr * g / (G.sqrt() + eps))
        return loss
