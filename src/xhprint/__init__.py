"""xhprint: print layout and PDF typesetting for Chinese newspaper pages."""

__version__ = "0.1.0"
