"""My work: what needs a practitioner's or manager's attention today across their cases, gathered from each domain
app (reviews due, re-assessments due, follow-ups after contact with the parent using abuse, safety plans not
reviewed since the last contact with her or for too long, disengagement, partner support not linked, lowerings
awaiting sign-off) into one list, overdue first, with the worker safety flags in force on each case beside its
items. It owns no data.
"""
