"""`models convert --quantization int8` of a float16 checkpoint (as many on the
hub are stored) makes the same int8 + float32 model as a float32 checkpoint:
CTranslate2 would otherwise save int8_float16, which a CPU converts with a
warning every time the pipeline loads the model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.mt.argos import installed
from pipeline.mt.convert import convert
from pipeline.mt.local import LocalBackend, step_of
from tests.conftest import SAMPLE, sample_corpus
from tests.test_model_limits import converter_extra

pytestmark = pytest.mark.convert


def test_an_int8_package_from_a_float16_checkpoint_loads_without_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    converter_extra()
    import torch
    from safetensors.torch import load_file, save_file

    from tests import hfkit

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    russian = [line for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line]
    checkpoint = hfkit.marian(tmp_path / "opus-mt", russian, sample_corpus())
    weights = checkpoint / "model.safetensors"
    save_file({k: v.to(torch.float16) for k, v in load_file(weights).items()}, weights)
    config = json.loads((checkpoint / "config.json").read_text())
    config["dtype"] = "float16"
    (checkpoint / "config.json").write_text(json.dumps(config))
    convert(str(checkpoint), "ru", "kk")  # its check translates: the model loads
    assert "int8_float16" not in capfd.readouterr().err
    (model,) = installed()
    assert json.loads((model.path / "metadata.json").read_text())["quantization"] == "int8"
    assert LocalBackend().translate(step_of(model), russian[5:7])  # loaded again
    assert "int8_float16" not in capfd.readouterr().err
