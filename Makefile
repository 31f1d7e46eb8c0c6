# The two commands of the README's quick start.
.PHONY: setup demo test

setup:
	bash scripts/setup.sh

demo: setup
	.venv/bin/edugen demo

test: setup
	bash scripts/test.sh
