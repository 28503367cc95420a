"""Placeholder: `leukodx kb` is being built (see the issues)."""

import sys


def run(args) -> int:
    print("leukodx: this command is not built yet", file=sys.stderr)
    return 2
