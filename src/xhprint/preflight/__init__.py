"""Preflight: checks on the source, the layout and any PDF, and the press report."""
