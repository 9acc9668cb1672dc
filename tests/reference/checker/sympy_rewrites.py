#!/usr/bin/env python3
"""Rewrites of the six benchmarks' golds by an independent computer algebra system (SymPy).

Reads the golds that export-golds.ts writes (each with the checker parser's plain-text reading),
has SymPy rebuild each expression and print it again -- as its LaTeX printer writes it, expanded,
factored, simplified, over a common denominator, and as plain text -- and also makes wrong variants
(the value plus one, doubled, a variable shifted). Writes one JSON line per rewrite:
{"benchmark", "index", "gold", "response", "kind", "correct"}.

    node --import tsx tests/reference/checker/export-golds.ts > /tmp/golds.jsonl
    python3 tests/reference/checker/sympy_rewrites.py < /tmp/golds.jsonl \
        > tests/reference/fixtures/checker-sympy-rewrites.jsonl

SymPy decides what is equal here, not the checker; the test (tests/unit/checker/sympy-rewrites.test.ts)
then asks the checker to agree on every line.
"""

import json
import re
import sys

import sympy
from sympy.parsing.sympy_parser import parse_expr

NAMES = {"pi": sympy.pi, "e": sympy.E, "i": sympy.I, "sqrt": sympy.sqrt, "ln": sympy.log}
# Readings SymPy cannot rebuild faithfully: unknown functions, factorials, floors, degrees, ellipses.
UNSUPPORTED = re.compile(r"[a-zA-Z_]+\(|!|°|\.\.\.|∞|∈|[<>≤≥≈]|%|_")
KNOWN_CALLS = re.compile(r"\b(?:sqrt|sin|cos|tan|log|ln|exp)\(")


def split_top_level(text):
    """Splits `a, (b, c), d` at top-level commas."""
    parts, depth, start = [], 0, 0
    for k, c in enumerate(text):
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif c == "," and depth == 0:
            parts.append(text[start:k].strip())
            start = k + 1
    parts.append(text[start:].strip())
    return parts


def to_sympy(reading):
    if UNSUPPORTED.search(KNOWN_CALLS.sub("", reading)):
        return None
    try:
        expr = parse_expr(reading.replace("^", "**"), local_dict=dict(NAMES))
    except Exception:
        return None
    return expr if isinstance(expr, sympy.Expr) else None


def latex(expr):
    return sympy.latex(expr, imaginary_unit="i")


def plain(expr):
    return str(expr).replace("**", "^").replace("I", "i").replace("E", "e")


def right_forms(expr):
    forms = {("latex", latex(expr)), ("plain", plain(expr))}
    for kind, fn in (
        ("expanded", sympy.expand),
        ("factored", sympy.factor),
        ("simplified", sympy.simplify),
        ("together", sympy.together),
        ("radsimp", sympy.radsimp),
    ):
        try:
            forms.add((kind, latex(fn(expr))))
        except Exception:
            pass
    return forms


def wrong_forms(expr):
    forms = {("plus-one", latex(expr + 1))}
    if expr != 0:
        forms.add(("doubled", latex(2 * expr)))
    for symbol in sorted(expr.free_symbols, key=str)[:1]:
        shifted = expr.subs(symbol, symbol + 1)
        if sympy.simplify(shifted - expr) != 0:
            forms.add(("shifted", latex(shifted)))
    return forms


def rewrites_of_scalar(reading):
    expr = to_sympy(reading)
    if expr is None or expr.is_Integer or expr.is_Float:
        return None
    right = [(kind, text, True) for kind, text in right_forms(expr)]
    wrong = [(kind, text, False) for kind, text in wrong_forms(expr)]
    return right + wrong


def rewrites(reading):
    """Rewrites of a whole gold: a scalar, an assignment `f(x) = …`, or a list or tuple of scalars."""
    label = ""
    if " = " in reading and reading.count(" = ") == 1:
        label, reading = reading.split(" = ")
        label += " = "
    bracket = ""
    if reading[:1] in "([" and reading[-1:] in ")]" and "," in reading:
        bracket, reading = reading[0] + reading[-1], reading[1:-1]
    items = split_top_level(reading)
    if len(items) == 1:
        found = rewrites_of_scalar(items[0])
        return [(kind, label + text, correct) for kind, text, correct in found or []]
    exprs = [to_sympy(item) for item in items]
    if any(e is None for e in exprs):
        return []
    wrap = (lambda body: bracket[0] + body + bracket[1]) if bracket else (lambda body: body)
    out = [("latex-items", label + wrap(", ".join(latex(e) for e in exprs)), True)]
    out.append(("last-item-plus-one", label + wrap(", ".join(latex(e) for e in exprs[:-1] + [exprs[-1] + 1])), False))
    return out


def main():
    for line in sys.stdin:
        gold = json.loads(line)
        seen = set()
        for kind, text, correct in rewrites(gold["reading"]):
            if text in seen:
                continue
            seen.add(text)
            row = {
                "benchmark": gold["benchmark"],
                "index": gold["index"],
                "gold": gold["gold"],
                "response": text,
                "kind": kind,
                "correct": correct,
            }
            print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
