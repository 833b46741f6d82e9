"""Helpers shared by the figures of `make bench` (not a figure: its name starts with "_")."""

import statistics
import time


def median(values):
    return statistics.median(values)


def timed(function, *args, **kwargs):
    """(seconds, result) of one call, on the wall clock."""
    began = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - began, result


def ratio_text(value):
    return f"{value:,.1f}x" if value < 100 else f"{value:,.0f}x"
