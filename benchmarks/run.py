"""Runs every benchmark script in this folder, one after another (`make bench`).

Pass names to run only some: `make bench BENCH_ARGS="guidance_pages"`.
"""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SKIP = {"run.py", "server.py"}


def main(names):
    # Scripts are the files that run as a program; helper modules (settings, shared code) are not.
    scripts = sorted(
        p for p in HERE.glob("*.py") if p.name not in SKIP and 'if __name__ == "__main__"' in p.read_text()
    )
    if names:
        scripts = [p for p in scripts if p.stem in names]
    failed = []
    for script in scripts:
        print(f"\n=== {script.name} ===", flush=True)
        if subprocess.run([sys.executable, str(script)], cwd=HERE.parent).returncode != 0:
            failed.append(script.name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
