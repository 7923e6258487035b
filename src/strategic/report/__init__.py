"""Aggregation, figures, claim verdicts and the report."""
