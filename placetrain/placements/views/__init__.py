"""Placement pages: the plan and its training plan, meetings, the ending, printed documents."""
