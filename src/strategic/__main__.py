import sys

from strategic.cli import main

sys.exit(main())
