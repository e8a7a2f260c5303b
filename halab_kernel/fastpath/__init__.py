"""Start like a C tool: a resident, warmed server that runs `halab` tool commands for the shell.

A Python process needs ~10 ms to start and halab's scheduler another ~50 ms of imports, so
`halab crm_simulate` as a process cost 3-4x the real crm_simulate. The `halab` command
therefore hands a tool command (`run`, `crm_simulate`, `pcs`) to a per-user server that has
everything imported already: it passes its own stdin, stdout and stderr (the descriptors
themselves), its argv, working folder, umask and environment; the server forks a child that
runs the command exactly as the direct path would and the exit status comes back. When no
server is up, the command runs directly and a server is started in the background for the
next call. docs/performance.md describes the rules (when the server is not used, how it
restarts on new code, how to stop it).

- rendezvous: where a server listens and which installation and I/O environment it serves
- client: what the `halab` command does before importing anything else
- server: the resident process and the child that runs one command
- control: `halab server start|stop|status`
"""
