"""The worker: runs queued jobs, periodic tasks once per interval, beats, stops cleanly."""

import datetime as dt
import os
import signal

import pytest
from django.core.management import call_command
from django.utils import timezone

from gongkai.core.duties.models import Notification
from gongkai.core.duties.services import duty_open
from gongkai.core.jobs import job_enqueue, registry, run_worker, worker_status
from gongkai.core.jobs.models import Job, WorkerHeartbeat
from gongkai.core.jobs.services import periodic_run_due
from gongkai.orgs.roles import Role
from gongkai.orgs.tests.factories import staff

pytestmark = pytest.mark.django_db

CALLS: list = []


@pytest.fixture(autouse=True)
def _jobs(monkeypatch, settings):
    settings.GONGKAI_JOBS_EAGER = False
    CALLS.clear()
    registry.discover()
    monkeypatch.setitem(registry.JOBS, "test.record", lambda **p: CALLS.append(p))


@pytest.fixture
def only_test_periodic(monkeypatch):
    """Replace the real periodic tasks by one that records when it ran."""
    monkeypatch.setattr(registry, "PERIODIC", {})
    registry.periodic("test.tick", every=dt.timedelta(minutes=5))(lambda *, now: CALLS.append(now))


def test_run_once_runs_every_ready_job_and_returns():
    for n in range(3):
        job_enqueue("test.record", {"n": n})
    job_enqueue("test.record", {"n": 99}, run_after=timezone.now() + dt.timedelta(hours=1))
    assert run_worker(once=True, worker_id="w1") == 0
    assert CALLS == [{"n": 0}, {"n": 1}, {"n": 2}]
    assert Job.objects.filter(status=Job.Status.DONE).count() == 3
    assert Job.objects.filter(status=Job.Status.QUEUED).count() == 1


def test_the_worker_writes_its_heartbeat_and_healthz_sees_it_alive():
    before = timezone.now()
    run_worker(once=True, worker_id="host:123")
    beat = WorkerHeartbeat.objects.get(worker_id="host:123")
    assert beat.beat_at >= before and beat.started_at >= before
    assert worker_status()["alive"] is True


def test_a_periodic_task_runs_once_per_interval_across_workers_and_restarts(only_test_periodic):
    t0 = timezone.now()
    schedule = [
        (t0, "w1", True),
        (t0 + dt.timedelta(minutes=1), "w1", False),
        (t0 + dt.timedelta(minutes=2), "w2", False),  # another worker knows it just ran
        (t0 + dt.timedelta(minutes=5), "w2", True),
        (t0 + dt.timedelta(minutes=6), "w3", False),  # a restarted worker (new id) too
        (t0 + dt.timedelta(minutes=11), "w1", True),
    ]
    for now, worker, runs in schedule:
        assert periodic_run_due(now=now, worker_id=worker) == (["test.tick"] if runs else [])
    ran_at = [t0, t0 + dt.timedelta(minutes=5), t0 + dt.timedelta(minutes=11)]
    assert ran_at == CALLS
    assert WorkerHeartbeat.objects.get(pk="w1").periodic == {
        "test.tick": (t0 + dt.timedelta(minutes=11)).isoformat()
    }


def test_a_failing_periodic_task_is_logged_and_waits_for_its_next_interval(monkeypatch, caplog):
    monkeypatch.setattr(registry, "PERIODIC", {})

    @registry.periodic("test.broken", every=dt.timedelta(minutes=5))
    def broken(*, now):
        raise RuntimeError("boom")

    t0 = timezone.now()
    assert periodic_run_due(now=t0, worker_id="w1") == ["test.broken"]
    assert "periodic task test.broken failed" in caplog.text
    assert periodic_run_due(now=t0 + dt.timedelta(minutes=1), worker_id="w1") == []


def test_the_worker_sends_due_reminders_once(unit_a):
    clerk = staff(unit_a, Role.CLERK)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    duty_open(kind="test", title="逾期事项", unit=unit_a, fixed_due=yesterday, assignee=clerk)
    run_worker(once=True, worker_id="w1")
    run_worker(once=True, worker_id="w2")
    [notice] = Notification.objects.all()
    assert (notice.recipient, notice.kind) == (clerk, Notification.Kind.OVERDUE)


def test_sigterm_lets_the_current_job_finish_then_the_worker_exits(monkeypatch):
    def stop_me(**payload):
        os.kill(os.getpid(), signal.SIGTERM)
        CALLS.append("finished after the signal")

    monkeypatch.setitem(registry.JOBS, "test.stop", stop_me)
    job_enqueue("test.stop", {})
    job_enqueue("test.record", {"n": "not started"})
    handler = signal.getsignal(signal.SIGTERM)

    assert run_worker(worker_id="w1") == 0  # not --once: only the signal ends it

    assert CALLS == ["finished after the signal"]
    statuses = dict(Job.objects.values_list("name", "status"))
    assert statuses == {"test.stop": "done", "test.record": "queued"}
    assert signal.getsignal(signal.SIGTERM) is handler  # handlers are given back


def test_the_worker_command_once(capsys):
    job_enqueue("test.record", {"n": 1})
    call_command("worker", "--once", "--worker-id", "cli")
    assert CALLS == [{"n": 1}]
    assert WorkerHeartbeat.objects.filter(pk="cli").exists()


def test_housekeeping_forgets_old_finished_jobs_and_departed_workers():
    from gongkai.core.jobs.housekeeping import jobs_housekeeping

    now = timezone.now()
    old = now - dt.timedelta(days=40)
    Job.objects.create(name="x", status=Job.Status.DONE, run_after=old, finished_at=old)
    Job.objects.create(name="x", status=Job.Status.FAILED, run_after=old, finished_at=old)
    Job.objects.create(name="x", status=Job.Status.DONE, run_after=now, finished_at=now)
    WorkerHeartbeat.objects.create(worker_id="gone", beat_at=old, started_at=old)
    WorkerHeartbeat.objects.create(worker_id="here", beat_at=now, started_at=now)
    assert jobs_housekeeping(now=now) == {"jobs": 1, "workers": 1}
    assert sorted(Job.objects.values_list("status", flat=True)) == ["done", "failed"]
    assert list(WorkerHeartbeat.objects.values_list("pk", flat=True)) == ["here"]
