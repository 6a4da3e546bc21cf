"""Render: finished `LaidOutPage`s → print PDF, digital PDF, articles.json, PNG proofs.

Render makes no layout decisions (architecture.md practice 2); it converts
trim-relative, y-down coordinates to PDF space, adds bleed and marks, and writes
deterministic bytes.
"""
