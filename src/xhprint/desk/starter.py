"""`xhprint new ISSUE_DIR --template broadsheet|tabloid [--lang zh-Hant|zh-Hans]`.

Writes a starter issue that builds READY FOR PRESS as written: issue.yaml with a front
page (under the masthead) and an inner page, two story files that show every
front-matter key with a comment (the keys not used are there, commented out), a photo
drawn here (deterministic: same Pillow, same bytes) and a README saying what to edit.
The lead story shows `continue:` (a fixed box on page 1, the rest on page 2 in a
`rows: auto` box); the notice is `rows: auto` beside it. The boxes are computed from
the template's columns, masthead and header, so both templates get a sensible page.

The folder is written whole or not at all (render/output.write_outputs) and only when
it does not exist or is empty.
"""

from __future__ import annotations

import datetime as _dt
import io
import json
import os
import random
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

from xhprint.i18n import Lang, Message, msg, tr
from xhprint.model import Finding, InputError, Template
from xhprint.model.template import Masthead
from xhprint.serve.words import Translations, ui_translations

PHOTO = "photos/starter.jpg"
PHOTO_SIZE = (1800, 1200)
SEED = 12


def _convert(lang: str) -> Callable[[str], str]:
    """zh-Hant text as is; zh-Hans through OpenCC t2s (the stories are written in zh-Hant),
    then in a mainland desk's words (HANS_WORDS: 资料夹 → 文件夹, 程式 → 程序)."""
    if lang == "zh-Hant":
        return lambda s: s
    from opencc import OpenCC

    from xhprint.desk.starter_text import HANS_WORDS

    t2s = OpenCC("t2s").convert

    def convert(text: str) -> str:
        out = t2s(text)
        for taiwan, mainland in HANS_WORDS:
            out = out.replace(taiwan, mainland)
        return out

    return convert


def _row(code: str, comment: str = "", at: int = 34) -> str:
    """`code  # comment`, the comments of neighbouring lines in one column (Han characters
    are two columns wide on a terminal)."""
    if not comment:
        return code
    gap = max(1, at - sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in code))
    return code + " " * gap + "# " + comment


def _geometry(template: Template) -> dict[str, int]:
    """The boxes: the lead across most columns under the masthead, the notice beside it."""
    from xhprint.manifest.geometry import type_area_rows

    columns = template.columns
    lead = columns - 3 if columns >= 7 else columns - 2
    top = (template.masthead.rows if template.masthead else template.header_rows) + 1
    rows = type_area_rows(template)
    return {"lead_cols": lead, "notice_col": lead + 1, "notice_cols": columns - lead,
            "top": top, "lead_rows": (rows - top) * 3 // 7, "photo_cols": max(1, lead // 2 + 1),
            "inner_top": template.header_rows + 1, "inner_cols": min(3, columns)}


def issue_yaml(template: Template, lang: str, date: _dt.date, t: Translations) -> str:
    """issue.yaml: the front page (lead with `continue:`, notice `rows: auto`), page 2."""
    from xhprint.desk import starter_text as text

    g = _geometry(template)
    conv = _convert(lang)

    def c(m: Message) -> str:
        return tr(m, t) or ""

    lines = [
        "# " + c(msg("A starter issue written by `xhprint new`. Edit it, then run")),
        _row("#   xhprint serve FOLDER", c(msg("the pages in the browser, rebuilt on every save"))),
        _row("#   xhprint build FOLDER", c(msg("the print and digital editions and the report"))),
        _row(f"layout: {template.name}", c(msg("the template: layouts/broadsheet.yaml or "
                                               "layouts/tabloid.yaml"))),
        _row(f"lang: {lang}", c(msg("zh-Hant or zh-Hans: fonts, jump lines, the script check"))),
        *_masthead_overrides(template, lang, c),
        "issue:",
        _row("  number: 1", c(msg("the issue number (第N期)"))),
        _row("  total: 1", c(msg("the running number (總第N期)"))),
        _row(f"  date: {date.isoformat()}", c(msg("the date of publication; the weekday is "
                                                   "worked out"))),
        "pages:",
        _row("  - number: 1", c(msg("the front page: the masthead takes rows 1 to {rows}",
                                    rows=g["top"] - 1))),
        _row(f"    section: {conv(text.SECTIONS[0])}", c(msg("the page's section"))),
        "    items:",
        _row("      - story: lead", c(msg("stories/lead.md"))),
        "        # " + c(msg("col, row: the box's top-left cell, counted from the top-left of "
                             "the type area; cols, rows: its width and height")),
        f"        box: {{col: 1, row: {g['top']}, cols: {g['lead_cols']}, "
        f"rows: {g['lead_rows']}}}",
        _row("        continue: 2", c(msg("what does not fit goes on to page 2"))),
        _row("      - story: notice", c(msg("stories/notice.md"))),
        "        # " + c(msg("rows: auto: as tall as the story needs")),
        f"        box: {{col: {g['notice_col']}, row: {g['top']}, cols: {g['notice_cols']}, "
        "rows: auto}",
        _row("  - number: 2", c(msg("an inner page: its header takes rows 1 to {rows}",
                                    rows=g["inner_top"] - 1))),
        _row(f"    section: {conv(text.SECTIONS[1])}", c(msg("the page's section"))),
        _row(f"    editor: {conv(text.EDITOR)}", c(msg("the page's editor (責任編輯), optional"))),
        "    items:",
        _row("      - story: lead", c(msg("the rest of the lead story"))),
        f"        box: {{col: 1, row: {g['inner_top']}, cols: {g['inner_cols']}, rows: auto}}",
    ]
    return "\n".join(lines) + "\n"


def _masthead_overrides(template: Template, lang: str, c: Callable[[Message], str]) -> list[str]:
    """For zh-Hans, the template's masthead texts in simplified characters (the templates
    are written in zh-Hant; the script check would flag every traditional character)."""
    mh = template.masthead
    if lang != "zh-Hans" or mh is None:
        return []
    texts = _masthead_texts(mh, _convert(lang))
    if not texts:
        return []
    return [_row("layout_overrides:", c(msg("the template's masthead in simplified "
                                            "characters"))), "  masthead:", *texts]


def _masthead_texts(mh: Masthead, conv: Callable[[str], str]) -> list[str]:
    """The YAML lines under `masthead:` for each text the masthead has, put through `conv`;
    none when it has no text."""
    def q(text: str) -> str:
        return json.dumps(conv(text), ensure_ascii=False)  # a YAML double-quoted scalar

    lines = []
    if mh.title:
        lines.append(f"    title: {q(mh.title)}")
    if mh.qr:
        lines.append("    qr:")
        lines += [f"      - {{label: {q(code.label)}, url: {json.dumps(code.url)}}}"
                  for code in mh.qr]
    if mh.lines:
        lines.append(f"    lines: [{', '.join(q(line) for line in mh.lines)}]")
    if mh.permit:
        lines.append(f"    permit: {q(mh.permit)}")
    return lines


def _front_matter(rows: list[tuple[str, Message | None]], t: Translations) -> list[str]:
    return [_row(code, tr(m, t) or "" if m is not None else "", at=30) for code, m in rows]


KIND = msg("news (the default), or picture for a picture story (圖片新聞)")
KICKER = msg("the line above the headline (引題), optional")
HEADLINE = msg("the headline (標題); a news story must have one")
SUBHEAD = msg("the line below the headline (副題), optional")
BYLINE = msg("who wrote it, optional")
LABEL = msg("picture stories only: the label above the photo")


def lead_story(lang: str, t: Translations, photo_cols: int) -> str:
    """stories/lead.md: every front-matter key, a photo, subheads, a long body."""
    from xhprint.desk import starter_text as text

    conv = _convert(lang)
    s = {k: conv(v) for k, v in text.LEAD.items()}
    front = _front_matter([
        ("# kind: news", KIND),
        (f"kicker: {s['kicker']}", KICKER),
        (f"headline: {s['headline']}", HEADLINE),
        (f"subhead: {s['subhead']}", SUBHEAD),
        (f"byline: {s['byline']}", BYLINE),
        (f"# label: {conv('圖片新聞')}", LABEL),
        ("photos:", msg("optional: one or more photos")),
        (f"  - file: {PHOTO}", msg("a JPEG, PNG or TIFF in the issue folder")),
        (f"    caption: {s['caption']}", None),
        (f"    credit: {s['credit']}", msg("the photographer")),
        ("    place: top-right", msg("top, bottom, top-left or top-right")),
        (f"    cols: {photo_cols}", msg("top-left and top-right only: its width in columns")),
        ("    # rows: 12", msg("its height in rows (default: from its proportions)")),
        ("    # min_rows: 8", msg("automatic placement: the fewest rows it may get")),
        ("    # max_rows: 30", msg("automatic placement: the most rows it may get")),
        ("    fit: fill", msg("fill (cropped to the frame) or fit (the whole photo)")),
    ], t)
    body = "\n\n".join(conv(p) for p in text.LEAD_BODY)
    return "---\n" + "\n".join(front) + "\n---\n" + body + "\n"


def notice_story(lang: str, t: Translations) -> str:
    """stories/notice.md: a short story; the keys it does not use are shown commented out."""
    from xhprint.desk import starter_text as text

    conv = _convert(lang)
    s = {k: conv(v) for k, v in text.NOTICE.items()}
    front = _front_matter([
        ("# kind: news", KIND),
        ("# kicker: …", KICKER),
        (f"headline: {s['headline']}", HEADLINE),
        ("# subhead: …", SUBHEAD),
        (f"byline: {s['byline']}", BYLINE),
        ("# label: …", LABEL),
        ("# photos:", msg("optional: one or more photos, as in lead.md")),
        (f"#   - file: {PHOTO}", None),
    ], t)
    body = "\n\n".join(conv(p) for p in text.NOTICE_BODY)
    return "---\n" + "\n".join(front) + "\n---\n" + body + "\n"


def readme(t: Translations) -> str:
    return tr(msg("Edit stories/*.md (the text), photos/ (the pictures) and issue.yaml (which "
                  "story goes where); run `xhprint serve .` in this folder to see the pages as "
                  "you save, and `xhprint build .` for the editions."), t) + "\n"


def starter_photo() -> bytes:
    """A landscape drawn with Pillow: sky, sun, hills, a road; the same bytes every time."""
    from PIL import Image, ImageDraw, ImageFilter

    w, h = PHOTO_SIZE
    rng = random.Random(SEED)
    sky = Image.linear_gradient("L").resize((w, h))
    image = Image.composite(Image.new("RGB", (w, h), (226, 236, 244)),
                            Image.new("RGB", (w, h), (120, 168, 214)), sky)
    draw = ImageDraw.Draw(image)
    draw.ellipse((w * 0.68, h * 0.12, w * 0.80, h * 0.30), fill=(252, 232, 170))
    for k, colour in enumerate([(128, 170, 120), (98, 148, 96), (80, 128, 82)]):
        base = h * (0.52 + 0.12 * k)
        points: list[tuple[float, float]] = [(0, h)]
        for x in range(0, w + 60, 60):
            points.append((x, base + rng.randint(-40, 40) - 60 * (k == 0) * (x / w)))
        points.append((w, h))
        draw.polygon(points, fill=colour)
    draw.polygon([(w * 0.46, h), (w * 0.54, h), (w * 0.505, h * 0.70), (w * 0.495, h * 0.70)],
                 fill=(200, 184, 150))
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88, optimize=False, progressive=False, dpi=(300, 300))
    return out.getvalue()


def starter_files(template: Template, lang: str, date: _dt.date,
                  t: Translations) -> dict[str, bytes]:
    """Every file of the starter issue, by path inside the folder."""
    return {"issue.yaml": issue_yaml(template, lang, date, t).encode("utf-8"),
            "stories/lead.md": lead_story(lang, t, _geometry(template)["photo_cols"]
                                          ).encode("utf-8"),
            "stories/notice.md": notice_story(lang, t).encode("utf-8"),
            PHOTO: starter_photo(),
            "README.md": readme(t).encode("utf-8")}


def write_starter(issue_dir: Path, template_name: str, issue_lang: str, lang: Lang,
                  project_root: Path | None = None, date: _dt.date | None = None) -> int:
    """Write the starter issue into `issue_dir`; 0, or 2 (and nothing written) when the
    folder is not empty. The issue is dated today unless `date` is given."""
    from xhprint.build import BuildSettings
    from xhprint.manifest.template import load_template
    from xhprint.render.output import write_outputs

    t = ui_translations(lang)
    if issue_dir.exists() and (not issue_dir.is_dir() or any(issue_dir.iterdir())):
        raise InputError([Finding("manifest", "error", msg(
            "{folder} is not empty: xhprint new writes only into a new or empty folder",
            folder=str(issue_dir)), hint=msg("give a new folder name"))])
    root = project_root or BuildSettings().project_root
    template = load_template(template_name, root / "layouts")
    files = starter_files(template, issue_lang, date or _dt.date.today(), t)
    write_outputs(issue_dir, files)
    umask = os.umask(0)
    os.umask(umask)
    issue_dir.chmod(0o777 & ~umask)  # write_outputs' temporary folder was private
    print(tr(msg("wrote a starter issue in {folder}: {files}", folder=str(issue_dir),
                 files=", ".join(sorted(files))), t))
    print(tr(msg("next: xhprint serve {folder}", folder=str(issue_dir)), t), file=sys.stderr)
    return 0
