"""Participant pages: ``case`` (the record) and ``workflow`` (stages, checklist, profile)."""
