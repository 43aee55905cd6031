"""Version diff: what changed in the content, what changed on the page, and what nobody
asked for."""
