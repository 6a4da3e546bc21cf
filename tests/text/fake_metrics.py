"""A box-glyph Metrics for composer tests: Han and CJK marks 1 em, ASCII ½ em, space ¼ em."""

from xhprint.text.types import FaceGlyph


class FakeMetrics:
    """Faces are "R"/"B" (regular/bold) so tests can see which one a glyph came from."""

    def glyph(self, char: str, role: str, bold: bool = False,
              position: str = "") -> FaceGlyph | None:
        face = "B" if bold else "R"
        if char in " \u00a0":
            return FaceGlyph(face, 0.25)
        if char.isascii():
            return FaceGlyph(face, 0.5)
        if ord(char) >= 0x2E80 or char in "“”‘’—…·‧–℃‰":
            return FaceGlyph(face, 1.0)
        return None  # e.g. é: no font has it
