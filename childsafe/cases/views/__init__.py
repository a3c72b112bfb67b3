"""Case pages: the caseload, the case itself, and the forms for its household. Views stay thin: access is
decided in cases.access, changes are made in cases.services."""
