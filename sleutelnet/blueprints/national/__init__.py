"""The national ESS layer: anonymised benchmarks with peer comparison (see docs in models.py)."""
