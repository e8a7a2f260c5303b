"""Inventory, probe script, fault commands and rig configuration: pure parts, no cluster needed."""

from __future__ import annotations

import re

import pytest

from halab_kernel.model import LogLine
from halab_kernel.remote import faults, probe
from halab_kernel.remote.inventory import Host, hosts_from, read_inventory
from halab_kernel.remote.rig import configs
from halab_kernel.remote.rig.layout import RigLayout
from halab_kernel.remote.ssh import as_root
from tests.remote.conftest import capture


def test_inventory_written_by_the_rig_reads_back(tmp_path):
    layout = RigLayout(nodes=4, directory=tmp_path)
    path = tmp_path / "inventory.toml"
    path.write_text(configs.inventory_toml(layout, shared_disk="/dev/loop3"))
    inventory = read_inventory(path)
    assert [h.name for h in inventory.hosts] == ["node1", "node2", "node3", "node4"]
    assert inventory.hosts[0] == Host("node1", "10.200.0.11", 22)
    assert inventory.key == layout.client_key and inventory.known_hosts == layout.known_hosts
    assert (inventory.service_address, inventory.shared_disk) == ("10.200.0.100/24", "/dev/loop3")


@pytest.mark.parametrize("lab, complaint", [
    ('service_address = "10.0.0.300/24"', "service_address must look like 10.200.0.100/24"),
    ('service_address = "10.0.0.100"', "service_address must look like 10.200.0.100/24"),
    ('disk = "/dev/sdb"', "[lab] takes only service_address and shared_disk"),
])
def test_inventory_lab_values_are_checked(tmp_path, lab, complaint):
    path = tmp_path / "inventory.toml"
    path.write_text(f'[hosts]\nnode1 = "10.0.0.1"\n[lab]\n{lab}\n')
    with pytest.raises(ValueError, match=re.escape(complaint)):
        read_inventory(path)


def test_inventory_without_lab_values_has_none(tmp_path):
    path = tmp_path / "inventory.toml"
    path.write_text('[hosts]\nnode1 = "10.0.0.1"\n')
    assert (read_inventory(path).service_address, read_inventory(path).shared_disk) == (None, None)


def test_inventory_refuses_passwords_without_echoing_them(tmp_path):
    path = tmp_path / "inventory.toml"
    path.write_text('password = "hunter2-secret"\n[hosts]\nnode1 = "10.0.0.1"\n')
    with pytest.raises(ValueError) as error:
        read_inventory(path)
    assert "hunter2-secret" not in str(error.value) and "password" in str(error.value)


def test_hosts_as_names_addresses_and_ports():
    assert hosts_from(["node1", "node2:2222"]) == (Host("node1", "node1"), Host("node2", "node2", 2222))
    assert hosts_from({"a": "10.0.0.1:2200"}) == (Host("a", "10.0.0.1", 2200),)
    for bad in ([], ["n", "n"], "node1"):
        with pytest.raises(ValueError):
            hosts_from(bad)


def test_probe_script_splits_back_into_sections():
    output = "\n@@halab crm_mon 0\n<x/>\n@@halab quorum 2\nQuorate: No\n@@halab log-corosync 120\nline1\n"
    answer = probe.split(output)
    assert answer.ok("crm_mon") == "<x/>" and answer.ok("quorum") == "Quorate: No"
    assert answer.sections["log-corosync"] == (120, "line1\n")  # a log keeps its last newline: lines are whole
    assert answer.ok("cib") is None
    script = probe.script({"pacemaker": None, "corosync": 5})
    assert "tail -c +6 /var/log/corosync/corosync.log" in script and "tail -c +1 /var" not in script


def test_sudo_wraps_the_whole_line_quoted_for_non_root_users():
    assert as_root("crm_mon -1", "root") == "crm_mon -1"
    assert as_root("echo a; id", "student") == "sudo -n -- sh -c 'echo a; id'"


def test_fault_commands_quote_every_name():
    assert faults.fail_resource("x; touch pwned", "node1") == "crm_resource --fail --resource 'x; touch pwned' --node node1"
    assert faults.standby("$(id)", True) == "pcs node standby '$(id)'"
    assert faults.fence("`id`") == "pcs stonith fence '`id`'"


def test_partition_rules_accept_only_addresses():
    rules = faults.partition_rules(["10.0.0.2", "fd00::3"], "pid 1 on host")
    assert "ip saddr 10.0.0.2 meta l4proto udp drop" in rules and "ip6 daddr fd00::3" in rules
    assert 'comment "halab fault: partition by pid 1 on host"' in rules
    with pytest.raises(ValueError):
        faults.partition_rules(["10.0.0.2; reboot"], "me")
    assert '"; reboot' not in faults.partition_rules(["10.0.0.2"], 'x"; reboot')  # the comment cannot end early


def test_cut_offs_and_nodelist():
    cmap = ("nodelist.node.0.name (str) = node1\nnodelist.node.0.nodeid (u32) = 1\n"
            "nodelist.node.0.ring0_addr (str) = 10.0.0.1\nnodelist.node.1.name (str) = node2\n"
            "nodelist.node.1.ring0_addr (str) = 10.0.0.2\nnodelist.node.2.name (str) = node3\n"
            "nodelist.node.2.ring0_addr (str) = 10.0.0.3\n")
    addresses = faults.ring_addresses(cmap)
    assert addresses == {"node1": ["10.0.0.1"], "node2": ["10.0.0.2"], "node3": ["10.0.0.3"]}
    cut = faults.cut_offs([["node1", "node2"], ["node3"]], addresses)
    assert cut == {"node1": ["10.0.0.3"], "node2": ["10.0.0.3"], "node3": ["10.0.0.1", "10.0.0.2"]}


def test_rig_corosync_conf_matches_the_captured_working_one():
    working = capture("config", "corosync.conf").read_text().replace("rigcluster", configs.CLUSTER_NAME)
    assert configs.corosync_conf(RigLayout(nodes=3)) == working


def test_rig_two_node_cluster_and_token():
    text = configs.corosync_conf(RigLayout(nodes=2), token_ms=1000)
    assert "two_node: 1" in text and "token: 1000" in text


def test_rig_layout_rejects_bad_values_with_the_option_name():
    for kwargs, option in (({"nodes": 6}, "--nodes"), ({"prefix": "a-b"}, "--prefix"), ({"subnet": "10.0.0.0/28"},
                                                                                       "--subnet")):
        with pytest.raises(ValueError, match=option):
            RigLayout(**kwargs)


def test_seed_cib_preseeds_dc_deadtime_and_the_fence_device():
    from lxml import etree

    cib = etree.fromstring(configs.seed_cib(RigLayout(nodes=3)).encode())
    assert cib.xpath("//nvpair[@name='dc-deadtime']/@value") == ["2s"]
    assert cib.xpath("//primitive[@class='stonith']/@type") == ["fence_rig"]
    plain = etree.fromstring(configs.seed_cib(RigLayout(nodes=3), fencing=False).encode())
    assert plain.xpath("//nvpair[@name='stonith-enabled']/@value") == ["false"] and not plain.xpath("//primitive")


def test_journal_is_read_after_a_quoted_cursor_when_the_log_files_are_absent():
    script = probe.script({"pacemaker": 0, "corosync": 0}, journal_cursor="s=1;b=2'$(id)")
    assert "--after-cursor='s=1;b=2'\"'\"'$(id)'" in script and "[ ! -r /var/log/pacemaker/pacemaker.log ]" in script
    assert "-n 0" in probe.script({"pacemaker": 0, "corosync": 0})
    assert "journalctl" not in probe.script()


def test_journal_lines_become_log_events():
    from halab_kernel.remote.logs import log_events, parse_log

    text = ("Nov 26 13:07:10.989012 node1 pacemaker-controld[33]:  notice: State transition S_IDLE -> S_POLICY_ENGINE\n"
            "Nov 26 13:07:05.100000 node1 corosync[16]:   [TOTEM ] Token has not been received in 2737 ms\n"
            "-- No entries --\n")
    events = log_events(parse_log("node1", "journal", text, origin_epoch=0.0, now=0.0))
    assert [(e.kind, getattr(e, "daemon", None)) for e in events] == [
        ("log", "pacemaker-controld"), ("log", "corosync"), ("token_lost", None)]
    assert isinstance(events[0], LogLine) and events[0].level == "notice" and events[0].time > 0


def test_seed_cib_passes_crm_verify(tmp_path):
    import shutil
    import subprocess

    if not shutil.which("crm_verify"):
        pytest.skip("crm_verify not installed (Debian package pacemaker-cli-utils)")
    path = tmp_path / "cib.xml"
    path.write_text(configs.seed_cib(RigLayout(nodes=3)))
    done = subprocess.run(["crm_verify", "--xml-file", str(path), "-V"], capture_output=True, text=True, timeout=60)
    assert "config not valid" not in done.stderr and "Relax-NG" not in done.stderr, done.stderr  # warnings: no quorum yet
    broken = tmp_path / "broken.xml"
    broken.write_text(configs.seed_cib(RigLayout(nodes=3)).replace("<constraints/>", "<constraints><bogus/></constraints>"))
    rejected = subprocess.run(["crm_verify", "--xml-file", str(broken)], capture_output=True, text=True, timeout=60)
    assert "config not valid" in rejected.stderr


def test_without_root_or_packages_the_rig_says_exactly_what_is_missing(monkeypatch):
    from halab_kernel.remote.rig import host

    monkeypatch.setattr(host.os, "geteuid", lambda: 1000)
    monkeypatch.setattr(host.shutil, "which", lambda program, path=None: None if program in ("corosync", "pcs") else
                        f"/usr/bin/{program}")
    reasons = host.missing_prerequisites()
    assert reasons[0].startswith("needs root")
    assert "missing Debian packages: corosync pcs (apt-get install -y corosync pcs)" in reasons[1]


def test_rig_cli_reports_bad_options_and_missing_rigs_without_traceback(capsys, tmp_path):
    from halab_kernel.remote.rig.cli import main

    assert main(["up", "--nodes", "9", "--dir", str(tmp_path)]) == 1
    assert "--nodes must be between 2 and 5" in capsys.readouterr().err
    assert main(["exec", "--dir", str(tmp_path), "node1", "true"]) == 1
    assert "no rig node named 'node1' is up" in capsys.readouterr().err
    assert main(["status", "--dir", str(tmp_path), "--prefix", "nosuch"]) == 3
    assert "no rig is up" in capsys.readouterr().out


def test_log_reading_keeps_half_written_lines_for_next_time_and_follows_rotation():
    from halab_kernel.remote.logs import take_whole_lines

    assert take_whole_lines(None, 5000, "") == (5000, "")  # first look: history is not news
    assert take_whole_lines(100, 130, "one\ntwo\nhal") == (108, "one\ntwo\n")
    assert take_whole_lines(108, 130, "half") == (108, "")
    assert take_whole_lines(108, 20, "") == (0, "")  # rotated


def test_rig_cli_needs_root(monkeypatch, capsys):
    from halab_kernel.remote.rig import cli

    monkeypatch.setattr(cli.os, "geteuid", lambda: 1000)
    assert cli.main(["status"]) == 1
    assert "needs root" in capsys.readouterr().err
