"""The kiosk's deployment files say what docs/kiosk.md promises: local only, locked down, always restarted."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy" / "kiosk"
GUIDE = (ROOT / "docs" / "kiosk.md").read_text(encoding="utf-8")
ORIGIN = "http://127.0.0.1:8501"


def unit(name: str) -> dict[str, dict[str, str]]:
    """A systemd unit as {section: {key: values joined by spaces}}: systemd adds up repeated keys (After=)."""
    sections: dict[str, dict[str, str]] = {}
    current: dict[str, str] = {}
    for line in (DEPLOY / name).read_text(encoding="utf-8").splitlines():
        if re.fullmatch(r"\[\w+\]", line.strip()):
            current = sections.setdefault(line.strip()[1:-1], {})
        elif "=" in line and not line.lstrip().startswith("#"):
            key, value = line.split("=", 1)
            current[key.strip()] = f"{current.get(key.strip(), '')} {value.strip()}".strip()
    return sections


@pytest.mark.parametrize("name", sorted(p.name for p in DEPLOY.iterdir()))
def test_every_deployment_file_is_in_the_guide(name):
    assert f"`{name}`" in GUIDE


def test_policy_allows_only_the_local_exhibit():
    policy = json.loads((DEPLOY / "chromium-policy.json").read_text(encoding="utf-8"))
    assert policy["URLBlocklist"] == ["*"]
    assert all(url == ORIGIN or url == "about:blank" for url in policy["URLAllowlist"])
    assert (policy["DeveloperToolsAvailability"], policy["PrintingEnabled"], policy["DownloadRestrictions"],
            policy["AllowFileSelectionDialogs"]) == (2, False, 3, False)


def test_server_unit_runs_kiosk_mode_locally_and_restarts():
    service = unit("timeline-kiosk-server.service")["Service"]
    assert service["Restart"] == "always"
    assert "TIMELINE_MODE=kiosk" in service["Environment"]
    command = service["ExecStart"]
    assert "streamlit run app.py" in command and "--server.address 127.0.0.1" in command
    assert f"--server.port {ORIGIN.rsplit(':', 1)[1]}" in command


def test_browser_unit_follows_the_server_and_restarts():
    browser = unit("timeline-kiosk-browser.service")
    assert browser["Service"]["Restart"] == "always"
    assert "timeline-kiosk-server.service" in browser["Unit"]["After"]
    assert browser["Service"]["ExecStart"].endswith("/deploy/kiosk/launch-browser.sh")
    assert browser["Service"]["PAMName"] == "timeline-kiosk"  # /etc/pam.d/timeline-kiosk, from pam-timeline-kiosk


LAUNCH = (DEPLOY / "launch-browser.sh").read_text(encoding="utf-8")


def test_launch_script_is_valid_bash():
    subprocess.run(["bash", "-n", str(DEPLOY / "launch-browser.sh")], check=True)


@pytest.mark.parametrize("flag", [
    "--kiosk", "--user-data-dir=", "--no-first-run", "--disable-session-crashed-bubble", "--noerrdialogs",
    "--disable-pinch", "--overscroll-history-navigation=0", "--disable-background-networking",
])
def test_launch_script_opens_chromium_locked_down(flag):
    assert flag in LAUNCH


def test_launch_script_waits_for_health_before_opening():
    assert LAUNCH.index("/_stcore/health") < LAUNCH.index('"$CHROMIUM"')
    assert "mktemp -d" in LAUNCH and "rm -rf" in LAUNCH  # a fresh profile each start, removed afterwards
