"""The job queue: enqueue with the caller's transaction, claim once, retry with back-off."""

import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone

from gongkai.core.jobs import job_enqueue, registry, worker_status
from gongkai.core.jobs.models import Job, WorkerHeartbeat
from gongkai.core.jobs.services import (
    BACKOFF,
    job_claim_next,
    job_run,
    jobs_requeue_stale,
)

pytestmark = pytest.mark.django_db

CALLS: list[dict] = []


@pytest.fixture(autouse=True)
def _jobs(monkeypatch, settings):
    settings.GONGKAI_JOBS_EAGER = False
    CALLS.clear()
    failures = {"left": 0}

    def record(**payload):
        CALLS.append(payload)

    def flaky(**payload):
        if failures["left"]:
            failures["left"] -= 1
            raise ValueError("短信网关暂时不可用")
        CALLS.append(payload)

    monkeypatch.setitem(registry.JOBS, "test.record", record)
    monkeypatch.setitem(registry.JOBS, "test.flaky", flaky)
    return failures


def later(minutes: int) -> dt.datetime:
    return timezone.now() + dt.timedelta(minutes=minutes)


def test_an_enqueued_job_waits_in_the_queue_with_its_payload():
    job = job_enqueue("test.record", {"document_id": 7})
    job.refresh_from_db()
    assert (job.name, job.payload, job.status, job.attempts) == (
        "test.record",
        {"document_id": 7},
        Job.Status.QUEUED,
        0,
    )
    assert CALLS == []


def test_a_job_enqueued_in_a_transaction_that_rolls_back_never_exists():
    with pytest.raises(RuntimeError), transaction.atomic():
        job_enqueue("test.record", {"n": 1})
        raise RuntimeError
    assert not Job.objects.exists()


def test_unknown_jobs_and_unstorable_payloads_are_refused_at_once():
    with pytest.raises(LookupError):
        job_enqueue("no.such.job")
    with pytest.raises(TypeError):
        job_enqueue("test.record", {"when": dt.date(2026, 11, 23)})
    assert not Job.objects.exists()


def test_eager_mode_runs_the_job_right_after_commit_and_not_before(
    settings, django_capture_on_commit_callbacks
):
    settings.GONGKAI_JOBS_EAGER = True
    with django_capture_on_commit_callbacks(execute=True):
        assert job_enqueue("test.record", {"n": 1}) is None
        assert CALLS == []
    assert CALLS == [{"n": 1}]
    assert not Job.objects.exists()


def test_a_claimed_job_is_not_claimed_again_and_future_jobs_wait():
    first = job_enqueue("test.record", {"n": 1})
    second = job_enqueue("test.record", {"n": 2})
    job_enqueue("test.record", {"n": 3}, run_after=later(60))
    claimed = [job_claim_next(now=later(1)), job_claim_next(now=later(1))]
    assert [j.pk for j in claimed] == [first.pk, second.pk]
    assert all(j.status == Job.Status.RUNNING and j.attempts == 1 for j in claimed)
    assert job_claim_next(now=later(1)) is None
    assert job_claim_next(now=later(61)).payload == {"n": 3}


def test_a_job_that_succeeds_is_done():
    job_enqueue("test.record", {"n": 1})
    job = job_claim_next(now=later(1))
    job_run(job)
    job.refresh_from_db()
    assert (job.status, job.attempts, job.last_error) == (Job.Status.DONE, 1, "")
    assert job.finished_at is not None
    assert CALLS == [{"n": 1}]


def test_a_failing_job_is_retried_with_growing_waits_and_may_then_succeed(_jobs):
    _jobs["left"] = 2
    job_enqueue("test.flaky", {"n": 1})
    waits = []
    for minutes in (1, 10, 20):
        job = job_claim_next(now=later(minutes))
        started = timezone.now()
        job_run(job)
        job.refresh_from_db()
        if job.status == Job.Status.QUEUED:
            waits.append(round((job.run_after - started).total_seconds()))
    assert waits == [BACKOFF.seconds, 2 * BACKOFF.seconds]
    assert (job.status, job.attempts) == (Job.Status.DONE, 3)
    assert "短信网关暂时不可用" in job.last_error  # the last failure stays on record
    assert CALLS == [{"n": 1}]


def test_a_job_that_keeps_failing_fails_for_good_after_three_attempts(_jobs):
    _jobs["left"] = 99
    job_enqueue("test.flaky", {"n": 1})
    for minutes in (1, 10, 20):
        job_run(job_claim_next(now=later(minutes)))
    job = Job.objects.get()
    assert (job.status, job.attempts) == (Job.Status.FAILED, 3)
    assert "ValueError: 短信网关暂时不可用" in job.last_error
    assert job_claim_next(now=later(60)) is None
    assert worker_status()["failed"] == 1


def test_a_job_nobody_registers_any_more_fails_at_once(monkeypatch):
    job_enqueue("test.record", {})
    monkeypatch.delitem(registry.JOBS, "test.record")
    job = job_claim_next(now=later(1))
    job_run(job)
    job.refresh_from_db()
    assert (job.status, job.attempts) == (Job.Status.FAILED, 1)
    assert "unknown job 'test.record'" in job.last_error


def test_a_failed_attempt_leaves_nothing_half_written(monkeypatch):
    from gongkai.orgs.models import Region

    def half(**payload):
        Region.objects.create(code="half", name="半途", short_name="半途")
        raise RuntimeError("after a write")

    monkeypatch.setitem(registry.JOBS, "test.half", half)
    job_enqueue("test.half", {})
    job_run(job_claim_next(now=later(1)))
    assert not Region.objects.filter(code="half").exists()


def test_jobs_left_running_by_a_dead_worker_go_back_to_the_queue():
    two_hours_ago = timezone.now() - dt.timedelta(hours=2)
    job_enqueue("test.record", {"n": 1}, run_after=two_hours_ago)
    job = job_claim_next(now=two_hours_ago)  # claimed two hours ago, then the worker died
    assert jobs_requeue_stale(now=timezone.now()) == 1
    job.refresh_from_db()
    assert job.status == Job.Status.QUEUED
    assert job_claim_next(now=later(1)).pk == job.pk


def test_worker_status_for_healthz(settings):
    settings.GONGKAI_WORKER_STALE_SECONDS = 180
    assert worker_status() == {
        "alive": False,
        "heartbeat_age_seconds": None,
        "stale_after_seconds": 180,
        "queued": 0,
        "failed": 0,
    }
    now = timezone.now()
    WorkerHeartbeat.objects.create(
        worker_id="old", beat_at=now - dt.timedelta(hours=1), started_at=now - dt.timedelta(days=1)
    )
    job_enqueue("test.record", {})
    status = worker_status(now=now)
    assert (status["alive"], status["heartbeat_age_seconds"], status["queued"]) == (False, 3600, 1)
    WorkerHeartbeat.objects.create(
        worker_id="new", beat_at=now - dt.timedelta(seconds=12), started_at=now
    )
    status = worker_status(now=now)
    assert (status["alive"], status["heartbeat_age_seconds"]) == (True, 12)


@pytest.mark.django_db(transaction=True)
def test_a_job_another_worker_holds_is_skipped_without_waiting():
    from django.db import connections

    first = job_enqueue("test.record", {"n": 1})
    second = job_enqueue("test.record", {"n": 2})
    other_worker = connections.create_connection("default")
    try:
        other_worker.set_autocommit(False)
        with other_worker.cursor() as cursor:
            if other_worker.vendor == "postgresql":
                # Another worker is in the middle of claiming the first job: its row is locked.
                cursor.execute("SELECT id FROM core_job WHERE id = %s FOR UPDATE", [first.pk])
            else:
                # SQLite serialises writers: another worker's claim is simply already committed.
                cursor.execute("UPDATE core_job SET status = 'running' WHERE id = %s", [first.pk])
                other_worker.commit()
        assert job_claim_next(now=later(1)).pk == second.pk
    finally:
        other_worker.rollback()
        other_worker.close()
