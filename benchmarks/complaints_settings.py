"""Settings for benchmarks/complaints_reliability.py: production settings with the submission limit raised.

The reliability run sends thousands of forms from one loopback address, so it raises the per-address
limit through the COMPLAINTS_RATE_LIMITS setting (from COMPLAINTS_BENCH_SUBMIT_LIMIT); the flood test runs
with the normal limit. Running this file directly does nothing (`make bench` runs every script here).
"""

import os

if __name__ == "__main__":
    print("complaints_settings.py is a settings module used by complaints_reliability.py; nothing to run.")
else:
    from website.settings.production import *  # noqa: F403

    _limit = os.environ.get("COMPLAINTS_BENCH_SUBMIT_LIMIT")
    if _limit:
        COMPLAINTS_RATE_LIMITS = {"submit": (int(_limit), 3600)}
