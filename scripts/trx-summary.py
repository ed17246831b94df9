#!/usr/bin/env python3
"""Prints 'N passed, N failed' from the TRX, Vitest and ESLint JUnit files of a run; exits 1 when anything failed or nothing ran.
With --tree-changed (the run changed tracked or untracked files of the work tree), that counts as one failure."""
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
# The web client's unit tests (Vitest) report as JUnit XML.
junit = glob.glob(f"{sys.argv[1]}/vitest.xml")
for path in junit:
    for case in ET.parse(path).getroot().iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None or case.find("skipped") is not None:
            failed += 1
        else:
            passed += 1
# ESLint's JUnit file (one case per finding, or per clean file) counts as one test: passed when it found nothing.
lint = glob.glob(f"{sys.argv[1]}/eslint.xml")
for path in lint:
    root = ET.parse(path).getroot()
    if root.find(".//testcase") is None or any(c.find("failure") is not None or c.find("error") is not None for c in root.iter("testcase")):
        failed += 1
    else:
        passed += 1
expected_suites = 7  # fast, sqlite, mariadb, galera, browser, vitest, eslint
if len(files) + len(junit) + len(lint) < expected_suites:
    failed += expected_suites - len(files) - len(junit) - len(lint)
if "--tree-changed" in sys.argv[2:]:
    failed += 1
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed or not passed else 0)
