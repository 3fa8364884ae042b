"""The static site: the published catalogue as files any static host or CDN can serve (``python -m timeline site``).

``pages`` turns a catalogue into page text (pure), ``preview_images`` draws the link-preview images, ``assets``
names and compresses files by content, and ``build`` does the I/O: derivatives, a fresh folder, and an atomic switch.
"""
