"""Connects to a listener the test opened on 127.0.0.1 and sends a secret."""

import json
import socket
from pathlib import Path

port = json.loads(Path("params.json").read_text())["port"]
try:
    with socket.create_connection(("127.0.0.1", port), timeout=2) as conn:
        conn.sendall(b"leaked")
    print("connected")
except OSError as err:
    print(f"no connection: {err}")
