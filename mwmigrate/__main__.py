from mwmigrate.cli import main

raise SystemExit(main())
