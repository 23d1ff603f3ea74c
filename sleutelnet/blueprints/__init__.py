"""Feature areas, one package each: routes.py (thin), forms.py, services.py, models.py, templates/."""
