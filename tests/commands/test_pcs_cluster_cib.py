"""`pcs cluster cib` in a live lab prints what `cibadmin -Q` prints (real pcs runs `cibadmin -l -Q`)."""

from __future__ import annotations

from halab_kernel import Lab


def test_pcs_cluster_cib_is_the_live_cib_with_its_status() -> None:
    lab = Lab.simulated(nodes=2)
    lab.advance(30)
    printed = lab.run("node1", "pcs cluster cib")
    assert printed.ok and printed.stdout == lab.run("node1", "cibadmin -Q").stdout
    assert 'crmd="online"' in printed.stdout  # the nodes as the DC knows them, not a file's bare status
    section = lab.run("node1", "pcs cluster cib scope=nodes")
    assert section.stdout == lab.run("node1", "cibadmin -Q -o nodes").stdout
    assert lab.run("node1", "pcs cluster cib saved.xml scope=resources").ok
    assert lab.run("node1", "cat saved.xml").stdout == lab.run("node1", "cibadmin -Q -o resources").stdout
