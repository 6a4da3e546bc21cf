"""Fonts: discovery by family name, roles and fallback, metrics, CFF→TrueType for embedding.

Takes a `FontConfig` (fonts/fonts.yaml) and a language; gives the composer a
`Metrics` (FontBook) and the renderer embeddable TrueType files (prepare).
"""
