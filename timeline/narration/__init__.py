"""Narration: every published entry and the kiosk's prompts, spoken, built ahead of time.

``script`` says what is spoken (pure), ``pronunciation`` reads the curators' pronunciation file, ``engine`` runs
the speech engine as a separate process, ``captions`` writes and reads WebVTT, ``encode`` makes Opus and MP3,
``recorded`` checks recordings that replace the synthesised voice, ``manifest`` records what is built (the one
thing the app reads), and ``build`` puts them together for ``python -m timeline audio``.
"""
