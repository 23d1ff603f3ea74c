"""Compile the Dutch and English catalogs (run by `make`). Usage: build_translations.py [--missing FILE]"""
import sys

from sleutelnet.platform.catalog import compile_all, write_missing

if len(sys.argv) == 3 and sys.argv[1] == "--missing":
    print(f"{write_missing(sys.argv[2])} untranslated messages written to {sys.argv[2]}")
    sys.exit(0)
report = compile_all()
if report["nl"]:
    print(f"warning: {len(report['nl'])} messages have no Dutch translation (see tests/platform/test_i18n.py)")
