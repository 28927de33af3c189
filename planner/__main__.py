import sys

from planner.app import main

sys.exit(main())
