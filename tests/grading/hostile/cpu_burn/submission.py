"""Burns CPU with a wall clock to spare: the CPU limit must stop it."""

total = 0
while True:
    total += 1
