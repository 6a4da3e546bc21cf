"""Layout: grid, boxes, story flow, photos, masthead, header, continuations → LaidOutPage."""
