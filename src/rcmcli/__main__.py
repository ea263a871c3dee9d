from rcmcli.cli.entry import main

raise SystemExit(main())
