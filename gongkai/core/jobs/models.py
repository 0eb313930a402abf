from django.db import models


class Job(models.Model):
    """A unit of background work, queued in the database and run by `gongkai worker`."""

    class Status(models.TextChoices):
        QUEUED = "queued", "排队"
        RUNNING = "running", "运行中"
        DONE = "done", "完成"
        FAILED = "failed", "失败"

    name = models.CharField(max_length=100, db_index=True)  # a key of the job registry
    payload = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    run_after = models.DateTimeField(db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "后台任务"
        indexes = [models.Index(fields=["status", "run_after"])]

    def __str__(self) -> str:
        return f"{self.name} #{self.pk} ({self.get_status_display()})"


class WorkerHeartbeat(models.Model):
    """One row per worker process; /healthz reads the freshest."""

    worker_id = models.CharField(max_length=100, primary_key=True)
    beat_at = models.DateTimeField()
    started_at = models.DateTimeField()
    # When each periodic task last ran, so that restarts do not rerun daily work.
    periodic = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "后台进程心跳"

    def __str__(self) -> str:
        return self.worker_id
