"""corosync.conf as a student writes it: accepted or refused exactly as corosync 3.1.7's `corosync -t` does.

The corpus covers every family corosync checks: the parser (braces, keys, typed integers and
enumerations in file order), logging values, totem (transport, crypto, links, timeouts, link
mode, version), the nodelist (nodeids, addresses, IP families, multi-link names) and the key
file. Every file uses loopback addresses with one node at 127.0.0.1 (or named localhost), so
on this machine real corosync finds the same local node the simulator checks first. Each verdict is kept
in EXPECTED (recorded from corosync 3.1.7 on a node without /etc/corosync/authkey), so the
corpus checks the simulator even where corosync is not installed; where it is, every file is
also run through the real `corosync -t -c FILE`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Mapping

import pytest

from halab_kernel import Lab
from halab_kernel.errors import LabError
from halab_kernel.sim.corosync.config import NODE_KEYS, CorosyncConfigError, build_config, load, parse_text
from halab_kernel.sim.corosync.validation import AUTHKEY

BASE = """totem {
    version: 2
    cluster_name: course
    transport: knet
}
nodelist {
    node {
        ring0_addr: 127.0.0.1
        name: alpha
        nodeid: 1
    }
    node {
        ring0_addr: 127.0.0.2
        name: beta
        nodeid: 2
    }
    node {
        ring0_addr: 127.0.0.3
        name: gamma
        nodeid: 3
    }
}
quorum {
    provider: corosync_votequorum
}
"""


def T(extra: str) -> str:  # noqa: N802 - one letter per section keeps the corpus readable
    return BASE.replace("transport: knet", "transport: knet\n" + extra)


def Q(extra: str) -> str:  # noqa: N802
    return BASE.replace("corosync_votequorum", "corosync_votequorum\n" + extra)


def I(body: str) -> str:  # noqa: N802,E743
    return T("    interface {\n" + body + "    }")


def L(body: str) -> str:  # noqa: N802
    return BASE + "logging {\n" + body + "}\n"


def N1(extra: str) -> str:  # noqa: N802
    return BASE.replace("nodeid: 1", "nodeid: 1\n" + extra)


V6 = BASE.replace("127.0.0.1", "::1").replace("127.0.0.2", "fd00::2").replace("127.0.0.3", "fd00::3")
NET = "        net {\n            host: 127.0.0.1\n            algorithm: ffsplit\n        }\n"


def _with_device(device: str) -> str:
    return Q(f"    device {{\n{device}    }}")


# name -> the file a student might write
CORPUS: dict[str, str] = {
    "unknown key (corosync ignores it)": BASE.replace("version: 2", "version: 2\n    tokn: 1000"),
    "negative votes": BASE.replace("nodeid: 1", "nodeid: 1\n        quorum_votes: -1"),
    "token not a number": BASE.replace("version: 2", "version: 2\n    token: fast"),
    "wait_for_all not a number": Q("    wait_for_all: yes"),
    "missing brace": BASE.replace("quorum {", "quorum "),
    "duplicate nodeid": BASE.replace("nodeid: 2", "nodeid: 1"),
    "missing nodeid": BASE.replace("        nodeid: 2\n", ""),
    "two_node with three nodes (accepted!)": Q("    two_node: 1"),
    "zero votes": N1("        quorum_votes: 0"),
    "device: ffsplit with votes": _with_device("        model: net\n        votes: 1\n" + NET),
    "device: no votes (qdevice exits later, corosync accepts)": _with_device("        model: net\n" + NET),
    "device: votes not a number": _with_device("        model: net\n        votes: one\n" + NET),
    "device: timeout not a number": _with_device("        model: net\n        votes: 1\n        timeout: soon\n" + NET),
    "device: negative sync_timeout": _with_device("        model: net\n        votes: 1\n        sync_timeout: -1\n"
                                                  + NET),
    "device: unknown model (corosync accepts)": _with_device("        model: disk\n        votes: 1\n"),
}
# from c1.py
CORPUS.update({
 'base': BASE,
 'nodeid0': BASE.replace('nodeid: 1','nodeid: 0'),
 'nodeid0_other': BASE.replace('nodeid: 2','nodeid: 0'),
 'crypto_none_hash': BASE.replace('transport: knet','transport: knet\n    crypto_cipher: aes256\n    crypto_hash: none'),
 'crypto_ok': BASE.replace('transport: knet','transport: knet\n    crypto_cipher: aes256\n    crypto_hash: sha256'),
 'crypto_udpu': BASE.replace('transport: knet','transport: udpu\n    crypto_cipher: aes256\n    crypto_hash: sha256'),
 'udpu': BASE.replace('transport: knet','transport: udpu'),
 'udp': BASE.replace('transport: knet','transport: udp'),
 'transport_bogus': BASE.replace('transport: knet','transport: tcp'),
 'link_rr': BASE.replace('transport: knet','transport: knet\n    link_mode: roundrobin'),
 'ipv7': BASE.replace('transport: knet','transport: knet\n    ip_version: ipv7'),
 'version1': BASE.replace('version: 2','version: 1'),
 'noversion': BASE.replace('    version: 2\n',''),
 'nototem': BASE[BASE.index('nodelist'):],
 'link9': BASE.replace('transport: knet','transport: knet\n    interface {\n        linknumber: 9\n    }'),
 'link8': BASE.replace('transport: knet','transport: knet\n    interface {\n        linknumber: 7\n    }'),
 'ring1_some': BASE.replace('ring0_addr: 127.0.0.1','ring0_addr: 127.0.0.1\n        ring1_addr: 127.0.1.1'),
 'knet_ping_nonnum': BASE.replace('transport: knet','transport: knet\n    interface {\n        linknumber: 0\n        knet_ping_interval: fast\n    }'),
 'atb_lms_odd': BASE.replace('corosync_votequorum','corosync_votequorum\n    auto_tie_breaker: 1\n    last_man_standing: 1'),
 'noquorum': BASE[:BASE.index('quorum {')],
 'no_nodelist_ev': BASE[:BASE.index('nodelist')] + 'quorum {\n provider: corosync_votequorum\n expected_votes: 3\n}\n',
})
# from c2.py
CORPUS.update({
 'link9_prio': I('        linknumber: 9\n        knet_link_priority: 2\n'),
 'link8_prio': I('        linknumber: 8\n        knet_link_priority: 2\n'),
 'link7_prio': I('        linknumber: 7\n        knet_link_priority: 2\n'),
 'link256': I('        linknumber: 256\n'),
 'ring9_addr': BASE.replace('ring0_addr: 127.0.0.1','ring0_addr: 127.0.0.1\n        ring9_addr: 127.0.1.1').replace('ring0_addr: 127.0.0.2','ring0_addr: 127.0.0.2\n        ring9_addr: 127.0.1.2').replace('ring0_addr: 127.0.0.3','ring0_addr: 127.0.0.3\n        ring9_addr: 127.0.1.3'),
 'ring1_all': BASE.replace('ring0_addr: 127.0.0.1','ring0_addr: 127.0.0.1\n        ring1_addr: 127.0.1.1').replace('ring0_addr: 127.0.0.2','ring0_addr: 127.0.0.2\n        ring1_addr: 127.0.1.2').replace('ring0_addr: 127.0.0.3','ring0_addr: 127.0.0.3\n        ring1_addr: 127.0.1.3'),
 'ring1_all_noname': BASE.replace('        name: beta\n','').replace('ring0_addr: 127.0.0.1','ring0_addr: 127.0.0.1\n        ring1_addr: 127.0.1.1').replace('ring0_addr: 127.0.0.2','ring0_addr: 127.0.0.2\n        ring1_addr: 127.0.1.2').replace('ring0_addr: 127.0.0.3','ring0_addr: 127.0.0.3\n        ring1_addr: 127.0.1.3'),
 'ring1_notlocal': BASE.replace('ring0_addr: 127.0.0.2','ring0_addr: 127.0.0.2\n        ring1_addr: 127.0.1.2'),
 'ring1_udpu': BASE.replace('transport: knet','transport: udpu').replace('ring0_addr: 127.0.0.1','ring0_addr: 127.0.0.1\n        ring1_addr: 127.0.1.1').replace('ring0_addr: 127.0.0.2','ring0_addr: 127.0.0.2\n        ring1_addr: 127.0.1.2').replace('ring0_addr: 127.0.0.3','ring0_addr: 127.0.0.3\n        ring1_addr: 127.0.1.3'),
 'pong_nonnum': I('        linknumber: 0\n        knet_pong_count: two\n'),
 'prio_300': I('        linknumber: 0\n        knet_link_priority: 300\n'),
 'knet_transport_tcp': I('        linknumber: 0\n        knet_transport: tcp\n'),
 'knet_transport_sctp': I('        linknumber: 0\n        knet_transport: sctp\n'),
 'ttl_knet': I('        linknumber: 0\n        ttl: 5\n'),
 'mcastport_70000': I('        linknumber: 0\n        mcastport: 70000\n'),
 'mcastport_0': I('        linknumber: 0\n        mcastport: 0\n'),
 'prio_udpu': BASE.replace('transport: knet','transport: udpu\n    interface {\n        linknumber: 0\n        knet_link_priority: 2\n    }'),
 'token_10': T('    token: 10\n'),
 'token_0': T('    token: 0\n'),
 'token_warning_200': T('    token_warning: 200\n'),
 'consensus_lt_join': T('    consensus: 100\n    join: 200\n'),
 'join_1': T('    join: 1\n'),
 'hold_1': T('    hold: 1\n'),
 'token_retransmit_1': T('    token_retransmit: 1\n'),
 'trbl_1000': T('    token_retransmits_before_loss_const: 1000\n'),
 'mnd_1': T('    max_network_delay: 1\n'),
 'merge_1': T('    merge: 1\n'),
 'downcheck_1': T('    downcheck: 1\n'),
 'crypto_model_bogus': T('    crypto_model: gnutls\n'),
 'crypto_cipher_bogus': T('    crypto_cipher: des\n'),
 'crypto_hash_bogus': T('    crypto_hash: crc\n'),
 'crypto_hash_only': T('    crypto_hash: sha1\n'),
 'crypto_none_none': T('    crypto_cipher: none\n    crypto_hash: none\n'),
 'secauth_on': T('    secauth: on\n'),
 'compression_bogus': T('    knet_compression_model: rar\n'),
 'compression_level_x': T('    knet_compression_level: high\n'),
 'compression_level_neg': T('    knet_compression_level: -3\n'),
 'config_version_neg': T('    config_version: -1\n'),
 'config_version_big': T('    config_version: 18446744073709551615\n'),
 'knet_mtu_x': T('    knet_mtu: big\n'),
 'two_node_2': Q('    two_node: 2\n'),
 'two_node_256': Q('    two_node: 256\n'),
 'lmsw_x': Q('    last_man_standing_window: soon\n'),
 'atb_node_bogus': Q('    auto_tie_breaker: 1\n    auto_tie_breaker_node: middle\n'),
 'provider_bogus': BASE.replace('corosync_votequorum','corosync_bogus'),
 'two_node_device': Q('    two_node: 1\n    device {\n        model: net\n        votes: 1\n        net {\n            host: 127.0.0.1\n        }\n    }\n'),
 'master_wins_x': Q('    device {\n        model: net\n        master_wins: yes\n    }\n'),
 'leaving_timeout_x': Q('    leaving_timeout: x\n'),
 'votes_x': Q('    votes: x\n'),
 'ev_tracking_x': Q('    expected_votes_tracking: x\n'),
})
# from c3.py
CORPUS.update({
 'sec_extra': BASE.replace('quorum {','quorum { x'),
 'sec_noname': BASE.replace('quorum {','{'),
 'close_extra': BASE.replace('}\nquorum','} x\nquorum'),
 'unexpected_close': BASE + '}\n',
 'missing_close': BASE + 'logging {\n',
 'empty_key': BASE.replace('provider:',': x\n    provider:'),
 'colon_sec': BASE.replace('quorum {','quorum: {'),
 'crlf': BASE.replace('\n','\r\n'),
 'tabs_comment': BASE.replace('    version: 2','\t# comment\n\tversion:\t2  '),
 'inline_comment': BASE.replace('version: 2','version: 2 # two'),
 'addr_bad_ip': BASE.replace('127.0.0.2','127.0.0.300'),
 'addr_hostname_hosts': BASE.replace('127.0.0.2','localhost'),
 'addr_ipv6_mixed': BASE.replace('127.0.0.2','::1'),
 'addr_ipv6_v4only': BASE.replace('transport: knet','transport: knet\n    ip_version: ipv6').replace('127.0.0.2','::2'),
 'ipv4_ok': T('    ip_version: ipv4\n'),
 'ipv6_with_v4addrs': T('    ip_version: ipv6\n'),
 'nodeid_big': BASE.replace('nodeid: 2','nodeid: 4294967295'),
 'nodeid_neg': BASE.replace('nodeid: 2','nodeid: -2'),
 'nodeid_hex': BASE.replace('nodeid: 2','nodeid: 0x2'),
 'nodeid_plus': BASE.replace('nodeid: 2','nodeid: +2'),
 'nodeid_space': BASE.replace('nodeid: 2','nodeid: 2 3'),
 'nodeid_empty': BASE.replace('nodeid: 2','nodeid:'),
 'dup_name': BASE.replace('name: beta','name: alpha'),
 'dup_addr': BASE.replace('127.0.0.2','127.0.0.3'),
 'no_name': BASE.replace('        name: beta\n',''),
 'no_ring0_nonlocal': BASE.replace('        ring0_addr: 127.0.0.2\n',''),
 'totem_nodeid': T('    nodeid: 5\n'),
 'totem_nodeid_x': T('    nodeid: x\n'),
 'log_to_logfile_x': L('    to_logfile: maybe\n'),
 'log_logfile_missing': L('    to_logfile: yes\n'),
 'log_logfile_badpath': L('    to_logfile: yes\n    logfile: /nonexistent/dir/c.log\n'),
 'log_syslog_facility': L('    syslog_facility: bogus\n'),
 'log_syslog_priority': L('    syslog_priority: bogus\n'),
 'log_debug_x': L('    debug: maybe\n'),
 'log_debug_trace': L('    debug: trace\n'),
 'log_timestamp_x': L('    timestamp: maybe\n'),
 'log_timestamp_hires': L('    timestamp: hires\n'),
 'log_fileline_x': L('    fileline: maybe\n'),
 'log_to_stderr_x': L('    to_stderr: maybe\n'),
 'log_to_syslog_x': L('    to_syslog: maybe\n'),
 'log_subsys_nosubsys': L('    logger_subsys {\n        debug: on\n    }\n'),
 'log_subsys_ok': L('    logger_subsys {\n        subsys: QUORUM\n        debug: on\n    }\n'),
 'log_logfile_priority': L('    logfile_priority: bogus\n'),
 'log_function_name_x': L('    function_name: maybe\n'),
 'log_blackbox_x': L('    blackbox: maybe\n'),
 'sys_sched_rr_x': BASE + 'system {\n    sched_rr: maybe\n}\n',
 'sys_priority_x': BASE + 'system {\n    priority: maybe\n}\n',
 'sys_qb_ipc': BASE + 'system {\n    qb_ipc_type: pipe\n}\n',
 'sys_move_cgroup_x': BASE + 'system {\n    move_to_root_cgroup: maybe\n}\n',
 'sys_fallback_x': BASE + 'system {\n    allow_knet_handle_fallback: maybe\n}\n',
 'uidgid_bad': BASE + 'uidgid {\n    uid: nosuchuser\n}\n',
 'uidgid_key': BASE + 'uidgid {\n    user: root\n}\n',
 'uidgid_ok': BASE + 'uidgid {\n    uid: root\n}\n',
 'resources_wd_x': BASE + 'resources {\n    watchdog_timeout: x\n}\n',
 'nodelist_keyoutside': BASE.replace('nodelist {','nodelist {\n    foo: bar'),
 'quorum_votes_big': N1('        quorum_votes: 5000000000\n'),
 'empty_file': '',
 'only_totem': BASE[:BASE.index('nodelist')],
})
# from c4.py
for f in ['daemon','local0','local7','kern','user','auth','authpriv','syslog','cron','mail','lpr','news','uucp','ftp','local8','DAEMON']:
    CORPUS['syslog_facility ' + f] = L(f'    syslog_facility: {f}\n')
for p in ['emerg','alert','crit','err','error','warning','warn','notice','info','debug','trace','INFO','panic']:
    CORPUS['syslog_priority ' + p] = L(f'    syslog_priority: {p}\n')
CORPUS.update({
 'logfile_no_to': L('    logfile: /nonexistent/x.log\n'),
 'logfile_varlog': L('    to_logfile: yes\n    logfile: /var/log/x.log\n'),
 'logfile_tmp': L('    to_logfile: yes\n    logfile: /tmp/x.log\n'),
 'logfile_rel': L('    to_logfile: yes\n    logfile: x.log\n'),
 'to_logfile_on': L('    to_logfile: on\n'),
 'to_logfile_1': L('    to_logfile: 1\n'),
 'to_file_x': L('    to_file: maybe\n'),
 'syslog_level_x': L('    syslog_level: x\n'),
 'subsys_bad_debug': L('    logger_subsys {\n        subsys: QUORUM\n        debug: maybe\n    }\n'),
 'subsys_unknown_name': L('    logger_subsys {\n        subsys: BOGUS\n        debug: on\n    }\n'),
 'compression_none': T('    knet_compression_model: none\n'),
 'compression_zlib': T('    knet_compression_model: zlib\n'),
 'udp_basic': BASE.replace('transport: knet','transport: udp'),
 'udp_mcast_bad': BASE.replace('transport: knet','transport: udp\n    interface {\n        linknumber: 0\n        mcastaddr: 10.0.0.1\n    }'),
 'udp_mcast_ok': BASE.replace('transport: knet','transport: udp\n    interface {\n        linknumber: 0\n        mcastaddr: 239.1.1.1\n    }'),
 'udp_noname': BASE.replace('transport: knet','transport: udp').replace('    cluster_name: course\n',''),
 'udpu_nonodeid': BASE.replace('transport: knet','transport: udpu').replace('        nodeid: 2\n','').replace('        nodeid: 1\n',''),
 'udpu_dup_auto': BASE.replace('transport: knet','transport: udpu').replace('        nodeid: 2\n','').replace('nodeid: 1','nodeid: 2130706434'),
 'knet_nonodeid_other': BASE.replace('        nodeid: 3\n',''),
 'nodeid_65535': BASE.replace('nodeid: 2','nodeid: 65535'),
 'nodeid_65536_local': BASE.replace('nodeid: 1','nodeid: 65536'),
 'udpu_nodeid_big': BASE.replace('transport: knet','transport: udpu').replace('nodeid: 2','nodeid: 70000'),
 'bindnet_with_nodelist': BASE.replace('transport: knet','transport: knet\n    interface {\n        linknumber: 0\n        bindnetaddr: 10.1.1.0\n    }'),
 'token_coef_x': T('    token_coefficient: x\n'),
 'token_1_coeff_0': T('    token: 20\n    token_coefficient: 0\n'),
 'consensus_equal_join': T('    consensus: 50\n'),
 'consensus_20': T('    consensus: 20\n'),
 'window_0': T('    window_size: 0\n'),
 'link_mode_active': T('    link_mode: active\n'),
 'link_mode_rr': T('    link_mode: rr\n'),
 'link_mode_long': T('    link_mode: passivepassivepassive\n'),
 'two_interfaces_same': T('    interface {\n        linknumber: 0\n        knet_link_priority: 2\n    }\n    interface {\n        linknumber: 0\n        knet_link_priority: 3\n    }\n'),
 'interface_nolink': T('    interface {\n        knet_link_priority: 2\n    }\n'),
 'member_sec': T('    interface {\n        member {\n            foo: bar\n        }\n    }\n'),
 'cancel_hold': T('    cancel_token_hold_on_retransmit: maybe\n'),
 'block_unlisted': T('    block_unlisted_ips: maybe\n'),
 'knet_pmtud_x': T('    knet_pmtud_interval: x\n'),
 'threads_x': T('    threads: x\n'),
 'token_warning_x': T('    token_warning: x\n'),
 'miss_count_x': T('    miss_count_const: x\n'),
 'max_messages_x': T('    max_messages: x\n'),
 'heartbeat_x': T('    heartbeat_failures_allowed: x\n'),
 'knet_compression_threshold_x': T('    knet_compression_threshold: x\n'),
 'fail_recv_x': T('    fail_recv_const: x\n'),
 'clear_high_bit_x': T('    clear_node_high_bit: maybe\n'),
})
# from c5.py
CORPUS.update({
 'ipv6_all': V6,
 'ipv6_ipv4only': V6.replace('transport: knet','transport: knet\n    ip_version: ipv4'),
 'ipv6_udpu_noid': V6.replace('transport: knet','transport: udpu').replace('        nodeid: 2\n',''),
 'udpu_ipv6_local_noid': V6.replace('transport: knet','transport: udpu').replace('        nodeid: 1\n',''),
 'two_node_cluster': BASE.replace('''    node {
        ring0_addr: 127.0.0.3
        name: gamma
        nodeid: 3
    }
''','').replace('corosync_votequorum','corosync_votequorum\n    two_node: 1'),
 'one_node': BASE.replace('''    node {
        ring0_addr: 127.0.0.2
        name: beta
        nodeid: 2
    }
    node {
        ring0_addr: 127.0.0.3
        name: gamma
        nodeid: 3
    }
''',''),
 'bindnet_no_nodelist': BASE[:BASE.index('nodelist')].replace('transport: knet','transport: knet\n    interface {\n        linknumber: 0\n        bindnetaddr: 127.0.0.1\n    }') + 'quorum {\n    provider: corosync_votequorum\n    expected_votes: 2\n}\n',
 'nodes_no_ring0_but_name': BASE.replace('        ring0_addr: 127.0.0.2\n',''),
 'interface_udpu_port': BASE.replace('transport: knet','transport: udpu\n    interface {\n        linknumber: 0\n        mcastport: 5500\n    }'),
 'interface_link1_noaddr': T('    interface {\n        linknumber: 1\n        knet_link_priority: 5\n    }\n'),
 'quorum_votes_0': BASE.replace('nodeid: 1','nodeid: 1\n        quorum_votes: 0'),
 'expected_votes_only': Q('    expected_votes: 5\n'),
 'token_huge': T('    token: 4294967295\n'),
 'token_neg': T('    token: -1\n'),
 'version_str': BASE.replace('version: 2','version: two'),
 'version_3': BASE.replace('version: 2','version: 3'),
 'duplicate_key': BASE.replace('version: 2','version: 2\n    version: 1'),
 'duplicate_key_ok': BASE.replace('version: 2','version: 1\n    version: 2'),
 'hold_explicit_ok': T('    hold: 14\n'),
 'hold_13': T('    hold: 13\n'),
 'token_retransmit_30': T('    token_retransmit: 30\n'),
 'consensus_30_join_30': T('    consensus: 30\n    join: 30\n'),
 'token_warning_100': T('    token_warning: 100\n'),
 'token_warning_101': T('    token_warning: 101\n'),
 'trbl_200': T('    token_retransmits_before_loss_const: 200\n'),
 'knet_pmtud_0': T('    knet_pmtud_interval: 0\n'),
 'secauth_off': T('    secauth: off\n'),
 'keyfile_missing': T('    crypto_cipher: aes128\n    crypto_hash: sha1\n    keyfile: /etc/corosync/mykey\n'),
 'cipher_none_hash_sha': T('    crypto_cipher: none\n    crypto_hash: sha256\n'),
 'crypto_model_openssl': T('    crypto_model: openssl\n'),
 'udp_crypto_none': BASE.replace('transport: knet','transport: udp\n    crypto_cipher: none\n    crypto_hash: none'),
 'udp_two_links': BASE.replace('transport: knet','transport: udp\n    interface {\n        linknumber: 1\n        bindnetaddr: 127.0.0.1\n    }'),
 'transport_caps': BASE.replace('transport: knet','transport: KNET'),
 'section_colon': BASE.replace('totem {','totem: {'),
 'section_two_braces': BASE.replace('totem {','totem {{'),
 'key_no_space': BASE.replace('version: 2','version:2'),
 'value_with_colon': BASE.replace('cluster_name: course','cluster_name: a:b'),
 'logging_subsys_in_totem': T('    logger_subsys {\n        foo: bar\n    }\n'),
 'system_priority_max': BASE + 'system {\n    priority: max\n}\n',
 'nodelist_node_typo_section': BASE.replace('    node {\n        ring0_addr: 127.0.0.2','    nod {\n        ring0_addr: 127.0.0.2'),
 'quorum_device_net_nested': Q('    device {\n        model: net\n        votes: 1\n        net {\n            host: 127.0.0.1\n            algorithm: lms\n        }\n    }\n'),
 'quorum_device_sync_lt_timeout': Q('    device {\n        model: net\n        timeout: 20000\n        sync_timeout: 1000\n    }\n'),
 'provider_missing': BASE.replace('    provider: corosync_votequorum\n',''),
 'nodeid_dup_three': BASE.replace('nodeid: 3','nodeid: 2'),
 'nodeid_leading_zero': BASE.replace('nodeid: 2','nodeid: 02'),
 'ring0_addr_with_port': BASE.replace('127.0.0.2','127.0.0.2:5405'),
 'ring0_addr_cidr': BASE.replace('127.0.0.2','127.0.0.2/8'),
 'ring0_addr_empty': BASE.replace('ring0_addr: 127.0.0.2','ring0_addr:'),
 'name_with_space': BASE.replace('name: beta','name: be ta'),
})

SWAPPED = BASE.replace("ring0_addr: 127.0.0.1", "ring0_addr: 127.0.0.X").replace(
    "ring0_addr: 127.0.0.2", "ring0_addr: 127.0.0.1").replace("ring0_addr: 127.0.0.X", "ring0_addr: 127.0.0.2")
CORPUS.update({  # address forms getaddrinfo reads (inet_aton), a scoped IPv6 address
    f"address {address}": BASE.replace("127.0.0.2", address)
    for address in ("127.1", "127.0.0.01", "0x7f.0.0.2", "2130706434", "127.0.0.2.", "fe80::1%lo", "127.0.0.08")
})
CORPUS.update({  # the local node (127.0.0.1) second: which refusal corosync words for "the local node"
    "local node second, first without nodeid": SWAPPED.replace("nodeid: 1", "nodeid: 0"),
    "local node second, local without nodeid": SWAPPED.replace("nodeid: 2", "nodeid: 0"),
    "local node second, ring1 only on the first": SWAPPED.replace(
        "ring0_addr: 127.0.0.2", "ring0_addr: 127.0.0.2\n        ring1_addr: 127.0.1.2"),
    "localhost by name, no nodeid": BASE.replace("ring0_addr: 127.0.0.1", "ring0_addr: localhost").replace(
        "nodeid: 1", "nodeid: 0"),
})

CORPUS.update({  # a subsection inside an interface: its end stores the interface so far (corosync 3.1.7)
    "interface subsection after knet_transport (corosync aborts)": I(
        "        knet_transport: udp\n        x {\n        }\n"),
    "interface subsection before knet_transport": I("        x {\n        }\n        knet_transport: udp\n"),
    "interface subsections around knet_transport (corosync aborts)": I(
        "        x {\n        }\n        knet_transport: udp\n        y {\n        }\n"),
    "interface knet_transport set again after a subsection": I(
        "        knet_transport: udp\n        x {\n        }\n        knet_transport: sctp\n"),
    "interface subsection stores link 0 before linknumber": I(
        "        ttl: 5\n        x {\n        }\n        linknumber: 1\n"),
    "interface subsection values are not typed": I("        x {\n            mcastport: abc\n        }\n"),
})

CORPUS.update({  # system.state_dir: corosync chdir()s there after the logging checks, before totem
    "state_dir missing": BASE + "system {\n    state_dir: /nonexistent\n}\n",
    "state_dir missing, transport wrong too": BASE.replace("transport: knet", "transport: tcp")
    + "system {\n    state_dir: /nonexistent\n}\n",
    "state_dir a file": BASE + "system {\n    state_dir: /etc/hosts\n}\n",
    "state_dir empty": BASE + "system {\n    state_dir:\n}\n",
    "state_dir /tmp": BASE + "system {\n    state_dir: /tmp/\n}\n",
    "state_dir missing after a logging mistake": BASE + "system {\n    state_dir: /nonexistent\n}\n"
    + "logging {\n    to_logfile: maybe\n}\n",
    "token_coefficient wraps the token around": T("    token_coefficient: 4294967295\n"
                                                  "    token_retransmits_before_loss_const: 3600"),
})

UDPU_LINK1 = BASE.replace("transport: knet", "transport: udpu\n    interface {\n        linknumber: 1\n"
                          "        knet_link_priority: 0\n    }")
CORPUS.update({  # knet_link_priority 0 off knet passes on a link the local node has an address on
    "udpu link 1 priority 0, local node on link 1": UDPU_LINK1.replace(
        "ring0_addr: 127.0.0.1", "ring0_addr: 127.0.0.1\n        ring1_addr: 127.0.1.1"),
    "udpu link 1 priority 0, no node on link 1": UDPU_LINK1,
})

KEYS_ONLY_FIRST = BASE.replace("nodelist {\n", "nodelist {\n    node {\n        quorum_votes: 1\n    }\n", 1)
CORPUS.update({  # a first node with neither name nor ring0_addr: corosync reads no node's addresses
    "first node without name or ring0_addr, another node's address bogus": KEYS_ONLY_FIRST.replace(
        "ring0_addr: 127.0.0.3", "ring0_addr: bogus.invalid"),
    "first node without name or ring0_addr, another without nodeid": KEYS_ONLY_FIRST.replace(
        "        nodeid: 3\n", ""),
    "first node without name or ring0_addr, a duplicate nodeid": KEYS_ONLY_FIRST.replace("nodeid: 3", "nodeid: 2"),
    "second node without name or ring0_addr, two links": BASE.replace(
        "ring0_addr: 127.0.0.1", "ring0_addr: 127.0.0.1\n        ring1_addr: 127.0.1.1").replace(
        "ring0_addr: 127.0.0.2\n        name: beta\n", "").replace(
        "ring0_addr: 127.0.0.3", "ring0_addr: 127.0.0.3\n        ring1_addr: 127.0.1.3"),
})

CORPUS.update({  # loopback addresses only on link 1: a file for one machine, where no node is this machine
    "loopback only on link 1, no ring0_addr": BASE.replace("ring0_addr: 127.0.0.", "ring1_addr: 127.0.1."),
    "host names on link 0, loopback on link 1": BASE.replace("ring0_addr: 127.0.0.1", "ring0_addr: alpha\n"
                                                             "        ring1_addr: ::1").replace(
        "ring0_addr: 127.0.0.2", "ring0_addr: beta\n        ring1_addr: fd00::1:2").replace(
        "ring0_addr: 127.0.0.3", "ring0_addr: gamma\n        ring1_addr: fd00::1:3"),
})

# Verdicts recorded from corosync 3.1.7 (`corosync -t`), on a node without /etc/corosync/authkey; the
# path in parser errors is the default one.
EXPECTED: dict[str, str | None] = {
    'address 127.1': None,
    'address 127.0.0.01': None,
    'address 0x7f.0.0.2': None,
    'address 2130706434': None,
    'address 127.0.0.2.': "failed to parse node address '127.0.0.2.'",
    'address fe80::1%lo': 'parse error in config: Nodes for link 0 have different IP families (compared fe80::1 with '
                          '127.0.0.1)',
    'address 127.0.0.08': "failed to parse node address '127.0.0.08'",
    'local node second, first without nodeid': "Knet requires an explicit nodeid to be specified for address '127.0.0.2'.",
    'local node second, local without nodeid': 'Knet requires an explicit nodeid for the local node',
    'local node second, ring1 only on the first': 'parse error in config: No multicast port specified for interface 1',
    'localhost by name, no nodeid': 'Knet requires an explicit nodeid for the local node',
    'unknown key (corosync ignores it)': None,
    'negative votes': 'parser error: /etc/corosync/corosync.conf:11: Value of key "nodelist.node.0.quorum_votes" is expected to be integer in range (0..4294967295), but "-1" was given',
    'token not a number': 'parser error: /etc/corosync/corosync.conf:3: Value of key "totem.token" is expected to be integer in range (0..4294967295), but "fast" was given',
    'wait_for_all not a number': 'parser error: /etc/corosync/corosync.conf:25: Value of key "quorum.wait_for_all" is expected to be integer in range (0..255), but "yes" was given',
    'missing brace': 'parser error: /etc/corosync/corosync.conf:23: Line is not opening or closing section or key value',
    'duplicate nodeid': 'Nodeid 1 appears twice in corosync.conf',
    'missing nodeid': "Knet requires an explicit nodeid to be specified for address '127.0.0.2'.",
    'two_node with three nodes (accepted!)': None,
    'zero votes': None,
    'device: ffsplit with votes': None,
    'device: no votes (qdevice exits later, corosync accepts)': None,
    'device: votes not a number': 'parser error: /etc/corosync/corosync.conf:27: Value of key "quorum.device.votes" is expected to be integer in range (0..4294967295), but "one" was given',
    'device: timeout not a number': 'parser error: /etc/corosync/corosync.conf:28: Value of key "quorum.device.timeout" is expected to be integer in range (0..4294967295), but "soon" was given',
    'device: negative sync_timeout': 'parser error: /etc/corosync/corosync.conf:28: Value of key "quorum.device.sync_timeout" is expected to be integer in range (0..4294967295), but "-1" was given',
    'device: unknown model (corosync accepts)': None,
    'base': None,
    'nodeid0': 'Knet requires an explicit nodeid for the local node',
    'nodeid0_other': "Knet requires an explicit nodeid to be specified for address '127.0.0.2'.",
    'crypto_none_hash': 'crypto_cipher requires crypto_hash with value other than none',
    'crypto_ok': 'Could not open /etc/corosync/authkey: No such file or directory',
    'crypto_udpu': 'Could not open /etc/corosync/authkey: No such file or directory',
    'udpu': None,
    'udp': None,
    'transport_bogus': 'Invalid transport type. Should be udpu, udp or knet',
    'link_rr': 'parse error in config: The Knet link mode "roundrobin" specified is invalid.  It must be active, passive or rr.',
    'ipv7': 'parser error: /etc/corosync/corosync.conf:5: Invalid ip_version type',
    'version1': 'parse error in config: This totem parser can only parse version 2 configurations.',
    'noversion': 'parse error in config: This totem parser can only parse version 2 configurations.',
    'nototem': 'parse error in config: This totem parser can only parse version 2 configurations.',
    'link9': None,
    'link8': None,
    'ring1_some': 'parse error in config: Not all nodes have the same number of links',
    'knet_ping_nonnum': 'parser error: /etc/corosync/corosync.conf:7: Value of key "totem.interface.knet_ping_interval" is expected to be integer in range (0..4294967295), but "fast" was given',
    'atb_lms_odd': None,
    'noquorum': None,
    'no_nodelist_ev': 'parse error in config: No interfaces defined',
    'link9_prio': 'parse error in config: interface ring number 9 is bigger than allowed maximum 7',
    'link8_prio': 'parse error in config: interface ring number 8 is bigger than allowed maximum 7',
    'link7_prio': 'parse error in config: Not all nodes have the same number of links',
    'link256': 'parser error: /etc/corosync/corosync.conf:6: Value of key "totem.interface.linknumber" is expected to be integer in range (0..255), but "256" was given',
    'ring9_addr': 'parse error in config: interface ring number 9 is bigger than allowed maximum 7',
    'ring1_all': None,
    'ring1_all_noname': "parse error in config: for a multi-link configuration, all nodes must have a 'name' attribute",
    'ring1_notlocal': 'parse error in config: No multicast port specified for interface 1',
    'ring1_udpu': 'parse error in config: 2 is too many configured interfaces for non-Knet transport.',
    'pong_nonnum': 'parser error: /etc/corosync/corosync.conf:7: Value of key "totem.interface.knet_pong_count" is expected to be integer in range (0..4294967295), but "two" was given',
    'prio_300': 'parser error: /etc/corosync/corosync.conf:7: Value of key "totem.interface.knet_link_priority" is expected to be integer in range (0..255), but "300" was given',
    'knet_transport_tcp': "Unrecognised knet_transport. expected 'udp' or 'sctp'",
    'knet_transport_sctp': None,
    'ttl_knet': 'parse error in config: Can only set ttl on multicast transport types for interface 0',
    'mcastport_70000': 'parser error: /etc/corosync/corosync.conf:7: Value of key "totem.interface.mcastport" is expected to be integer in range (0..65535), but "70000" was given',
    'mcastport_0': None,
    'prio_udpu': 'parse error in config: Can only set link priority on knet transport type for interface 0',
    'token_10': None,
    'token_0': None,
    'token_warning_200': 'parse error in config: The token warning parameter (200%) must be between 0 (disabled) and 100.',
    'consensus_lt_join': 'parse error in config: The consensus timeout parameter (100 ms) may not be less than join timeout (200 ms).',
    'join_1': 'parse error in config: The join timeout parameter (1 ms) may not be less than (30 ms).',
    'hold_1': 'parse error in config: The token hold timeout parameter (1 ms) may not be less than (14 ms).',
    'token_retransmit_1': 'parse error in config: The token retransmit timeout parameter (1 ms) may not be less than (30 ms).',
    'trbl_1000': 'parse error in config: Not appropriate token or token_retransmits_before_loss_const value set',
    'mnd_1': 'parse error in config: The max_network_delay parameter (1 ms) may not be less than (30 ms).',
    'merge_1': 'parse error in config: The merge timeout parameter (1 ms) may not be less than (30 ms).',
    'downcheck_1': 'parse error in config: The downcheck timeout parameter (1 ms) may not be less than (30 ms).',
    'crypto_model_bogus': 'parser error: /etc/corosync/corosync.conf:5: Invalid crypto model. Should be nss or openssl',
    'crypto_cipher_bogus': 'parser error: /etc/corosync/corosync.conf:5: Invalid cipher type. Should be none, aes256, aes192 or aes128',
    'crypto_hash_bogus': 'parser error: /etc/corosync/corosync.conf:5: Invalid hash type. Should be none, md5, sha1, sha256, sha384 or sha512',
    'crypto_hash_only': 'Could not open /etc/corosync/authkey: No such file or directory',
    'crypto_none_none': None,
    'secauth_on': 'Could not open /etc/corosync/authkey: No such file or directory',
    'compression_bogus': 'parser error: /etc/corosync/corosync.conf:5: Invalid compression model. Should be zlib, lz4, lz4hc, lzo2, lzma, bzip2 or zstd',
    'compression_level_x': 'parser error: /etc/corosync/corosync.conf:5: Value of key "totem.knet_compression_level" is expected to be integer in range (-2147483648..2147483647), but "high" was given',
    'compression_level_neg': None,
    'config_version_neg': None,
    'config_version_big': None,
    'knet_mtu_x': 'parser error: /etc/corosync/corosync.conf:5: Value of key "totem.knet_mtu" is expected to be integer in range (0..4294967295), but "big" was given',
    'two_node_2': None,
    'two_node_256': 'parser error: /etc/corosync/corosync.conf:25: Value of key "quorum.two_node" is expected to be integer in range (0..255), but "256" was given',
    'lmsw_x': 'parser error: /etc/corosync/corosync.conf:25: Value of key "quorum.last_man_standing_window" is expected to be integer in range (0..4294967295), but "soon" was given',
    'atb_node_bogus': None,
    'provider_bogus': None,
    'two_node_device': None,
    'master_wins_x': 'parser error: /etc/corosync/corosync.conf:27: Value of key "quorum.device.master_wins" is expected to be integer in range (0..255), but "yes" was given',
    'leaving_timeout_x': 'parser error: /etc/corosync/corosync.conf:25: Value of key "quorum.leaving_timeout" is expected to be integer in range (0..4294967295), but "x" was given',
    'votes_x': 'parser error: /etc/corosync/corosync.conf:25: Value of key "quorum.votes" is expected to be integer in range (0..4294967295), but "x" was given',
    'ev_tracking_x': 'parser error: /etc/corosync/corosync.conf:25: Value of key "quorum.expected_votes_tracking" is expected to be integer in range (0..255), but "x" was given',
    'sec_extra': "parser error: /etc/corosync/corosync.conf:23: Extra characters after opening bracket '{'",
    'sec_noname': "parser error: /etc/corosync/corosync.conf:23: Missing section name before opening bracket '{'",
    'close_extra': "parser error: /etc/corosync/corosync.conf:22: Extra characters before or after closing bracket '}'",
    'unexpected_close': 'parser error: /etc/corosync/corosync.conf:26: Unexpected closing brace',
    'missing_close': 'parser error: /etc/corosync/corosync.conf:26: Missing closing brace',
    'empty_key': None,
    'colon_sec': None,
    'crlf': None,
    'tabs_comment': None,
    'inline_comment': 'parser error: /etc/corosync/corosync.conf:2: Value of key "totem.version" is expected to be integer in range (0..4294967295), but "2 # two" was given',
    'addr_bad_ip': "failed to parse node address '127.0.0.300'",
    'addr_hostname_hosts': None,
    'addr_ipv6_mixed': 'parse error in config: Nodes for link 0 have different IP families (compared ::1 with 127.0.0.1)',
    'addr_ipv6_v4only': "failed to parse bindnet address '127.0.0.1'",
    'ipv4_ok': None,
    'ipv6_with_v4addrs': "failed to parse bindnet address '127.0.0.1'",
    'nodeid_big': "Knet requires nodeid to be less than 65536 for address '127.0.0.2'.",
    'nodeid_neg': 'parser error: /etc/corosync/corosync.conf:15: Value of key "nodelist.node.1.nodeid" is expected to be integer in range (0..4294967295), but "-2" was given',
    'nodeid_hex': 'parser error: /etc/corosync/corosync.conf:15: Value of key "nodelist.node.1.nodeid" is expected to be integer in range (0..4294967295), but "0x2" was given',
    'nodeid_plus': None,
    'nodeid_space': 'parser error: /etc/corosync/corosync.conf:15: Value of key "nodelist.node.1.nodeid" is expected to be integer in range (0..4294967295), but "2 3" was given',
    'nodeid_empty': 'parser error: /etc/corosync/corosync.conf:15: Value of key "nodelist.node.1.nodeid" is expected to be integer in range (0..4294967295), but "" was given',
    'dup_name': None,
    'dup_addr': None,
    'no_name': None,
    'no_ring0_nonlocal': None,
    'totem_nodeid': None,
    'totem_nodeid_x': 'parser error: /etc/corosync/corosync.conf:5: Value of key "totem.nodeid" is expected to be integer in range (0..4294967295), but "x" was given',
    'log_to_logfile_x': 'parse error in config: unknown value for to_logfile.',
    'log_logfile_missing': None,
    'log_logfile_badpath': "parse error in config: Can't open logfile '/nonexistent/dir/c.log' for reason: No such file or directory (2).",
    'log_syslog_facility': 'parse error in config: unknown syslog facility specified.',
    'log_syslog_priority': 'parse error in config: unknown syslog priority specified.',
    'log_debug_x': 'parse error in config: unknown value for debug.',
    'log_debug_trace': None,
    'log_timestamp_x': 'parse error in config: unknown value for timestamp.',
    'log_timestamp_hires': None,
    'log_fileline_x': 'parse error in config: unknown value for fileline.',
    'log_to_stderr_x': 'parse error in config: unknown value for to_stderr.',
    'log_to_syslog_x': 'parse error in config: unknown value for to_syslog.',
    'log_subsys_nosubsys': 'parser error: /etc/corosync/corosync.conf:29: No subsys key in logger_subsys directive',
    'log_subsys_ok': None,
    'log_logfile_priority': 'parse error in config: unknown logfile priority specified.',
    'log_function_name_x': 'parse error in config: unknown value for function_name.',
    'log_blackbox_x': 'parse error in config: unknown value for blackbox.',
    'sys_sched_rr_x': 'parser error: /etc/corosync/corosync.conf:27: Invalid system.sched_rr value',
    'sys_priority_x': None,
    'sys_qb_ipc': 'parser error: /etc/corosync/corosync.conf:27: Invalid system.qb_ipc_type',
    'sys_move_cgroup_x': 'parser error: /etc/corosync/corosync.conf:27: Invalid system.move_to_root_cgroup',
    'sys_fallback_x': 'parser error: /etc/corosync/corosync.conf:27: Invalid system.allow_knet_handle_fallback',
    'uidgid_bad': "parser error: /etc/corosync/corosync.conf:27: The 'nosuchuser' user is not found in /etc/passwd, please read the documentation.",
    'uidgid_key': 'parser error: /etc/corosync/corosync.conf:27: uidgid: Only uid and gid are allowed items',
    'uidgid_ok': None,
    'resources_wd_x': 'parser error: /etc/corosync/corosync.conf:27: Value of key "resources.watchdog_timeout" is expected to be integer in range (0..4294967295), but "x" was given',
    'nodelist_keyoutside': None,
    'quorum_votes_big': 'parser error: /etc/corosync/corosync.conf:11: Value of key "nodelist.node.0.quorum_votes" is expected to be integer in range (0..4294967295), but "5000000000" was given',
    'empty_file': 'parse error in config: No interfaces defined',
    'only_totem': 'parse error in config: No interfaces defined',
    'syslog_facility daemon': None,
    'syslog_facility local0': None,
    'syslog_facility local7': None,
    'syslog_facility kern': None,
    'syslog_facility user': None,
    'syslog_facility auth': None,
    'syslog_facility authpriv': None,
    'syslog_facility syslog': None,
    'syslog_facility cron': None,
    'syslog_facility mail': None,
    'syslog_facility lpr': None,
    'syslog_facility news': None,
    'syslog_facility uucp': None,
    'syslog_facility ftp': None,
    'syslog_facility local8': 'parse error in config: unknown syslog facility specified.',
    'syslog_facility DAEMON': 'parse error in config: unknown syslog facility specified.',
    'syslog_priority emerg': None,
    'syslog_priority alert': None,
    'syslog_priority crit': None,
    'syslog_priority err': None,
    'syslog_priority error': None,
    'syslog_priority warning': None,
    'syslog_priority warn': 'parse error in config: unknown syslog priority specified.',
    'syslog_priority notice': None,
    'syslog_priority info': None,
    'syslog_priority debug': None,
    'syslog_priority trace': 'parse error in config: unknown syslog priority specified.',
    'syslog_priority INFO': None,
    'syslog_priority panic': 'parse error in config: unknown syslog priority specified.',
    'logfile_no_to': "parse error in config: Can't open logfile '/nonexistent/x.log' for reason: No such file or directory (2).",
    'logfile_varlog': None,
    'logfile_tmp': None,
    'logfile_rel': None,
    'to_logfile_on': None,
    'to_logfile_1': 'parse error in config: unknown value for to_logfile.',
    'to_file_x': 'parse error in config: unknown value for to_file.',
    'syslog_level_x': 'parse error in config: unknown syslog level specified.',
    'subsys_bad_debug': 'parse error in config: unknown value for debug.',
    'subsys_unknown_name': None,
    'compression_none': 'parser error: /etc/corosync/corosync.conf:5: Invalid compression model. Should be zlib, lz4, lz4hc, lzo2, lzma, bzip2 or zstd',
    'compression_zlib': None,
    'udp_basic': None,
    'udp_mcast_bad': 'parse error in config: mcastaddr is not a correct multicast address for interface 0',
    'udp_mcast_ok': None,
    'udp_noname': 'parse error in config: No multicast address specified for interface 0',
    'udpu_nonodeid': None,
    'udpu_dup_auto': 'Nodeid 2130706434 appears twice in corosync.conf',
    'knet_nonodeid_other': "Knet requires an explicit nodeid to be specified for address '127.0.0.3'.",
    'nodeid_65535': None,
    'nodeid_65536_local': "Knet requires nodeid to be less than 65536 for address '127.0.0.1'.",
    'udpu_nodeid_big': None,
    'bindnet_with_nodelist': None,
    'token_coef_x': 'parser error: /etc/corosync/corosync.conf:5: Value of key "totem.token_coefficient" is expected to be integer in range (0..4294967295), but "x" was given',
    'token_1_coeff_0': 'parse error in config: The token timeout parameter (20 ms) may not be less than (30 ms).',
    'consensus_equal_join': None,
    'consensus_20': 'parse error in config: The consensus timeout parameter (20 ms) may not be less than (30 ms).',
    'window_0': None,
    'link_mode_active': None,
    'link_mode_rr': None,
    'link_mode_long': 'parse error in config: The Knet link mode "passivepassivepassive" specified is invalid.  It must be active, passive or rr.',
    'two_interfaces_same': None,
    'interface_nolink': None,
    'member_sec': 'parser error: /etc/corosync/corosync.conf:7: Only memberaddr is allowed in member section',
    'cancel_hold': None,
    'block_unlisted': None,
    'knet_pmtud_x': 'parser error: /etc/corosync/corosync.conf:5: Value of key "totem.knet_pmtud_interval" is expected to be integer in range (0..4294967295), but "x" was given',
    'threads_x': 'parser error: /etc/corosync/corosync.conf:5: Value of key "totem.threads" is expected to be integer in range (0..4294967295), but "x" was given',
    'token_warning_x': 'parser error: /etc/corosync/corosync.conf:5: Value of key "totem.token_warning" is expected to be integer in range (0..4294967295), but "x" was given',
    'miss_count_x': 'parser error: /etc/corosync/corosync.conf:5: Value of key "totem.miss_count_const" is expected to be integer in range (0..4294967295), but "x" was given',
    'max_messages_x': 'parser error: /etc/corosync/corosync.conf:5: Value of key "totem.max_messages" is expected to be integer in range (0..4294967295), but "x" was given',
    'heartbeat_x': 'parser error: /etc/corosync/corosync.conf:5: Value of key "totem.heartbeat_failures_allowed" is expected to be integer in range (0..4294967295), but "x" was given',
    'knet_compression_threshold_x': 'parser error: /etc/corosync/corosync.conf:5: Value of key "totem.knet_compression_threshold" is expected to be integer in range (0..4294967295), but "x" was given',
    'fail_recv_x': 'parser error: /etc/corosync/corosync.conf:5: Value of key "totem.fail_recv_const" is expected to be integer in range (0..4294967295), but "x" was given',
    'clear_high_bit_x': None,
    'ipv6_all': None,
    'ipv6_ipv4only': "failed to parse bindnet address '::1'",
    'ipv6_udpu_noid': "An IPV6 network requires that a node ID be specified for address 'fd00::2'.",
    'udpu_ipv6_local_noid': 'An IPV6 network requires that a node ID be specified',
    'two_node_cluster': None,
    'one_node': None,
    'bindnet_no_nodelist': 'parse error in config: No valid name found for local host',
    'nodes_no_ring0_but_name': None,
    'interface_udpu_port': None,
    'interface_link1_noaddr': 'parse error in config: Not all nodes have the same number of links',
    'quorum_votes_0': None,
    'expected_votes_only': None,
    'token_huge': None,
    'token_neg': 'parser error: /etc/corosync/corosync.conf:5: Value of key "totem.token" is expected to be integer in range (0..4294967295), but "-1" was given',
    'version_str': 'parser error: /etc/corosync/corosync.conf:2: Value of key "totem.version" is expected to be integer in range (0..4294967295), but "two" was given',
    'version_3': 'parse error in config: This totem parser can only parse version 2 configurations.',
    'duplicate_key': 'parse error in config: This totem parser can only parse version 2 configurations.',
    'duplicate_key_ok': None,
    'hold_explicit_ok': None,
    'hold_13': 'parse error in config: The token hold timeout parameter (13 ms) may not be less than (14 ms).',
    'token_retransmit_30': None,
    'consensus_30_join_30': None,
    'token_warning_100': None,
    'token_warning_101': 'parse error in config: The token warning parameter (101%) must be between 0 (disabled) and 100.',
    'trbl_200': 'parse error in config: Not appropriate token or token_retransmits_before_loss_const value set',
    'knet_pmtud_0': None,
    'secauth_off': None,
    'keyfile_missing': 'Could not open /etc/corosync/mykey: No such file or directory',
    'cipher_none_hash_sha': 'Could not open /etc/corosync/authkey: No such file or directory',
    'crypto_model_openssl': None,
    'udp_crypto_none': None,
    'udp_two_links': 'parse error in config: Not all nodes have the same number of links',
    'transport_caps': 'Invalid transport type. Should be udpu, udp or knet',
    'section_colon': None,
    'section_two_braces': "parser error: /etc/corosync/corosync.conf:1: Extra characters after opening bracket '{'",
    'key_no_space': None,
    'value_with_colon': None,
    'logging_subsys_in_totem': None,
    'system_priority_max': None,
    'nodelist_node_typo_section': None,
    'quorum_device_net_nested': None,
    'quorum_device_sync_lt_timeout': None,
    'provider_missing': None,
    'nodeid_dup_three': 'Nodeid 2 appears twice in corosync.conf',
    'nodeid_leading_zero': None,
    'ring0_addr_with_port': "failed to parse node address '127.0.0.2:5405'",
    'ring0_addr_cidr': "failed to parse node address '127.0.0.2/8'",
    'ring0_addr_empty': "failed to parse node address ''",
    'name_with_space': None,
    'interface subsection after knet_transport (corosync aborts)': 'free(): double free detected in tcache 2',
    'interface subsection before knet_transport': None,
    'interface subsections around knet_transport (corosync aborts)': 'free(): double free detected in tcache 2',
    'interface knet_transport set again after a subsection': None,
    'interface subsection stores link 0 before linknumber':
        'parse error in config: Can only set ttl on multicast transport types for interface 0',
    'interface subsection values are not typed': None,
    'state_dir missing': 'Cannot chdir to state directory /nonexistent. No such file or directory',
    'state_dir missing, transport wrong too': 'Cannot chdir to state directory /nonexistent. No such file or directory',
    'state_dir a file': 'Cannot chdir to state directory /etc/hosts. Not a directory',
    'state_dir empty': 'Cannot chdir to state directory . No such file or directory',
    'state_dir /tmp': None,
    'state_dir missing after a logging mistake': 'parse error in config: unknown value for to_logfile.',
    'udpu link 1 priority 0, local node on link 1': 'parse error in config: Not all nodes have the same number of links',
    'udpu link 1 priority 0, no node on link 1':
        'parse error in config: Can only set link priority on knet transport type for interface 1',
    "first node without name or ring0_addr, another node's address bogus": None,
    'first node without name or ring0_addr, another without nodeid': None,
    'first node without name or ring0_addr, a duplicate nodeid': 'Nodeid 2 appears twice in corosync.conf',
    'second node without name or ring0_addr, two links':
        "parse error in config: for a multi-link configuration, all nodes must have a 'name' attribute",
    'loopback only on link 1, no ring0_addr': 'parse error in config: No valid name found for local host',
    'host names on link 0, loopback on link 1': "failed to parse bindnet address 'gamma'",
    'token_coefficient wraps the token around':
        'parse error in config: Not appropriate token or token_retransmits_before_loss_const value set',
}


def _verdict(text: str, keys: Mapping[str, int]) -> str | None:
    try:
        tree, lines = parse_text(text, path="/etc/corosync/corosync.conf")
        build_config(tree, lines, keys=keys)
    except CorosyncConfigError as error:
        return str(error)
    return None


def test_the_corpus_is_large_and_mixed() -> None:
    assert len(CORPUS) >= 40 and set(CORPUS) == set(EXPECTED)
    refused = [name for name, verdict in EXPECTED.items() if verdict]
    assert len(refused) >= 100 and len(CORPUS) - len(refused) >= 100


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_recorded_verdict(name: str) -> None:
    """The simulator's verdict and message, as corosync gave them."""
    assert _verdict(CORPUS[name], keys={}) == EXPECTED[name]


def _machine_keys() -> dict[str, int]:
    """Key files real corosync would find on this machine (the corpus names no other)."""
    return {AUTHKEY: os.path.getsize(AUTHKEY)} if os.path.exists(AUTHKEY) else {}


@pytest.mark.skipif(shutil.which("corosync") is None, reason="real corosync not installed (apt-get install corosync)")
@pytest.mark.parametrize("name", sorted(CORPUS))
def test_same_verdict_as_real_corosync(name: str, tmp_path: Path) -> None:
    """Differential: `corosync -t` (test the configuration and exit) on the same file."""
    conf = tmp_path / "corosync.conf"
    conf.write_text(CORPUS[name])
    real = subprocess.run(["corosync", "-t", "-c", str(conf)], capture_output=True, text=True, timeout=20,
                          cwd=tmp_path)  # a relative logfile lands here, not in the checkout
    ours = _verdict(CORPUS[name], keys=_machine_keys())
    real_message = (real.stderr + real.stdout).replace(str(conf), "/etc/corosync/corosync.conf")
    assert (real.returncode == 0) == (ours is None), f"real said rc={real.returncode}: {real_message}"
    if ours is not None:
        assert ours in real_message


@pytest.mark.parametrize("name", ["nodeid0", "crypto_none_hash", "crypto_udpu", "link_rr", "ipv7", "version1",
                                  "nototem", "link9_prio", "ring1_some", "knet_ping_nonnum", "state_dir missing",
                                  "interface subsection after knet_transport (corosync aborts)"])
def test_a_lab_refuses_what_corosync_refuses(name: str) -> None:
    """A lab's nodes have the authkey pcs generates: crypto on udpu meets totem's own refusal. The lab
    reports corosync's message as a LabError."""
    with pytest.raises(LabError) as refused:
        Lab.simulated(corosync=CORPUS[name])
    assert str(refused.value) == _verdict(CORPUS[name], keys=NODE_KEYS)
    assert str(refused.value) == EXPECTED[name] or name == "crypto_udpu"


def test_crypto_needs_the_authkey_corosync_reads() -> None:
    assert EXPECTED["crypto_ok"] == "Could not open /etc/corosync/authkey: No such file or directory"
    assert _verdict(CORPUS["crypto_ok"], keys=NODE_KEYS) is None
    assert _verdict(CORPUS["crypto_ok"], keys={AUTHKEY: 64}) == \
        "Could only read 512 bits of minimum 1024 bits from /etc/corosync/authkey."
    assert _verdict(CORPUS["crypto_udpu"], keys=NODE_KEYS) == \
        "parse error in config: crypto_cipher & crypto_hash are only valid for the Knet transport."
    Lab.simulated(corosync=CORPUS["crypto_ok"])


def test_a_pcs_made_cluster_has_its_authkey() -> None:
    """The default corosync.conf is pcs's, crypto on: pcs cluster setup also wrote the authkey."""
    assert "crypto_cipher: aes256" in load(None, ["node1", "node2"]).text


def test_votequorum_refuses_lms_with_atb_on_an_odd_cluster_when_corosync_starts() -> None:
    """`corosync -t` accepts it; votequorum refuses it when the service starts: corosync exits on
    every node, and its log says why."""
    assert _verdict(CORPUS["atb_lms_odd"], keys={}) is None
    lab = Lab.simulated(nodes=3, corosync={"quorum": {"last_man_standing": 1, "auto_tie_breaker": 1}})
    lab.advance(10)
    assert all(node.status == "offline" for node in lab.state().nodes)
    assert any("auto_tie_breaker & last_man_standing not available in odd sized cluster" in event.message
               for event in lab.events if event.kind == "log")
    assert lab.run("node1", "crm_mon -1").rc != 0


def test_unknown_keys_are_accepted_but_reported() -> None:
    tree, lines = parse_text(CORPUS["unknown key (corosync ignores it)"])
    config = build_config(tree, lines)
    assert config.warnings == ("unknown key 'totem.tokn' (corosync ignores it: a typo?)",)


def test_a_student_corosync_conf_names_the_nodes() -> None:
    lab = Lab.simulated(corosync=BASE)
    lab.advance(10)
    assert lab.node_names == ("alpha", "beta", "gamma")
    assert lab.state().views["beta"].quorate


def test_two_node_on_three_nodes_behaves_as_corosync_does() -> None:
    """corosync accepts it, and then gives quorum 1 whenever at most two nodes are members."""
    lab = Lab.simulated(corosync=CORPUS["two_node with three nodes (accepted!)"])
    lab.advance(30)
    assert lab.state().views["alpha"].quorum == 2
    lab.crash("gamma")
    lab.advance(30)
    assert lab.state().views["alpha"].quorum == 1


def test_bad_dict_options_get_the_parser_message_and_no_lab() -> None:
    with pytest.raises(LabError, match='Value of key "totem.token" is expected to be integer'):
        Lab.simulated(nodes=3, corosync={"totem": {"token": "soon"}})


def test_a_node_without_name_or_ring0_addr_is_refused_by_name_in_a_lab() -> None:
    """corosync -t accepts it, but with such a first node corosync reads no node's address at all (every node
    would run alone): the lab says so instead of running another cluster."""
    text = CORPUS["first node without name or ring0_addr, another without nodeid"]
    assert _verdict(text, keys=NODE_KEYS) is None
    with pytest.raises(LabError, match="not simulated; try it on real nodes: halab rig up"):
        Lab.simulated(corosync=text)
