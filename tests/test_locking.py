"""locking.exclusive: real processes take turns (nothing lost), a waiter is told who holds
the lock, gives up after its timeout with exit code 2, and a crash never leaves it held."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from monrecap.errors import MonrecapError
from monrecap.locking import LockTimeout, describe, exclusive, holder

pytestmark = pytest.mark.fuzz
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


def test_real_processes_take_turns_and_lose_nothing(tmp_path: Path):
    counter, lock = tmp_path / "counter", tmp_path / "state" / ".lock"
    counter.write_text("0")
    running = [subprocess.Popen([sys.executable, "-c", INCREMENT, str(counter), str(lock),
                                 str(ROUNDS)]) for _ in range(PROCESSES)]
    assert [p.wait(timeout=120) for p in running] == [0] * PROCESSES
    assert int(counter.read_text()) == PROCESSES * ROUNDS


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
    assert holder(lock) is None  # released: the file names no holder any more
    assert issubclass(LockTimeout, MonrecapError) and LockTimeout.exit_code == 2
    assert describe(None) == "another monrecap command is running"


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
