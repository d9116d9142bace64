"""Production settings for bench/load.py, unchanged but for where static files are collected.

placetrain.settings fixes ``STATIC_ROOT`` to the checkout's ``staticfiles/``; the load test
collects into a temporary folder instead, so a run leaves nothing behind that whitenoise
would later serve to the test suite. Everything else (HTTPS redirect, secure cookies, HSTS,
the refusal of a weak secret or DEBUG) is production's own.
"""

import os
from pathlib import Path

from placetrain.settings import *  # noqa: F403

STATIC_ROOT = Path(os.environ["PLACETRAIN_LOAD_STATIC_ROOT"])
