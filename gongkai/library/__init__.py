"""The policy library: documents (政策文件库, 信息公开目录), interpretations, the gazette."""
