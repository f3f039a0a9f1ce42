"""Year-round supervision (督查督办) and merit records (红黄黑档案) of SUPERVISION.md: app label `supervision`."""
