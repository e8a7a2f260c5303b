"""corosync.conf files written by hand, as students write them (issue 13 item 4), with the verdict
real corosync 3.1.7 gave for each (`corosync -t -c FILE` on a machine without /etc/corosync/authkey).

A pcs-style three-node file (PCS: with crypto; PLAIN: without; TWO: two nodes; UDP, UDPU) and one
mistake or oddity each: section-name typos, braces, separators, quoting, comments, CRLF, tabs,
trailing garbage; duplicate node ids / names / addresses, nodes with only a name, host names,
IPv6 and IPv4-mapped addresses under every ip_version; quorum provider typos, two_node on three
nodes, odd expected_votes, auto_tie_breaker / last_man_standing, devices; timeouts inverted or
too small; knet compression, link and interface options; crypto combinations; udp interfaces
with bindnetaddr / mcastaddr / mcastport / broadcast / ttl; logging values; extra sections.
All addresses are loopback with one node at 127.0.0.1, so real corosync on a test machine
checks the same local node as the simulator. Used by tests/sim/test_corosync_handwritten.py.
"""

from __future__ import annotations

from typing import Callable

PCS = """totem {
    version: 2
    cluster_name: mycluster
    transport: knet
    crypto_cipher: aes256
    crypto_hash: sha256
}

nodelist {
    node {
        ring0_addr: 127.0.0.1
        name: node1
        nodeid: 1
    }

    node {
        ring0_addr: 127.0.0.2
        name: node2
        nodeid: 2
    }

    node {
        ring0_addr: 127.0.0.3
        name: node3
        nodeid: 3
    }
}

quorum {
    provider: corosync_votequorum
}

logging {
    to_logfile: yes
    logfile: /var/log/corosync/corosync.log
    to_syslog: yes
    timestamp: on
}
"""
PLAIN = PCS.replace("    crypto_cipher: aes256\n    crypto_hash: sha256\n", "")
TWO = PLAIN.replace("""
    node {
        ring0_addr: 127.0.0.3
        name: node3
        nodeid: 3
    }
""", "").replace("corosync_votequorum", "corosync_votequorum\n    two_node: 1")
UDP = PLAIN.replace("transport: knet", "transport: udp")
UDPU = PLAIN.replace("transport: knet", "transport: udpu")

def r(text: str, old: str, new: str) -> str:  # one edit of a file, checked to apply
    assert old in text, old
    return text.replace(old, new, 1)

H: dict[str, str] = {}
# section names and braces
H["totem typo totm"] = r(PLAIN, "totem {", "totm {")
H["quorum typo quorom"] = r(PLAIN, "quorum {", "quorom {")
H["nodelist typo nodelists"] = r(PLAIN, "nodelist {", "nodelists {")
H["node typo nodes"] = r(PLAIN, "    node {\n        ring0_addr: 127.0.0.2", "    nodes {\n        ring0_addr: 127.0.0.2")
H["logging typo loging"] = r(PLAIN, "logging {", "loging {")
H["no space before brace"] = PLAIN.replace(" {", "{")
H["brace on next line"] = PLAIN.replace(" {", "\n{")
H["missing final brace"] = PLAIN.rstrip()[:-1]
H["extra final brace"] = PLAIN + "}\n"
H["missing node brace"] = r(PLAIN, "        nodeid: 2\n    }\n", "        nodeid: 2\n")
H["section on one line"] = r(PLAIN, "quorum {\n    provider: corosync_votequorum\n}", "quorum { provider: corosync_votequorum }")
H["empty quorum section"] = r(PLAIN, "quorum {\n    provider: corosync_votequorum\n}", "quorum {\n}")
H["closing brace with semicolon"] = r(PLAIN, "}\n\nquorum", "};\n\nquorum")
H["key with equals"] = r(PLAIN, "version: 2", "version = 2")
H["key with tab after colon"] = r(PLAIN, "version: 2", "version:\t2")
H["value quoted"] = r(PLAIN, "cluster_name: mycluster", 'cluster_name: "mycluster"')
H["value single quoted"] = r(PLAIN, "cluster_name: mycluster", "cluster_name: 'my cluster'")
H["comment after value"] = r(PLAIN, "version: 2", "version: 2 # always 2")
H["comment after brace"] = r(PLAIN, "totem {", "totem { # the ring")
H["semicolon comment line"] = r(PLAIN, "totem {", "; totem settings\ntotem {")
H["hash comment indented"] = r(PLAIN, "    version: 2", "    # version\n    version: 2")
H["CRLF"] = PLAIN.replace("\n", "\r\n")
H["CRLF two node"] = TWO.replace("\n", "\r\n")
H["tabs"] = PLAIN.replace("    ", "\t")
H["trailing garbage line"] = PLAIN + "end\n"
H["trailing garbage after brace"] = r(PLAIN, "nodeid: 3\n    }", "nodeid: 3\n    } x")
H["no newline at end"] = PLAIN.rstrip("\n")
H["empty file"] = ""
H["only comments"] = "# corosync.conf\n# nothing yet\n"
H["uppercase section"] = r(PLAIN, "totem {", "TOTEM {")
H["uppercase key"] = r(PLAIN, "version: 2", "Version: 2")
H["value trailing spaces"] = r(PLAIN, "transport: knet", "transport: knet   ")
H["value trailing tab"] = r(PLAIN, "transport: knet", "transport: knet\t")
H["transport udpu crypto"] = PCS.replace("transport: knet", "transport: udpu")
H["key with dash"] = r(PLAIN, "cluster_name: mycluster", "cluster-name: mycluster")
H["cluster_name long"] = r(PLAIN, "cluster_name: mycluster", "cluster_name: " + "a" * 70)
H["cluster_name empty"] = r(PLAIN, "cluster_name: mycluster", "cluster_name:")
# nodes
H["duplicate node ids"] = r(PLAIN, "nodeid: 3", "nodeid: 2")
H["duplicate node names"] = r(PLAIN, "name: node3", "name: node2")
H["duplicate ring0_addr"] = r(PLAIN, "ring0_addr: 127.0.0.3", "ring0_addr: 127.0.0.2")
H["duplicate local address"] = r(PLAIN, "ring0_addr: 127.0.0.3", "ring0_addr: 127.0.0.1")
H["node names only"] = PLAIN.replace("        ring0_addr: 127.0.0.1\n", "").replace("        ring0_addr: 127.0.0.2\n", "").replace("        ring0_addr: 127.0.0.3\n", "")
H["node names only localhost"] = r(H["node names only"], "name: node1", "name: localhost")
H["ring0 hostnames"] = PLAIN.replace("ring0_addr: 127.0.0.1", "ring0_addr: localhost").replace("ring0_addr: 127.0.0.2", "ring0_addr: node2").replace("ring0_addr: 127.0.0.3", "ring0_addr: node3")
H["ring0 localhost and ips"] = r(PLAIN, "ring0_addr: 127.0.0.1", "ring0_addr: localhost")
H["ring0 ip6-localhost"] = r(PLAIN, "ring0_addr: 127.0.0.1", "ring0_addr: ip6-localhost")
H["ipv6 all"] = PLAIN.replace("127.0.0.1", "::1").replace("127.0.0.2", "fd00::2").replace("127.0.0.3", "fd00::3")
H["ipv6 mixed"] = r(PLAIN, "127.0.0.3", "fd00::3")
H["ipv6 brackets"] = r(H["ipv6 all"], "fd00::2", "[fd00::2]")
H["ipv6 ip_version ipv4"] = r(H["ipv6 all"], "transport: knet", "transport: knet\n    ip_version: ipv4")
H["ipv6 ip_version ipv6"] = r(H["ipv6 all"], "transport: knet", "transport: knet\n    ip_version: ipv6")
H["ipv4 ip_version ipv6"] = r(PLAIN, "transport: knet", "transport: knet\n    ip_version: ipv6")
H["ipv4 ip_version ipv6-4"] = r(PLAIN, "transport: knet", "transport: knet\n    ip_version: ipv6-4")
H["ipv6 udpu no nodeids"] = H["ipv6 all"].replace("transport: knet", "transport: udpu").replace("        nodeid: 1\n", "").replace("        nodeid: 2\n", "").replace("        nodeid: 3\n", "")
H["udpu no nodeids"] = UDPU.replace("        nodeid: 1\n", "").replace("        nodeid: 2\n", "").replace("        nodeid: 3\n", "")
H["udp no nodeids"] = UDP.replace("        nodeid: 1\n", "").replace("        nodeid: 2\n", "").replace("        nodeid: 3\n", "")
H["knet no nodeids"] = PLAIN.replace("        nodeid: 1\n", "").replace("        nodeid: 2\n", "").replace("        nodeid: 3\n", "")
H["nodeid 0"] = r(PLAIN, "nodeid: 1", "nodeid: 0")
H["nodeid negative"] = r(PLAIN, "nodeid: 2", "nodeid: -2")
H["nodeid 65536 knet"] = r(PLAIN, "nodeid: 2", "nodeid: 65536")
H["nodeid 65536 udpu"] = r(UDPU, "nodeid: 2", "nodeid: 65536")
H["nodeid text"] = r(PLAIN, "nodeid: 2", "nodeid: two")
H["nodeid hex"] = r(PLAIN, "nodeid: 2", "nodeid: 0x2")
H["nodeid float"] = r(PLAIN, "nodeid: 2", "nodeid: 2.0")
H["node without nodeid udpu"] = r(UDPU, "        nodeid: 2\n", "")
H["node empty"] = r(PLAIN, "    node {\n        ring0_addr: 127.0.0.3\n        name: node3\n        nodeid: 3\n    }", "    node {\n    }")
H["nodelist empty"] = PLAIN[:PLAIN.index("nodelist")] + "nodelist {\n}\n" + PLAIN[PLAIN.index("quorum"):]
H["no nodelist"] = PLAIN[:PLAIN.index("nodelist")] + PLAIN[PLAIN.index("quorum"):]
H["node outside nodelist"] = r(PLAIN, "nodelist {\n", "").replace("    }\n}\n\nquorum", "    }\n\nquorum", 1)
H["ring1 on all"] = PLAIN.replace("ring0_addr: 127.0.0.1", "ring0_addr: 127.0.0.1\n        ring1_addr: 127.0.1.1").replace("ring0_addr: 127.0.0.2", "ring0_addr: 127.0.0.2\n        ring1_addr: 127.0.1.2").replace("ring0_addr: 127.0.0.3", "ring0_addr: 127.0.0.3\n        ring1_addr: 127.0.1.3")
H["ring1 on all udpu"] = H["ring1 on all"].replace("transport: knet", "transport: udpu")
H["ring1 ipv6 on all"] = H["ring1 on all"].replace("127.0.1.1", "::1").replace("127.0.1.2", "fd00::2").replace("127.0.1.3", "fd00::3")
H["ring1 missing on one"] = r(H["ring1 on all"], "        ring1_addr: 127.0.1.3\n", "")
H["ring2 without ring1"] = H["ring1 on all"].replace("ring1_addr", "ring2_addr")
H["ring8"] = H["ring1 on all"].replace("ring1_addr", "ring8_addr")
H["ring1 no names"] = H["ring1 on all"].replace("        name: node1\n", "").replace("        name: node2\n", "").replace("        name: node3\n", "")
H["quorum_votes 2"] = r(PLAIN, "nodeid: 1", "nodeid: 1\n        quorum_votes: 2")
H["name key twice"] = r(PLAIN, "name: node1", "name: node1\n        name: alpha")
# quorum
H["provider typo"] = r(PLAIN, "corosync_votequorum", "corosync_votequorom")
H["provider votequorum"] = r(PLAIN, "corosync_votequorum", "votequorum")
H["provider empty"] = r(PLAIN, "provider: corosync_votequorum", "provider:")
H["two_node 3 nodes"] = r(PLAIN, "corosync_votequorum", "corosync_votequorum\n    two_node: 1")
H["two_node yes"] = r(TWO, "two_node: 1", "two_node: yes")
H["two_node 2"] = r(TWO, "two_node: 1", "two_node: 2")
H["two_node 0"] = r(TWO, "two_node: 1", "two_node: 0")
H["expected_votes 0"] = r(PLAIN, "corosync_votequorum", "corosync_votequorum\n    expected_votes: 0")
H["expected_votes 1"] = r(PLAIN, "corosync_votequorum", "corosync_votequorum\n    expected_votes: 1")
H["expected_votes 5"] = r(PLAIN, "corosync_votequorum", "corosync_votequorum\n    expected_votes: 5")
H["expected_votes 2 two_node"] = r(TWO, "two_node: 1", "two_node: 1\n    expected_votes: 2")
H["expected_votes 3 two_node"] = r(TWO, "two_node: 1", "two_node: 1\n    expected_votes: 3")
H["expected_votes -1"] = r(PLAIN, "corosync_votequorum", "corosync_votequorum\n    expected_votes: -1")
H["expected_votes 1.5"] = r(PLAIN, "corosync_votequorum", "corosync_votequorum\n    expected_votes: 1.5")
H["wait_for_all on"] = r(PLAIN, "corosync_votequorum", "corosync_votequorum\n    wait_for_all: on")
H["atb lms 3 nodes"] = r(PLAIN, "corosync_votequorum", "corosync_votequorum\n    auto_tie_breaker: 1\n    last_man_standing: 1")
H["atb lms 3 nodes wfa"] = r(PLAIN, "corosync_votequorum", "corosync_votequorum\n    auto_tie_breaker: 1\n    last_man_standing: 1\n    wait_for_all: 1")
H["atb two_node"] = r(TWO, "two_node: 1", "two_node: 1\n    auto_tie_breaker: 1")
H["atb node list"] = r(PLAIN, "corosync_votequorum", "corosync_votequorum\n    auto_tie_breaker: 1\n    auto_tie_breaker_node: 1 3")
H["atb node bogus"] = r(PLAIN, "corosync_votequorum", "corosync_votequorum\n    auto_tie_breaker: 1\n    auto_tie_breaker_node: first")
H["lms window small"] = r(PLAIN, "corosync_votequorum", "corosync_votequorum\n    last_man_standing: 1\n    last_man_standing_window: 100")
H["device with two_node"] = r(TWO, "two_node: 1", "two_node: 1\n    device {\n        model: net\n        votes: 1\n        net {\n            host: qnetd\n            algorithm: ffsplit\n        }\n    }")
H["device lms votes 2"] = r(PLAIN, "corosync_votequorum", "corosync_votequorum\n    device {\n        model: net\n        votes: 2\n        net {\n            host: qnetd\n            algorithm: lms\n        }\n    }")
H["device no model"] = r(PLAIN, "corosync_votequorum", "corosync_votequorum\n    device {\n        votes: 1\n    }")
H["device ffsplit 3 nodes"] = r(PLAIN, "corosync_votequorum", "corosync_votequorum\n    device {\n        model: net\n        net {\n            host: qnetd\n            algorithm: ffsplit\n        }\n    }")
H["quorum in totem"] = r(PLAIN, "transport: knet", "transport: knet\n    quorum {\n        provider: corosync_votequorum\n    }")
# totem timeouts
H["token 1000 consensus 500"] = r(PLAIN, "transport: knet", "transport: knet\n    token: 1000\n    consensus: 500")
H["token 5000 consensus 1000"] = r(PLAIN, "transport: knet", "transport: knet\n    token: 5000\n    consensus: 1000")
H["consensus < join"] = r(PLAIN, "transport: knet", "transport: knet\n    join: 2000\n    consensus: 1000")
H["token 10"] = r(PLAIN, "transport: knet", "transport: knet\n    token: 10")
H["token 3s"] = r(PLAIN, "transport: knet", "transport: knet\n    token: 3s")
H["token 3000ms"] = r(PLAIN, "transport: knet", "transport: knet\n    token: 3000ms")
H["token 3,000"] = r(PLAIN, "transport: knet", "transport: knet\n    token: 3,000")
H["token 0"] = r(PLAIN, "transport: knet", "transport: knet\n    token: 0")
H["join 10"] = r(PLAIN, "transport: knet", "transport: knet\n    join: 10")
H["merge 10"] = r(PLAIN, "transport: knet", "transport: knet\n    merge: 10")
H["downcheck 10"] = r(PLAIN, "transport: knet", "transport: knet\n    downcheck: 10")
H["token_retransmit 20"] = r(PLAIN, "transport: knet", "transport: knet\n    token_retransmit: 20")
H["hold > token"] = r(PLAIN, "transport: knet", "transport: knet\n    hold: 5000")
H["token_coefficient 0"] = r(PLAIN, "transport: knet", "transport: knet\n    token: 1000\n    token_coefficient: 0")
H["max_network_delay 10"] = r(PLAIN, "transport: knet", "transport: knet\n    max_network_delay: 10")
H["window_size 0"] = r(PLAIN, "transport: knet", "transport: knet\n    window_size: 0")
H["max_messages 0"] = r(PLAIN, "transport: knet", "transport: knet\n    max_messages: 0")
H["max_messages 300"] = r(PLAIN, "transport: knet", "transport: knet\n    max_messages: 300\n    window_size: 50")
H["send_join 1000"] = r(PLAIN, "transport: knet", "transport: knet\n    send_join: 1000")
H["fail_recv_const 0"] = r(PLAIN, "transport: knet", "transport: knet\n    fail_recv_const: 0")
H["miss_count_const 0"] = r(PLAIN, "transport: knet", "transport: knet\n    miss_count_const: 0")
H["netmtu 100"] = r(PLAIN, "transport: knet", "transport: knet\n    netmtu: 100")
H["knet_mtu 100"] = r(PLAIN, "transport: knet", "transport: knet\n    knet_mtu: 100")
H["knet_mtu 70000"] = r(PLAIN, "transport: knet", "transport: knet\n    knet_mtu: 70000")
H["seqno_unchanged 0"] = r(PLAIN, "transport: knet", "transport: knet\n    seqno_unchanged_const: 0")
# knet
H["knet compression lz4"] = r(PLAIN, "transport: knet", "transport: knet\n    knet_compression_model: lz4")
H["knet compression zlib level 10"] = r(PLAIN, "transport: knet", "transport: knet\n    knet_compression_model: zlib\n    knet_compression_level: 10")
H["knet compression bogus"] = r(PLAIN, "transport: knet", "transport: knet\n    knet_compression_model: gzip")
H["knet compression zstd"] = r(PLAIN, "transport: knet", "transport: knet\n    knet_compression_model: zstd")
H["knet compression bzip2"] = r(PLAIN, "transport: knet", "transport: knet\n    knet_compression_model: bzip2")
H["knet pmtud 0"] = r(PLAIN, "transport: knet", "transport: knet\n    knet_pmtud_interval: 0")
H["link_mode active"] = r(PLAIN, "transport: knet", "transport: knet\n    link_mode: active")
H["link_mode Passive"] = r(PLAIN, "transport: knet", "transport: knet\n    link_mode: Passive")
H["rrp_mode passive"] = r(PLAIN, "transport: knet", "transport: knet\n    rrp_mode: passive")
H["knet interface ping"] = r(PLAIN, "transport: knet", "transport: knet\n    interface {\n        linknumber: 0\n        knet_ping_interval: 1000\n        knet_ping_timeout: 500\n        knet_pong_count: 2\n    }")
H["knet interface ping timeout small"] = r(PLAIN, "transport: knet", "transport: knet\n    interface {\n        linknumber: 0\n        knet_ping_interval: 1000\n        knet_ping_timeout: 100\n    }")
H["knet interface transport tcp"] = r(PLAIN, "transport: knet", "transport: knet\n    interface {\n        linknumber: 0\n        knet_transport: tcp\n    }")
H["knet interface sctp"] = r(PLAIN, "transport: knet", "transport: knet\n    interface {\n        linknumber: 0\n        knet_transport: sctp\n    }")
H["knet interface priority"] = r(H["ring1 on all"], "transport: knet", "transport: knet\n    link_mode: passive\n    interface {\n        linknumber: 0\n        knet_link_priority: 10\n    }\n    interface {\n        linknumber: 1\n        knet_link_priority: 20\n    }")
H["knet interface ringnumber"] = r(PLAIN, "transport: knet", "transport: knet\n    interface {\n        ringnumber: 0\n        knet_link_priority: 10\n    }")
H["knet interface mcastport"] = r(PLAIN, "transport: knet", "transport: knet\n    interface {\n        linknumber: 0\n        mcastport: 5420\n    }")
H["knet interface ttl"] = r(PLAIN, "transport: knet", "transport: knet\n    interface {\n        linknumber: 0\n        ttl: 2\n    }")
H["knet interface bindnetaddr"] = r(PLAIN, "transport: knet", "transport: knet\n    interface {\n        linknumber: 0\n        bindnetaddr: 127.0.0.0\n    }")
H["knet interface no linknumber"] = r(PLAIN, "transport: knet", "transport: knet\n    interface {\n        knet_link_priority: 5\n    }")
H["knet interface link1 without ring1"] = r(PLAIN, "transport: knet", "transport: knet\n    interface {\n        linknumber: 1\n        knet_link_priority: 5\n    }")
H["knet interface empty"] = r(PLAIN, "transport: knet", "transport: knet\n    interface {\n    }")
H["knet interface two same link"] = r(PLAIN, "transport: knet", "transport: knet\n    interface {\n        linknumber: 0\n        knet_ping_interval: 1000\n    }\n    interface {\n        linknumber: 0\n        knet_ping_timeout: 2000\n    }")
# crypto
H["crypto no key"] = PCS
H["crypto cipher only"] = r(PLAIN, "transport: knet", "transport: knet\n    crypto_cipher: aes256")
H["crypto hash only"] = r(PLAIN, "transport: knet", "transport: knet\n    crypto_hash: sha1")
H["crypto hash md5 cipher none"] = r(PLAIN, "transport: knet", "transport: knet\n    crypto_cipher: none\n    crypto_hash: md5")
H["crypto none none"] = r(PLAIN, "transport: knet", "transport: knet\n    crypto_cipher: none\n    crypto_hash: none")
H["crypto aes128 sha512"] = r(PLAIN, "transport: knet", "transport: knet\n    crypto_cipher: aes128\n    crypto_hash: sha512")
H["crypto 3des"] = r(PLAIN, "transport: knet", "transport: knet\n    crypto_cipher: 3des\n    crypto_hash: sha1")
H["crypto blowfish"] = r(PLAIN, "transport: knet", "transport: knet\n    crypto_cipher: blowfish\n    crypto_hash: sha1")
H["crypto sha3"] = r(PLAIN, "transport: knet", "transport: knet\n    crypto_cipher: aes256\n    crypto_hash: sha3")
H["crypto model openssl"] = r(PCS, "transport: knet", "transport: knet\n    crypto_model: openssl")
H["crypto model bogus"] = r(PCS, "transport: knet", "transport: knet\n    crypto_model: gnutls")
H["secauth on"] = r(PLAIN, "transport: knet", "transport: knet\n    secauth: on")
H["secauth on udpu"] = r(UDPU, "transport: udpu", "transport: udpu\n    secauth: on")
H["secauth off with cipher"] = r(PCS, "transport: knet", "transport: knet\n    secauth: off")
H["keyfile elsewhere"] = r(PCS, "transport: knet", "transport: knet\n    keyfile: /etc/corosync/corosync.key")
H["crypto udp"] = PCS.replace("transport: knet", "transport: udp")
H["crypto udp none"] = UDP.replace("transport: udp", "transport: udp\n    crypto_cipher: none\n    crypto_hash: none")
# udp interfaces
UDPI = UDP.replace("transport: udp", "transport: udp\n    interface {\n        ringnumber: 0\n        bindnetaddr: 127.0.0.0\n        mcastaddr: 239.255.1.1\n        mcastport: 5405\n    }")
H["udp interface"] = UDPI
H["udp interface linknumber"] = UDPI.replace("ringnumber", "linknumber")
H["udp mcastaddr unicast"] = r(UDPI, "239.255.1.1", "10.0.0.1")
H["udp mcastaddr 224.0.0.1"] = r(UDPI, "239.255.1.1", "224.0.0.1")
H["udp mcastaddr ipv6"] = r(UDPI, "239.255.1.1", "ff15::1")
H["udp mcastaddr bogus"] = r(UDPI, "239.255.1.1", "239.255.1")
H["udp mcastport 0"] = r(UDPI, "mcastport: 5405", "mcastport: 0")
H["udp mcastport 70000"] = r(UDPI, "mcastport: 5405", "mcastport: 70000")
H["udp no mcastport"] = r(UDPI, "        mcastport: 5405\n", "")
H["udp no mcastaddr"] = r(UDPI, "        mcastaddr: 239.255.1.1\n", "")
H["udp no mcastaddr no cluster_name"] = r(H["udp no mcastaddr"], "    cluster_name: mycluster\n", "")
H["udp no cluster_name"] = r(UDP, "    cluster_name: mycluster\n", "")
H["udp bindnetaddr 10.0.0.0"] = r(UDPI, "bindnetaddr: 127.0.0.0", "bindnetaddr: 10.0.0.0")
H["udp bindnetaddr host"] = r(UDPI, "bindnetaddr: 127.0.0.0", "bindnetaddr: 127.0.0.1")
H["udp bindnetaddr bogus"] = r(UDPI, "bindnetaddr: 127.0.0.0", "bindnetaddr: 127.0.0")
H["udp broadcast"] = r(UDPI, "        mcastaddr: 239.255.1.1\n", "        broadcast: yes\n")
H["udp broadcast and mcast"] = r(UDPI, "        mcastaddr: 239.255.1.1\n", "        broadcast: yes\n        mcastaddr: 239.255.1.1\n")
H["udp ttl 5"] = r(UDPI, "mcastport: 5405", "mcastport: 5405\n        ttl: 5")
H["udp ttl 256"] = r(UDPI, "mcastport: 5405", "mcastport: 5405\n        ttl: 256")
H["udp two interfaces"] = r(UDPI, "    }\n}", "    }\n    interface {\n        ringnumber: 1\n        bindnetaddr: 127.0.1.0\n        mcastaddr: 239.255.2.1\n        mcastport: 5407\n    }\n}")
H["udp interface no nodelist"] = UDPI[:UDPI.index("nodelist")] + UDPI[UDPI.index("quorum"):]
H["udpu interface bindnet"] = UDPU.replace("transport: udpu", "transport: udpu\n    interface {\n        ringnumber: 0\n        bindnetaddr: 127.0.0.0\n        mcastport: 5405\n    }")
H["udpu member section"] = UDPU.replace("transport: udpu", "transport: udpu\n    interface {\n        ringnumber: 0\n        bindnetaddr: 127.0.0.0\n        member {\n            memberaddr: 127.0.0.2\n        }\n    }")
H["udpu ttl"] = UDPU.replace("transport: udpu", "transport: udpu\n    interface {\n        ringnumber: 0\n        ttl: 3\n    }")
H["udp link priority"] = UDP.replace("transport: udp", "transport: udp\n    interface {\n        ringnumber: 0\n        knet_link_priority: 3\n    }")
H["udp ipv4-mapped"] = r(UDP, "127.0.0.2", "::ffff:127.0.0.2")
H["knet ipv4-mapped"] = r(PLAIN, "127.0.0.2", "::ffff:127.0.0.2")
H["knet ipv4-mapped local"] = r(PLAIN, "127.0.0.1", "::ffff:127.0.0.1")
H["udpu ipv4-mapped local"] = r(UDPU, "127.0.0.1", "::ffff:127.0.0.1")
H["knet all ipv4-mapped"] = PLAIN.replace("127.0.0.", "::ffff:127.0.0.")
H["udp ip_version ipv6 v4 nodes"] = r(UDP, "transport: udp", "transport: udp\n    ip_version: ipv6")
H["udp ipv6 nodes"] = H["ipv6 all"].replace("transport: knet", "transport: udp")
# logging
H["logfile relative"] = r(PLAIN, "logfile: /var/log/corosync/corosync.log", "logfile: corosync.log")
H["logfile missing dir"] = r(PLAIN, "logfile: /var/log/corosync/corosync.log", "logfile: /var/log/cluster/corosync.log")
H["to_logfile yes no logfile"] = r(PLAIN, "    logfile: /var/log/corosync/corosync.log\n", "")
H["to_logfile true"] = r(PLAIN, "to_logfile: yes", "to_logfile: true")
H["to_syslog 1"] = r(PLAIN, "to_syslog: yes", "to_syslog: 1")
H["timestamp hires"] = r(PLAIN, "timestamp: on", "timestamp: hires")
H["timestamp yes"] = r(PLAIN, "timestamp: on", "timestamp: yes")
H["debug on"] = r(PLAIN, "timestamp: on", "timestamp: on\n    debug: on")
H["debug yes"] = r(PLAIN, "timestamp: on", "timestamp: on\n    debug: yes")
H["fileline yes"] = r(PLAIN, "timestamp: on", "timestamp: on\n    fileline: yes")
H["syslog_facility local8"] = r(PLAIN, "timestamp: on", "timestamp: on\n    syslog_facility: local8")
H["syslog_priority warning"] = r(PLAIN, "timestamp: on", "timestamp: on\n    syslog_priority: warning")
H["syslog_priority warn"] = r(PLAIN, "timestamp: on", "timestamp: on\n    syslog_priority: warn")
H["logger_subsys QUORUM debug"] = r(PLAIN, "timestamp: on", "timestamp: on\n    logger_subsys {\n        subsys: QUORUM\n        debug: on\n    }")
H["logger_subsys no subsys"] = r(PLAIN, "timestamp: on", "timestamp: on\n    logger_subsys {\n        debug: on\n    }")
H["logger_subsys debug maybe"] = r(PLAIN, "timestamp: on", "timestamp: on\n    logger_subsys {\n        subsys: QUORUM\n        debug: maybe\n    }")
H["to_stderr no"] = r(PLAIN, "timestamp: on", "timestamp: on\n    to_stderr: no")
H["logging section twice"] = PLAIN + "logging {\n    debug: off\n}\n"
# other sections
H["totem twice"] = PLAIN + "totem {\n    token: 5000\n}\n"
H["totem twice version"] = PLAIN + "totem {\n    version: 3\n}\n"
H["quorum twice"] = PLAIN + "quorum {\n    expected_votes: 3\n}\n"
H["nodelist twice"] = PLAIN + "nodelist {\n    node {\n        ring0_addr: 127.0.0.4\n        name: node4\n        nodeid: 4\n    }\n}\n"
H["system section"] = PLAIN + "system {\n    allow_knet_handle_fallback: yes\n}\n"
H["aisexec section"] = PLAIN + "aisexec {\n    user: root\n    group: root\n}\n"
H["amf section"] = PLAIN + "amf {\n    mode: disabled\n}\n"
H["service pacemaker"] = PLAIN + "service {\n    name: pacemaker\n    ver: 0\n}\n"
H["uidgid hacluster"] = PLAIN + "uidgid {\n    uid: hacluster\n    gid: haclient\n}\n"
H["uidgid unknown user"] = PLAIN + "uidgid {\n    uid: pacemaker\n}\n"
H["uidgid numeric"] = PLAIN + "uidgid {\n    uid: 189\n    gid: 189\n}\n"
H["resources watchdog"] = PLAIN + "resources {\n    watchdog_timeout: 5\n}\n"
H["resources watchdog 1"] = PLAIN + "resources {\n    watchdog_timeout: 1\n}\n"
H["nodelist inside totem"] = r(PLAIN, "    transport: knet\n}\n\nnodelist {", "    transport: knet\n\nnodelist {").replace("    }\n}\n\nquorum", "    }\n}\n}\n\nquorum", 1)
H["include"] = "include /etc/corosync/conf.d/*.conf\n" + PLAIN
H["config_version"] = r(PLAIN, "version: 2", "version: 2\n    config_version: 3")
H["nodeid in totem"] = r(PLAIN, "transport: knet", "transport: knet\n    nodeid: 1")
H["cluster_uuid"] = r(PLAIN, "transport: knet", "transport: knet\n    cluster_uuid: 1a2b3c")
H["threads 4"] = r(PLAIN, "transport: knet", "transport: knet\n    threads: 4")
H["block_unlisted_ips no"] = r(PLAIN, "transport: knet", "transport: knet\n    block_unlisted_ips: no")
H["vsftype ykd"] = r(PLAIN, "transport: knet", "transport: knet\n    vsftype: ykd")
H["two node one listed"] = TWO.replace("""
    node {
        ring0_addr: 127.0.0.2
        name: node2
        nodeid: 2
    }
""", "")
H["one node no local"] = r(H["two node one listed"], "127.0.0.1", "127.0.0.5")
H["local node not listed"] = PLAIN.replace("127.0.0.1", "127.0.0.4")
H["5 nodes"] = r(PLAIN, "    }\n}\n\nquorum", "    }\n    node {\n        ring0_addr: 127.0.0.4\n        name: node4\n        nodeid: 4\n    }\n    node {\n        ring0_addr: 127.0.0.5\n        name: node5\n        nodeid: 5\n    }\n}\n\nquorum")
H["two_node 4 nodes"] = r(H["5 nodes"], "corosync_votequorum", "corosync_votequorum\n    two_node: 1")

# IPv4-mapped addresses under every transport and ip_version
for t in ("udp", "udpu", "knet"):
    base = PLAIN.replace("transport: knet", f"transport: {t}")
    H[f"{t} mapped local"] = r(base, "127.0.0.1", "::ffff:127.0.0.1")
    H[f"{t} mapped other"] = r(base, "127.0.0.2", "::ffff:127.0.0.2")
    H[f"{t} all mapped"] = base.replace("127.0.0.", "::ffff:127.0.0.")
    for v in ("ipv4", "ipv6", "ipv4-6", "ipv6-4"):
        H[f"{t} {v} mapped other"] = r(H[f"{t} mapped other"], f"transport: {t}", f"transport: {t}\n    ip_version: {v}")
        H[f"{t} {v} mapped local"] = r(H[f"{t} mapped local"], f"transport: {t}", f"transport: {t}\n    ip_version: {v}")

# bytes, lengths and odd characters (round 4): coroparse works on bytes, fgets into 512 of them
LINE = "    cluster_name: mycluster"
H["no-break space after brace"] = r(PLAIN, "totem {", "totem {\u00a0")
H["no-break space after value"] = r(PLAIN, "version: 2", "version: 2\u00a0")
H["no-break space before key"] = r(PLAIN, "    version: 2", "\u00a0version: 2")
H["byte order mark"] = "\ufeff" + PLAIN
H["NUL inside a line"] = r(PLAIN, "version: 2", "version: 2\x00 and more")
H["NUL starting a line"] = r(PLAIN, "    version: 2", "\x00    version: 2")
H["NUL at the very end"] = PLAIN.rstrip("\n") + "\x00"
H["CR only line ends"] = PLAIN.replace("\n", "\r")
H["line of 510 bytes"] = r(PLAIN, LINE, LINE + "x" * (510 - len(LINE)))
H["line of 510 bytes plus CR"] = r(PLAIN, LINE, LINE + "x" * (510 - len(LINE)) + "\r")
H["line of 511 bytes"] = r(PLAIN, LINE, LINE + "x" * (511 - len(LINE)))
H["line of 512 bytes in umlauts"] = r(PLAIN, LINE, LINE + "\u00fc" * ((512 - len(LINE)) // 2))
H["unicode cluster_name"] = r(PLAIN, "cluster_name: mycluster", "cluster_name: кластер")
H["unicode key"] = r(PLAIN, "cluster_name: mycluster", "clüster_name: mycluster")
H["unicode section"] = PLAIN + "sectiön {\n    key: value\n}\n"
H["key of 248 in totem"] = r(PLAIN, "    version: 2", "    version: 2\n    " + "k" * 248 + ": 1")
H["key of 249 in totem"] = r(PLAIN, "    version: 2", "    version: 2\n    " + "k" * 249 + ": 1")
H["key of 253 at the top"] = "k" * 253 + ": 1\n" + PLAIN
H["key of 254 at the top"] = "k" * 254 + ": 1\n" + PLAIN
H["section of 249 in totem"] = r(PLAIN, "    version: 2", "    version: 2\n    " + "s" * 249 + " {\n    }")
H["section of 254 at the top"] = "s" * 254 + " {\n}\n" + PLAIN
H["key of 240 in a nested section"] = PLAIN + "a {\n    b {\n        " + "k" * 240 + ": 1\n    }\n}\n"
# sections inside nodes, empty nodes: every section's end in a node moves to the next node number
H["empty subsection inside the last node"] = r(PLAIN, "        ring0_addr: 127.0.0.3\n", "        ring0_addr: 127.0.0.3\n        x {\n        }\n")
H["subsection with an address inside a node"] = r(PLAIN, "        ring0_addr: 127.0.0.3\n", "        ring0_addr: 127.0.0.3\n        node {\n            ring0_addr: 127.0.0.6\n        }\n")
H["empty subsection inside the local node"] = r(PLAIN, "        ring0_addr: 127.0.0.1\n", "        ring0_addr: 127.0.0.1\n        x {\n        }\n")
H["subsection closing a node"] = r(PLAIN, "        nodeid: 2\n", "        nodeid: 2\n        x {\n        }\n")
H["subsection opening a node"] = r(PLAIN, "        ring0_addr: 127.0.0.2\n", "        x {\n        }\n        ring0_addr: 127.0.0.2\n")
H["empty first node"] = r(PLAIN, "nodelist {\n", "nodelist {\n    node {\n    }\n")
H["empty last node"] = r(PLAIN, "    }\n}\n\nquorum", "    }\n    node {\n    }\n}\n\nquorum")
H["udpu empty subsection in a node"] = r(UDPU, "        ring0_addr: 127.0.0.3\n", "        ring0_addr: 127.0.0.3\n        x {\n        }\n")
# resources: typed by key name in the state of the enclosing known section
H["resources poll_period at the top"] = PLAIN + "resources {\n    poll_period: x\n}\n"
H["resources system poll_period"] = PLAIN + "resources {\n    system {\n        poll_period: x\n    }\n}\n"
H["resources process memory_used poll_period"] = PLAIN + "resources {\n    process {\n        memory_used {\n            poll_period: 10000\n        }\n    }\n}\n"
H["resources watchdog in a subsection"] = PLAIN + "resources {\n    x {\n        watchdog_timeout: abc\n    }\n}\n"
H["resources watchdog under system"] = PLAIN + "resources {\n    system {\n        watchdog_timeout: abc\n    }\n}\n"
H["qb ipc_type bogus"] = PLAIN + "qb {\n    ipc_type: pipe\n}\n"
H["nozzle section"] = PLAIN + "nozzle {\n    name: noz0\n    ipaddr: 192.168.100.1\n    ipprefix: 24\n    macaddr: 00:00:00:00:00:01\n}\n"
H["nozzle bogus values"] = PLAIN + "nozzle {\n    ipprefix: x\n    macaddr: x\n}\n"
# key files a node has that are not keys
H["keyfile /dev/null"] = r(PCS, "transport: knet", "transport: knet\n    keyfile: /dev/null")
H["keyfile /dev/zero"] = r(PCS, "transport: knet", "transport: knet\n    keyfile: /dev/zero")
H["keyfile a directory"] = r(PCS, "transport: knet", "transport: knet\n    keyfile: /var/lib/corosync/")
H["keyfile /tmp"] = r(PCS, "transport: knet", "transport: knet\n    keyfile: /tmp")
# keys in the wrong section
H["two_node in totem"] = r(TWO, "transport: knet", "transport: knet\n    two_node: x")
H["token in quorum"] = r(PLAIN, "corosync_votequorum", "corosync_votequorum\n    token: x")
H["nodeid in quorum"] = r(PLAIN, "corosync_votequorum", "corosync_votequorum\n    nodeid: x")
H["linknumber in totem"] = r(PLAIN, "transport: knet", "transport: knet\n    linknumber: x")
H["quorum_votes in quorum"] = r(PLAIN, "corosync_votequorum", "corosync_votequorum\n    quorum_votes: x")
H["to_syslog in totem"] = r(PLAIN, "transport: knet", "transport: knet\n    to_syslog: maybe")
H["ring0_addr in an interface"] = r(PLAIN, "transport: knet", "transport: knet\n    interface {\n        linknumber: 0\n        ring0_addr: 127.0.0.9\n    }")
H["expected_votes in a node"] = r(PLAIN, "nodeid: 2", "nodeid: 2\n        expected_votes: x")
H["device votes in quorum.device.net"] = r(PLAIN, "corosync_votequorum", "corosync_votequorum\n    device {\n        model: net\n        net {\n            votes: x\n            host: qnetd\n        }\n    }")
H["knet_link_priority in totem"] = r(PLAIN, "transport: knet", "transport: knet\n    knet_link_priority: x")
H["sched_rr in totem"] = r(PLAIN, "transport: knet", "transport: knet\n    sched_rr: x")

# round 6: how corosync finds the local node (exact text first, then getaddrinfo, nodes in key order), knet
# links and options, interface sections without a nodelist, udp/udpu with crypto, mixed address families,
# quorum devices, totem values at their bounds, duplicate keys, comments and braces, unknown sections
def nodes_file(entries: list[list[tuple[str, str]]], transport: str = "knet", extra: str = "") -> str:
    ns = "".join("    node {\n" + "".join(f"        {k}: {v}\n" for k, v in n) + "    }\n" for n in entries)
    return (f"totem {{\n    version: 2\n    cluster_name: mycluster\n    transport: {transport}\n{extra}}}\n\n"
            f"nodelist {{\n{ns}}}\n\nquorum {{\n    provider: corosync_votequorum\n}}\n\n"
            "logging {\n    to_syslog: yes\n    timestamp: on\n}\n")

# how corosync finds the local node (find_local_node): exact text first, then getaddrinfo
H["local 127.1 before 127.0.0.1 with ring1"] = nodes_file([[("ring0_addr", "127.1"), ("ring1_addr", "127.0.1.1"), ("name", "a"), ("nodeid", "1")], [("ring0_addr", "127.0.0.1"), ("name", "b"), ("nodeid", "2")]])
H["local 0::1 before ::1, second without nodeid"] = nodes_file([[("ring0_addr", "0::1"), ("name", "a"), ("nodeid", "1")], [("ring0_addr", "::1"), ("name", "b")]])
H["local 127.1 first without nodeid"] = nodes_file([[("ring0_addr", "127.1"), ("name", "a")], [("ring0_addr", "127.0.0.1"), ("name", "b"), ("nodeid", "2")]])
H["local ring0 localhost before name localhost"] = nodes_file([[("ring0_addr", "localhost"), ("name", "a"), ("nodeid", "1")], [("ring0_addr", "127.0.0.2"), ("name", "localhost")]])
H["local ring0 localhost without nodeid before name localhost"] = nodes_file([[("ring0_addr", "localhost"), ("name", "a")], [("ring0_addr", "127.0.0.2"), ("name", "localhost"), ("nodeid", "2")]])
H["local name 127.0.0.1 without nodeid"] = nodes_file([[("ring0_addr", "127.0.0.5"), ("name", "127.0.0.1")], [("ring0_addr", "127.0.0.2"), ("name", "b"), ("nodeid", "2")]])
H["local 2130706433 first without nodeid"] = nodes_file([[("ring0_addr", "2130706433"), ("name", "a")], [("ring0_addr", "127.0.0.1"), ("name", "b"), ("nodeid", "2")]])
H["local ::1 text before 127.1"] = nodes_file([[("ring0_addr", "127.1"), ("name", "a")], [("ring0_addr", "::1"), ("name", "b"), ("nodeid", "2")]])
H["local name ::1 before ring0 0::1"] = nodes_file([[("ring0_addr", "0::1"), ("name", "a")], [("ring0_addr", "127.0.0.3"), ("name", "::1"), ("nodeid", "2")]])
H["local 0x7f.1 only, no nodeid"] = nodes_file([[("ring0_addr", "127.0.0.2"), ("name", "a"), ("nodeid", "1")], [("ring0_addr", "0x7f.1"), ("name", "b")]])
H["local eleven nodes, none local, tenth without nodeid"] = nodes_file([[("ring0_addr", f"127.0.0.{i + 2}"), ("name", f"n{i}")] + ([] if i == 9 else [("nodeid", str(i + 1))]) for i in range(11)])
H["local eleven nodes, last local without nodeid"] = nodes_file([[("ring0_addr", "127.0.0.1" if i == 10 else f"127.0.0.{i + 2}"), ("name", f"n{i}")] + ([] if i == 10 else [("nodeid", str(i + 1))]) for i in range(11)])
H["local eleven nodes, two without nodeid"] = nodes_file([[("ring0_addr", "127.0.0.1" if i == 0 else f"127.0.0.{i + 2}"), ("name", f"n{i}")] + ([] if i in (2, 10) else [("nodeid", str(i + 1))]) for i in range(11)])
H["local udpu 127.1 and 127.0.0.1 same generated id"] = nodes_file([[("ring0_addr", "127.1"), ("name", "a")], [("ring0_addr", "127.0.0.1"), ("name", "b")]], transport="udpu")
# knet links
H["knet link 7 on all"] = PLAIN.replace("ring0_addr: 127.0.0.1", "ring0_addr: 127.0.0.1\n        ring7_addr: 127.0.7.1").replace("ring0_addr: 127.0.0.2", "ring0_addr: 127.0.0.2\n        ring7_addr: 127.0.7.2").replace("ring0_addr: 127.0.0.3", "ring0_addr: 127.0.0.3\n        ring7_addr: 127.0.7.3")
H["knet link 1 ipv6 beside ipv4"] = PLAIN.replace("ring0_addr: 127.0.0.1", "ring0_addr: 127.0.0.1\n        ring1_addr: ::1").replace("ring0_addr: 127.0.0.2", "ring0_addr: 127.0.0.2\n        ring1_addr: fd00::1:2").replace("ring0_addr: 127.0.0.3", "ring0_addr: 127.0.0.3\n        ring1_addr: fd00::1:3")
H["knet link 0 mixed families"] = r(PLAIN, "ring0_addr: 127.0.0.2", "ring0_addr: fd00::1:2")
H["knet ipv4 links, ip_version ipv6"] = r(PLAIN, "transport: knet", "transport: knet\n    ip_version: ipv6")
H["knet ipv6 node, ip_version ipv4"] = r(r(PLAIN, "transport: knet", "transport: knet\n    ip_version: ipv4"), "ring0_addr: 127.0.0.3", "ring0_addr: fd00::3")
H["knet ipv4-6 mixed"] = r(r(PLAIN, "transport: knet", "transport: knet\n    ip_version: ipv4-6"), "ring0_addr: 127.0.0.3", "ring0_addr: fd00::3")
H["knet ping precision 0"] = r(PLAIN, "transport: knet", "transport: knet\n    interface {\n        linknumber: 0\n        knet_ping_precision: 0\n    }")
H["knet pong count 0"] = r(PLAIN, "transport: knet", "transport: knet\n    interface {\n        linknumber: 0\n        knet_pong_count: 0\n    }")
H["knet ping interval 0 timeout 0"] = r(PLAIN, "transport: knet", "transport: knet\n    interface {\n        linknumber: 0\n        knet_ping_interval: 0\n        knet_ping_timeout: 0\n    }")
H["knet priority 255"] = r(PLAIN, "transport: knet", "transport: knet\n    interface {\n        linknumber: 0\n        knet_link_priority: 255\n    }")
H["knet priority 256"] = r(PLAIN, "transport: knet", "transport: knet\n    interface {\n        linknumber: 0\n        knet_link_priority: 256\n    }")
H["knet mcastport 65535"] = r(PLAIN, "transport: knet", "transport: knet\n    interface {\n        linknumber: 0\n        mcastport: 65535\n    }")
H["knet interface linknumber 8"] = r(PLAIN, "transport: knet", "transport: knet\n    interface {\n        linknumber: 8\n        knet_link_priority: 2\n    }")
H["knet interface broadcast"] = r(PLAIN, "transport: knet", "transport: knet\n    interface {\n        linknumber: 0\n        broadcast: yes\n    }")
H["knet interface mcastaddr"] = r(PLAIN, "transport: knet", "transport: knet\n    interface {\n        linknumber: 0\n        mcastaddr: 239.255.1.1\n    }")
# interface sections without a nodelist
NONODES = PLAIN[:PLAIN.index("nodelist {")] + PLAIN[PLAIN.index("quorum {"):]
H["knet interface bindnetaddr, no nodelist"] = r(NONODES, "transport: knet", "transport: knet\n    interface {\n        linknumber: 0\n        bindnetaddr: 127.0.0.1\n    }")
H["udp interface, no nodelist"] = r(NONODES, "transport: knet", "transport: udp\n    interface {\n        ringnumber: 0\n        bindnetaddr: 127.0.0.0\n        mcastaddr: 239.255.1.1\n        mcastport: 5405\n    }")
H["udpu interface members, no nodelist"] = r(NONODES, "transport: knet", "transport: udpu\n    interface {\n        ringnumber: 0\n        bindnetaddr: 127.0.0.0\n        member {\n            memberaddr: 127.0.0.1\n        }\n        member {\n            memberaddr: 127.0.0.2\n        }\n    }")
H["udp no interface, no nodelist"] = r(NONODES, "transport: knet", "transport: udp")
H["udp nodeid in totem, no nodelist"] = r(NONODES, "transport: knet", "transport: udp\n    nodeid: 1\n    interface {\n        ringnumber: 0\n        bindnetaddr: 127.0.0.1\n        mcastaddr: 239.255.1.1\n    }")
# udp / udpu with crypto
H["udpu crypto none sha1"] = r(UDPU, "transport: udpu", "transport: udpu\n    crypto_cipher: none\n    crypto_hash: sha1")
H["udpu secauth off"] = r(UDPU, "transport: udpu", "transport: udpu\n    secauth: off")
H["udp crypto hash only"] = r(UDP, "transport: udp", "transport: udp\n    crypto_hash: sha256")
H["udpu crypto aes256 none"] = r(UDPU, "transport: udpu", "transport: udpu\n    crypto_cipher: aes256\n    crypto_hash: none")
H["udpu crypto key inline"] = r(UDPU, "transport: udpu", "transport: udpu\n    crypto_cipher: aes256\n    crypto_hash: sha256\n    key: " + "k" * 130)
H["udp two links"] = UDP.replace("ring0_addr: 127.0.0.1", "ring0_addr: 127.0.0.1\n        ring1_addr: 127.0.1.1").replace("ring0_addr: 127.0.0.2", "ring0_addr: 127.0.0.2\n        ring1_addr: 127.0.1.2").replace("ring0_addr: 127.0.0.3", "ring0_addr: 127.0.0.3\n        ring1_addr: 127.0.1.3")
H["udpu ipv6 with nodeids"] = UDPU.replace("127.0.0.1", "::1").replace("127.0.0.2", "fd00::12").replace("127.0.0.3", "fd00::13")
H["udp ipv6 nodes (round 6)"] = UDP.replace("127.0.0.1", "::1").replace("127.0.0.2", "fd00::12").replace("127.0.0.3", "fd00::13")
# quorum and devices
DEV = "corosync_votequorum\n    device {\n        model: net\n        votes: 1\n        net {\n            host: 127.0.0.9\n            algorithm: ffsplit\n        }\n    }"
H["device net"] = r(PLAIN, "corosync_votequorum", DEV)
H["device without model"] = r(PLAIN, "corosync_votequorum", DEV.replace("        model: net\n", ""))
H["device model disk"] = r(PLAIN, "corosync_votequorum", DEV.replace("model: net", "model: disk"))
H["device votes 0"] = r(PLAIN, "corosync_votequorum", DEV.replace("votes: 1", "votes: 0"))
H["device timeout small"] = r(PLAIN, "corosync_votequorum", DEV.replace("votes: 1", "votes: 1\n        timeout: 100\n        sync_timeout: 50"))
H["device with two_node (round 6)"] = r(TWO, "two_node: 1", "two_node: 1\n" + DEV.split("\n", 1)[1])
H["device with expected_votes"] = r(PLAIN, "corosync_votequorum", DEV + "\n    expected_votes: 4")
H["device without votes, expected_votes"] = r(PLAIN, "corosync_votequorum", DEV.replace("        votes: 1\n", "") + "\n    expected_votes: 4")
H["device with last_man_standing"] = r(PLAIN, "corosync_votequorum", DEV + "\n    last_man_standing: 1")
H["device with auto_tie_breaker"] = r(PLAIN, "corosync_votequorum", DEV + "\n    auto_tie_breaker: 1")
H["device votes too high"] = r(PLAIN, "corosync_votequorum", DEV.replace("votes: 1", "votes: 3") + "\n    expected_votes: 4")
H["wait_for_all 0 with two_node"] = r(TWO, "two_node: 1", "two_node: 1\n    wait_for_all: 0")
H["expected_votes 0 (round 6)"] = r(PLAIN, "corosync_votequorum", "corosync_votequorum\n    expected_votes: 0")
H["node quorum_votes 0 all"] = PLAIN.replace("nodeid: 1", "nodeid: 1\n        quorum_votes: 0").replace("nodeid: 2", "nodeid: 2\n        quorum_votes: 0").replace("nodeid: 3", "nodeid: 3\n        quorum_votes: 0")
H["quorum provider twice"] = r(PLAIN, "corosync_votequorum", "corosync_votequorum\n    provider: corosync_votequorum")
# totem values at and beyond their bounds
for key, values in {"token": ["29", "30"], "token_retransmit": ["29", "30"], "hold": ["13", "14"], "join": ["29", "30"],
                    "consensus": ["29", "30", "3000"], "merge": ["29", "30"], "downcheck": ["29", "30"],
                    "max_network_delay": ["29", "30"], "token_warning": ["100", "101"], "window_size": ["1", "4294967295"],
                    "max_messages": ["1", "4294967295"], "fail_recv_const": ["0"], "seqno_unchanged_const": ["0"],
                    "miss_count_const": ["0"], "knet_mtu": ["1", "65536"], "netmtu": ["0", "9000"], "threads": ["1"],
                    "send_join": ["0", "201"], "token_retransmits_before_loss_const": ["1", "0"],
                    "knet_compression_threshold": ["4294967295"]}.items():
    for value in values:
        H[f"totem {key} {value}"] = r(PLAIN, "transport: knet", f"transport: knet\n    {key}: {value}")
H["token 3000 consensus 3599"] = r(PLAIN, "transport: knet", "transport: knet\n    token: 3000\n    consensus: 3599")
H["token 1000 join 1000"] = r(PLAIN, "transport: knet", "transport: knet\n    token: 1000\n    join: 1000")
# duplicate keys
H["duplicate token"] = r(PLAIN, "transport: knet", "transport: knet\n    token: 10\n    token: 3000")
H["duplicate transport"] = r(PLAIN, "transport: knet", "transport: udpu\n    transport: knet")
H["duplicate nodeid in a node"] = r(PLAIN, "nodeid: 2", "nodeid: 7\n        nodeid: 2")
H["duplicate ring0_addr in a node"] = r(PLAIN, "ring0_addr: 127.0.0.2", "ring0_addr: 127.0.0.9\n        ring0_addr: 127.0.0.2")
H["duplicate version"] = r(PLAIN, "version: 2", "version: 1\n    version: 2")
H["two totem sections"] = PLAIN + "totem {\n    token: 10\n}\n"
H["two quorum sections"] = PLAIN + "quorum {\n    two_node: 1\n}\n"
# comments and braces
H["comment after opening brace"] = r(PLAIN, "totem {", "totem { # the ring")
H["hash in value"] = r(PLAIN, "cluster_name: mycluster", "cluster_name: my#cluster")
H["key without value"] = r(PLAIN, "transport: knet", "transport: knet\n    token:")
H["value with colon"] = r(PLAIN, "cluster_name: mycluster", "cluster_name: a:b")
H["two closing braces on a line"] = r(PLAIN, "    }\n}\n\nquorum", "    }}\n\nquorum")
H["indented comment with semicolon"] = r(PLAIN, "totem {", "totem {\n    ; a comment?")
H["opening brace alone after name"] = r(PLAIN, "quorum {", "quorum\n{")
H["space before colon"] = r(PLAIN, "transport: knet", "transport : knet")
H["comment line with leading tab"] = r(PLAIN, "totem {", "\t# comment\ntotem {")
H["blank line of spaces"] = r(PLAIN, "totem {", "   \ntotem {")
H["section name with space"] = r(PLAIN, "quorum {", "quorum section {")
# unknown sections
H["amf section (round 6)"] = PLAIN + "amf {\n    mode: disabled\n}\n"
H["aisexec section (round 6)"] = PLAIN + "aisexec {\n    user: root\n    group: root\n}\n"
H["service pacemaker section"] = PLAIN + "service {\n    name: pacemaker\n    ver: 1\n}\n"
H["pacemaker section"] = PLAIN + "pacemaker {\n}\n"
H["unknown nested sections"] = PLAIN + "a_b {\n    c_d {\n        e: f\n    }\n}\n"
H["udp bindnetaddr beside a nodelist"] = r(UDP, "transport: udp", "transport: udp\n    interface {\n        ringnumber: 0\n        bindnetaddr: 10.9.9.0\n    }")
H["udpu member sections beside a nodelist"] = r(UDPU, "transport: udpu", "transport: udpu\n    interface {\n        ringnumber: 0\n        member {\n            memberaddr: 127.0.0.7\n        }\n    }")
H["udpu nodeid 0"] = r(UDPU, "nodeid: 2", "nodeid: 0")
H["knet nodeid 0 on a remote node"] = r(PLAIN, "nodeid: 2", "nodeid: 0")
H["knet nodeid 65535"] = r(PLAIN, "nodeid: 2", "nodeid: 65535")
H["knet nodeid 65536 on the local node"] = r(PLAIN, "nodeid: 1", "nodeid: 65536")
H["udpu nodeid 65536"] = r(UDPU, "nodeid: 2", "nodeid: 65536")
H["ring1 only on the local node"] = r(PLAIN, "ring0_addr: 127.0.0.1", "ring0_addr: 127.0.0.1\n        ring1_addr: 127.0.1.1")
H["ring1 only on a remote node"] = r(PLAIN, "ring0_addr: 127.0.0.2", "ring0_addr: 127.0.0.2\n        ring1_addr: 127.0.1.2")
H["link 1 interface only, ring1 on all"] = H["knet link 7 on all"].replace("ring7_addr", "ring1_addr").replace("127.0.7.", "127.0.1.").replace("transport: knet", "transport: knet\n    interface {\n        linknumber: 1\n        knet_link_priority: 3\n    }")
H["device net lms tls tie_breaker"] = r(PLAIN, "corosync_votequorum", DEV.replace("algorithm: ffsplit", "algorithm: lms\n            tls: on\n            tie_breaker: highest"))
H["device heuristics section"] = r(PLAIN, "corosync_votequorum", DEV.replace("    }\n    }", "    }\n        heuristics {\n            mode: sync\n            exec_ping: /bin/true\n        }\n    }"))
H["device model net, no net section"] = r(PLAIN, "corosync_votequorum", "corosync_votequorum\n    device {\n        model: net\n        votes: 1\n    }")
H["device votes x"] = r(PLAIN, "corosync_votequorum", DEV.replace("votes: 1", "votes: x"))
H["cluster_name with spaces"] = r(PLAIN, "cluster_name: mycluster", "cluster_name: my cluster")
H["cluster_name 65 characters"] = r(PLAIN, "cluster_name: mycluster", "cluster_name: " + "c" * 65)
H["cluster_name empty (round 6)"] = r(PLAIN, "cluster_name: mycluster", "cluster_name:")
H["logger_subsys debug trace"] = r(PLAIN, "logging {", "logging {\n    logger_subsys {\n        subsys: QUORUM\n        debug: trace\n    }")
H["logger_subsys without subsys"] = r(PLAIN, "logging {", "logging {\n    logger_subsys {\n        debug: maybe\n    }")
H["ring0_addr with port"] = r(PLAIN, "ring0_addr: 127.0.0.2", "ring0_addr: 127.0.0.2:5405")
H["ring0_addr bracketed ipv6"] = r(PLAIN, "ring0_addr: 127.0.0.2", "ring0_addr: [fd00::2:2]")
H["ring0_addr with scope"] = r(PLAIN, "ring0_addr: 127.0.0.2", "ring0_addr: fe80::2%lo")
H["ring0_addr localhost on two nodes"] = PLAIN.replace("ring0_addr: 127.0.0.1", "ring0_addr: localhost").replace("ring0_addr: 127.0.0.2", "ring0_addr: localhost")
H["name localhost on two nodes"] = PLAIN.replace("name: node1", "name: localhost").replace("name: node2", "name: localhost")
H["udp ip_version ipv6 ipv4 nodes"] = r(UDP, "transport: udp", "transport: udp\n    ip_version: ipv6")
H["udpu ipv4-mapped nodes"] = UDPU.replace("127.0.0.2", "::ffff:127.0.0.2").replace("127.0.0.3", "::ffff:127.0.0.3")
H["knet crypto model nss"] = r(PCS, "transport: knet", "transport: knet\n    crypto_model: nss")
H["knet block_unlisted_ips no"] = r(PLAIN, "transport: knet", "transport: knet\n    block_unlisted_ips: no")
H["knet compression level -1 lz4"] = r(PLAIN, "transport: knet", "transport: knet\n    knet_compression_model: lz4\n    knet_compression_level: -1")
H["knet compression threshold without model"] = r(PLAIN, "transport: knet", "transport: knet\n    knet_compression_threshold: 100")

# no node at this machine's addresses: totem read with the last node in key order, then refused
NOLOCAL = PLAIN.replace("127.0.0.1", "127.0.0.4")
H["no local node"] = NOLOCAL
H["no local node, last with ring1"] = r(NOLOCAL, "ring0_addr: 127.0.0.3", "ring0_addr: 127.0.0.3\n        ring1_addr: 127.0.1.3")
H["no local node, first with ring1"] = r(NOLOCAL, "ring0_addr: 127.0.0.4", "ring0_addr: 127.0.0.4\n        ring1_addr: 127.0.1.4")
H["no local node, last without nodeid"] = r(NOLOCAL, "        nodeid: 3\n", "")
H["no local node, first without nodeid"] = r(NOLOCAL, "        nodeid: 1\n", "")
H["no local node, udpu last ipv6 without nodeid"] = r(r(NOLOCAL.replace("transport: knet", "transport: udpu"), "ring0_addr: 127.0.0.3", "ring0_addr: fd00::3"), "        nodeid: 3\n", "")
H["no local node, version 1"] = r(NOLOCAL, "version: 2", "version: 1")
H["no local node, crypto"] = NOLOCAL.replace("transport: knet", "transport: knet\n    crypto_cipher: aes256\n    crypto_hash: sha256")
H["no local node, token 10"] = r(NOLOCAL, "transport: knet", "transport: knet\n    token: 10")
H["no local node, mixed families"] = r(NOLOCAL, "ring0_addr: 127.0.0.2", "ring0_addr: fd00::2:2")
H["no local node, duplicate nodeids"] = r(NOLOCAL, "nodeid: 2", "nodeid: 1")
H["no local node, last interface priority 0 udpu"] = r(NOLOCAL.replace("transport: knet", "transport: udpu"), "transport: udpu", "transport: udpu\n    interface {\n        linknumber: 0\n        knet_link_priority: 0\n    }")
H["no local node, link_mode bogus"] = r(NOLOCAL, "transport: knet", "transport: knet\n    link_mode: x")
H["local node third by 127.0.0.1, first ::1"] = PLAIN.replace("127.0.0.1", "::1").replace("127.0.0.3", "127.0.0.1")
H["local by name localhost, ring0 lan"] = r(PLAIN.replace("127.0.0.2", "10.0.0.2").replace("127.0.0.3", "10.0.0.3").replace("127.0.0.1", "10.0.0.1"), "name: node2", "name: localhost")
H["local localhost ring0 on node 3 only"] = PLAIN.replace("127.0.0.1", "127.0.0.5").replace("ring0_addr: 127.0.0.3", "ring0_addr: localhost")
H["twelve nodes, node 11 local, node 2 without nodeid"] = nodes_file([[("ring0_addr", "127.0.0.1" if i == 11 else f"127.0.0.{i + 2}"), ("name", f"n{i}")] + ([] if i == 2 else [("nodeid", str(i + 1))]) for i in range(12)])
H["twelve nodes udpu, no local, generated ids"] = nodes_file([[("ring0_addr", f"127.0.0.{i + 2}"), ("name", f"n{i}")] for i in range(12)], transport="udpu")
H["udpu ipv6 first node without nodeid, local is ipv4"] = r(UDPU.replace("127.0.0.2", "fd00::2:2"), "        nodeid: 2\n", "")

# logging, quorum options, odd addresses and values, quoting and braces (round 6)
H["knet bindnetaddr beside the nodelist"] = r(PLAIN, "transport: knet", "transport: knet\n    interface {\n        linknumber: 0\n        bindnetaddr: 127.0.0.9\n    }")
H["to_logfile yes without logfile"] = PLAIN.replace("logging {\n", "logging {\n    to_logfile: yes\n")
H["logfile with to_logfile no"] = PLAIN.replace("logging {\n", "logging {\n    to_logfile: no\n    logfile: /var/log/corosync/corosync.log\n")
H["syslog_facility LOCAL0"] = PLAIN.replace("logging {\n", "logging {\n    syslog_facility: LOCAL0\n")
H["syslog_priority WARNING"] = PLAIN.replace("logging {\n", "logging {\n    syslog_priority: WARNING\n")
H["logging debug trace"] = PLAIN.replace("logging {\n", "logging {\n    debug: trace\n")
H["logger_subsys KNET debug on"] = PLAIN.replace("logging {\n", "logging {\n    logger_subsys {\n        subsys: KNET\n        debug: on\n    }\n")
H["logger_subsys unknown subsys"] = PLAIN.replace("logging {\n", "logging {\n    logger_subsys {\n        subsys: NOSUCH\n        debug: on\n    }\n")
H["token 0 (round 6)"] = r(PLAIN, "transport: knet", "transport: knet\n    token: 0")
H["consensus 0"] = r(PLAIN, "transport: knet", "transport: knet\n    consensus: 0")
H["token_coefficient 0 (round 6)"] = r(PLAIN, "transport: knet", "transport: knet\n    token_coefficient: 0")
H["knet_pmtud_interval max"] = r(PLAIN, "transport: knet", "transport: knet\n    knet_pmtud_interval: 4294967295")
H["state_dir /tmp"] = PLAIN + "system {\n    state_dir: /tmp\n}\n"
H["ipv6 only with ring0 localhost"] = r(r(PLAIN, "transport: knet", "transport: knet\n    ip_version: ipv6"), "ring0_addr: 127.0.0.1", "ring0_addr: localhost")
H["empty node after the others"] = r(PLAIN, "    }\n}\n\nquorum", "    }\n    node {\n    }\n}\n\nquorum")
H["quoted value with hash"] = r(PLAIN, "cluster_name: mycluster", 'cluster_name: "my#cluster"')
H["quoted value with spaces"] = r(PLAIN, "cluster_name: mycluster", 'cluster_name: "my cluster"')
H["key in capitals"] = r(PLAIN, "transport: knet", "transport: knet\n    TOKEN: 10")
H["transport in capitals"] = r(PLAIN, "transport: knet", "transport: KNET")
H["two_node with three nodes and wait_for_all 0"] = r(PLAIN, "corosync_votequorum", "corosync_votequorum\n    two_node: 1\n    wait_for_all: 0")
H["expected_votes with device votes 2"] = r(PLAIN, "corosync_votequorum", "corosync_votequorum\n    expected_votes: 5\n    device {\n        model: net\n        votes: 2\n        net {\n            host: 127.0.0.9\n        }\n    }")
H["device net without host"] = r(PLAIN, "corosync_votequorum", "corosync_votequorum\n    device {\n        model: net\n        votes: 1\n        net {\n            algorithm: ffsplit\n        }\n    }")
H["last_man_standing window 0"] = r(PLAIN, "corosync_votequorum", "corosync_votequorum\n    last_man_standing: 1\n    last_man_standing_window: 0")
H["auto_tie_breaker node list"] = r(PLAIN, "corosync_votequorum", "corosync_votequorum\n    auto_tie_breaker: 1\n    auto_tie_breaker_node: 3 1")
H["auto_tie_breaker node unknown"] = r(PLAIN, "corosync_votequorum", "corosync_votequorum\n    auto_tie_breaker: 1\n    auto_tie_breaker_node: 9")
H["allow_downscale with device"] = r(PLAIN, "corosync_votequorum", "corosync_votequorum\n    allow_downscale: 1\n    device {\n        model: net\n        votes: 1\n        net {\n            host: 127.0.0.9\n        }\n    }")
H["nodeid 1 on two nodes udpu"] = r(UDPU, "nodeid: 2", "nodeid: 1")
H["generated nodeid equal to an explicit one"] = r(r(UDPU, "        nodeid: 2\n", ""), "nodeid: 3", "nodeid: 2130706434")
H["ring0 0.0.0.0"] = r(PLAIN, "ring0_addr: 127.0.0.3", "ring0_addr: 0.0.0.0")
H["ring0 255.255.255.255"] = r(PLAIN, "ring0_addr: 127.0.0.3", "ring0_addr: 255.255.255.255")
H["ring0 multicast address"] = r(PLAIN, "ring0_addr: 127.0.0.3", "ring0_addr: 239.1.1.1")
H["ring0 :: (any)"] = r(PLAIN, "ring0_addr: 127.0.0.3", "ring0_addr: ::")
H["cluster_name unicode"] = r(PLAIN, "cluster_name: mycluster", "cluster_name: clüster")
H["comment with braces"] = r(PLAIN, "totem {", "# { not a section }\ntotem {")
H["value ending in brace"] = r(PLAIN, "cluster_name: mycluster", "cluster_name: my{cluster}")
H["closing brace after value"] = r(PLAIN, "        nodeid: 3\n    }", "        nodeid: 3 }")

# spellings of this machine's addresses (getaddrinfo: host names in any case; a scope names an interface only
# after a link-local address) and bindnetaddrs kept when nodelist.node.0 has no ring0_addr (round 6)
for spelling in ["127.000.000.001", "127.0.0.010", "127.0.0.08", "0x7f000001", "LOCALHOST", "Localhost", "localhost.",
                 "127.0.0.1.", "::127.0.0.1", "::1%lo", "0000:0000::0001", "::FFFF:127.0.0.1", "fe80::1%lo", "127.0.0.1%lo"]:
    H[f"ring0 spelled {spelling}"] = r(PLAIN, "ring0_addr: 127.0.0.1", f"ring0_addr: {spelling}")
    H[f"ring0 spelled {spelling}, no nodeid"] = r(r(PLAIN, "ring0_addr: 127.0.0.1", f"ring0_addr: {spelling}"), "        nodeid: 1\n", "")
H["name LOCALHOST, no nodeid"] = r(r(PLAIN.replace("127.0.0.1", "127.0.0.4"), "name: node2", "name: LOCALHOST"), "        nodeid: 2\n", "")
H["name equal to another node's ring0"] = r(r(PLAIN, "name: node3", "name: 127.0.0.1"), "        nodeid: 3\n", "")
H["udp ring0 LOCALHOST"] = r(UDP, "ring0_addr: 127.0.0.1", "ring0_addr: LOCALHOST")
FIRST_NO_RING0 = r(PLAIN, "        ring0_addr: 127.0.0.1\n", "").replace("ring0_addr: 127.0.0.2", "ring0_addr: 127.0.0.1")
H["bindnetaddr kept: first node without ring0, garbage"] = r(FIRST_NO_RING0, "transport: knet", "transport: knet\n    interface {\n        linknumber: 0\n        bindnetaddr: garbage\n    }")
H["bindnetaddr kept: first node without ring0, 10.0.0.0"] = r(FIRST_NO_RING0, "transport: knet", "transport: knet\n    interface {\n        linknumber: 0\n        bindnetaddr: 10.0.0.0\n    }")
H["bindnetaddr kept: first node without ring0, ::1"] = r(FIRST_NO_RING0, "transport: knet", "transport: knet\n    interface {\n        linknumber: 0\n        bindnetaddr: ::1\n    }")
H["bindnetaddr replaced: first node with ring0, garbage"] = r(PLAIN, "transport: knet", "transport: knet\n    interface {\n        linknumber: 0\n        bindnetaddr: garbage\n    }")
H["bindnetaddr on link 1 only, first node without ring0"] = r(FIRST_NO_RING0, "transport: knet", "transport: knet\n    interface {\n        linknumber: 1\n        bindnetaddr: garbage\n    }")
H["udpu bindnetaddr kept: first node without ring0"] = r(FIRST_NO_RING0.replace("transport: knet", "transport: udpu"), "transport: udpu", "transport: udpu\n    interface {\n        ringnumber: 0\n        bindnetaddr: 10.0.0.0\n    }")
H["udp bindnetaddr kept: first node without ring0, garbage"] = r(FIRST_NO_RING0.replace("transport: knet", "transport: udp"), "transport: udp", "transport: udp\n    interface {\n        ringnumber: 0\n        bindnetaddr: garbage\n        mcastaddr: 239.255.1.1\n    }")

# duplicate node ids: past 10 nodes a node is compared only with the nodes before it in key order up to the
# first with a higher position (round 6)
H["udpu explicit nodeid equal to a later generated one"] = r(r(UDPU, "nodeid: 1", "nodeid: 2130706435"), "        nodeid: 3\n", "")
H["udpu two generated nodeids equal"] = r(r(r(UDPU, "ring0_addr: 127.0.0.3", "ring0_addr: 127.0.0.2"), "        nodeid: 3\n", ""), "        nodeid: 2\n", "")
H["udp explicit nodeid equal to a later generated one"] = r(r(UDP, "nodeid: 1", "nodeid: 2130706435"), "        nodeid: 3\n", "")
H["knet duplicate nodeid across eleven nodes"] = nodes_file([[("ring0_addr", "127.0.0.1" if i == 0 else f"127.0.0.{i + 2}"), ("name", f"n{i}"), ("nodeid", "5" if i in (4, 10) else str(i + 1))] for i in range(11)])
H["interface linknumber 01"] = r(PLAIN, "transport: knet", "transport: knet\n    interface {\n        linknumber: 01\n        knet_link_priority: 2\n    }")
H["udpu clear_node_high_bit generated ids"] = r(r(UDPU.replace("127.0.0.2", "255.0.0.2").replace("127.0.0.3", "127.0.0.3"), "transport: udpu", "transport: udpu\n    clear_node_high_bit: yes"), "        nodeid: 2\n", "")
H["knet duplicate nodeid on nodes 1 and 10 of eleven"] = nodes_file([[("ring0_addr", "127.0.0.1" if i == 0 else f"127.0.0.{i + 2}"), ("name", f"n{i}"), ("nodeid", "2" if i in (1, 10) else str(i + 1))] for i in range(11)])
H["knet duplicate nodeid on nodes 3 and 7 of eleven"] = nodes_file([[("ring0_addr", "127.0.0.1" if i == 0 else f"127.0.0.{i + 2}"), ("name", f"n{i}"), ("nodeid", "4" if i in (3, 7) else str(i + 1))] for i in range(11)])
H["knet duplicate nodeid on nodes 0 and 7 of eleven"] = nodes_file([[("ring0_addr", "127.0.0.1" if i == 0 else f"127.0.0.{i + 2}"), ("name", f"n{i}"), ("nodeid", "1" if i in (0, 7) else str(i + 1))] for i in range(11)])
H["knet duplicate nodeid on nodes 3 and 7 of ten"] = nodes_file([[("ring0_addr", "127.0.0.1" if i == 0 else f"127.0.0.{i + 2}"), ("name", f"n{i}"), ("nodeid", "4" if i in (3, 7) else str(i + 1))] for i in range(10)])
H["knet duplicate nodeid on nodes 12 and 15 of sixteen"] = nodes_file([[("ring0_addr", "127.0.0.1" if i == 0 else f"127.0.0.{i + 2}"), ("name", f"n{i}"), ("nodeid", "13" if i in (12, 15) else str(i + 1))] for i in range(16)])
H["knet duplicate nodeid on nodes 2 and 15 of sixteen"] = nodes_file([[("ring0_addr", "127.0.0.1" if i == 0 else f"127.0.0.{i + 2}"), ("name", f"n{i}"), ("nodeid", "3" if i in (2, 15) else str(i + 1))] for i in range(16)])

# eleven nodes: key order (node 10 between 1 and 2) in link families, link counts, node ids (round 6)
def eleven(change: Callable[[int, list[tuple[str, str]]], list[tuple[str, str]]]) -> str:
    return nodes_file([change(i, [("ring0_addr", "127.0.0.1" if i == 0 else f"127.0.0.{i + 2}"), ("name", f"n{i}"), ("nodeid", str(i + 1))]) for i in range(11)])
H["eleven: node 10 and 3 ipv6"] = eleven(lambda i, n: [("ring0_addr", f"fd00::{i}")] + n[1:] if i in (3, 10) else n)
H["eleven: node 10 ipv6"] = eleven(lambda i, n: [("ring0_addr", "fd00::10")] + n[1:] if i == 10 else n)
H["eleven: node 10 with ring1"] = eleven(lambda i, n: n + [("ring1_addr", "127.0.1.10")] if i == 10 else n)
H["eleven: nodes 2 and 10 with ring1"] = eleven(lambda i, n: n + [("ring1_addr", f"127.0.1.{i}")] if i in (2, 10) else n)
H["eleven: node 10 duplicate name of node 2"] = eleven(lambda i, n: [n[0], ("name", "n2"), n[2]] if i == 10 else n)
H["eleven: node 10 duplicate address of node 2"] = eleven(lambda i, n: [("ring0_addr", "127.0.0.4")] + n[1:] if i == 10 else n)
H["eleven: node 10 nodeid 65536"] = eleven(lambda i, n: n[:2] + [("nodeid", "65536")] if i == 10 else n)
H["eleven: nodes 3 and 10 nodeid 65536"] = eleven(lambda i, n: n[:2] + [("nodeid", "65536")] if i in (3, 10) else n)
H["eleven udpu: node 10 ipv6 without nodeid"] = nodes_file([[("ring0_addr", "127.0.0.1" if i == 0 else (f"fd00::{i}" if i in (3, 10) else f"127.0.0.{i + 2}")), ("name", f"n{i}")] for i in range(11)], transport="udpu")

# node ids udp/udpu generate from ring0_addr: a host name resolved (`localhost`), the high bit cleared under
# totem.clear_node_high_bit: yes (issue 13)
H["udpu localhost without nodeid"] = r(r(UDPU, "ring0_addr: 127.0.0.1", "ring0_addr: localhost"), "        nodeid: 1\n", "")
H["udpu localhost without nodeid beside 127.0.0.1"] = r(r(r(UDPU, "ring0_addr: 127.0.0.2", "ring0_addr: localhost"), "        nodeid: 1\n", ""), "        nodeid: 2\n", "")
H["udp localhost without nodeid"] = r(r(r(UDP, "ring0_addr: 127.0.0.1", "ring0_addr: localhost"), "        nodeid: 1\n", ""), "transport: udp", "transport: udp\n    mcastaddr: 239.255.1.1")
H["udpu LOCALHOST without nodeid"] = r(r(UDPU, "ring0_addr: 127.0.0.1", "ring0_addr: LOCALHOST"), "        nodeid: 1\n", "")
H["udpu localhost generated clashes with explicit nodeid"] = r(r(UDPU, "ring0_addr: 127.0.0.2", "ring0_addr: localhost"), "        nodeid: 2\n", "").replace("nodeid: 3", "nodeid: 2130706433")
H["udpu clear_node_high_bit generated ids clash"] = r(r(r(r(UDPU, "ring0_addr: 127.0.0.2", "ring0_addr: 255.0.0.1"), "transport: udpu", "transport: udpu\n    clear_node_high_bit: yes"), "        nodeid: 1\n", ""), "        nodeid: 2\n", "")
H["udpu high bit generated ids without clear_node_high_bit"] = r(r(r(UDPU, "ring0_addr: 127.0.0.2", "ring0_addr: 255.0.0.1"), "        nodeid: 1\n", ""), "        nodeid: 2\n", "")
H["udpu clear_node_high_bit no"] = r(H["udpu clear_node_high_bit generated ids clash"], "clear_node_high_bit: yes", "clear_node_high_bit: no")
H["udpu clear_node_high_bit clash with explicit nodeid"] = r(r(r(r(UDPU, "ring0_addr: 127.0.0.2", "ring0_addr: 255.0.0.1"), "transport: udpu", "transport: udpu\n    clear_node_high_bit: yes"), "        nodeid: 1\n", "        nodeid: 2130706433\n"), "        nodeid: 2\n", "")

# nodes without keys keep their position in icmap (a section's end in a node moves on to the next node number,
# an empty `node { }` takes one): the multi-link name check goes over positions, duplicate ids by key order
TWO_LINKS = PLAIN.replace("ring0_addr: 127.0.0.1", "ring0_addr: 127.0.0.1\n        ring1_addr: 127.0.1.1").replace("ring0_addr: 127.0.0.2", "ring0_addr: 127.0.0.2\n        ring1_addr: 127.0.1.2").replace("ring0_addr: 127.0.0.3", "ring0_addr: 127.0.0.3\n        ring1_addr: 127.0.1.3")
H["two links, a section nested at the end of node 1"] = r(TWO_LINKS, "        nodeid: 1\n    }", "        nodeid: 1\n        totem {\n            token: 1000\n        }\n    }")
H["two links, a section nested at the end of node 2"] = r(TWO_LINKS, "        nodeid: 2\n    }", "        nodeid: 2\n        totem {\n            token: 1000\n        }\n    }")
H["one link, a section nested at the end of node 1"] = r(PLAIN, "        nodeid: 1\n    }", "        nodeid: 1\n        totem {\n            token: 1000\n        }\n    }")
H["two links, an empty node between nodes 1 and 2"] = r(TWO_LINKS, "        nodeid: 1\n    }\n", "        nodeid: 1\n    }\n    node {\n    }\n")
H["two links, an empty node last"] = r(TWO_LINKS, "        nodeid: 3\n    }\n", "        nodeid: 3\n    }\n    node {\n    }\n")
H["an empty node first"] = r(PLAIN, "nodelist {\n", "nodelist {\n    node {\n    }\n")
H["an empty node first, udpu"] = r(UDPU, "nodelist {\n", "nodelist {\n    node {\n    }\n")
H["an empty node between nodes 1 and 2"] = r(PLAIN, "        nodeid: 1\n    }\n", "        nodeid: 1\n    }\n    node {\n    }\n")
H["eleven nodes, empty nodes 1 to 8, nodeid 9 on nodes 9 and 10"] = (
    PLAIN[:PLAIN.index("nodelist {")] + "nodelist {\n    node {\n        ring0_addr: 127.0.0.1\n        name: n0\n        nodeid: 1\n    }\n"
    + "    node {\n    }\n" * 8 + "    node {\n        ring0_addr: 127.0.0.9\n        name: n9\n        nodeid: 9\n    }\n"
    "    node {\n        ring0_addr: 127.0.0.10\n        name: n10\n        nodeid: 9\n    }\n}\n\n" + PLAIN[PLAIN.index("quorum {"):])

# a node whose only key is ring0_addr counts twice in the runtime token (measured, also as
# runtime.config.totem.token: 5600 for three such udpu nodes); a name, a nodeid or any other key: once
UDPU_NO_IDS = UDPU.replace("        nodeid: 1\n", "").replace("        nodeid: 2\n", "").replace("        nodeid: 3\n", "")
UDPU_ONLY_ADDR = UDPU_NO_IDS.replace("        name: node1\n", "").replace("        name: node2\n", "").replace("        name: node3\n", "")
H["udpu only ring0_addr, join above the runtime consensus"] = r(UDPU_ONLY_ADDR, "transport: udpu", "transport: udpu\n    join: 4294967295")
H["udpu only ring0_addr but node 2, join above the runtime consensus"] = r(r(UDPU_ONLY_ADDR, "transport: udpu", "transport: udpu\n    join: 4294967295"), "ring0_addr: 127.0.0.2", "ring0_addr: 127.0.0.2\n        quorum_votes: 1")
H["udpu only ring0_addr and an unknown key, join above the runtime consensus"] = r(UDPU_ONLY_ADDR.replace("_addr: 127.0.0.2", "_addr: 127.0.0.2\n        foo: bar"), "transport: udpu", "transport: udpu\n    join: 4294967295")
H["udp only ring0_addr, token 29 on two nodes"] = r(TWO.replace("transport: knet", "transport: udp").replace("        nodeid: 1\n", "").replace("        nodeid: 2\n", "").replace("        name: node1\n", "").replace("        name: node2\n", ""), "transport: udp", "transport: udp\n    token: 29\n    mcastaddr: 239.255.1.1")
H["udpu no nodeids, join above the runtime consensus"] = r(UDPU_NO_IDS, "transport: udpu", "transport: udpu\n    join: 4294967295")
H["udpu one nodeid, join above the runtime consensus"] = r(r(UDPU, "        nodeid: 2\n", ""), "transport: udpu", "transport: udpu\n    join: 4294967295")
H["udp no nodeids, token 29 on two nodes"] = r(r(r(TWO.replace("transport: knet", "transport: udp"), "        nodeid: 1\n", ""), "        nodeid: 2\n", ""), "transport: udp", "transport: udp\n    token: 29\n    mcastaddr: 239.255.1.1")
H["udpu no nodeids, token 29 on two nodes"] = r(r(r(TWO.replace("transport: knet", "transport: udpu"), "        nodeid: 1\n", ""), "        nodeid: 2\n", ""), "transport: udpu", "transport: udpu\n    token: 29")
H["udpu nodeids, token 29 on two nodes"] = r(TWO.replace("transport: knet", "transport: udpu"), "transport: udpu", "transport: udpu\n    token: 29")
H["udpu no nodeids, consensus 3000 below 1.2 token"] = r(UDPU_NO_IDS, "transport: udpu", "transport: udpu\n    join: 6000\n    consensus: 5000")

# corosync 3.1.7's verdicts: None = accepted, else the message it printed
EXPECTED: dict[str, str | None] = {
    'totem typo totm': 'parse error in config: This totem parser can only parse version 2 configurations.',
    'quorum typo quorom': None,
    'nodelist typo nodelists': 'parse error in config: No interfaces defined',
    'node typo nodes': None,
    'logging typo loging': None,
    'no space before brace': None,
    'brace on next line': 'parser error: /etc/corosync/corosync.conf:1: Line is not opening or closing section or key value',
    'missing final brace': 'parser error: /etc/corosync/corosync.conf:35: Missing closing brace',
    'extra final brace': 'parser error: /etc/corosync/corosync.conf:37: Unexpected closing brace',
    'missing node brace': 'parser error: /etc/corosync/corosync.conf:35: Missing closing brace',
    'section on one line': "parser error: /etc/corosync/corosync.conf:27: Extra characters after opening bracket '{'",
    'empty quorum section': None,
    'closing brace with semicolon': "parser error: /etc/corosync/corosync.conf:25: Extra characters before or after closing bracket '}'",
    'key with equals': 'parser error: /etc/corosync/corosync.conf:2: Line is not opening or closing section or key value',
    'key with tab after colon': None,
    'value quoted': None,
    'value single quoted': None,
    'comment after value': 'parser error: /etc/corosync/corosync.conf:2: Value of key "totem.version" is expected to be integer in range (0..4294967295), but "2 # always 2" was given',
    'comment after brace': "parser error: /etc/corosync/corosync.conf:1: Extra characters after opening bracket '{'",
    'semicolon comment line': 'parser error: /etc/corosync/corosync.conf:1: Line is not opening or closing section or key value',
    'hash comment indented': None,
    'CRLF': None,
    'CRLF two node': None,
    'tabs': None,
    'trailing garbage line': 'parser error: /etc/corosync/corosync.conf:37: Line is not opening or closing section or key value',
    'trailing garbage after brace': "parser error: /etc/corosync/corosync.conf:24: Extra characters before or after closing bracket '}'",
    'no newline at end': None,
    'empty file': 'parse error in config: No interfaces defined',
    'only comments': 'parse error in config: No interfaces defined',
    'uppercase section': 'parse error in config: This totem parser can only parse version 2 configurations.',
    'uppercase key': 'parse error in config: This totem parser can only parse version 2 configurations.',
    'value trailing spaces': None,
    'value trailing tab': None,
    'transport udpu crypto': 'Could not open /etc/corosync/authkey: No such file or directory',
    'key with dash': None,
    'cluster_name long': None,
    'cluster_name empty': None,
    'duplicate node ids': 'Nodeid 2 appears twice in corosync.conf',
    'duplicate node names': None,
    'duplicate ring0_addr': None,
    'duplicate local address': None,
    'node names only': 'parse error in config: No interfaces defined',
    'node names only localhost': 'parse error in config: No interfaces defined',
    'ring0 hostnames': "failed to parse node address 'node2'",
    'ring0 localhost and ips': None,
    'ring0 ip6-localhost': "failed to parse node address 'ip6-localhost'",
    'ipv6 all': None,
    'ipv6 mixed': 'parse error in config: Nodes for link 0 have different IP families (compared fd00::3 with 127.0.0.1)',
    'ipv6 brackets': "failed to parse node address '[fd00::2]'",
    'ipv6 ip_version ipv4': "failed to parse bindnet address '::1'",
    'ipv6 ip_version ipv6': None,
    'ipv4 ip_version ipv6': "failed to parse bindnet address '127.0.0.1'",
    'ipv4 ip_version ipv6-4': None,
    'ipv6 udpu no nodeids': 'An IPV6 network requires that a node ID be specified',
    'udpu no nodeids': None,
    'udp no nodeids': None,
    'knet no nodeids': 'Knet requires an explicit nodeid for the local node',
    'nodeid 0': 'Knet requires an explicit nodeid for the local node',
    'nodeid negative': 'parser error: /etc/corosync/corosync.conf:17: Value of key "nodelist.node.1.nodeid" is expected to be integer in range (0..4294967295), but "-2" was given',
    'nodeid 65536 knet': "Knet requires nodeid to be less than 65536 for address '127.0.0.2'.",
    'nodeid 65536 udpu': None,
    'nodeid text': 'parser error: /etc/corosync/corosync.conf:17: Value of key "nodelist.node.1.nodeid" is expected to be integer in range (0..4294967295), but "two" was given',
    'nodeid hex': 'parser error: /etc/corosync/corosync.conf:17: Value of key "nodelist.node.1.nodeid" is expected to be integer in range (0..4294967295), but "0x2" was given',
    'nodeid float': 'parser error: /etc/corosync/corosync.conf:17: Value of key "nodelist.node.1.nodeid" is expected to be integer in range (0..4294967295), but "2.0" was given',
    'node without nodeid udpu': None,
    'node empty': None,
    'nodelist empty': 'parse error in config: No interfaces defined',
    'no nodelist': 'parse error in config: No interfaces defined',
    'node outside nodelist': 'parse error in config: No interfaces defined',
    'ring1 on all': None,
    'ring1 on all udpu': 'parse error in config: 2 is too many configured interfaces for non-Knet transport.',
    'ring1 ipv6 on all': None,
    'ring1 missing on one': 'parse error in config: Not all nodes have the same number of links',
    'ring2 without ring1': None,
    'ring8': 'parse error in config: interface ring number 8 is bigger than allowed maximum 7',
    'ring1 no names': "parse error in config: for a multi-link configuration, all nodes must have a 'name' attribute",
    'quorum_votes 2': None,
    'name key twice': None,
    'provider typo': None,
    'provider votequorum': None,
    'provider empty': None,
    'two_node 3 nodes': None,
    'two_node yes': 'parser error: /etc/corosync/corosync.conf:23: Value of key "quorum.two_node" is expected to be integer in range (0..255), but "yes" was given',
    'two_node 2': None,
    'two_node 0': None,
    'expected_votes 0': None,
    'expected_votes 1': None,
    'expected_votes 5': None,
    'expected_votes 2 two_node': None,
    'expected_votes 3 two_node': None,
    'expected_votes -1': 'parser error: /etc/corosync/corosync.conf:29: Value of key "quorum.expected_votes" is expected to be integer in range (0..4294967295), but "-1" was given',
    'expected_votes 1.5': 'parser error: /etc/corosync/corosync.conf:29: Value of key "quorum.expected_votes" is expected to be integer in range (0..4294967295), but "1.5" was given',
    'wait_for_all on': 'parser error: /etc/corosync/corosync.conf:29: Value of key "quorum.wait_for_all" is expected to be integer in range (0..255), but "on" was given',
    'atb lms 3 nodes': None,
    'atb lms 3 nodes wfa': None,
    'atb two_node': None,
    'atb node list': None,
    'atb node bogus': None,
    'lms window small': None,
    'device with two_node': None,
    'device lms votes 2': None,
    'device no model': None,
    'device ffsplit 3 nodes': None,
    'quorum in totem': None,
    'token 1000 consensus 500': None,
    'token 5000 consensus 1000': None,
    'consensus < join': 'parse error in config: The consensus timeout parameter (1000 ms) may not be less than join timeout (2000 ms).',
    'token 10': None,
    'token 3s': 'parser error: /etc/corosync/corosync.conf:5: Value of key "totem.token" is expected to be integer in range (0..4294967295), but "3s" was given',
    'token 3000ms': 'parser error: /etc/corosync/corosync.conf:5: Value of key "totem.token" is expected to be integer in range (0..4294967295), but "3000ms" was given',
    'token 3,000': 'parser error: /etc/corosync/corosync.conf:5: Value of key "totem.token" is expected to be integer in range (0..4294967295), but "3,000" was given',
    'token 0': None,
    'join 10': 'parse error in config: The join timeout parameter (10 ms) may not be less than (30 ms).',
    'merge 10': 'parse error in config: The merge timeout parameter (10 ms) may not be less than (30 ms).',
    'downcheck 10': 'parse error in config: The downcheck timeout parameter (10 ms) may not be less than (30 ms).',
    'token_retransmit 20': 'parse error in config: The token retransmit timeout parameter (20 ms) may not be less than (30 ms).',
    'hold > token': None,
    'token_coefficient 0': None,
    'max_network_delay 10': 'parse error in config: The max_network_delay parameter (10 ms) may not be less than (30 ms).',
    'window_size 0': None,
    'max_messages 0': None,
    'max_messages 300': None,
    'send_join 1000': None,
    'fail_recv_const 0': None,
    'miss_count_const 0': None,
    'netmtu 100': None,
    'knet_mtu 100': None,
    'knet_mtu 70000': None,
    'seqno_unchanged 0': None,
    'knet compression lz4': None,
    'knet compression zlib level 10': None,
    'knet compression bogus': 'parser error: /etc/corosync/corosync.conf:5: Invalid compression model. Should be zlib, lz4, lz4hc, lzo2, lzma, bzip2 or zstd',
    'knet compression zstd': None,
    'knet compression bzip2': None,
    'knet pmtud 0': None,
    'link_mode active': None,
    'link_mode Passive': 'parse error in config: The Knet link mode "Passive" specified is invalid.  It must be active, passive or rr.',
    'rrp_mode passive': None,
    'knet interface ping': None,
    'knet interface ping timeout small': None,
    'knet interface transport tcp': "Unrecognised knet_transport. expected 'udp' or 'sctp'",
    'knet interface sctp': None,
    'knet interface priority': None,
    'knet interface ringnumber': None,
    'knet interface mcastport': None,
    'knet interface ttl': 'parse error in config: Can only set ttl on multicast transport types for interface 0',
    'knet interface bindnetaddr': None,
    'knet interface no linknumber': None,
    'knet interface link1 without ring1': 'parse error in config: Not all nodes have the same number of links',
    'knet interface empty': None,
    'knet interface two same link': None,
    'crypto no key': 'Could not open /etc/corosync/authkey: No such file or directory',
    'crypto cipher only': 'crypto_cipher requires crypto_hash with value other than none',
    'crypto hash only': 'Could not open /etc/corosync/authkey: No such file or directory',
    'crypto hash md5 cipher none': 'Could not open /etc/corosync/authkey: No such file or directory',
    'crypto none none': None,
    'crypto aes128 sha512': 'Could not open /etc/corosync/authkey: No such file or directory',
    'crypto 3des': 'parser error: /etc/corosync/corosync.conf:5: Invalid cipher type. Should be none, aes256, aes192 or aes128',
    'crypto blowfish': 'parser error: /etc/corosync/corosync.conf:5: Invalid cipher type. Should be none, aes256, aes192 or aes128',
    'crypto sha3': 'parser error: /etc/corosync/corosync.conf:6: Invalid hash type. Should be none, md5, sha1, sha256, sha384 or sha512',
    'crypto model openssl': 'Could not open /etc/corosync/authkey: No such file or directory',
    'crypto model bogus': 'parser error: /etc/corosync/corosync.conf:5: Invalid crypto model. Should be nss or openssl',
    'secauth on': 'Could not open /etc/corosync/authkey: No such file or directory',
    'secauth on udpu': 'Could not open /etc/corosync/authkey: No such file or directory',
    'secauth off with cipher': 'Could not open /etc/corosync/authkey: No such file or directory',
    'keyfile elsewhere': 'Could not open /etc/corosync/corosync.key: No such file or directory',
    'crypto udp': 'Could not open /etc/corosync/authkey: No such file or directory',
    'crypto udp none': None,
    'udp interface': None,
    'udp interface linknumber': None,
    'udp mcastaddr unicast': 'parse error in config: mcastaddr is not a correct multicast address for interface 0',
    'udp mcastaddr 224.0.0.1': None,
    'udp mcastaddr ipv6': "failed to parse mcast address 'ff15::1'",
    'udp mcastaddr bogus': None,
    'udp mcastport 0': None,
    'udp mcastport 70000': 'parser error: /etc/corosync/corosync.conf:9: Value of key "totem.interface.mcastport" is expected to be integer in range (0..65535), but "70000" was given',
    'udp no mcastport': None,
    'udp no mcastaddr': None,
    'udp no mcastaddr no cluster_name': 'parse error in config: No multicast address specified for interface 0',
    'udp no cluster_name': 'parse error in config: No multicast address specified for interface 0',
    'udp bindnetaddr 10.0.0.0': None,
    'udp bindnetaddr host': None,
    'udp bindnetaddr bogus': None,
    'udp broadcast': None,
    'udp broadcast and mcast': None,
    'udp ttl 5': None,
    'udp ttl 256': 'parser error: /etc/corosync/corosync.conf:10: Value of key "totem.interface.ttl" is expected to be integer in range (0..255), but "256" was given',
    'udp two interfaces': None,
    'udp interface no nodelist': 'parse error in config: No valid name found for local host',
    'udpu interface bindnet': None,
    'udpu member section': None,
    'udpu ttl': 'parse error in config: Can only set ttl on multicast transport types for interface 0',
    'udp link priority': 'parse error in config: Can only set link priority on knet transport type for interface 0',
    'udp ipv4-mapped': None,
    'knet ipv4-mapped': 'parse error in config: Nodes for link 0 have different IP families (compared ::ffff:127.0.0.2 with 127.0.0.1)',
    'knet ipv4-mapped local': 'parse error in config: No valid name found for local host',
    'udpu ipv4-mapped local': 'parse error in config: No valid name found for local host',
    'knet all ipv4-mapped': 'parse error in config: No valid name found for local host',
    'udp ip_version ipv6 v4 nodes': "failed to parse bindnet address '127.0.0.1'",
    'udp ipv6 nodes': "failed to parse bindnet address '::1'",
    'logfile relative': None,
    'logfile missing dir': "parse error in config: Can't open logfile '/var/log/cluster/corosync.log' for reason: No such file or directory (2).",
    'to_logfile yes no logfile': None,
    'to_logfile true': 'parse error in config: unknown value for to_logfile.',
    'to_syslog 1': 'parse error in config: unknown value for to_syslog.',
    'timestamp hires': None,
    'timestamp yes': 'parse error in config: unknown value for timestamp.',
    'debug on': None,
    'debug yes': 'parse error in config: unknown value for debug.',
    'fileline yes': 'parse error in config: unknown value for fileline.',
    'syslog_facility local8': 'parse error in config: unknown syslog facility specified.',
    'syslog_priority warning': None,
    'syslog_priority warn': 'parse error in config: unknown syslog priority specified.',
    'logger_subsys QUORUM debug': None,
    'logger_subsys no subsys': 'parser error: /etc/corosync/corosync.conf:38: No subsys key in logger_subsys directive',
    'logger_subsys debug maybe': 'parse error in config: unknown value for debug.',
    'to_stderr no': None,
    'logging section twice': None,
    'totem twice': None,
    'totem twice version': 'parse error in config: This totem parser can only parse version 2 configurations.',
    'quorum twice': None,
    'nodelist twice': 'parse error in config: No valid name found for local host',
    'system section': None,
    'aisexec section': None,
    'amf section': None,
    'service pacemaker': None,
    'uidgid hacluster': None,
    'uidgid unknown user': "parser error: /etc/corosync/corosync.conf:38: The 'pacemaker' user is not found in /etc/passwd, please read the documentation.",
    'uidgid numeric': None,
    'resources watchdog': None,
    'resources watchdog 1': None,
    'nodelist inside totem': 'parse error in config: No interfaces defined',
    'include': 'parser error: /etc/corosync/corosync.conf:1: Line is not opening or closing section or key value',
    'config_version': None,
    'nodeid in totem': None,
    'cluster_uuid': None,
    'threads 4': None,
    'block_unlisted_ips no': None,
    'vsftype ykd': None,
    'two node one listed': None,
    'one node no local': 'parse error in config: No valid name found for local host',
    'local node not listed': 'parse error in config: No valid name found for local host',
    '5 nodes': None,
    'two_node 4 nodes': None,
    'udp mapped local': 'parse error in config: No valid name found for local host',
    'udp mapped other': None,
    'udp all mapped': 'parse error in config: No valid name found for local host',
    'udp ipv4 mapped other': None,
    'udp ipv4 mapped local': 'parse error in config: No valid name found for local host',
    'udp ipv6 mapped other': "failed to parse bindnet address '127.0.0.1'",
    'udp ipv6 mapped local': "failed to parse bindnet address '127.0.0.3'",
    'udp ipv4-6 mapped other': 'parse error in config: Nodes for link 0 have different IP families (compared ::ffff:127.0.0.2 with 127.0.0.1)',
    'udp ipv4-6 mapped local': 'parse error in config: No valid name found for local host',
    'udp ipv6-4 mapped other': 'parse error in config: Nodes for link 0 have different IP families (compared ::ffff:127.0.0.2 with 127.0.0.1)',
    'udp ipv6-4 mapped local': 'parse error in config: No valid name found for local host',
    'udpu mapped local': 'parse error in config: No valid name found for local host',
    'udpu mapped other': 'parse error in config: Nodes for link 0 have different IP families (compared ::ffff:127.0.0.2 with 127.0.0.1)',
    'udpu all mapped': 'parse error in config: No valid name found for local host',
    'udpu ipv4 mapped other': None,
    'udpu ipv4 mapped local': 'parse error in config: No valid name found for local host',
    'udpu ipv6 mapped other': "failed to parse bindnet address '127.0.0.1'",
    'udpu ipv6 mapped local': "failed to parse bindnet address '127.0.0.3'",
    'udpu ipv4-6 mapped other': 'parse error in config: Nodes for link 0 have different IP families (compared ::ffff:127.0.0.2 with 127.0.0.1)',
    'udpu ipv4-6 mapped local': 'parse error in config: No valid name found for local host',
    'udpu ipv6-4 mapped other': 'parse error in config: Nodes for link 0 have different IP families (compared ::ffff:127.0.0.2 with 127.0.0.1)',
    'udpu ipv6-4 mapped local': 'parse error in config: No valid name found for local host',
    'knet mapped local': 'parse error in config: No valid name found for local host',
    'knet mapped other': 'parse error in config: Nodes for link 0 have different IP families (compared ::ffff:127.0.0.2 with 127.0.0.1)',
    'knet all mapped': 'parse error in config: No valid name found for local host',
    'knet ipv4 mapped other': None,
    'knet ipv4 mapped local': 'parse error in config: No valid name found for local host',
    'knet ipv6 mapped other': "failed to parse bindnet address '127.0.0.1'",
    'knet ipv6 mapped local': "failed to parse bindnet address '127.0.0.3'",
    'knet ipv4-6 mapped other': 'parse error in config: Nodes for link 0 have different IP families (compared ::ffff:127.0.0.2 with 127.0.0.1)',
    'knet ipv4-6 mapped local': 'parse error in config: No valid name found for local host',
    'knet ipv6-4 mapped other': 'parse error in config: Nodes for link 0 have different IP families (compared ::ffff:127.0.0.2 with 127.0.0.1)',
    'knet ipv6-4 mapped local': 'parse error in config: No valid name found for local host',
    # round 4
    'no-break space after brace': "parser error: /etc/corosync/corosync.conf:1: Extra characters after opening bracket '{'",
    'no-break space after value': 'parser error: /etc/corosync/corosync.conf:2: Value of key "totem.version" is expected to be integer in range (0..4294967295), but "2\xa0" was given',
    'no-break space before key': 'parser error: /etc/corosync/corosync.conf:2: Can\'t store key "totem.\xa0version" into icmap, returned error is CS_ERR_NAME_TOO_LONG',
    'byte order mark': 'parser error: /etc/corosync/corosync.conf:2: Can\'t store key "\ufefftotem.version" into icmap, returned error is CS_ERR_NAME_TOO_LONG',
    'NUL inside a line': 'parser error: /etc/corosync/corosync.conf:2: Line too long',
    'NUL starting a line': 'parse error in config: This totem parser can only parse version 2 configurations.',
    'NUL at the very end': None,
    'CR only line ends': "parser error: /etc/corosync/corosync.conf:1: Extra characters after opening bracket '{'",
    'line of 510 bytes': None,
    'line of 510 bytes plus CR': 'parser error: /etc/corosync/corosync.conf:3: Line too long',
    'line of 511 bytes': 'parser error: /etc/corosync/corosync.conf:3: Line too long',
    'line of 512 bytes in umlauts': 'parser error: /etc/corosync/corosync.conf:3: Line too long',
    'unicode cluster_name': None,
    'unicode key': 'parser error: /etc/corosync/corosync.conf:3: Can\'t store key "totem.clüster_name" into icmap, returned error is CS_ERR_NAME_TOO_LONG',
    'unicode section': 'parser error: /etc/corosync/corosync.conf:38: Can\'t store key "sectiön.key" into icmap, returned error is CS_ERR_NAME_TOO_LONG',
    'key of 248 in totem': None,
    'key of 249 in totem': 'parser error: /etc/corosync/corosync.conf:3: New key makes total cmap path too long',
    'key of 253 at the top': None,
    'key of 254 at the top': 'parser error: /etc/corosync/corosync.conf:1: New key makes total cmap path too long',
    'section of 249 in totem': 'parser error: /etc/corosync/corosync.conf:3: Start of section makes total cmap path too long',
    'section of 254 at the top': 'parser error: /etc/corosync/corosync.conf:1: Start of section makes total cmap path too long',
    'key of 240 in a nested section': None,
    'empty subsection inside the last node': "Knet requires an explicit nodeid to be specified for address '127.0.0.3'.",
    'subsection with an address inside a node': "Knet requires an explicit nodeid to be specified for address '127.0.0.6'.",
    'empty subsection inside the local node': 'Knet requires an explicit nodeid for the local node',
    'subsection closing a node': None,
    'subsection opening a node': None,
    'empty first node': None,
    'empty last node': None,
    'udpu empty subsection in a node': None,
    'resources poll_period at the top': None,
    'resources system poll_period': "corosync: coroparse.c:1477: main_config_parser_cb: Assertion `safe_atoq_range(val_type, &min_val, &max_val) == 0' failed.",
    'resources process memory_used poll_period': None,
    'resources watchdog in a subsection': 'parser error: /etc/corosync/corosync.conf:39: Value of key "resources.x.watchdog_timeout" is expected to be integer in range (0..4294967295), but "abc" was given',
    'resources watchdog under system': None,
    'qb ipc_type bogus': None,
    'nozzle section': None,
    'nozzle bogus values': None,
    'keyfile /dev/null': 'Could only read 0 bits of minimum 1024 bits from /dev/null.',
    'keyfile /dev/zero': None,
    'keyfile a directory': 'Could not read /var/lib/corosync/: Is a directory',
    'keyfile /tmp': 'Could not read /tmp: Is a directory',
    'two_node in totem': None,
    'token in quorum': None,
    'nodeid in quorum': None,
    'linknumber in totem': None,
    'quorum_votes in quorum': None,
    'to_syslog in totem': None,
    'ring0_addr in an interface': None,
    'expected_votes in a node': None,
    'device votes in quorum.device.net': None,
    'knet_link_priority in totem': None,
    'sched_rr in totem': None,
    'local 127.1 before 127.0.0.1 with ring1': 'parse error in config: No multicast port specified for interface 1',
    'local 0::1 before ::1, second without nodeid': 'Knet requires an explicit nodeid for the local node',
    'local 127.1 first without nodeid': "Knet requires an explicit nodeid to be specified for address '127.1'.",
    'local ring0 localhost before name localhost': "Knet requires an explicit nodeid to be specified for address '127.0.0.2'.",
    'local ring0 localhost without nodeid before name localhost': 'Knet requires an explicit nodeid for the local node',
    'local name 127.0.0.1 without nodeid': 'Knet requires an explicit nodeid for the local node',
    'local 2130706433 first without nodeid': "Knet requires an explicit nodeid to be specified for address '2130706433'.",
    'local ::1 text before 127.1': "Knet requires an explicit nodeid to be specified for address '127.1'.",
    'local name ::1 before ring0 0::1': "Knet requires an explicit nodeid to be specified for address '0::1'.",
    'local 0x7f.1 only, no nodeid': 'Knet requires an explicit nodeid for the local node',
    'local eleven nodes, none local, tenth without nodeid': 'Knet requires an explicit nodeid for the local node',
    'local eleven nodes, last local without nodeid': 'Knet requires an explicit nodeid for the local node',
    'local eleven nodes, two without nodeid': "Knet requires an explicit nodeid to be specified for address '127.0.0.12'.",
    'local udpu 127.1 and 127.0.0.1 same generated id': 'Nodeid 2130706433 appears twice in corosync.conf',
    'knet link 7 on all': None,
    'knet link 1 ipv6 beside ipv4': None,
    'knet link 0 mixed families': 'parse error in config: Nodes for link 0 have different IP families (compared fd00::1:2 with 127.0.0.1)',
    'knet ipv4 links, ip_version ipv6': "failed to parse bindnet address '127.0.0.1'",
    'knet ipv6 node, ip_version ipv4': "failed to parse node address 'fd00::3'",
    'knet ipv4-6 mixed': 'parse error in config: Nodes for link 0 have different IP families (compared fd00::3 with 127.0.0.1)',
    'knet ping precision 0': None,
    'knet pong count 0': None,
    'knet ping interval 0 timeout 0': None,
    'knet priority 255': None,
    'knet priority 256': 'parser error: /etc/corosync/corosync.conf:7: Value of key "totem.interface.knet_link_priority" is expected to be integer in range (0..255), but "256" was given',
    'knet mcastport 65535': None,
    'knet interface linknumber 8': 'parse error in config: interface ring number 8 is bigger than allowed maximum 7',
    'knet interface broadcast': None,
    'knet interface mcastaddr': None,
    'knet interface bindnetaddr, no nodelist': 'parse error in config: No valid name found for local host',
    'udp interface, no nodelist': 'parse error in config: No valid name found for local host',
    'udpu interface members, no nodelist': 'parse error in config: No valid name found for local host',
    'udp no interface, no nodelist': 'parse error in config: No interfaces defined',
    'udp nodeid in totem, no nodelist': 'parse error in config: No valid name found for local host',
    'udpu crypto none sha1': 'Could not open /etc/corosync/authkey: No such file or directory',
    'udpu secauth off': None,
    'udp crypto hash only': 'Could not open /etc/corosync/authkey: No such file or directory',
    'udpu crypto aes256 none': 'crypto_cipher requires crypto_hash with value other than none',
    'udpu crypto key inline': 'parse error in config: crypto_cipher & crypto_hash are only valid for the Knet transport.',
    'udp two links': 'parse error in config: 2 is too many configured interfaces for non-Knet transport.',
    'udpu ipv6 with nodeids': None,
    'udp ipv6 nodes (round 6)': "failed to parse bindnet address '::1'",
    'device net': None,
    'device without model': None,
    'device model disk': None,
    'device votes 0': None,
    'device timeout small': None,
    'device with two_node (round 6)': None,
    'device with expected_votes': None,
    'device without votes, expected_votes': None,
    'device with last_man_standing': None,
    'device with auto_tie_breaker': None,
    'device votes too high': None,
    'wait_for_all 0 with two_node': None,
    'expected_votes 0 (round 6)': None,
    'node quorum_votes 0 all': None,
    'quorum provider twice': None,
    'totem token 29': None,
    'totem token 30': None,
    'totem token_retransmit 29': 'parse error in config: The token retransmit timeout parameter (29 ms) may not be less than (30 ms).',
    'totem token_retransmit 30': None,
    'totem hold 13': 'parse error in config: The token hold timeout parameter (13 ms) may not be less than (14 ms).',
    'totem hold 14': None,
    'totem join 29': 'parse error in config: The join timeout parameter (29 ms) may not be less than (30 ms).',
    'totem join 30': None,
    'totem consensus 29': 'parse error in config: The consensus timeout parameter (29 ms) may not be less than (30 ms).',
    'totem consensus 30': 'parse error in config: The consensus timeout parameter (30 ms) may not be less than join timeout (50 ms).',
    'totem consensus 3000': None,
    'totem merge 29': 'parse error in config: The merge timeout parameter (29 ms) may not be less than (30 ms).',
    'totem merge 30': None,
    'totem downcheck 29': 'parse error in config: The downcheck timeout parameter (29 ms) may not be less than (30 ms).',
    'totem downcheck 30': None,
    'totem max_network_delay 29': 'parse error in config: The max_network_delay parameter (29 ms) may not be less than (30 ms).',
    'totem max_network_delay 30': None,
    'totem token_warning 100': None,
    'totem token_warning 101': 'parse error in config: The token warning parameter (101%) must be between 0 (disabled) and 100.',
    'totem window_size 1': None,
    'totem window_size 4294967295': None,
    'totem max_messages 1': None,
    'totem max_messages 4294967295': None,
    'totem fail_recv_const 0': None,
    'totem seqno_unchanged_const 0': None,
    'totem miss_count_const 0': None,
    'totem knet_mtu 1': None,
    'totem knet_mtu 65536': None,
    'totem netmtu 0': None,
    'totem netmtu 9000': None,
    'totem threads 1': None,
    'totem send_join 0': None,
    'totem send_join 201': None,
    'totem token_retransmits_before_loss_const 1': None,
    'totem token_retransmits_before_loss_const 0': None,
    'totem knet_compression_threshold 4294967295': None,
    'token 3000 consensus 3599': None,
    'token 1000 join 1000': None,
    'duplicate token': None,
    'duplicate transport': None,
    'duplicate nodeid in a node': None,
    'duplicate ring0_addr in a node': None,
    'duplicate version': None,
    'two totem sections': None,
    'two quorum sections': None,
    'comment after opening brace': "parser error: /etc/corosync/corosync.conf:1: Extra characters after opening bracket '{'",
    'hash in value': None,
    'key without value': 'parser error: /etc/corosync/corosync.conf:5: Value of key "totem.token" is expected to be integer in range (0..4294967295), but "" was given',
    'value with colon': None,
    'two closing braces on a line': "parser error: /etc/corosync/corosync.conf:24: Extra characters before or after closing bracket '}'",
    'indented comment with semicolon': 'parser error: /etc/corosync/corosync.conf:2: Line is not opening or closing section or key value',
    'opening brace alone after name': 'parser error: /etc/corosync/corosync.conf:27: Line is not opening or closing section or key value',
    'space before colon': None,
    'comment line with leading tab': None,
    'blank line of spaces': None,
    'section name with space': 'parser error: /etc/corosync/corosync.conf:28: Can\'t store key "quorum section.provider" into icmap, returned error is CS_ERR_NAME_TOO_LONG',
    'amf section (round 6)': None,
    'aisexec section (round 6)': None,
    'service pacemaker section': None,
    'pacemaker section': None,
    'unknown nested sections': None,
    'udp bindnetaddr beside a nodelist': None,
    'udpu member sections beside a nodelist': None,
    'udpu nodeid 0': None,
    'knet nodeid 0 on a remote node': "Knet requires an explicit nodeid to be specified for address '127.0.0.2'.",
    'knet nodeid 65535': None,
    'knet nodeid 65536 on the local node': "Knet requires nodeid to be less than 65536 for address '127.0.0.1'.",
    'udpu nodeid 65536': None,
    'ring1 only on the local node': 'parse error in config: Not all nodes have the same number of links',
    'ring1 only on a remote node': 'parse error in config: No multicast port specified for interface 1',
    'link 1 interface only, ring1 on all': None,
    'device heuristics section': None,
    'device model net, no net section': None,
    'device votes x': 'parser error: /etc/corosync/corosync.conf:31: Value of key "quorum.device.votes" is expected to be integer in range (0..4294967295), but "x" was given',
    'cluster_name with spaces': None,
    'cluster_name 65 characters': None,
    'cluster_name empty (round 6)': None,
    'logger_subsys debug trace': None,
    'logger_subsys without subsys': 'parser error: /etc/corosync/corosync.conf:34: No subsys key in logger_subsys directive',
    'ring0_addr with port': "failed to parse node address '127.0.0.2:5405'",
    'ring0_addr bracketed ipv6': "failed to parse node address '[fd00::2:2]'",
    'ring0_addr with scope': 'parse error in config: Nodes for link 0 have different IP families (compared fe80::2 with 127.0.0.1)',
    'ring0_addr localhost on two nodes': None,
    'name localhost on two nodes': None,
    'udp ip_version ipv6 ipv4 nodes': "failed to parse bindnet address '127.0.0.1'",
    'udpu ipv4-mapped nodes': 'parse error in config: Nodes for link 0 have different IP families (compared ::ffff:127.0.0.2 with 127.0.0.1)',
    'knet crypto model nss': 'Could not open /etc/corosync/authkey: No such file or directory',
    'knet block_unlisted_ips no': None,
    'knet compression level -1 lz4': None,
    'knet compression threshold without model': None,
    'device net lms tls tie_breaker': None,
    'no local node': 'parse error in config: No valid name found for local host',
    'no local node, last with ring1': 'parse error in config: No valid name found for local host',
    'no local node, first with ring1': 'parse error in config: No valid name found for local host',
    'no local node, last without nodeid': 'Knet requires an explicit nodeid for the local node',
    'no local node, first without nodeid': "Knet requires an explicit nodeid to be specified for address '127.0.0.4'.",
    'no local node, udpu last ipv6 without nodeid': 'An IPV6 network requires that a node ID be specified',
    'no local node, version 1': 'parse error in config: No valid name found for local host',
    'no local node, crypto': 'Could not open /etc/corosync/authkey: No such file or directory',
    'no local node, token 10': 'parse error in config: No valid name found for local host',
    'no local node, mixed families': 'parse error in config: No valid name found for local host',
    'no local node, duplicate nodeids': 'parse error in config: No valid name found for local host',
    'no local node, last interface priority 0 udpu': 'parse error in config: No valid name found for local host',
    'no local node, link_mode bogus': 'parse error in config: No valid name found for local host',
    'local node third by 127.0.0.1, first ::1': 'parse error in config: Nodes for link 0 have different IP families (compared 127.0.0.2 with ::1)',
    'local by name localhost, ring0 lan': None,
    'local localhost ring0 on node 3 only': None,
    'twelve nodes, node 11 local, node 2 without nodeid': "Knet requires an explicit nodeid to be specified for address '127.0.0.4'.",
    'twelve nodes udpu, no local, generated ids': 'parse error in config: No valid name found for local host',
    'udpu ipv6 first node without nodeid, local is ipv4': "An IPV6 network requires that a node ID be specified for address 'fd00::2:2'.",
    'knet bindnetaddr beside the nodelist': None,
    'to_logfile yes without logfile': None,
    'logfile with to_logfile no': None,
    'syslog_facility LOCAL0': 'parse error in config: unknown syslog facility specified.',
    'syslog_priority WARNING': None,
    'logging debug trace': None,
    'logger_subsys KNET debug on': None,
    'logger_subsys unknown subsys': None,
    'token 0 (round 6)': None,
    'consensus 0': None,
    'token_coefficient 0 (round 6)': None,
    'knet_pmtud_interval max': None,
    'state_dir /tmp': None,
    'ipv6 only with ring0 localhost': "failed to parse bindnet address 'localhost'",
    'empty node after the others': None,
    'quoted value with hash': None,
    'quoted value with spaces': None,
    'key in capitals': None,
    'transport in capitals': 'Invalid transport type. Should be udpu, udp or knet',
    'two_node with three nodes and wait_for_all 0': None,
    'expected_votes with device votes 2': None,
    'device net without host': None,
    'last_man_standing window 0': None,
    'auto_tie_breaker node list': None,
    'auto_tie_breaker node unknown': None,
    'allow_downscale with device': None,
    'nodeid 1 on two nodes udpu': 'Nodeid 1 appears twice in corosync.conf',
    'generated nodeid equal to an explicit one': 'Nodeid 2130706434 appears twice in corosync.conf',
    'ring0 0.0.0.0': None,
    'ring0 255.255.255.255': None,
    'ring0 multicast address': None,
    'ring0 :: (any)': 'parse error in config: Nodes for link 0 have different IP families (compared :: with 127.0.0.1)',
    'cluster_name unicode': None,
    'comment with braces': None,
    'value ending in brace': "parser error: /etc/corosync/corosync.conf:3: Extra characters after opening bracket '{'",
    'closing brace after value': 'parser error: /etc/corosync/corosync.conf:23: Value of key "nodelist.node.2.nodeid" is expected to be integer in range (0..4294967295), but "3 }" was given',
    'ring0 spelled 127.000.000.001': None,
    'ring0 spelled 127.000.000.001, no nodeid': 'Knet requires an explicit nodeid for the local node',
    'ring0 spelled 127.0.0.010': 'parse error in config: No valid name found for local host',
    'ring0 spelled 127.0.0.010, no nodeid': "Knet requires an explicit nodeid to be specified for address '127.0.0.010'.",
    'ring0 spelled 127.0.0.08': "failed to parse node address '127.0.0.08'",
    'ring0 spelled 127.0.0.08, no nodeid': "Knet requires an explicit nodeid to be specified for address '127.0.0.08'.",
    'ring0 spelled 0x7f000001': None,
    'ring0 spelled 0x7f000001, no nodeid': 'Knet requires an explicit nodeid for the local node',
    'ring0 spelled LOCALHOST': None,
    'ring0 spelled LOCALHOST, no nodeid': 'Knet requires an explicit nodeid for the local node',
    'ring0 spelled Localhost': None,
    'ring0 spelled Localhost, no nodeid': 'Knet requires an explicit nodeid for the local node',
    'ring0 spelled localhost.': "failed to parse node address 'localhost.'",
    'ring0 spelled localhost., no nodeid': "Knet requires an explicit nodeid to be specified for address 'localhost.'.",
    'ring0 spelled 127.0.0.1.': "failed to parse node address '127.0.0.1.'",
    'ring0 spelled 127.0.0.1., no nodeid': "Knet requires an explicit nodeid to be specified for address '127.0.0.1.'.",
    'ring0 spelled ::127.0.0.1': 'parse error in config: No valid name found for local host',
    'ring0 spelled ::127.0.0.1, no nodeid': "Knet requires an explicit nodeid to be specified for address '::127.0.0.1'.",
    'ring0 spelled ::1%lo': "failed to parse node address '::1%lo'",
    'ring0 spelled ::1%lo, no nodeid': "Knet requires an explicit nodeid to be specified for address '::1%lo'.",
    'ring0 spelled 0000:0000::0001': 'parse error in config: Nodes for link 0 have different IP families (compared 127.0.0.2 with ::1)',
    'ring0 spelled 0000:0000::0001, no nodeid': 'Knet requires an explicit nodeid for the local node',
    'ring0 spelled ::FFFF:127.0.0.1': 'parse error in config: No valid name found for local host',
    'ring0 spelled ::FFFF:127.0.0.1, no nodeid': "Knet requires an explicit nodeid to be specified for address '::FFFF:127.0.0.1'.",
    'ring0 spelled fe80::1%lo': 'parse error in config: No valid name found for local host',
    'ring0 spelled fe80::1%lo, no nodeid': "Knet requires an explicit nodeid to be specified for address 'fe80::1%lo'.",
    'ring0 spelled 127.0.0.1%lo': "failed to parse node address '127.0.0.1%lo'",
    'ring0 spelled 127.0.0.1%lo, no nodeid': "Knet requires an explicit nodeid to be specified for address '127.0.0.1%lo'.",
    'name LOCALHOST, no nodeid': 'Knet requires an explicit nodeid for the local node',
    "name equal to another node's ring0": "Knet requires an explicit nodeid to be specified for address '127.0.0.3'.",
    'udp ring0 LOCALHOST': None,
    'bindnetaddr kept: first node without ring0, garbage': "failed to parse bindnet address 'garbage'",
    'bindnetaddr kept: first node without ring0, 10.0.0.0': None,
    'bindnetaddr kept: first node without ring0, ::1': None,
    'bindnetaddr replaced: first node with ring0, garbage': None,
    'bindnetaddr on link 1 only, first node without ring0': "failed to parse bindnet address 'garbage'",
    'udpu bindnetaddr kept: first node without ring0': None,
    'udp bindnetaddr kept: first node without ring0, garbage': "failed to parse bindnet address 'garbage'",
    'udpu explicit nodeid equal to a later generated one': 'Nodeid 2130706435 appears twice in corosync.conf',
    'udpu two generated nodeids equal': 'Nodeid 2130706434 appears twice in corosync.conf',
    'udp explicit nodeid equal to a later generated one': 'Nodeid 2130706435 appears twice in corosync.conf',
    'knet duplicate nodeid across eleven nodes': None,
    'interface linknumber 01': 'parse error in config: Not all nodes have the same number of links',
    'udpu clear_node_high_bit generated ids': None,
    'knet duplicate nodeid on nodes 1 and 10 of eleven': 'Nodeid 2 appears twice in corosync.conf',
    'knet duplicate nodeid on nodes 3 and 7 of eleven': None,
    'knet duplicate nodeid on nodes 0 and 7 of eleven': 'Nodeid 1 appears twice in corosync.conf',
    'knet duplicate nodeid on nodes 3 and 7 of ten': 'Nodeid 4 appears twice in corosync.conf',
    'knet duplicate nodeid on nodes 12 and 15 of sixteen': 'Nodeid 13 appears twice in corosync.conf',
    'knet duplicate nodeid on nodes 2 and 15 of sixteen': None,
    'eleven: node 10 and 3 ipv6': 'parse error in config: Nodes for link 0 have different IP families (compared fd00::10 with 127.0.0.1)',
    'eleven: node 10 ipv6': 'parse error in config: Nodes for link 0 have different IP families (compared fd00::10 with 127.0.0.1)',
    'eleven: node 10 with ring1': 'parse error in config: No multicast port specified for interface 1',
    'eleven: nodes 2 and 10 with ring1': 'parse error in config: No multicast port specified for interface 1',
    'eleven: node 10 duplicate name of node 2': None,
    'eleven: node 10 duplicate address of node 2': None,
    'eleven: node 10 nodeid 65536': "Knet requires nodeid to be less than 65536 for address '127.0.0.12'.",
    'eleven: nodes 3 and 10 nodeid 65536': "Knet requires nodeid to be less than 65536 for address '127.0.0.12'.",
    'eleven udpu: node 10 ipv6 without nodeid': "An IPV6 network requires that a node ID be specified for address 'fd00::10'.",
    'udpu localhost without nodeid': None,
    'udpu localhost without nodeid beside 127.0.0.1': 'Nodeid 2130706433 appears twice in corosync.conf',
    'udp localhost without nodeid': None,
    'udpu LOCALHOST without nodeid': None,
    'udpu localhost generated clashes with explicit nodeid': 'Nodeid 2130706433 appears twice in corosync.conf',
    'udpu clear_node_high_bit generated ids clash': 'Nodeid 2130706433 appears twice in corosync.conf',
    'udpu high bit generated ids without clear_node_high_bit': None,
    'udpu clear_node_high_bit no': None,
    'udpu clear_node_high_bit clash with explicit nodeid': 'Nodeid 2130706433 appears twice in corosync.conf',
    'two links, a section nested at the end of node 1': "parse error in config: for a multi-link configuration, all nodes must have a 'name' attribute",
    'two links, a section nested at the end of node 2': "parse error in config: for a multi-link configuration, all nodes must have a 'name' attribute",
    'one link, a section nested at the end of node 1': None,
    'two links, an empty node between nodes 1 and 2': "parse error in config: for a multi-link configuration, all nodes must have a 'name' attribute",
    'two links, an empty node last': None,
    'an empty node first': None,
    'an empty node first, udpu': None,
    'an empty node between nodes 1 and 2': None,
    'eleven nodes, empty nodes 1 to 8, nodeid 9 on nodes 9 and 10': None,
    'udpu only ring0_addr, join above the runtime consensus': 'parse error in config: The consensus timeout parameter (6720 ms) may not be less than join timeout (-1 ms).',
    'udpu only ring0_addr but node 2, join above the runtime consensus': 'parse error in config: The consensus timeout parameter (5940 ms) may not be less than join timeout (-1 ms).',
    'udpu only ring0_addr and an unknown key, join above the runtime consensus': 'parse error in config: The consensus timeout parameter (5940 ms) may not be less than join timeout (-1 ms).',
    'udp only ring0_addr, token 29 on two nodes': None,
    'udpu no nodeids, join above the runtime consensus': 'parse error in config: The consensus timeout parameter (4380 ms) may not be less than join timeout (-1 ms).',
    'udpu one nodeid, join above the runtime consensus': 'parse error in config: The consensus timeout parameter (4380 ms) may not be less than join timeout (-1 ms).',
    'udp no nodeids, token 29 on two nodes': 'parse error in config: The token timeout parameter (29 ms) may not be less than (30 ms).',
    'udpu no nodeids, token 29 on two nodes': 'parse error in config: The token timeout parameter (29 ms) may not be less than (30 ms).',
    'udpu nodeids, token 29 on two nodes': 'parse error in config: The token timeout parameter (29 ms) may not be less than (30 ms).',
    'udpu no nodeids, consensus 3000 below 1.2 token': 'parse error in config: The consensus timeout parameter (5000 ms) may not be less than join timeout (6000 ms).',
}


# --- lab files (issue 13): no loopback address, so the simulator judges them on the lab machine of the last node
# (validation.lab_machine: named after its node, holding its addresses, /etc/hosts naming every node, host names
# at the rig's 10.200.0.11, .12, ...). Verdicts of real corosync 3.1.7 run on that machine, made in namespaces
# (corosync_variants.real_verdict_on); host names as ring0_addr of nodes without name or nodeid under udp/udpu.
LAB_UDPU = """totem {
    version: 2
    cluster_name: mycluster
    transport: udpu
}

nodelist {
    node {
        ring0_addr: node1
    }

    node {
        ring0_addr: node2
    }

    node {
        ring0_addr: node3
    }
}

quorum {
    provider: corosync_votequorum
}

logging {
    to_syslog: yes
    timestamp: on
}
"""
LAB_UDP = r(LAB_UDPU, "transport: udpu", "transport: udp")
LAB_KNET = r(LAB_UDPU, "transport: udpu", "transport: knet")
LAB_TWO = r(r(LAB_UDPU, "\n    node {\n        ring0_addr: node3\n    }\n", ""), "corosync_votequorum", "corosync_votequorum\n    two_node: 1")
LAB: dict[str, str] = {}
LAB["udpu host names only"] = LAB_UDPU
LAB["udp host names only"] = LAB_UDP
LAB["knet host names only"] = LAB_KNET
LAB["udpu two nodes host names"] = LAB_TWO
LAB["udp two nodes host names"] = r(LAB_TWO, "transport: udpu", "transport: udp")
LAB["udp host names no cluster_name"] = r(LAB_UDP, "    cluster_name: mycluster\n", "")
LAB["udp host names mcastaddr"] = r(LAB_UDP, "transport: udp", "transport: udp\n    interface {\n        ringnumber: 0\n        mcastaddr: 239.255.1.1\n        mcastport: 5405\n    }")
LAB["udp host names bindnetaddr network"] = r(LAB_UDP, "transport: udp", "transport: udp\n    interface {\n        ringnumber: 0\n        bindnetaddr: 10.200.0.0\n        mcastaddr: 239.255.1.1\n    }")
LAB["udpu host names bindnetaddr host name"] = r(LAB_UDPU, "transport: udpu", "transport: udpu\n    interface {\n        ringnumber: 0\n        bindnetaddr: node1\n    }")
LAB["udpu host names ipv6"] = r(LAB_UDPU, "transport: udpu", "transport: udpu\n    ip_version: ipv6")
LAB["udpu host names ipv4"] = r(LAB_UDPU, "transport: udpu", "transport: udpu\n    ip_version: ipv4")
LAB["udpu host names ipv4-6"] = r(LAB_UDPU, "transport: udpu", "transport: udpu\n    ip_version: ipv4-6")
LAB["udp host names ipv6"] = r(LAB_UDP, "transport: udp", "transport: udp\n    ip_version: ipv6")
LAB["udpu fqdn host names"] = LAB_UDPU.replace("ring0_addr: node1", "ring0_addr: node1.example.com").replace("ring0_addr: node2", "ring0_addr: node2.example.com").replace("ring0_addr: node3", "ring0_addr: node3.example.com")
LAB["udpu capital host names"] = LAB_UDPU.replace("ring0_addr: node", "ring0_addr: Node")
LAB["udpu duplicate host name"] = r(LAB_UDPU, "ring0_addr: node3", "ring0_addr: node2")
LAB["udpu duplicate host name first and last"] = r(LAB_UDPU, "ring0_addr: node3", "ring0_addr: node1")
LAB["udpu host name typo ip"] = r(LAB_UDPU, "ring0_addr: node3", "ring0_addr: 10.200.0.300")
LAB["udpu host name typo ip first"] = r(LAB_UDPU, "ring0_addr: node1", "ring0_addr: 10.200.0.300")
LAB["udpu host name underscore"] = r(LAB_UDPU, "ring0_addr: node2", "ring0_addr: node_2")
LAB["udpu host name underscore last"] = r(LAB_UDPU, "ring0_addr: node3", "ring0_addr: node_3")
LAB["udpu host names and one address"] = r(LAB_UDPU, "ring0_addr: node2", "ring0_addr: 10.200.0.12")
LAB["udpu host names and the planned address of another"] = r(LAB_UDPU, "ring0_addr: node1", "ring0_addr: 10.200.0.12")
LAB["udpu host names and one ipv6 address"] = r(LAB_UDPU, "ring0_addr: node2", "ring0_addr: fd00::2")
LAB["udpu host names and one ipv6 address with nodeid"] = r(LAB_UDPU, "ring0_addr: node2", "ring0_addr: fd00::2\n        nodeid: 2")
LAB["udpu host names one nodeid"] = r(LAB_UDPU, "ring0_addr: node2", "ring0_addr: node2\n        nodeid: 2")
LAB["udpu host names all nodeids"] = LAB_UDPU.replace("ring0_addr: node1", "ring0_addr: node1\n        nodeid: 1").replace("ring0_addr: node2", "ring0_addr: node2\n        nodeid: 2").replace("ring0_addr: node3", "ring0_addr: node3\n        nodeid: 3")
LAB["knet host names all nodeids"] = LAB["udpu host names all nodeids"].replace("transport: udpu", "transport: knet")
L_KNET_IDS = LAB["knet host names all nodeids"]
LAB["knet host names nodeid on last only"] = r(LAB_KNET, "ring0_addr: node3", "ring0_addr: node3\n        nodeid: 3")
LAB["udpu host names with names"] = LAB_UDPU.replace("ring0_addr: node1", "ring0_addr: node1\n        name: node1").replace("ring0_addr: node2", "ring0_addr: node2\n        name: node2").replace("ring0_addr: node3", "ring0_addr: node3\n        name: node3")
LAB["udpu host names with other names"] = LAB_UDPU.replace("ring0_addr: node1", "ring0_addr: node1\n        name: alpha").replace("ring0_addr: node2", "ring0_addr: node2\n        name: beta").replace("ring0_addr: node3", "ring0_addr: node3\n        name: gamma")
LAB["udpu host names last with a name"] = r(LAB_UDPU, "ring0_addr: node3", "ring0_addr: node3\n        name: node3")
LAB["udpu host names clear_node_high_bit"] = r(LAB_UDPU, "transport: udpu", "transport: udpu\n    clear_node_high_bit: yes")
LAB["udpu host names ring1"] = LAB_UDPU.replace("ring0_addr: node1", "ring0_addr: node1\n        ring1_addr: node1-b").replace("ring0_addr: node2", "ring0_addr: node2\n        ring1_addr: node2-b").replace("ring0_addr: node3", "ring0_addr: node3\n        ring1_addr: node3-b")
LAB["knet host names ring1 with names"] = LAB["udpu host names ring1"].replace("transport: udpu", "transport: knet").replace("ring0_addr: node1", "name: node1\n        nodeid: 1\n        ring0_addr: node1").replace("ring0_addr: node2", "name: node2\n        nodeid: 2\n        ring0_addr: node2").replace("ring0_addr: node3", "name: node3\n        nodeid: 3\n        ring0_addr: node3")
LAB["udpu host names wait_for_all"] = r(LAB_UDPU, "corosync_votequorum", "corosync_votequorum\n    wait_for_all: 1")
LAB["udpu host names expected_votes"] = r(LAB_UDPU, "corosync_votequorum", "corosync_votequorum\n    expected_votes: 3")
LAB["udpu host names last_man_standing"] = r(LAB_UDPU, "corosync_votequorum", "corosync_votequorum\n    last_man_standing: 1\n    wait_for_all: 1")
LAB["udpu host names auto_tie_breaker"] = r(LAB_UDPU, "corosync_votequorum", "corosync_votequorum\n    auto_tie_breaker: 1")
LAB["udpu host names crypto"] = r(LAB_UDPU, "transport: udpu", "transport: udpu\n    crypto_cipher: aes256\n    crypto_hash: sha256")
LAB["udpu host names token"] = r(LAB_UDPU, "transport: udpu", "transport: udpu\n    token: 5000")
LAB["udpu host names no version"] = r(LAB_UDPU, "    version: 2\n", "")
LAB["udpu host names mcastport"] = r(LAB_UDPU, "transport: udpu", "transport: udpu\n    interface {\n        ringnumber: 0\n        mcastport: 5420\n    }")
LAB["udpu host names ttl"] = r(LAB_UDPU, "transport: udpu", "transport: udpu\n    interface {\n        ringnumber: 0\n        ttl: 2\n    }")
LAB["udp host names broadcast"] = r(LAB_UDP, "transport: udp", "transport: udp\n    interface {\n        ringnumber: 0\n        broadcast: yes\n    }")
LAB["udpu host names quoted"] = LAB_UDPU.replace("ring0_addr: node1", 'ring0_addr: "node1"')
LAB["udpu host names trailing dot"] = r(LAB_UDPU, "ring0_addr: node2", "ring0_addr: node2.")
LAB["udpu host names digits"] = LAB_UDPU.replace("ring0_addr: node", "ring0_addr: 1node")
LAB["udpu host names all digits"] = r(LAB_UDPU, "ring0_addr: node2", "ring0_addr: 12345")
LAB["udpu host names one node"] = LAB_UDPU.replace("\n    node {\n        ring0_addr: node2\n    }\n", "").replace("\n    node {\n        ring0_addr: node3\n    }\n", "")
LAB["udpu host name long label"] = r(LAB_UDPU, "ring0_addr: node3", "ring0_addr: " + "n" * 64)
LAB["udpu host names hyphen"] = LAB_UDPU.replace("ring0_addr: node", "ring0_addr: ha-node-")
LAB["udpu host names leading hyphen"] = r(LAB_UDPU, "ring0_addr: node2", "ring0_addr: -node2")
LAB["udp host names two_node"] = r(LAB_TWO, "transport: udpu", "transport: udp")
LAB["udpu host names crlf"] = LAB_UDPU.replace("\n", "\r\n")
LAB["udpu host names and localhost"] = r(LAB_UDPU, "ring0_addr: node1", "ring0_addr: localhost")
LAB["udpu host names, last node with only a nodeid"] = r(LAB_UDPU, "        ring0_addr: node3\n", "        nodeid: 3\n")
LAB["udpu host names, first node with only a nodeid"] = r(LAB_UDPU, "        ring0_addr: node1\n", "        nodeid: 1\n")
LAB["knet host names all nodeids, last node without ring0_addr"] = r(L_KNET_IDS, "        ring0_addr: node3\n", "")
LAB["udp two nodes host names, token 29"] = r(LAB["udp two nodes host names"], "transport: udp", "transport: udp\n    token: 29")
LAB["udpu host names, join above the runtime consensus"] = r(LAB_UDPU, "transport: udpu", "transport: udpu\n    join: 4294967295")

# real corosync 3.1.7's verdicts on the lab machine: None = accepted, else the message it printed
LAB_EXPECTED: dict[str, str | None] = {
    'udpu host names only': None,
    'udp host names only': None,
    'knet host names only': 'Knet requires an explicit nodeid for the local node',
    'udpu two nodes host names': None,
    'udp two nodes host names': None,
    'udp host names no cluster_name': 'parse error in config: No multicast address specified for interface 0',
    'udp host names mcastaddr': None,
    'udp host names bindnetaddr network': None,
    'udpu host names bindnetaddr host name': None,
    'udpu host names ipv6': "failed to parse bindnet address 'node3'",
    'udpu host names ipv4': None,
    'udpu host names ipv4-6': None,
    'udp host names ipv6': "failed to parse bindnet address 'node3'",
    'udpu fqdn host names': None,
    'udpu capital host names': None,
    'udpu duplicate host name': 'Nodeid 180879372 appears twice in corosync.conf',
    'udpu duplicate host name first and last': 'Nodeid 180879371 appears twice in corosync.conf',
    'udpu host name typo ip': "failed to parse bindnet address '10.200.0.300'",
    'udpu host name typo ip first': "An IPV6 network requires that a node ID be specified for address '10.200.0.300'.",
    'udpu host name underscore': "An IPV6 network requires that a node ID be specified for address 'node_2'.",
    'udpu host name underscore last': "failed to parse bindnet address 'node_3'",
    'udpu host names and one address': None,
    'udpu host names and the planned address of another': None,
    'udpu host names and one ipv6 address': "An IPV6 network requires that a node ID be specified for address 'fd00::2'.",
    'udpu host names and one ipv6 address with nodeid': 'parse error in config: Nodes for link 0 have different IP families (compared fd00::2 with 10.200.0.11)',
    'udpu host names one nodeid': None,
    'udpu host names all nodeids': None,
    'knet host names all nodeids': None,
    'knet host names nodeid on last only': "Knet requires an explicit nodeid to be specified for address 'node1'.",
    'udpu host names with names': None,
    'udpu host names with other names': "failed to parse bindnet address 'node3'",
    'udpu host names last with a name': None,
    'udpu host names clear_node_high_bit': None,
    'udpu host names ring1': "failed to parse bindnet address 'node3-b'",
    'knet host names ring1 with names': "failed to parse bindnet address 'node3-b'",
    'udpu host names wait_for_all': None,
    'udpu host names expected_votes': None,
    'udpu host names last_man_standing': None,
    'udpu host names auto_tie_breaker': None,
    'udpu host names crypto': 'Could not open /etc/corosync/authkey: No such file or directory',
    'udpu host names token': None,
    'udpu host names no version': 'parse error in config: This totem parser can only parse version 2 configurations.',
    'udpu host names mcastport': None,
    'udpu host names ttl': 'parse error in config: Can only set ttl on multicast transport types for interface 0',
    'udp host names broadcast': None,
    'udpu host names quoted': 'An IPV6 network requires that a node ID be specified for address \'"node1"\'.',
    'udpu host names trailing dot': "An IPV6 network requires that a node ID be specified for address 'node2.'.",
    'udpu host names digits': None,
    'udpu host names all digits': None,
    'udpu host names one node': None,
    'udpu host name long label': "failed to parse bindnet address 'nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn'",
    'udpu host names hyphen': None,
    'udpu host names leading hyphen': "An IPV6 network requires that a node ID be specified for address '-node2'.",
    'udp host names two_node': None,
    'udpu host names crlf': None,
    'udpu host names and localhost': "An IPV6 network requires that a node ID be specified for address 'node2'.",
    'udpu host names, last node with only a nodeid': None,
    'udpu host names, first node with only a nodeid': None,
    'knet host names all nodeids, last node without ring0_addr': None,
    'udp two nodes host names, token 29': None,
    'udpu host names, join above the runtime consensus': 'parse error in config: The consensus timeout parameter (6720 ms) may not be less than join timeout (-1 ms).',
}
