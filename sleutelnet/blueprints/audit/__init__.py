"""audit feature area."""
