"""home feature area."""
