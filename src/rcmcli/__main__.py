from rcmcli.cli import main

raise SystemExit(main())
