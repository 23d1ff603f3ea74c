"""Regional exchange of experiences between municipalities, moderated by the ESS."""
