"""Where the shared project material lives: `../shared` beside the repository (as in CI)."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seed" / "000_73a1dee357f1bfe3.txt"
SPEC = SHARED / "spec"
