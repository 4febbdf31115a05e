"""Many sites at once: the sites list, the engines that run their jobs, the summaries (docs/batch.md)."""
