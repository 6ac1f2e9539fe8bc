from eventkit.cli import run_cli
from profiles.bootstrap import bootstrap
from profiles.entrypoints.cli import COMMANDS

run_cli(bootstrap, commands=COMMANDS)
