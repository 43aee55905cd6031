"""Did the new version work? Advisers' surveys, the funnel per version from the production
ledger, version against version with honest intervals, committee decisions as evidence, and
the report's documents (terminal, JSON, HTML, the committee's A4 page).

Above `production`, `feedback`, `build`, `content`, `pages` and `kit`; nothing below imports it
(decisions reach the build's evidence check through `monrecap.evidence`).
"""
