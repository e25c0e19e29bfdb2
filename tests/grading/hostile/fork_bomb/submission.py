"""A fork bomb with a fuse: a binary tree of at most 511 processes.

Every successful fork appends one byte to forks.log, so the test can count
how many the kernel allowed. The fragments sleep and then exit on their own,
so the bomb stays harmless even if nothing stops it.
"""

import os
import time

log = os.open("forks.log", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
main = os.getpid()
for _depth in range(8):
    is_child = False
    for _ in range(2):
        try:
            pid = os.fork()
        except OSError:
            break
        if pid == 0:
            is_child = True
            break
        os.write(log, b".")
    if not is_child:
        break
if os.getpid() != main:
    time.sleep(15)
    os._exit(0)
print("bomb lit", flush=True)
