# The two commands of the README's quick start.
.PHONY: setup demo test

setup:
	bash scripts/setup.sh

demo: setup
	.venv/bin/edugen demo
	.venv/bin/edugen weekly --export-to demo-output --include-drafts
	@echo "The week's documents and packages are in demo-output/"

test: setup
	bash scripts/test.sh
