"""The 數字報 website: page images with clickable articles, article pages, PDF downloads.

`issue_site.site_files` makes one issue's static site (build.py writes it to OUT/site/);
`publish` adds an issue to a folder of many issues with an archive index.
Stages: model (what the site shows) → pages, photos (images and PDFs, cached by
content) → views (HTML) → issue_site (all files) → publish.
"""
