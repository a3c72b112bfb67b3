"""The service directory, matching services to each person's need, referrals and their progress, and attendance at
behaviour-change programmes.
"""
