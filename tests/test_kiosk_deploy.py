"""The kiosk's deployment files do what docs/kiosk.md promises: local only, locked down, always restarted.

Each file is parsed the way the program that reads it does (the policy as JSON, the units as INI sections, the
launch script as shell words without comments), so a flag that is commented out or misspelt fails a test.
"""

from __future__ import annotations

import configparser
import json
import re
import shlex
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy" / "kiosk"
GUIDE = (ROOT / "docs" / "kiosk.md").read_text(encoding="utf-8")
ORIGIN = "http://127.0.0.1:8501"


class _Repeated(dict):
    """A section for configparser that keeps every value of a repeated key, as systemd adds up After= lines."""

    def __setitem__(self, key, value):
        if isinstance(value, list) and key in self:
            self[key].extend(value)
        else:
            super().__setitem__(key, value)


def parse_unit(text: str) -> dict[str, dict[str, list[str]]]:
    """A systemd unit as {section: {key: [each value, in order]}}."""
    parser = configparser.RawConfigParser(strict=False, dict_type=_Repeated, interpolation=None,
                                          comment_prefixes=("#", ";"), empty_lines_in_values=False)
    parser.optionxform = str  # systemd keys are case-sensitive
    parser.read_string(text)
    return {name: {key: value.split("\n") for key, value in parser[name].items()} for name in parser.sections()}


def unit(name: str) -> dict[str, dict[str, list[str]]]:
    return parse_unit((DEPLOY / name).read_text(encoding="utf-8"))


def environment(values: list[str]) -> dict[str, str]:
    """Environment= lines as a mapping: each line holds shell-quoted NAME=value words."""
    return dict(word.split("=", 1) for line in values for word in shlex.split(line))


def options(words: list[str]) -> dict[str, str]:
    """``--name value`` and ``--name=value`` command-line words as {name: value}; a bare flag maps to ""."""
    found: dict[str, str] = {}
    for i, word in enumerate(words):
        if not word.startswith("--"):
            continue
        name, equals, value = word.partition("=")
        if not equals and i + 1 < len(words) and not words[i + 1].startswith("--"):
            value = words[i + 1]
        found[name] = value
    return found


def shell_commands(script: str) -> list[list[str]]:
    """A shell script as its commands' words, one list per logical line: continuations joined, comments dropped."""
    lines = script.replace("\\\n", " ").splitlines()
    return [words for words in (shlex.split(line, comments=True) for line in lines) if words]


def test_the_parsers_see_what_the_programs_see():
    """A commented-out value is no value: the weak string checks these tests replace passed on such a file."""
    parsed = parse_unit("[Service]\n#Restart=always\nAfter=a.service\nAfter=b.service\nExecStart=/x $Y\n")
    assert parsed == {"Service": {"After": ["a.service", "b.service"], "ExecStart": ["/x $Y"]}}
    script = 'run \\\n    --kiosk "$URL" \\\n    # --disable-pinch\n# --noerrdialogs\n'
    assert shell_commands(script) == [["run", "--kiosk", "$URL"]]
    assert options(["--kiosk", "$URL", "--user-data-dir=$P", "--no-first-run"]) == {
        "--kiosk": "$URL", "--user-data-dir": "$P", "--no-first-run": ""}


# docs/kiosk.md's table of files: file name -> where it is installed.
GUIDE_TABLE = dict(re.findall(r"^\| `([^`]+)` \| ([^|]+?) \|", GUIDE, re.MULTILINE))


@pytest.mark.parametrize("name", sorted(p.name for p in DEPLOY.iterdir()))
def test_every_deployment_file_is_in_the_guide(name):
    assert name in GUIDE_TABLE, f"docs/kiosk.md's table of files has no row for {name}"


# --- the browser policy --------------------------------------------------------------------------------------------

POLICY = json.loads((DEPLOY / "chromium-policy.json").read_text(encoding="utf-8"))


def test_policy_allows_only_the_local_exhibit():
    assert POLICY["URLBlocklist"] == ["*"]
    assert set(POLICY["URLAllowlist"]) == {ORIGIN, "about:blank"}
    for page in (POLICY["HomepageLocation"], *POLICY["RestoreOnStartupURLs"]):
        assert f"{urlsplit(page).scheme}://{urlsplit(page).netloc}" == ORIGIN


@pytest.mark.parametrize(("policy", "value", "meaning"), [
    ("DeveloperToolsAvailability", 2, "developer tools are never available"),
    ("PrintingEnabled", False, "no printing"),
    ("DownloadRestrictions", 3, "every download is blocked"),
    ("AllowFileSelectionDialogs", False, "no file dialogs"),
    ("IncognitoModeAvailability", 1, "no incognito windows"),
    ("BrowserGuestModeEnabled", False, "no guest profile"),
    ("TaskManagerEndProcessEnabled", False, "the task manager cannot end the page"),
])
def test_policy_locks_the_browser_down(policy, value, meaning):
    assert POLICY.get(policy) == value, meaning


# --- the systemd units ---------------------------------------------------------------------------------------------

SERVER = unit("timeline-kiosk-server.service")
BROWSER = unit("timeline-kiosk-browser.service")


def test_server_unit_runs_kiosk_mode_locally_and_restarts():
    service = SERVER["Service"]
    assert service["Restart"] == ["always"]
    assert environment(service["Environment"])["TIMELINE_MODE"] == "kiosk"
    [command] = service["ExecStart"]
    words = shlex.split(command)
    assert words[1:5] == ["-m", "streamlit", "run", "app.py"]
    flags = options(words)
    origin = urlsplit(ORIGIN)
    assert (flags["--server.address"], flags["--server.port"]) == (origin.hostname, str(origin.port))


def test_browser_unit_follows_the_server_and_restarts():
    unit_section, service = BROWSER["Unit"], BROWSER["Service"]
    assert service["Restart"] == ["always"]
    assert "timeline-kiosk-server.service" in " ".join(unit_section["After"]).split()
    assert environment(service["Environment"])["KIOSK_ORIGIN"] == ORIGIN
    [command] = service["ExecStart"]
    installed = Path(SERVER["Service"]["WorkingDirectory"][0]) / "deploy" / "kiosk" / "launch-browser.sh"
    assert shlex.split(command)[-1] == str(installed)  # the script in the folder the server runs from


def test_browser_unit_logs_in_with_the_pam_service_the_guide_installs():
    [pam_name] = BROWSER["Service"]["PAMName"]
    assert GUIDE_TABLE["pam-timeline-kiosk"] == f"`/etc/pam.d/{pam_name}`"


# --- the launch script ---------------------------------------------------------------------------------------------

LAUNCH = shell_commands((DEPLOY / "launch-browser.sh").read_text(encoding="utf-8"))
CHROMIUM = next(i for i, words in enumerate(LAUNCH) if words[0] == "$CHROMIUM")


def test_launch_script_is_valid_bash():
    subprocess.run(["bash", "-n", str(DEPLOY / "launch-browser.sh")], check=True)


def test_launch_script_defaults_to_the_local_exhibit():
    assert ["KIOSK_ORIGIN=${KIOSK_ORIGIN:-" + ORIGIN + "}"] in LAUNCH


@pytest.mark.parametrize(("flag", "value"), [
    ("--kiosk", "$KIOSK_URL"), ("--user-data-dir", "$PROFILE"), ("--no-first-run", ""),
    ("--disable-session-crashed-bubble", ""), ("--noerrdialogs", ""), ("--disable-pinch", ""),
    ("--overscroll-history-navigation", "0"), ("--disable-background-networking", ""),
])
def test_launch_script_opens_chromium_locked_down(flag, value):
    assert options(LAUNCH[CHROMIUM]).get(flag) == value


def test_launch_script_lets_the_kiosk_speak_without_a_touch_first():
    """The audio guide announces each screen as it appears, before any touch (Chromium's default policy waits for
    one, and the idle reset's attract screen has none)."""
    assert options(LAUNCH[CHROMIUM]).get("--autoplay-policy") == "no-user-gesture-required"


def test_launch_script_waits_for_health_before_opening():
    waits = [i for i, words in enumerate(LAUNCH) if words[0] == "until" and any("/_stcore/health" in w for w in words)]
    assert waits and waits[0] < CHROMIUM


def test_launch_script_uses_a_fresh_profile_and_removes_it():
    profile = next(words for words in LAUNCH if words[0].startswith("PROFILE="))
    assert profile[0].startswith("PROFILE=$(mktemp -d ")
    assert ["trap", 'rm -rf "$PROFILE"', "EXIT"] in LAUNCH[:CHROMIUM]
    assert LAUNCH[CHROMIUM][0] != "exec"  # exec would replace the shell, and the trap would never run
