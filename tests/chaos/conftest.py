"""The cluster suite (three brokers, two Postgres, 24 processes; about 35 minutes for four
faults on this 2-core machine) is not part of ``make test``: it runs when named, as
``make chaos TOPOLOGY=cluster`` does (pytest never ignores a path given on its command line)."""

collect_ignore = ["test_cluster_chaos.py"]
