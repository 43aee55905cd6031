"""`python -m monrecap`."""

from .cli import main

main()
