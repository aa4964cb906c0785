#!/usr/bin/env python3
"""The AppStream <releases> and the Debian changelog tell the same history: the same versions with
the same dates, newest first, each with notes, and the newest is the version being built.
Usage: check-release-notes.py PROJECT_VERSION METAINFO_TEMPLATE DEBIAN_CHANGELOG"""
import email.utils
import re
import sys
import xml.etree.ElementTree as ET

version, metainfo_path, changelog_path = sys.argv[1:4]
problems = []

# The template has @PLACEHOLDER@ lines, which are plain text to an XML parser.
releases = ET.parse(metainfo_path).getroot().findall('./releases/release')
metainfo = [(r.get('version'), r.get('date')) for r in releases]
for release in releases:
    notes = release.find('description')
    if notes is None or not ''.join(notes.itertext()).strip():
        problems.append(f'metainfo release {release.get("version")} has no notes')

changelog_text = open(changelog_path, encoding='utf-8').read()
headers = re.findall(r'^runlog \(([^)]+)\) [^;]+; urgency=\w+$', changelog_text, re.M)
trailers = re.findall(r'^ -- .+ <.+>  (.+)$', changelog_text, re.M)
if len(headers) != len(trailers):
    problems.append(f'changelog: {len(headers)} entries but {len(trailers)} signature lines')
changelog = [(v, email.utils.parsedate_to_datetime(d).date().isoformat())
             for v, d in zip(headers, trailers)]
for v, d in zip(headers, trailers):
    if email.utils.format_datetime(email.utils.parsedate_to_datetime(d)) != d:
        problems.append(f'changelog {v}: date "{d}" is not in RFC 5322 form (wrong weekday?)')

if not metainfo:
    problems.append('metainfo has no release')
elif metainfo[0][0] != version:
    problems.append(f'the newest metainfo release is {metainfo[0][0]}, but this is version {version}')
if not changelog:
    problems.append('changelog has no entry')
elif changelog[0][0] != version:
    problems.append(f'the newest changelog entry is {changelog[0][0]}, but this is version {version}')
if metainfo != changelog:
    problems.append(f'metainfo releases {metainfo} differ from changelog entries {changelog}')

for problem in problems:
    print('FAIL:', problem)
if problems:
    sys.exit(1)
print(f'PASS: {len(metainfo)} release(s), newest {version}, the same in both files')
