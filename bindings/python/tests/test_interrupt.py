"""Ctrl-C stops a long computation: the library's cancellation check
(powershare/cancel.h) sees SIGINT while the GIL is released, the call
returns at once and Python raises KeyboardInterrupt (or runs the program's
own SIGINT handler). Each case runs in a child interpreter that is sent
SIGINT a moment after it starts a call that would take far longer."""

import signal
import subprocess
import sys
import time

# Shapley-Shubik of 500 lists with weights up to 5,000: seconds of work
# even in a release build, so an interrupted call ends long before.
LONG_CALL = """
import random, sys, time, signal
import powershare
rng = random.Random(5)
weights = [rng.randint(1, 5000) for _ in range(500)]
quota = sum(weights) // 2 + 1
{setup}
print("started", flush=True)
t0 = time.monotonic()
try:
    powershare.power(weights, quota, index="shapley_shubik", threads={threads})
    print("finished", flush=True)
{handler}
"""


def run_interrupted(setup: str = "", threads: int = 1, handler: str = "") -> tuple:
    """Starts LONG_CALL, sends SIGINT after half a second of work; returns
    (return code, output, seconds from the signal to the exit)."""
    code = LONG_CALL.format(setup=setup, threads=threads,
                            handler=handler or "finally:\n    pass")
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True)
    assert child.stdout.readline().strip() == "started"
    time.sleep(0.5)
    child.send_signal(signal.SIGINT)
    sent = time.monotonic()
    out, _ = child.communicate(timeout=120)
    return child.returncode, out, time.monotonic() - sent


def test_ctrl_c_raises_keyboard_interrupt_at_once():
    rc, out, after = run_interrupted()
    assert "KeyboardInterrupt" in out, out
    assert "finished" not in out
    assert rc != 0
    assert after < 5.0, f"{after:.1f} s from Ctrl-C to the exit"


def test_ctrl_c_stops_every_thread_of_the_call():
    rc, out, after = run_interrupted(threads=2)
    assert "KeyboardInterrupt" in out, out
    assert after < 5.0, f"{after:.1f} s from Ctrl-C to the exit"


def test_a_handler_that_does_not_raise_gets_powershare_cancelled():
    rc, out, after = run_interrupted(
        setup="signal.signal(signal.SIGINT, lambda *a: print('handler ran', flush=True))",
        handler="except powershare.Cancelled as e:\n"
                "    print('cancelled:', e.code, flush=True)")
    assert "handler ran" in out, out
    assert "cancelled: -8" in out, out
    assert rc == 0
    assert after < 5.0


def test_ignored_sigint_stays_ignored():
    """A program that ignores SIGINT is not interrupted by the package."""
    code = ("import signal, os, powershare\n"
            "signal.signal(signal.SIGINT, signal.SIG_IGN)\n"
            "os.kill(os.getpid(), signal.SIGINT)\n"
            "print(powershare.power([4, 3, 2], 5, index='banzhaf')['banzhaf'].tolist())\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() != ""
