"""Split blind evaluation cases once into a dev half and a held-out half, stratified by the
category of the expected cause and by kind of source (seeded, so the split can be
reproduced). Each split is run once, before any tuning on its dev half:

    # 2026-12-01, the first set (166 cases -> dev/ and test/):
    uv run leukodx kb causes --format json | python evaluation/tools/split.py JOURNAL_DIR BOARD_DIR evaluation
    # 2026-12-02, the third set (-> dev2/ and test3/):
    uv run leukodx kb causes --format json | python evaluation/tools/split.py --seed 20261202 \\
        --halves dev2,test3 JOURNAL_DIR BOARD_DIR evaluation
    # 2026-12-02 (second day), the fourth set (-> dev3/ and test4/):
    uv run leukodx kb causes --format json | python evaluation/tools/split.py --seed 20261205 \\
        --halves dev3,test4 J4A J4B J4C J4D J4E evaluation
    # 2026-12-02 (third day), the fifth set (-> dev4/ and test5/):
    uv run leukodx kb causes --format json | python evaluation/tools/split.py --seed 20261206 \\
        --halves dev4,test5 F5A F5B F5C F5D F5E F5F evaluation
    # 2026-12-02 (fourth day), the sixth set (-> dev5/ and test6/):
    uv run leukodx kb causes --format json | python evaluation/tools/split.py --seed 20261207 \\
        --halves dev5,test6 E1 E2 E3 E4 E5 evaluation
    # 2026-12-03, the seventh set (-> dev6/ and test7/; a late board-item folder, E7, split
    # alone with the next seed before any tuning on it):
    uv run leukodx kb causes --format json | python evaluation/tools/split.py --seed 20261208 \\
        --halves dev6,test7 E1 E2 E3 E4 E5 E6 evaluation
    uv run leukodx kb causes --format json | python evaluation/tools/split.py --seed 20261209 \\
        --halves dev6,test7 E7 evaluation
    # 2026-12-03 (second session), the eighth set (-> dev7/ and test8/):
    uv run leukodx kb causes --format json | python evaluation/tools/split.py --seed 20261210 \\
        --halves dev7,test8 E1 E2 E3 E4 E5 E6 E7 evaluation
    # 2026-12-03 (third session), the ninth set (-> dev8/ and test9/):
    uv run leukodx kb causes --format json | python evaluation/tools/split.py --seed 20261211 \\
        --halves dev8,test9 E1 E2 E3 evaluation
    # 2026-12-03 (fourth session), the tenth set (-> dev9/ and test10/):
    uv run leukodx kb causes --format json | python evaluation/tools/split.py --seed 20261212 \\
        --halves dev9,test10 E1 E2 E3 evaluation
    # 2026-12-04 (second session), the eleventh set (-> dev10/ and test11/):
    uv run leukodx kb causes --format json | python evaluation/tools/split.py --seed 20261213 \\
        --halves dev10,test11 E1 E2 E3 E4 E5 evaluation
    # 2026-12-04 (fourth session), the twelfth set (-> dev11/ and test12/):
    uv run leukodx kb causes --format json | python evaluation/tools/split.py --seed 20261214 \\
        --halves dev11,test12 E1 E2 E3 E4 E5 E6 E7 E8 evaluation
    # 2026-12-04 (fifth session), the thirteenth set (-> dev12/ and test13/):
    uv run leukodx kb causes --format json | python evaluation/tools/split.py --seed 20261215 \\
        --halves dev12,test13 E1 E2 E3 E4 E5 E6 E7 evaluation
    # 2026-12-04 (fifth session, later), the fourteenth set (-> dev13/ and test14/, both
    # scored once at once, with no round of tuning between):
    uv run leukodx kb causes --format json | python evaluation/tools/split.py --seed 20261216 \\
        --halves dev13,test14 E1 E2 E3 E4 E5 E6 evaluation
"""

import argparse
import json
import random
import re
import shutil
import sys
from pathlib import Path

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--seed", type=int, default=20261201)
parser.add_argument("--halves", default="dev,test", help="the two folder names, dev first")
parser.add_argument("folders", nargs="+", help="source folders, then the target folder")
args = parser.parse_args()
halves = tuple(args.halves.split(","))
source_dirs = [Path(p) for p in args.folders[:-1]]
target = Path(args.folders[-1])
causes = {c["id"]: c["category"] for c in
          json.loads(sys.stdin.read())["causes"]}
strata: dict[str, list[Path]] = {}
for folder in source_dirs:
    for path in sorted(folder.glob("*.yaml")):
        text = path.read_text()
        match = re.search(r"^expected:\s*\n\s+causes:\s*\[([^\]]*)\]", text, re.M)
        first = match.group(1).split(",")[0].strip() if match else ""
        category = causes.get(first, "unmapped")
        kind = "journal" if "-jr-" in path.name else "board"
        strata.setdefault(f"{category}/{kind}", []).append(path)
rng = random.Random(args.seed)
counts = dict.fromkeys(halves, 0)
flip = 0
for key in sorted(strata):
    paths = strata[key]
    rng.shuffle(paths)
    for path in paths:
        half = halves[flip % 2]
        flip += 1
        (target / half).mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target / half / path.name)
        counts[half] += 1
    print(key, len(paths))
print(counts)
