import math


class EarlyStopping:
    def __init__(self, patience=5, min_delta=0.0):
        self.patience = patience
        self.min_delta = min_delta
        self.best = math.inf
        self.count = 0
        self.previous = math.inf

    def step(self, val_loss):
        if val_loss <= self.best - self.min_delta:
            self.best = val_loss
            self.count = 0
        else:
            self.count += 1
        return self.count >= self.patience
