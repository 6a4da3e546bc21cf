"""Where the shared project material lives: `../shared` beside the repository (as CI lays
it out), else the workplace's own copy."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
_CANDIDATES = (REPO.parent / "shared", Path("/work/shared"))
SHARED = next((p for p in _CANDIDATES if (p / "seed").is_dir()), _CANDIDATES[0])
SEED = SHARED / "seed" / "000_73a1dee357f1bfe3.txt"
SPEC = SHARED / "spec"
