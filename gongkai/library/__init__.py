"""The policy library and disclosure catalog (政策文件库, 信息公开目录), interpretations, gazette."""
