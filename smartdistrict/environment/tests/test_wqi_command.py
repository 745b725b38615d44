"""`smartdistrict wqi FILE.json`: the API's answer on the command line."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

SAMPLE = {"pH": 7.1, "DO": 5.2, "temperature": 29.5, "BOD5": 8, "COD": 20,
          "N-NH4": 0.9, "P-PO4": 0.3, "Coliform": 4600}


def run(*args) -> object:
    out = io.StringIO()
    call_command("wqi", *args, stdout=out)
    return json.loads(out.getvalue())


def write(tmp_path: Path, document: object) -> str:
    path = tmp_path / "sample.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)


def test_a_sample_in_the_api_shape_or_bare(tmp_path):
    wrapped = run(write(tmp_path, {"parameters": SAMPLE}))
    assert wrapped["vn_wqi"] == 67 and wrapped["band"]["name_vi"] == "Trung bình"
    assert run(write(tmp_path, SAMPLE)) == wrapped


def test_a_list_of_samples_and_options(tmp_path):
    results = run(write(tmp_path, [SAMPLE, {"BOD5": 3}]), "--core", "weighted")
    assert [r["vn_wqi"] for r in results][1] is None
    assert results[0]["options"]["core"] == "weighted"
    assert results[1]["missing"][0]["rule"] == "group_iv"


def test_bad_input_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match=r"pH must be a number from 0 to 14; got 15\. \(pH\)"):
        run(write(tmp_path, {"pH": 15}), "--language", "en")
    with pytest.raises(CommandError, match="không phải JSON hợp lệ"):
        path = tmp_path / "broken.json"
        path.write_text("{", encoding="utf-8")
        run(str(path))
    with pytest.raises(CommandError, match="Cannot read"):
        run(str(tmp_path / "absent.json"), "--language", "en")
    with pytest.raises(CommandError, match=r"\[0\]: a sample must be a JSON object"):
        run(write(tmp_path, [3]), "--language", "en")


def test_exit_status_from_the_shell(tmp_path):
    command = [sys.executable, "-m", "smartdistrict", "wqi"]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "smartdistrict.settings"}
    good = subprocess.run(  # noqa: S603 (our own interpreter and command)
        [*command, write(tmp_path, SAMPLE)], capture_output=True, text=True, env=env, timeout=120)
    assert good.returncode == 0, good.stderr
    assert json.loads(good.stdout)["vn_wqi"] == 67
    bad = subprocess.run(  # noqa: S603
        [*command, "-"], input='{"COD": -1}', capture_output=True, text=True, env=env, timeout=120)
    assert bad.returncode == 1
    assert "COD" in bad.stderr and "Traceback" not in bad.stderr
