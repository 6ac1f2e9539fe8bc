from eventkit.cli import run_cli

from alliance.bootstrap import bootstrap

run_cli(bootstrap)
