"""Split the blind evaluation cases once into dev/ and test/, stratified by the category of
the expected cause and by kind of source (seeded, so the split can be reproduced). It was run
once, on 2026-12-01, before any tuning:

    uv run leukodx kb causes --format json | python evaluation/tools/split.py JOURNAL_DIR BOARD_DIR evaluation
"""

import json
import random
import re
import shutil
import sys
from pathlib import Path

SEED = 20261201
source_dirs = [Path(p) for p in sys.argv[1:-1]]
target = Path(sys.argv[-1])
causes = {c["id"]: c["category"] for c in
          json.loads(sys.stdin.read())["causes"]}
strata: dict[str, list[Path]] = {}
for folder in source_dirs:
    for path in sorted(folder.glob("*.yaml")):
        text = path.read_text()
        match = re.search(r"^expected:\s*\n\s+causes:\s*\[([^\]]*)\]", text, re.M)
        first = match.group(1).split(",")[0].strip() if match else ""
        category = causes.get(first, "unmapped")
        kind = "journal" if path.name.startswith("eval-jr-") else "board"
        strata.setdefault(f"{category}/{kind}", []).append(path)
rng = random.Random(SEED)
counts = {"dev": 0, "test": 0}
flip = 0
for key in sorted(strata):
    paths = strata[key]
    rng.shuffle(paths)
    for path in paths:
        half = ("dev", "test")[flip % 2]
        flip += 1
        (target / half).mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target / half / path.name)
        counts[half] += 1
    print(key, len(paths))
print(counts)
