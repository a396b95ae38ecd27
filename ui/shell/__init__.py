"""The station window and its assembly: the header, the tabs a role may use, the
routing of every scan to exactly one place."""
