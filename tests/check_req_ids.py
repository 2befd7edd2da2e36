#!/usr/bin/env python3
"""Checks that docs/SPEC.md and the reference code agree on requirement IDs.

- every requirement is defined once in SPEC.md (a line starting **[UPSP-X-n]**)
  and listed once in its requirement index (section 11);
- IDs are numbered without gaps within each family;
- every ID the code names is defined in SPEC.md (no dangling references);
- every defined requirement is named in the code next to the line that meets it.
Exit 0 when all hold; 1 with one line per problem otherwise.
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
ID = r"UPSP-(?:AUTH|CONF|INT|RPL|PARSE|KEY)-[0-9]+"


def main() -> int:
    spec = (ROOT / "docs" / "SPEC.md").read_text(encoding="utf-8")
    problems = []
    defined = re.findall(r"^\*\*\[(" + ID + r")\]\*\*", spec, flags=re.M)
    seen = set()
    for rid in defined:
        if rid in seen:
            problems.append(f"{rid} is defined twice in SPEC.md")
        seen.add(rid)
    index_part = spec.split("## 11. Requirement index", 1)
    if len(index_part) != 2:
        problems.append("SPEC.md has no '## 11. Requirement index' section")
        indexed = []
    else:
        indexed = re.findall(r"^\| (" + ID + r") \|", index_part[1], flags=re.M)
    if sorted(indexed) != sorted(seen) or len(indexed) != len(set(indexed)):
        missing = sorted(seen - set(indexed))
        extra = sorted(set(indexed) - seen)
        problems.append(f"requirement index differs from definitions: missing {missing}, extra {extra}")
    families = {}
    for rid in seen:
        fam, num = rid.rsplit("-", 1)
        families.setdefault(fam, []).append(int(num))
    for fam, nums in sorted(families.items()):
        if sorted(nums) != list(range(1, len(nums) + 1)):
            problems.append(f"{fam} IDs are not numbered 1..{len(nums)}: {sorted(nums)}")
    code = {}
    for path in sorted((ROOT / "reference").rglob("*.[ch]")):
        for rid in re.findall(ID, path.read_text(encoding="utf-8")):
            code.setdefault(rid, path.relative_to(ROOT))
    for rid, path in sorted(code.items()):
        if rid not in seen:
            problems.append(f"{path} names {rid}, which SPEC.md does not define")
    for rid in sorted(seen - set(code)):
        problems.append(f"{rid} is defined in SPEC.md but no code in reference/ names it")
    for p in problems:
        print(p)
    print(f"{len(seen)} requirements defined, {len(code)} named in reference/, "
          f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
