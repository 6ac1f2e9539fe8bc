from eventkit.cli import run_cli
from resources.bootstrap import bootstrap

run_cli(bootstrap)
