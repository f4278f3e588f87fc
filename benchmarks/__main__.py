"""``python -m benchmarks [options]`` is ``gametheory bench [options]`` (see ``gametheory bench -h``)."""

import sys

from gametheory.cli import main

sys.exit(main(["bench", *sys.argv[1:]]))
