"""Field feedback as data: imports, redaction, attribution, the store, reports, « Quoi de neuf ».

Above `build`, `content` and `diff`; nothing below imports it. The build's evidence check is
given the store's ids by its caller (`evidence.known_ids`, which names `records.known_ids` for
the fb- ids), and `monrecap show` is given the cited excerpts the same way.
"""
