"""CPU time to build the rule network, with the rules prepared as experta prepares them
(``prepare_rule`` on each rule, and again for the pattern check, as before) and as
``engine/inference.py`` prepares them now; builds interleaved, each shown.

    uv run python benchmarks/build_cost.py [--runs 2]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from experta.matchers.rete.utils import prepare_rule  # noqa: E402

from engine.inference import FastReteMatcher, Reasoner  # noqa: E402


class ExpertaPreparing(FastReteMatcher):
    def prepare_ruleset(self, engine):
        self.prepared_rules = [prepare_rule(rule) for rule in engine.get_rules()]
        [prepare_rule(rule) for rule in engine.get_rules()]  # the second pass made before
        return set(self.prepared_rules)


class ReasonerBefore(Reasoner):
    __matcher__ = ExpertaPreparing


def cpu_seconds(kind) -> float:
    started = time.process_time()
    kind()
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    Reasoner()  # imports and caches warmed
    before, now = [], []
    for _ in range(args.runs):
        before.append(cpu_seconds(ReasonerBefore))
        now.append(cpu_seconds(Reasoner))
    rules = len(Reasoner().get_rules())
    print(f"{rules} rules; network build, CPU s: before {', '.join(f'{x:.2f}' for x in before)}"
          f"; now {', '.join(f'{x:.2f}' for x in now)}; now / before "
          f"{min(now) / min(before):.2f} (fastest of each)")


if __name__ == "__main__":
    main()
