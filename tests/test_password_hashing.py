"""Production password hashes use argon2id with RFC 9106's low-memory parameters (64 MiB, 3 passes).

The suite's own accounts use a cheaper profile (tests/conftest.py), so this is checked in a fresh
interpreter that imports the application as a server does.
"""

import subprocess
import sys

from argon2 import extract_parameters, profiles


def test_a_server_hashes_passwords_with_the_recommended_argon2id_parameters():
    made = subprocess.run(
        [sys.executable, "-c", "from api.services.security import hash_password; print(hash_password('BaNhat@2026'))"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    assert made.startswith("$argon2id$")
    assert extract_parameters(made) == profiles.RFC_9106_LOW_MEMORY
