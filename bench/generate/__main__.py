"""`python -m bench.generate OUT_DIR N [--seed S]`: write a generated corpus."""

from . import main

main()
