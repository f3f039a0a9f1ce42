"""The recompute writes each result table's columns from the fields of the engine's result type, nothing else."""

import dataclasses

import pytest

from assessment.models import CadreResult, DecompositionResult, UnitPeriodResult, UnitResult
from assessment.recompute import write
from assessment.scoring import types as engine

ENGINE_TYPES = {
    UnitResult: engine.UnitResult,
    UnitPeriodResult: engine.PeriodResult,
    CadreResult: engine.CadreResult,
    DecompositionResult: engine.DecompositionResult,
}


@pytest.mark.parametrize("model", list(ENGINE_TYPES), ids=lambda m: m.__name__)
def test_every_engine_result_field_is_a_written_column(model):
    engine_fields = {"target" if f.name == "target_id" else f.name for f in dataclasses.fields(ENGINE_TYPES[model])}

    assert set(write._COLUMNS[model]) == engine_fields


@pytest.mark.parametrize("model", list(ENGINE_TYPES), ids=lambda m: m.__name__)
def test_every_model_field_but_the_id_and_the_stamp_is_written(model):
    stored = {f.name for f in model._meta.concrete_fields} - {"id", "cycle", "input_version", "computed_at"}

    assert set(write._COLUMNS[model]) == stored


def test_the_natural_key_comes_first():
    assert write._COLUMNS[UnitPeriodResult][:2] == ("period", "unit")
    assert [write._COLUMNS[m][:1] for m in (UnitResult, CadreResult, DecompositionResult)] == [
        ("unit",),
        ("cadre",),
        ("target",),
    ]
