"""Assessments: instruments as versioned data files, one engine that renders, validates, scores and explains them, risk
levels, tiers of need and their sign-off.
"""
