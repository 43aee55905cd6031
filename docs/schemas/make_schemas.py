"""Writes docs/schemas/*.json: the documented shape of every command's --json output.

Run from the repository root: python docs/schemas/make_schemas.py"""
import json
S = lambda: {"type": "string"}
I = lambda: {"type": "integer"}
N = lambda: {"type": ["number", "null"]}
def obj(props, required=None, extra=True):
    return {"type": "object", "properties": props, "required": required or list(props),
            "additionalProperties": extra}
def arr(items): return {"type": "array", "items": items}
def top(kind, props, title):
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title,
            **obj({"schema_version": {"const": 1}, "kind": {"const": kind}, **props})}
lint_finding = obj({"rule": S(), "severity": {"enum": ["error", "warning", "info"]},
                    "where": S(), "path": S(), "message": S(), "hint": S(), "lowered": S()})
pre_finding = obj({"rule": S(), "severity": {"enum": ["error", "warning"]},
                   "page": {"type": ["integer", "null"]}, "message": S(), "hint": S(),
                   "where": S()})
NS = lambda: {"type": ["string", "null"]}
level = {"enum": ["négligeable", "limitée", "importante", "maximale"]}
counts = obj({"négligeable": I(), "limitée": I(), "importante": I(), "maximale": I()})
cell = obj({"severity": level, "likelihood": level, "level": level})
grid = {"type": "array", "items": {"type": "array", "items": I(), "minItems": 4, "maxItems": 4},
        "minItems": 4, "maxItems": 4}
side = {"anyOf": [{"type": "null"}, obj({"category": NS(), "severity": level,
                                         "likelihood": level, "level": level})]}
risk_diff = obj({"old": S(), "new": S(),
                 "direction": {"enum": ["lower", "higher", "more", "fewer", "same"]},
                 "counts": obj({"old": counts, "new": counts}),
                 "fields": arr(obj({"what": {"enum": ["added", "removed", "changed"]},
                                    "key": S(), "text": S(), "old": side, "new": side})),
                 "added_measures": arr(S()), "removed_measures": arr(S()),
                 "events": arr(obj({"event": S(), "old": cell, "new": cell}))})
schemas = {
 "versions": top("versions", {"versions": arr(obj({
     "id": S(), "released": {"type": ["string", "null"]}, "layout": S(), "format": S(),
     "pages": {"type": ["integer", "null"]}, "changelog": S(), "editions": arr(S()),
     "error": {"type": ["string", "null"]}}))}, "monrecap versions --json"),
 "show": top("show", {"version": S(), "released": S(), "layout": S(),
     "parent": {"type": ["string", "null"]},
     "changelog": arr(obj({"change": S(), "finding": S()}, ["change", "finding"])),
     "changes": arr(obj({"what": {"enum": ["added", "removed", "moved", "changed"]},
                         "where": S(), "path": S(), "old": {}, "new": {}})),
     "evidence": {"type": "object", "additionalProperties": S()}},
     "monrecap show vN --json"),
 "build": top("build", {"builds": arr(obj({
     "version": S(), "variant": {"type": ["string", "null"]}, "pdf": S(), "manifest": S(),
     "pages": I(), "layout": S(), "imposed": arr(S()), "warnings": arr(S()),
     "removals": arr(S()), "notes": arr(S()),
     "lint": arr(lint_finding)})),
     "failed": arr(obj({"version": S(), "variant": {"type": ["string", "null"]},
                        "errors": arr(S())}))}, "monrecap build --json"),
 "impose": top("impose", {"output": S(), "scheme": S(), "duplex": S(), "sheets": I(),
     "warnings": arr(S()), "placements": arr(obj({
         "sheet": I(), "side": {"enum": ["recto", "verso"]}, "cell": I(), "slot": S(),
         "page": {"type": ["integer", "null"]}, "rotation": I(),
         "trim_mm": arr({"type": "number"}), "creep_mm": {"type": "number"}}))},
     "monrecap impose --json"),
 "check": top("check", {"file": S(), "errors": I(), "warnings": I(),
     "findings": arr(pre_finding)}, "monrecap check --json"),
 "lint": top("lint", {"version": S(), "errors": I(), "warnings": I(),
     "readability": {"type": "object", "additionalProperties":
                     obj({"kandel_moles": N(), "lix": N()})},
     "longest_sentence": I(), "findings": arr(lint_finding)}, "monrecap lint vN --json"),
 "lint-trend": top("lint-trend", {"trend": arr(obj({
     "version": S(), "errors": I(), "warnings": I(), "kandel_moles": N(), "lix": N(),
     "longest": I()}))}, "monrecap lint --all --json"),
 "diff": top("diff", {"old": S(), "new": S(), "identical": {"type": "boolean"},
     "summary": S(), "content": {"type": ["array", "null"]},
     "pages": arr(obj({"status": S()}, ["status"])), "unexplained": I(),
     "risk": {"anyOf": [{"type": "null"}, risk_diff]}},
     "monrecap diff --json"),
 "risk": top("risk", {"version": S(), "variant": NS(), "classification": S(),
     "levels": arr(level), "highest": level, "counts": counts,
     "fields": arr(obj({"key": S(), "page": S(), "path": S(),
         "role": {"enum": ["name-line", "line", "checkbox", "status", "notes", "card"]},
         "text": S(),
         "repeats": I(), "where": S(), "category": NS(),
         "concerns": {"enum": ["holder", "third-party", None]}, "finder_can": arr(S()),
         "classified_by": {"enum": ["words", "role", "default", "annotation",
                                    "unclassified"]},
         "because": S(), "initial": cell, "residual": cell, "measures": arr(S()),
         "accepted": NS()})),
     "not_personal": arr(obj({"key": S(), "text": S(), "where": S(), "reason": S()})),
     "events": arr(obj({"event": S(), "initial": cell, "residual": cell,
                        "measures": arr(S())})),
     "measures": arr(obj({"id": S(), "label": S(), "where": S(), "at": S(), "text": S(),
                          "evidence": arr(S())})),
     "missing_measures": arr(S()),
     "map": obj({"initial": grid, "residual": grid}),
     "accepted": {"type": "object", "additionalProperties": S()},
     "refused": arr(S()), "since": {"anyOf": [{"type": "null"}, risk_diff]},
     "because": arr(S()), "evidence": {"type": "object", "additionalProperties": S()},
     "warnings": arr(S())}, "monrecap risk vN --json"),
 "risk-trend": top("risk-trend", {"trend": arr(obj({
     "version": S(), "fields": I(), "counts": counts, "highest": level, "measures": arr(S()),
     "since": {"anyOf": [{"type": "null"}, risk_diff]}, "because": arr(S())}))},
     "monrecap risk --all --json"),
 "release": top("release", {"folder": S(), "jobs": arr(obj({
     "name": S(), "version": S(), "variant": {"type": ["string", "null"]},
     "layout": {"type": ["string", "null"]}, "profile": S(),
     "status": {"enum": ["built", "reused", "merged"]}, "files": arr({"type": "object"})})),
     "shard": S()},
     "monrecap release --json (also with --shard K/N, and release merge --json)"),
}
schemas["release"]["required"].remove("shard")  # only a shard's output names its shard
for kind, schema in schemas.items():
    with open(f"docs/schemas/{kind}.json", "w") as f:
        json.dump(schema, f, indent=1); f.write("\n")
# --- monrecap impact (issue 28) ----------------------------------------------------------
R = lambda: {"type": ["object", "null"], "properties": {
    "k": I(), "n": I(), "value": {"type": "number"}, "low": {"type": "number"},
    "high": {"type": "number"}}, "required": ["k", "n", "value", "low", "high"]}
M = lambda: {"type": ["object", "null"], "properties": {
    "n": I(), "mean": {"type": "number"}, "sd": {"type": "number"}, "low": {"type": "number"},
    "high": {"type": "number"}}, "required": ["n", "mean", "low", "high"]}
B = lambda: {"type": ["array", "null"], "items": {"type": "number"}, "minItems": 2,
             "maxItems": 2}
D = lambda: {"type": ["object", "null"], "properties": {
    "value": {"type": "number"}, "low": {"type": "number"}, "high": {"type": "number"},
    "clear": {"type": "boolean"}, "shown": {"type": ["array", "null"], "items": S()},
    "independent": B(), "by_structure": B()},
    "required": ["value", "low", "high", "clear", "shown", "independent", "by_structure"]}
minimum = obj({"structures": I(), "count": I()})
verdict = obj({"metric": {"enum": ["came_back", "filled", "activation", "minutes"]},
               "status": {"enum": ["clear", "unclear", "too-few", "no-answer"]}, "text": S(),
               "old": {"type": ["object", "null"]}, "new": {"type": ["object", "null"]},
               "old_answers": I(), "new_answers": I(), "old_structures": I(),
               "new_structures": I(), "difference": D()})
comparison = {"old": S(), "new": S(), "minimum": minimum, "caveat": S(),
              "verdicts": arr(verdict),
              "changelog": arr(obj({"change": S(), "evidence": arr(S())})),
              "feedback": {"type": "object", "additionalProperties": I()},
              "evidence": {"type": "object", "additionalProperties": S()}}
decision = obj({"id": S(), "file": S(), "date": S(), "question": S(), "options": arr(S()),
                "consulted": arr(obj({"role": S(), "count": I()})), "decision": S(),
                "reasons": arr(S()), "note": S(), "cited_by": arr(S())})
impact = {
 "impact-import": top("impact-import", {"file": S(), "read": I(), "new": I(),
     "duplicates": I(), "ignored_columns": arr(S()),
     "redactions": {"type": "object", "additionalProperties": I()},
     "written": {"type": ["string", "null"]}, "ids": arr(S()), "warnings": arr(S())},
     "monrecap impact import --json"),
 "impact-report": top("impact-report", {
     "by": {"enum": ["version", "territory", "edition", "offer"]},
     "since": {"type": ["string", "null"]}, "answers": I(),
     "period": {"type": ["array", "null"], "items": S()}, "minimum": minimum,
     "caveat": S(),
     "groups": arr(obj({"name": S(), "structures_ordered": I(), "orders": I(), "shipped": I(),
                        "answers": I(), "structures_answered": I(), "remis": I(),
                        "shipped_answered": I(), "revus": I(),
                        "avec_carnet": I(), "remplis": I(),
                        "rates": obj({"came_back": R(), "filled": R(), "activation": R()}),
                        "answered": {"type": "object", "additionalProperties": I()},
                        "structures": {"type": "object", "additionalProperties": I()},
                        "minutes": M(), "reorder": R(), "notes": arr(S())})),
     "word_of_mouth": arr(obj({"month": S(), "k": I(), "n": I(), "value": {"type": "number"},
                               "low": {"type": "number"}, "high": {"type": "number"},
                               "unknown": I()})),
     "repeat_orders": arr(obj({"key": S(), "structure": S(), "orders": I(),
                               "weeks": arr(S())})),
     "spellings": {"type": "object", "additionalProperties": arr(S())},
     "decisions": arr(decision),
     "compare": {"type": ["object", "null"]}}, "monrecap impact report --json"),
 "impact-compare": top("impact-compare", comparison, "monrecap impact compare --json"),
}
for kind, schema in impact.items():
    with open(f"docs/schemas/{kind}.json", "w") as f:
        json.dump(schema, f, indent=1); f.write("\n")
