"""The console as a user runs it: `python bot.py` as a subprocess, commands piped on stdin."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from audit_log import registry_tables

ROOT = Path(__file__).resolve().parents[1]


def env(**extra: str) -> dict[str, str]:
    out = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DPA_"))}
    out.update({"DPA_CLOCK": "2026-11-21T12:00:00", "PYTHONPATH": str(ROOT)}, **extra)
    return out


def console(stdin: str, *args: str, cwd: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "bot.py"), *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env(**extra),
        timeout=60,
    )


def test_without_tokens_it_says_it_runs_locally_and_uses_data_registry(tmp_path):
    result = console("party add Foo\n", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    notice = result.stderr.strip().splitlines()
    assert len(notice) == 1
    assert "no Slack tokens" in notice[0] and "SLACK_BOT_TOKEN" in notice[0] and "SLACK_APP_TOKEN" in notice[0]
    assert result.stdout == "Added Foo.\n"
    assert (tmp_path / "data" / "registry.json").exists()


def test_json_lines_and_exit_status(tmp_path):
    result = console("party add Foo\nwho Foo\nwho Nobody\n# a comment\n\n", "--json", "--db", "r.json", cwd=tmp_path)
    assert result.returncode == 1
    replies = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["ok"] for r in replies] == [True, True, False]
    assert replies[1]["data"]["party"]["name"] == "Foo"
    assert "No party matches 'Nobody'" in replies[2]["text"]
    assert all(set(r) >= {"ok", "text", "data"} for r in replies)


def test_db_from_environment(tmp_path):
    result = console("party add Foo\n", cwd=tmp_path, DPA_DB=str(tmp_path / "elsewhere.json"))
    assert result.returncode == 0
    assert (tmp_path / "elsewhere.json").exists() and not (tmp_path / "data").exists()


def test_each_reply_is_flushed_before_the_next_command_is_read(tmp_path):
    """A program driving the console can wait for each reply; the change is on disk by then."""
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "bot.py"), "--db", "r.json", "--json"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=tmp_path,
        env=env(),
    )
    try:
        assert proc.stdin and proc.stdout
        proc.stdin.write("party add Foo\n")
        proc.stdin.flush()
        reply = json.loads(proc.stdout.readline())
        assert reply["ok"] is True
        on_disk = registry_tables(tmp_path / "r.json")  # as another process reads it: file and journal
        assert [p["name"] for p in on_disk["parties"].values()] == ["Foo"]
        proc.stdin.write("who Foo\n")
        proc.stdin.flush()
        assert json.loads(proc.stdout.readline())["data"]["party"]["name"] == "Foo"
        proc.stdin.close()
        assert proc.wait(timeout=30) == 0
    finally:
        proc.kill()


def test_unreadable_registry_stops_the_bot_and_is_left_alone(tmp_path):
    broken = tmp_path / "r.json"
    broken.write_bytes(b'{"parties": {"1": {"name": "Fo')
    result = console("party add Foo\n", "--db", str(broken), cwd=tmp_path)
    assert result.returncode == 2
    assert "not valid JSON" in result.stderr and "left untouched" in result.stderr
    assert broken.read_bytes() == b'{"parties": {"1": {"name": "Fo'


@pytest.mark.slow
def test_demo_then_questions(tmp_path):
    result = console("demo\nwho IWMAC\nwho Septer\ndemo\n", "--json", "--db", "r.json", cwd=tmp_path)
    replies = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["ok"] for r in replies] == [True, True, True, False]
    assert "processor" in replies[1]["data"]["roles"] and "controller" in replies[1]["data"]["roles"]
    assert "empty" in replies[3]["text"]
    assert result.returncode == 1


def test_a_registry_file_replaced_under_the_console_stops_it_with_the_reason(tmp_path):
    """Another program put something that is not a registry where the file was: no traceback, the reason, status 2."""
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "bot.py"), "--db", "r.json"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
        env=env(),
    )
    assert proc.stdin and proc.stdout
    proc.stdin.write("party add Foo\n")
    proc.stdin.flush()
    assert proc.stdout.readline() == "Added Foo.\n"
    (tmp_path / "r.json.new").write_text('{"users": [{"name": "Kari"}]}')
    os.replace(tmp_path / "r.json.new", tmp_path / "r.json")
    _, err = proc.communicate("who Foo\n", timeout=60)
    assert proc.returncode == 2
    assert "Stopped:" in err and "not a DPA registry file" in err and "Traceback" not in err
