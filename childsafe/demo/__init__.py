"""Fictional demonstration data: the small set `make run` loads, and households at any scale for benchmarks."""
