from alliance.bootstrap import bootstrap
from eventkit.cli import run_cli

run_cli(bootstrap)
