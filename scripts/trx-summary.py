#!/usr/bin/env python3
"""Adds up the counters of VSTest TRX files and prints 'N passed, N failed, N skipped'."""
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}

def main(paths):
    if not paths:
        sys.exit("no TRX files")
    passed = failed = skipped = 0
    for path in paths:
        counters = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", NS)
        if counters is None:
            sys.exit(f"{path}: no ResultSummary/Counters")
        passed += int(counters.get("passed", 0))
        failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
        skipped += int(counters.get("notExecuted", 0))
    print(f"{passed} passed, {failed} failed, {skipped} skipped")

if __name__ == "__main__":
    main(sys.argv[1:])
