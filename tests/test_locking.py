"""locking.exclusive: real processes take turns (nothing lost), a waiter is told who holds
the lock, gives up after its timeout with exit code 2, and a crash never leaves it held; on a
clock the test moves (no real waiting): when the waiter speaks, polls and gives up."""

from __future__ import annotations

import fcntl
import io
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

import pytest

from monrecap import locking
from monrecap.errors import MonrecapError
from monrecap.locking import LockTimeout, describe, exclusive, holder, lock_path, timeout_default

ROUNDS = 200 if os.environ.get("MONRECAP_FUZZ") == "1" else 40
PROCESSES = 4

# Read a counter, wait a little, write it plus one: without the lock, increments are lost.
INCREMENT = """
import sys, time
from pathlib import Path
from monrecap.locking import exclusive
counter, lock, rounds = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
for _ in range(rounds):
    with exclusive(lock, "test increment"):
        value = int(counter.read_text())
        time.sleep(0.0005)
        counter.write_text(str(value + 1))
"""


@pytest.mark.fuzz
def test_real_processes_take_turns_and_lose_nothing(tmp_path: Path):
    counter, lock = tmp_path / "counter", tmp_path / "state" / ".lock"
    counter.write_text("0")
    running = [subprocess.Popen([sys.executable, "-c", INCREMENT, str(counter), str(lock),
                                 str(ROUNDS)]) for _ in range(PROCESSES)]
    assert [p.wait(timeout=120) for p in running] == [0] * PROCESSES
    assert int(counter.read_text()) == PROCESSES * ROUNDS


@pytest.mark.fuzz
def test_the_holder_is_named_and_a_waiter_gives_up(tmp_path: Path):
    lock = tmp_path / ".locks" / "ledger.lock"
    with exclusive(lock, "orders plan"):
        info = holder(lock)
        assert (info["pid"], info["command"]) == (os.getpid(), "orders plan")
        with exclusive(lock, "orders plan"):  # re-entrant in one process
            pass
        code = ("import sys; from pathlib import Path; from monrecap.locking import exclusive\n"
                "from monrecap.errors import MonrecapError\n"
                "try:\n    with exclusive(Path(sys.argv[1]), 'feedback import', timeout=0.3):\n"
                "        pass\nexcept MonrecapError as exc:\n"
                "    print(exc); sys.exit(exc.exit_code)\n")
        other = subprocess.run([sys.executable, "-c", code, str(lock)], capture_output=True,
                               text=True, timeout=60)
    assert other.returncode == 2
    assert re.fullmatch(rf"waiting: another `monrecap orders plan` is running \(pid "
                        rf"{os.getpid()}, since \d\d:\d\d:\d\d\)\n", other.stderr)
    assert re.fullmatch(rf"{re.escape(str(lock))}: another `monrecap orders plan` is running "
                        rf"\(pid {os.getpid()}, since \d\d:\d\d:\d\d\); gave up after 0.3 s "
                        r"\(set MONRECAP_LOCK_TIMEOUT to wait longer\)\n", other.stdout)
    assert lock.read_text(encoding="utf-8") == ""  # released: the file names no holder any more
    assert issubclass(LockTimeout, MonrecapError) and LockTimeout.exit_code == 2
    assert describe(None) == "another monrecap command is running"


@pytest.mark.fuzz
def test_a_killed_holder_leaves_the_lock_free(tmp_path: Path):
    lock = tmp_path / "feedback.lock"
    code = ("import sys, time; from pathlib import Path; from monrecap.locking import exclusive\n"
            "with exclusive(Path(sys.argv[1]), 'feedback import'):\n"
            "    print('held', flush=True); time.sleep(60)\n")
    held = subprocess.Popen([sys.executable, "-c", code, str(lock)], stdout=subprocess.PIPE,
                            text=True)
    assert held.stdout.readline() == "held\n"
    assert holder(lock)["command"] == "feedback import"
    held.send_signal(signal.SIGKILL)
    held.wait(timeout=30)
    started = time.monotonic()
    with exclusive(lock, "feedback import", timeout=5):
        assert holder(lock)["pid"] == os.getpid()
    assert time.monotonic() - started < 2


# In one process, on a clock the test moves: another open file description of the lock file
# stands for the other process (flock locks it against ours), and `locking.time` is a clock
# whose sleep() moves it, so that a wait of seconds takes no time and lands where the test says.

RECORD = {"pid": 4242, "command": "orders plan", "since": "2020-01-02T10:42:05"}
NAMED = "another `monrecap orders plan` is running (pid 4242, since 2020-01-02 10:42:05)"
START = 1000.0  # not 0: a clock reads the time since some arbitrary moment


class Clock:
    """monotonic() reads ``now``; sleep(s) moves it by s, or runs ``tick`` when the test
    plans the moments itself."""

    def __init__(self, tick: Callable[[Clock], None] | None = None):
        self.now, self.slept, self.tick = START, [], tick

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        assert len(self.slept) < 1000, "still waiting"
        if self.tick:
            self.tick(self)
        else:
            self.now += seconds


@pytest.fixture
def clock(monkeypatch) -> Clock:
    moved = Clock()
    monkeypatch.setattr(locking, "time", moved)
    monkeypatch.delenv("MONRECAP_LOCK_TIMEOUT", raising=False)
    return moved


@contextmanager
def held_elsewhere(lock: Path, record: dict | None = RECORD):
    """The lock held as another process holds it; ``record`` written as its holder (None:
    a holder that has not written it yet)."""
    lock.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        if record is not None:
            os.write(fd, (json.dumps(record) + "\n").encode())
        yield fd
    finally:
        os.close(fd)


def is_locked(lock: Path) -> bool:
    fd = os.open(lock, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(fd)


def gave_up(lock: Path, who: str, seconds: str) -> str:
    return f"{lock}: {who}; gave up after {seconds} s (set MONRECAP_LOCK_TIMEOUT to wait longer)"


def test_the_timeout_comes_from_the_environment_else_ten_minutes(monkeypatch):
    monkeypatch.delenv("MONRECAP_LOCK_TIMEOUT", raising=False)
    assert timeout_default() == 600.0
    for value, seconds in [("", 600.0), ("  ", 600.0), (" 30 ", 30.0), ("2.5", 2.5),
                           ("0", 0.0), ("-5", 0.0)]:
        monkeypatch.setenv("MONRECAP_LOCK_TIMEOUT", value)
        assert timeout_default() == seconds, value
    monkeypatch.setenv("MONRECAP_LOCK_TIMEOUT", "dix")
    with pytest.raises(MonrecapError) as caught:
        timeout_default()
    assert str(caught.value) == "MONRECAP_LOCK_TIMEOUT=dix: not a number of seconds"


def test_a_store_locks_a_file_of_the_locks_folder():
    assert lock_path(Path("/srv/carnet"), "ledger") == Path("/srv/carnet/.locks/ledger.lock")


@pytest.mark.parametrize("text,expected", [
    ("", None), ("{", None), ('"pid"', None), ('["pid", 4242]', None),
    ('{"command": "orders plan"}', None), (json.dumps(RECORD), RECORD)])
def test_the_holder_is_a_record_with_a_pid(tmp_path: Path, text: str, expected):
    lock = tmp_path / "ledger.lock"
    lock.write_text(text, encoding="utf-8")
    assert holder(lock) == expected
    assert holder(tmp_path / "never.lock") is None


def test_the_lock_file_is_made_with_mode_666_less_the_umask_in_folders_made_on_the_way(
        tmp_path: Path):
    """The mode the user's umask asks for, as for any file they make: in a shared checkout
    with a group umask (002), the group's users can all open it and take turns."""
    for umask, mode in [(0o022, 0o644), (0o002, 0o664), (0o000, 0o666)]:
        lock = tmp_path / f"{umask:o}" / "nested" / ".locks" / "ledger.lock"
        previous = os.umask(umask)
        try:
            with exclusive(lock, "orders plan"):
                pass
        finally:
            os.umask(previous)
        assert oct(lock.stat().st_mode & 0o777) == oct(mode)


def test_the_holder_writes_its_record_over_a_stale_one_and_empties_it_on_release(
        tmp_path: Path):
    """A killed holder leaves its (longer) record behind: the next one replaces it whole."""
    lock = tmp_path / ".locks" / "ledger.lock"
    lock.parent.mkdir()
    lock.write_text(json.dumps({**RECORD, "command": "feedback import --all " * 20}) + "\n")
    with exclusive(lock, "lot"):
        text = lock.read_text(encoding="utf-8")
        assert re.fullmatch(rf'\{{"pid": {os.getpid()}, "command": "lot", "since": '
                            r'"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d"\}\n', text), text
    assert lock.read_text(encoding="utf-8") == ""


def test_nested_in_one_thread_it_is_released_at_the_outermost_exit_only(tmp_path: Path):
    lock = tmp_path / ".locks" / "ledger.lock"
    (tmp_path / "alias").symlink_to(tmp_path / ".locks")  # the same file by another path
    with exclusive(lock, "orders plan"):
        record = lock.read_text(encoding="utf-8")
        for _ in range(2):  # twice: the first nested exit changed nothing
            with exclusive(tmp_path / "alias" / "ledger.lock", "lot", timeout=0):
                assert lock.read_text(encoding="utf-8") == record  # the outer one's
            assert is_locked(lock) and lock.read_text(encoding="utf-8") == record
        failed = []
        other = threading.Thread(target=lambda: failed.append(_try_once(lock)))
        other.start()
        other.join(timeout=30)
        assert failed == [gave_up(lock, describe(json.loads(record)), "0")]
    assert not is_locked(lock) and lock.read_text(encoding="utf-8") == ""


def _try_once(lock: Path) -> str:
    """Another thread of the same process waits like another process (here: not at all)."""
    try:
        with exclusive(lock, "lot", timeout=0):
            return "locked"
    except LockTimeout as exc:
        return str(exc)


@pytest.mark.parametrize("how", ["timeout=0", "timeout=-1", "MONRECAP_LOCK_TIMEOUT=0"])
def test_a_timeout_of_0_tries_once_and_gives_up_at_once(tmp_path, clock, monkeypatch, capsys,
                                                         how):
    lock, heard = tmp_path / "ledger.lock", []
    name, value = how.split("=")
    if name == "timeout":
        kwargs = {"timeout": float(value)}
    else:
        monkeypatch.setenv(name, value)
        kwargs = {}
    with held_elsewhere(lock), pytest.raises(LockTimeout) as caught:
        with exclusive(lock, "lot", on_wait=heard.append, **kwargs):
            pytest.fail("locked while another holds it")
    assert str(caught.value) == gave_up(lock, NAMED, "0")
    assert (heard, clock.slept, clock.now) == ([], [], START)  # no wait, nothing said
    assert capsys.readouterr().err == ""


def test_a_waiter_says_at_once_for_whom_and_gives_up_at_its_timeout(tmp_path, clock,
                                                                    monkeypatch):
    lock, heard = tmp_path / "ledger.lock", []
    monkeypatch.setenv("MONRECAP_LOCK_TIMEOUT", "2")
    with held_elsewhere(lock), pytest.raises(LockTimeout) as caught:
        with exclusive(lock, "lot", on_wait=lambda said: heard.append((said, clock.now))):
            pytest.fail("locked while another holds it")
    assert str(caught.value) == gave_up(lock, NAMED, "2")
    assert heard == [(f"waiting: {NAMED}", START)]  # once, before waiting at all
    assert 2 <= clock.now - START < 2.05 + 1e-9  # at the first look past the timeout


def test_a_waiter_takes_the_lock_within_a_twentieth_of_a_second_of_its_release(tmp_path,
                                                                              capsys):
    lock = tmp_path / "ledger.lock"
    with held_elsewhere(lock) as fd:
        def release_at_half_a_second(c: Clock) -> None:
            c.now += c.slept[-1]
            if c.now >= START + 0.5 - 1e-9:
                fcntl.flock(fd, fcntl.LOCK_UN)
        moved = Clock(release_at_half_a_second)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(locking, "time", moved)
            with exclusive(lock, "lot", timeout=10):
                took = moved.now - START
    assert 0.5 - 1e-9 <= took <= 0.55 + 1e-9
    assert capsys.readouterr().err == f"waiting: {NAMED}\n"


def test_an_unknown_holder_is_said_only_after_more_than_a_second(tmp_path, capsys):
    """A holder that has not written its record yet (or one that is not monrecap) is most
    often gone in a moment: the waiter says something only once it has waited over 1 s."""
    lock, heard = tmp_path / "ledger.lock", []

    def half_seconds(c: Clock) -> None:
        c.now = START + 0.5 * len(c.slept)
    moved = Clock(half_seconds)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(locking, "time", moved)
        with held_elsewhere(lock, record=None), pytest.raises(LockTimeout) as caught:
            with exclusive(lock, "lot", timeout=3,
                           on_wait=lambda said: heard.append((said, moved.now - START))):
                pytest.fail("locked while another holds it")
    assert heard == [("waiting: another monrecap command is running", 1.5)]  # not at 1.0
    assert str(caught.value) == gave_up(lock, "another monrecap command is running", "3")
    assert capsys.readouterr().err == ""


def test_the_waiting_line_reaches_a_buffered_stderr_while_it_waits(tmp_path, clock,
                                                                  monkeypatch):
    """stderr may be a block-buffered stream (a wrapper, a log): the line is flushed at once,
    not when the command ends."""
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stderr", io.TextIOWrapper(raw, encoding="utf-8"))
    seen = []
    clock.tick = lambda c: (seen.append(raw.getvalue()), setattr(c, "now", c.now + 1))
    lock = tmp_path / "ledger.lock"
    with held_elsewhere(lock), pytest.raises(LockTimeout):
        with exclusive(lock, "lot", timeout=1):
            pytest.fail("locked while another holds it")
    assert seen == [f"waiting: {NAMED}\n".encode()]
