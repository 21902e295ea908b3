#!/usr/bin/env python3
"""Adds up the counters of VSTest TRX files and prints 'N passed, N failed, N skipped'.

Below that line, on standard error, one line per TRX file: the test assembly, its counters and the number of results
the file holds, so that a project whose count moves between runs can be seen in the CI log.
"""
import os
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}


def assembly(root, path):
    """The test assembly the TRX file ran (its tests' storage), or the file's own name when it lists none."""
    test = root.find("t:TestDefinitions/t:UnitTest", NS)
    storage = test.get("storage") if test is not None else None
    return os.path.basename(storage) if storage else os.path.basename(path)


def main(paths):
    if not paths:
        sys.exit("no TRX files")
    passed = failed = skipped = 0
    lines = []
    for path in paths:
        root = ET.parse(path).getroot()
        counters = root.find("t:ResultSummary/t:Counters", NS)
        if counters is None:
            sys.exit(f"{path}: no ResultSummary/Counters")
        file_passed = int(counters.get("passed", 0))
        file_failed = int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
        file_skipped = int(counters.get("notExecuted", 0))
        results = len(root.findall("t:Results/t:UnitTestResult", NS))
        outcome = root.find("t:ResultSummary", NS).get("outcome", "?")
        lines.append(f"  {assembly(root, path)}: {file_passed} passed, {file_failed} failed, {file_skipped} skipped; "
                     f"{results} results, outcome {outcome}")
        passed += file_passed
        failed += file_failed
        skipped += file_skipped
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    sys.stdout.flush()
    for line in sorted(lines):
        print(line, file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
