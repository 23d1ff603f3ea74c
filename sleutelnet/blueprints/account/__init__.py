"""account feature area."""
