"""Assessment of potential disruptors (stoorzenders, ESS guide §2.2): restricted to coordinators, encrypted,
versioned, and every view and change audited and written to the person's access log."""
