"""Launch Study Planner: the window, or a command-line action when one is given."""

import sys

from planner.app import main

if __name__ == "__main__":
    sys.exit(main())
