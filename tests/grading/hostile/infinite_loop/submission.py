"""Spins forever: only the wall clock can stop it."""

while True:
    pass
