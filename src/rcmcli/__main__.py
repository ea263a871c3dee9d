from rcmcli.entry import main

raise SystemExit(main())
