"""Pure-Python domain code: rules, scores, optimisation, statistics, file formats.

Nothing under this package imports Django (tests/core/test_conventions.py enforces it).
"""
