"""The kiosk at the wall: attract screen, touch-sized strip and entry, idle reset."""
