"""auth feature area."""
