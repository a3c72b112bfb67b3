"""Documents for an audience (PDF and DOCX): what each audience may receive is decided by childsafe.disclosure, never
here.
"""
