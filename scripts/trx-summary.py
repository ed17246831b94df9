#!/usr/bin/env python3
"""Prints 'N passed, N failed' from the TRX files of a test run; exits 1 when anything failed or nothing ran."""
import glob
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = 0
files = glob.glob(f"{sys.argv[1]}/**/*.trx", recursive=True)
for path in files:
    for result in ET.parse(path).getroot().iterfind(".//t:UnitTestResult", NS):
        outcome = result.get("outcome")
        if outcome == "Passed":
            passed += 1
        else:
            # Failed, Error, Timeout, Aborted and NotExecuted all count as not passing: nothing skips silently.
            failed += 1
expected_suites = 4
if len(files) < expected_suites:
    failed += expected_suites - len(files)
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed or not passed else 0)
