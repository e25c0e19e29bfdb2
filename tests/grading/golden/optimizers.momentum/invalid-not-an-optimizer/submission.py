import torch


class SGDMomentum:
    def __init__(self, params, lr, momentum=0.9):
        self.params = list(params)

    def step(self, closure=None):
        return None
