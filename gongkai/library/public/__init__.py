"""The policy library's public side (政策文件库): list and search, document and interpretation
pages, feeds, sitemap, bulk export. Mounted by the portal at /zcwj/ (portal:library:…)."""
