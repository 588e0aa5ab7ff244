"""Loading YAML files into validated models, collecting every problem with file and key."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from ..errors import ContentError
from ..paths import shown

Model = TypeVar("Model", bound=BaseModel)


class Strict(BaseModel):
    """Base of every data model: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class ProblemsByFile:
    """Collects problems across many files so that all are reported at once."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, path: Path, key: str, message: str) -> None:
        where = f"{shown(path)}: {key}" if key else shown(path)
        self.lines.append(f"{where}: {message}")

    def raise_if_any(self) -> None:
        if self.lines:
            raise ContentError(self.lines)


def read_yaml(path: Path, problems: ProblemsByFile) -> Any:
    """Parse one YAML file; a missing or broken file becomes a problem, not an exception."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.add(path, "", "file not found; create it or fix the name")
        return None
    except UnicodeDecodeError:
        problems.add(path, "", "not UTF-8 text; save the file as UTF-8")
        return None
    except OSError as exc:
        problems.add(path, "", f"cannot be read ({exc.strerror}); it must be a readable file")
        return None
    try:
        return yaml.load(text, Loader=UniqueKeyLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else ""
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        problems.add(path, where, f"YAML syntax: {reason}; fix the indentation or quoting")
        return None
    except ValueError as exc:  # e.g. a date such as 2026-13-28
        problems.add(path, "", f"invalid value: {exc}; correct it")
        return None


# libyaml's parser when PyYAML was built with it: ten times faster than the pure-Python one.
SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class UniqueKeyLoader(SAFE_LOADER):  # type: ignore[misc,valid-type]
    """YAML's safe loader, except that a key given twice is an error, not a silent overwrite."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: set[object] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)  # type: ignore[no-untyped-call]
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key '{key}' appears twice", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def validate(
    model: type[Model], data: Any, path: Path, problems: ProblemsByFile, prefix: str = ""
) -> Model | None:
    """Validate parsed data against a model; every error becomes one problem line.

    `prefix` is the key under which `data` sits in its file, for the messages.
    """
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            key = ".".join(part for part in (prefix, _key(error["loc"])) if part)
            problems.add(path, key, _explain(model, error))
        return None


def load_mapping(
    model: type[Model], path: Path, problems: ProblemsByFile
) -> dict[str, Model]:
    """Read a YAML file that maps names to entries of one model (e.g. sizes.yaml)."""
    before = len(problems.lines)
    data = read_yaml(path, problems)
    if len(problems.lines) > before:
        return {}
    if not isinstance(data, dict) or not data:
        problems.add(path, "", "expected a mapping of names to entries")
        return {}
    entries: dict[str, Model] = {}
    for name, raw in data.items():
        entry = validate(model, raw, path, problems, prefix=str(name))
        if entry is not None:
            entries[str(name)] = entry
    return entries


def load(model: type[Model], path: Path, problems: ProblemsByFile) -> Model | None:
    """Read and validate one YAML file."""
    before = len(problems.lines)
    data = read_yaml(path, problems)
    if len(problems.lines) > before:
        return None
    if data is None:
        problems.add(path, "", "file is empty; fill it in or remove it")
        return None
    return validate(model, data, path, problems)


def _key(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc)


def _explain(model: type[BaseModel], error: Any) -> str:
    kind = error["type"]
    loc = error["loc"]
    if kind == "missing":
        return "missing; add this key"
    if kind == "extra_forbidden":
        known = _fields_at(model, loc[:-1])
        guess = difflib.get_close_matches(str(loc[-1]), known, n=1)
        hint = f"did you mean '{guess[0]}'?" if guess else f"known keys: {', '.join(known)}"
        return f"unknown key; {hint}"
    given = error.get("input")
    if isinstance(given, dict | list):  # a whole block: the message names what in it
        return str(error["msg"])
    return f"{error['msg']}; got {given!r}"


def _fields_at(model: type[BaseModel], loc: tuple[int | str, ...]) -> list[str]:
    """Field names of the (nested) model at a location, for spelling suggestions."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(str(part))
        if field is None:
            continue  # a dict key (e.g. a slot name): stay on the model that holds them
        current = _inner_model(field.annotation) or current
    return sorted(getattr(current, "model_fields", {}))


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    """The model inside an annotation such as Model, list[Model] or dict[str, Model]."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
