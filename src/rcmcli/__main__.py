from rcmcli.cli.entry import run

run()
