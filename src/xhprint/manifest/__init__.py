"""YAML + Markdown → model: issues, stories and templates (the only package that imports yaml)."""

from xhprint.manifest.issue import load_issue, read_issue
from xhprint.manifest.story import load_story, parse_body
from xhprint.manifest.template import load_template, read_template

__all__ = ["load_issue", "load_story", "load_template", "parse_body", "read_issue", "read_template"]
