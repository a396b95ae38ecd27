"""The station as a program: its settings on this machine, its registration in the
central database, its link to that database (the UI's door), and the replay of its
offline journal."""
