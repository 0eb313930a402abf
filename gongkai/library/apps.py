from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "gongkai.library"
    label = "library"
    verbose_name = "政策文件库"
