"""Who may receive what: every field of personal data has a sensitivity class, every output an audience, and
nothing is shown, printed or exported unless the (audience, class) pair allows it.

Each domain app declares the class of each of its fields in its own `sensitivity.py`; this package holds the
classes, the audiences and the one table that joins them.
"""
