"""Placement forms: the plan, meetings, the ending."""
