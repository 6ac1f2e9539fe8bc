from eventkit.cli import run_cli
from resources.bootstrap import bootstrap
from resources.entrypoints.cli import COMMANDS

run_cli(bootstrap, commands=COMMANDS)
