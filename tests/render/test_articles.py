import json

import pytest

from xhprint.model.template import MM
from xhprint.render.articles import articles_json


def test_articles_per_page_story_boxes_and_jumps(pages):
    doc = articles_json(pages)
    json.dumps(doc, ensure_ascii=False)  # serialisable as is
    p1, p2 = doc["pages"]
    assert p1["width"] == pytest.approx(200 * MM, abs=0.01)
    assert p1["height"] == pytest.approx(280 * MM, abs=0.01)
    assert [s["id"] for s in p1["stories"]] == ["s1", "s2"]
    s1 = p1["stories"][0]
    assert s1["headline"] == "第一篇"
    assert s1["boxes"] == [
        {
            "x": round(20 * MM, 2),
            "y": round(45 * MM, 2),
            "w": round(80 * MM, 2),
            "h": round(100 * MM, 2),
        }
    ]
    assert (s1["continues_to"], s1["continued_from"], s1["text"]) == (2, None, "一二三")
    (cont,) = p2["stories"]
    assert (cont["id"], cont["continued_from"], cont["continues_to"], cont["part"]) == (
        "s1",
        1,
        None,
        2,
    )
    assert p1["stories"][1]["continues_to"] is None
