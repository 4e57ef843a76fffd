"""Robustness suites: fault schedules drawn by hypothesis, and many threads and tasks at once."""
