"""admin feature area."""
