"""Every check the tool reports, in one table (issue 16: one finding catalogue).

A finding names its check by id; this catalogue says, for each id, what it is about
(its title), which severities it may have, whether it stops layout (exit status 2),
for a PDF check its severity in each profile, and the hint a finding gets when the code
has nothing more specific to say. The PDF checks read their severities and hints from
here; tests hold the code, docs/preflight.md and the editors' guides to this table
(every id the code uses is catalogued, every catalogued id is documented).
"""

from __future__ import annotations

from dataclasses import dataclass

from xhprint.i18n import Message, msg
from xhprint.model.findings import Severity

#: the PDF profiles, in the order `Check.profiles` gives severities
PROFILES = ("newsprint", "digital", "ad")

E: Severity = "error"
W: Severity = "warning"


@dataclass(frozen=True)
class Check:
    """One check: its id, what it is about, how severe, and what to do by default."""

    id: str
    title: Message
    severities: tuple[Severity, ...]
    stops_layout: bool = False  # found while loading: nothing can be laid out (exit 2)
    #: a PDF check's severity in the newsprint, digital and ad profiles (None: skipped)
    profiles: tuple[Severity | None, Severity | None, Severity | None] | None = None
    hint: Message | None = None


def _pdf(id: str, title: Message, newsprint: Severity | None, digital: Severity | None,
         ad: Severity | None, hint: Message) -> Check:
    severities = tuple(dict.fromkeys(s for s in (newsprint, digital, ad) if s is not None))
    return Check(id, title, severities, profiles=(newsprint, digital, ad), hint=hint)


CHECKS: tuple[Check, ...] = (
    # -- the source, while loading: the issue cannot be laid out ----------------------
    Check("manifest", msg("a mistake in issue.yaml, a story file or a template"), (E,),
          stops_layout=True),
    Check("missing-file", msg("a file that is missing or outside the issue folder"), (E,),
          stops_layout=True),
    Check("bad-image", msg("a photo that cannot be read"), (E,), stops_layout=True),
    Check("box-overlap", msg("boxes that overlap or leave the type area"), (E,),
          stops_layout=True),
    Check("jump", msg("a continuation that goes nowhere, or is not needed"), (E, W),
          stops_layout=True),
    # -- the layout -------------------------------------------------------------------
    Check("overset", msg("text that does not fit"), (E,)),
    Check("underset", msg("rows left empty at the end of a story"), (W,)),
    Check("widow", msg("a paragraph's last line alone at the top of a column"), (W,)),
    Check("loose-line", msg("a body line letter-spaced past the limit"), (W,)),
    Check("headline-lines", msg("a headline with more lines than allowed"), (W,)),
    Check("missing-glyph", msg("a character no font can draw"), (E,)),
    Check("dropped-char", msg("an invisible control character, dropped"), (W,)),
    Check("low-res-image", msg("a photo of too low a resolution where it is placed"), (E, W)),
    Check("photo-crop", msg("a photo cropped by more than allowed"), (W,)),
    Check("photo-fit", msg("a photo set lower than it asks for"), (E, W)),
    Check("box-overflow", msg("something drawn outside its box"), (E,)),
    Check("placement", msg("a page the engine could only place by bending a rule"), (W,)),
    Check("ad-size", msg("an advert of another shape than its booked box"), (W,)),
    Check("script-mix", msg("a character of the other script"), (W,)),
    Check("page-count", msg("a page count that is not a multiple of 4"), (W,)),
    # -- a PDF (ours, or any given to xhprint preflight) --------------------------------
    _pdf("pdf-unreadable", msg("a PDF that cannot be read"), E, E, E,
         msg("export the PDF again (unencrypted, PDF/X-1a or PDF/X-4) and resend it")),
    _pdf("page-boxes", msg("page boxes missing, too little bleed, or the wrong size"), E, None,
         None, msg("export with TrimBox and BleedBox set, full bleed, at the booked size")),
    _pdf("font-embedding", msg("a font that is not embedded"), E, E, E,
         msg("export with all fonts embedded (PDF/X does this)")),
    _pdf("font-unicode", msg("a font whose text cannot be copied"), W, E, W,
         msg("export with a ToUnicode map so text can be copied and searched")),
    _pdf("min-text-size", msg("text smaller than allowed"), W, W, W,
         msg("enlarge the type; very small type fills in on newsprint")),
    _pdf("image-ppi", msg("an image of too low a resolution"), E, None, E,
         msg("replace the image with a higher-resolution one or place it smaller")),
    _pdf("colour-space", msg("RGB without an output intent, or a spot colour"), W, W, W,
         msg("convert to CMYK with the newspaper's profile; no spot colours")),
    _pdf("tac", msg("more ink than newsprint takes"), E, E, E,
         msg("convert with the newsprint ICC profile (GCR) to keep ink under the limit")),
    _pdf("hairline", msg("a line too thin to print"), W, W, W,
         msg("thicken the line; hairlines break up or vanish on newsprint")),
    _pdf("rich-black-text", msg("small text in more than one ink"), W, None, W,
         msg("set small text in 100 % K (0 0 0 1), overprinting")),
    # in newsprint as preflight.md lists it; `pdfx` also names the PDF/X requirement there
    _pdf("output-intent", msg("no output intent"), W, None, W,
         msg("export as PDF/X with the newsprint output intent")),
    _pdf("pdfx", msg("a print PDF that is not PDF/X-4"), E, None, None,
         msg("export the PDF again as PDF/X-4 with the newspaper's output intent")),
    _pdf("outside-bleed", msg("something printed beyond the bleed"), E, None, None,
         msg("keep everything inside the bleed: crop or move it so that only printer's "
             "marks lie beyond the BleedBox")),
    _pdf("digital-size", msg("a digital edition larger than allowed"), None, W, None,
         msg("downsample images for the digital edition")),
    # -- publishing the website ---------------------------------------------------------
    Check("publish", msg("a site folder xhprint publish cannot use"), (E,)),
)

CATALOGUE: dict[str, Check] = {c.id: c for c in CHECKS}
#: checks whose errors stop layout (exit status 2): outputs.md "Commands"
LOADING_CHECKS = frozenset(c.id for c in CHECKS if c.stops_layout)


def default_hint(check: str) -> Message:
    """The catalogued hint of a check that has one (KeyError/ValueError otherwise)."""
    hint = CATALOGUE[check].hint
    if hint is None:
        raise ValueError(f"check {check!r} has no default hint")
    return hint
