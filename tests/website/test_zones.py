"""Hot zones: one over each article part, covering exactly its box, scaling with the image;
articles.json v2 says the same boxes in pt and in page-image pixels."""

from __future__ import annotations

import io
import json

import jsonschema
import pytest
from PIL import Image

from website.sitecheck import parse, zones
from xhprint.render.articles import load_articles_schema


def test_a_zone_covers_each_article_part_and_nothing_else(sites, issue_builds, issue_name):
    result = issue_builds[issue_name]
    site = sites[issue_name]
    for page in result.layout.pages:
        got = zones(parse(site / f"page-{page.number:02d}.html"))
        parts = [a for a in page.areas if a.kind == "story"]
        assert len(got) == len(parts)
        for area, z in zip(parts, got, strict=True):
            assert z.href == f"articles/{area.id}.html"
            # percentages back to pt: the zone is the box, to a hundredth of a point
            assert z.left * page.width / 100 == pytest.approx(area.x, abs=0.01)
            assert z.top * page.height / 100 == pytest.approx(area.y, abs=0.01)
            assert z.width * page.width / 100 == pytest.approx(area.w, abs=0.01)
            assert z.height * page.height / 100 == pytest.approx(area.h, abs=0.01)


def test_the_index_is_the_first_page(sites, issue_name):
    site = sites[issue_name]
    assert (site / "index.html").read_bytes() == (site / "page-01.html").read_bytes()


def test_articles_json_v2_validates_and_matches_the_page_images(sites, issue_builds,
                                                               issue_name):
    result = issue_builds[issue_name]
    doc = json.loads(result.files["digital/articles.json"])
    schema = load_articles_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(doc)
    assert doc["version"] == 2
    for page in doc["pages"]:
        data = result.files[f"site/img/page-{page['number']:02d}.jpg"]
        with Image.open(io.BytesIO(data)) as im:
            assert im.size == (page["image"]["width"], page["image"]["height"])
            assert (im.format, im.mode) == ("JPEG", "RGB")
        scale = page["image"]["width"] / page["width"]
        for story in page["stories"]:
            for pt, px in zip(story["boxes"], story["boxes_px"], strict=True):
                for k in "xywh":
                    assert px[k] == pytest.approx(pt[k] * scale, abs=1.0)
                assert 0 <= px["x"] and px["x"] + px["w"] <= page["image"]["width"]
                assert 0 <= px["y"] and px["y"] + px["h"] <= page["image"]["height"]


def test_articles_json_paragraphs_are_the_source(issue_builds, issue_name):
    result = issue_builds[issue_name]
    doc = json.loads(result.files["digital/articles.json"])
    articles = {a["id"]: a for a in doc["articles"]}
    for sid, a in articles.items():
        story = result.issue.stories[sid]
        assert [(p["kind"], p["text"]) for p in a["paragraphs"]] == [
            ("subhead" if b.kind == "subhead" else "p", b.text) for b in story.blocks]
        assert (a["kicker"], a["headline"], a["subhead"], a["byline"]) == (
            story.kicker, story.headline, story.subhead, story.byline)
        assert a["photos"] == [{"file": p.rel, "caption": p.caption, "credit": p.credit}
                               for p in story.photos]
        areas = [(pg.number, ar) for pg in result.layout.pages for ar in pg.areas
                 if ar.kind == "story" and ar.id == sid]
        assert [(p["page"], p["part"]) for p in a["parts"]] == [(n, ar.part) for n, ar in areas]
    # every page story also carries its article's text (outputs.md)
    for page in doc["pages"]:
        for story in page["stories"]:
            assert story["paragraphs"] == articles[story["id"]]["paragraphs"]
