"""Settings for the test suite: the production settings with test-only values for the secret and hosts.

Only the password hasher is weakened (Argon2 costs 100 MiB and most of a second per login); everything
else, including the security headers, is what production runs.
"""

from __future__ import annotations

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-" + "x" * 40)
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("CHILDSAFE_HTTPS", "0")

from childsafe.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AXES_ENABLED = True
