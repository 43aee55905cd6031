"""monrecap: the print-production toolkit of the Mon Récap carnet."""

__version__ = "0.1.0"
