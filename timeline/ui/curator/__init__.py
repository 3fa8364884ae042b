"""Curator mode: the public page as visitors will see it, with the checker's findings, changes and images beside it."""
