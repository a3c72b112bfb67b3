"""Safety plans for each child and the non-abusing parent, worker safety flags, and the safety checks around contact
with the parent using abuse.
"""
