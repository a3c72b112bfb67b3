"""Accountable child protection and child in need plans: outcomes, actions, versions, the accountability rules, reviews
and escalation.
"""
