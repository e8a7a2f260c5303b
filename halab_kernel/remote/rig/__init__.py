"""`halab rig`: a real Pacemaker/Corosync cluster in network namespaces on one Linux machine."""
