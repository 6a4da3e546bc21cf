"""Frozen data passed between stages: the issue, its template, findings, the laid-out page."""

from xhprint.model.checks import CATALOGUE, LOADING_CHECKS, Check
from xhprint.model.findings import Finding, InputError, Severity
from xhprint.model.issue import (
    AdItem,
    Block,
    Box,
    Issue,
    Item,
    Page,
    Photo,
    PhotoSize,
    Run,
    Story,
    StoryItem,
)
from xhprint.model.source import SourceRef, TextOrigin
from xhprint.model.template import (
    BLACK,
    CMYK,
    MM,
    Margins,
    Masthead,
    PreflightLimits,
    QRCode,
    Style,
    Template,
)

__all__ = [
    "AdItem", "BLACK", "Block", "Box", "CMYK", "Finding", "InputError", "Issue", "Item",
    "CATALOGUE", "Check", "LOADING_CHECKS", "MM", "Margins", "Masthead", "Page", "Photo", "PhotoSize", "PreflightLimits", "QRCode",
    "Run", "Severity", "SourceRef", "Story", "StoryItem", "Style", "Template", "TextOrigin",
]
