"""Backward-compatibility checker for JSON Schemas of published events.

A consumer written against the old schema must still read every message valid under the new
one. So, for object schemas, it is breaking to: remove or rename a property, change its type,
make a property newly required, narrow an enum, or add constraints that reject old values.
Adding optional properties, widening enums or making a property optional is fine.
"""

from __future__ import annotations

from typing import Any

Schema = dict[str, Any]
_NARROWING_KEYS = ("maxLength", "maximum", "exclusiveMaximum", "maxItems")
_WIDENING_KEYS = ("minLength", "minimum", "exclusiveMinimum", "minItems")


def breaking_changes(old: Schema, new: Schema) -> list[str]:
    return _compare(old, new, old.get("$defs", {}), new.get("$defs", {}), "$")


def _resolve(schema: Schema, defs: Schema) -> Schema:
    while "$ref" in schema:
        schema = defs[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _types(schema: Schema) -> set[str]:
    if "anyOf" in schema:
        return {t for s in schema["anyOf"] for t in _types(s)}
    t = schema.get("type")
    if t is None:
        return {"object"} if "properties" in schema else {"any"}
    return set(t) if isinstance(t, list) else {t}


def _compare(old: Schema, new: Schema, odefs: Schema, ndefs: Schema, path: str) -> list[str]:
    old, new = _resolve(old, odefs), _resolve(new, ndefs)
    problems: list[str] = []
    old_t, new_t = _types(old), _types(new)
    if "any" not in new_t and not old_t <= new_t | ({"number"} if "integer" in old_t else set()):
        problems.append(f"{path}: type changed from {sorted(old_t)} to {sorted(new_t)}")
        return problems
    if "enum" in new and (missing := set(old.get("enum") or new["enum"]) - set(new["enum"])):
        problems.append(f"{path}: enum values removed: {sorted(map(str, missing))}")
    if old.get("format") != new.get("format") and new.get("format") is not None:
        problems.append(f"{path}: format changed to {new.get('format')!r}")
    for key in _NARROWING_KEYS:
        if key in new and (key not in old or new[key] < old[key]):
            problems.append(f"{path}: {key} tightened to {new[key]}")
    for key in _WIDENING_KEYS:
        if key in new and (key not in old or new[key] > old[key]):
            problems.append(f"{path}: {key} tightened to {new[key]}")
    old_props, new_props = old.get("properties", {}), new.get("properties", {})
    for name, sub in old_props.items():
        if name not in new_props:
            problems.append(f"{path}.{name}: property removed")
        else:
            problems += _compare(sub, new_props[name], odefs, ndefs, f"{path}.{name}")
    for name in set(new.get("required", [])) - set(old.get("required", [])):
        problems.append(f"{path}.{name}: property became required")
    if "items" in old and "items" in new:
        problems += _compare(old["items"], new["items"], odefs, ndefs, f"{path}[]")
    if "anyOf" in old and "anyOf" in new and len(old["anyOf"]) == len(new["anyOf"]):
        for i, (o, n) in enumerate(zip(old["anyOf"], new["anyOf"], strict=True)):
            if _types(o) == _types(n):
                problems += _compare(o, n, odefs, ndefs, f"{path}<{i}>")
    return problems
