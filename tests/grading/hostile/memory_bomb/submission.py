"""Asks for 8 GiB, 256 MiB at a time, and touches every page it gets."""

chunks = []
for _ in range(32):
    chunk = bytearray(256 * 1024**2)
    chunk[::4096] = b"x" * len(chunk[::4096])
    chunks.append(chunk)
print("allocated 8 GiB")
