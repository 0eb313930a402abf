from django.apps import AppConfig


class WorkplanConfig(AppConfig):
    name = "gongkai.workplan"
    label = "workplan"
    verbose_name = "工作要点台账"
