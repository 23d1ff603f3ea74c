"""team feature area."""
