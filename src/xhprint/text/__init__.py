"""CJK line composition (typography.md): segmentation, kinsoku, compression, justification."""
