"""Where the settings read from: the repository root and its environment.

``.env`` at the root is optional; real environment variables win over it.
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")
