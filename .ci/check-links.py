#!/usr/bin/env python3
"""Checks that every relative link of the project's Markdown (README.md, docs/*.md and the other
top-level *.md files) points at a file that exists and, for a #anchor, at a heading that exists,
with GitHub's anchor rules: the heading's text in lower case, without punctuation other than
hyphens and underscores, spaces as hyphens, and -1, -2, ... appended to repeats.
Prints each broken link and exits 1 if there is one. Usage: python3 .ci/check-links.py"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
LINK = re.compile(r'!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)')
REFERENCE = re.compile(r'^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$')
FENCE = re.compile(r'^\s{0,3}(```|~~~)')
HEADING = re.compile(r'^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$')
HTML_ANCHOR = re.compile(r'<a\s+(?:name|id)="([^"]+)"', re.IGNORECASE)


def prose_lines(text):
	"""The lines outside fenced code blocks, with their numbers."""
	fenced = False
	for number, line in enumerate(text.splitlines(), 1):
		if FENCE.match(line):
			fenced = not fenced
			continue
		if not fenced:
			yield number, line


def heading_text(markdown):
	"""What GitHub renders of a heading: link texts, no code marks, emphasis or HTML tags."""
	text = re.sub(r'!?\[([^\]]*)\]\([^)]*\)', r'\1', markdown)
	text = re.sub(r'<[^>]+>', '', text)
	text = text.replace('`', '')
	text = re.sub(r'(\*+)(.+?)\1', r'\2', text)
	return text


def slug(text):
	text = heading_text(text).strip().lower()
	text = re.sub(r'[^\w\- ]', '', text)
	return text.replace(' ', '-')


def anchors(path, cache={}):
	if path not in cache:
		found = set()
		seen = {}
		for _, line in prose_lines(path.read_text(encoding='utf-8')):
			match = HEADING.match(line)
			if match:
				base = slug(match.group(2))
				count = seen.get(base, 0)
				seen[base] = count + 1
				found.add(base if count == 0 else f'{base}-{count}')
			found.update(HTML_ANCHOR.findall(line))
		cache[path] = found
	return cache[path]


def links(path):
	for number, line in prose_lines(path.read_text(encoding='utf-8')):
		line = re.sub(r'`[^`]*`', '', line)
		for match in LINK.finditer(line):
			yield number, match.group(1)
		match = REFERENCE.match(line)
		if match:
			yield number, match.group(1)


def broken(path):
	for number, target in links(path):
		if re.match(r'^[a-zA-Z][a-zA-Z0-9+.-]*:', target):
			continue  # https:, mailto: ...: not relative
		file_part, _, anchor = target.partition('#')
		destination = (path.parent / file_part).resolve() if file_part else path
		where = f'{path.relative_to(ROOT)}:{number}: {target}'
		if not destination.exists():
			yield f'{where}: no such file {destination.relative_to(ROOT) if destination.is_relative_to(ROOT) else destination}'
		elif anchor and destination.suffix == '.md' and anchor not in anchors(destination):
			yield f'{where}: no heading with anchor #{anchor} in {destination.relative_to(ROOT)}'


def main():
	files = sorted(ROOT.glob('*.md')) + sorted((ROOT / 'docs').glob('*.md'))
	problems = [problem for path in files for problem in broken(path)]
	for problem in problems:
		print(problem)
	print(f'{len(files)} Markdown files, {len(problems)} broken relative links')
	return 1 if problems else 0


if __name__ == '__main__':
	sys.exit(main())
