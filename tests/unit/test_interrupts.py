"""Ctrl-C held back while a block runs, then raised."""

from __future__ import annotations

import os
import signal

import pytest

from generator.interrupts import held_interrupt


def test_ctrl_c_inside_is_raised_after_the_block():
    finished = False
    with pytest.raises(KeyboardInterrupt), held_interrupt():
        os.kill(os.getpid(), signal.SIGINT)
        finished = True  # the block ran to its end
    assert finished
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_a_process_that_ignores_ctrl_c_goes_on_ignoring_it():
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with held_interrupt():
            os.kill(os.getpid(), signal.SIGINT)
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, previous)


def test_ctrl_c_is_not_lost_when_the_block_fails():
    """A rename that fails after Ctrl-C was pressed: the user still asked to stop."""
    with pytest.raises(KeyboardInterrupt) as raised, held_interrupt():
        os.kill(os.getpid(), signal.SIGINT)
        raise PermissionError("cannot rename")
    assert isinstance(raised.value.__context__, PermissionError)
