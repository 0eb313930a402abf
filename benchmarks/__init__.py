"""`make bench`: scripts that print figures (not timed tests). Results go in docs/benchmarks.md."""
