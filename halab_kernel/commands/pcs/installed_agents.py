"""The OCF and fence agents Debian bookworm installs (pacemaker 2.1.5, resource-agents 4.12) that the simulator does not run.

An operator who names one gets an honest refusal ("not simulated") instead of the "not installed"
that pcs prints for an agent a real node lacks. The lists were read from /usr/lib/ocf/resource.d and
`crm_resource --list-agents stonith` on the reference machine; the agents the simulator runs are in halab_kernel/sim/agents/metadata.py.
"""

from __future__ import annotations

INSTALLED_OCF = {
    "pacemaker": frozenset("ClusterMon Dummy HealthCPU HealthIOWait HealthSMART Stateful SysInfo attribute controld ifspeed o2cb ping remote".split()),
    "heartbeat": frozenset("""AoEtarget AudibleAlarm CTDB ClusterMon Delay Dummy EvmsSCC Evmsd Filesystem ICP IPaddr IPaddr2
        IPsrcaddr IPv6addr LVM LVM-activate LinuxSCSI MailTo ManageRAID ManageVE NodeUtilization Pure-FTPd
        Raid1 Route SAPDatabase SAPInstance SendArp ServeRAID SphinxSearchDaemon Squid Stateful SysInfo
        VIPArip VirtualDomain WAS WAS6 WinPopup Xen Xinetd ZFS aliyun-vpc-move-ip anything apache asterisk
        aws-vpc-move-ip aws-vpc-route53 awseip awsvip azure-events azure-events-az azure-lb clvm conntrackd
        corosync-qnetd crypt db2 dhcpd dnsupdate docker docker-compose dovecot dummypy eDir88 ethmonitor
        exportfs fio galera garbd gcp-ilb gcp-pd-move gcp-vpc-move-ip gcp-vpc-move-route gcp-vpc-move-vip
        iSCSILogicalUnit iSCSITarget ids iface-bridge iface-macvlan iface-vlan ipsec iscsi jboss jira
        kamailio ldirectord lvmlockd lxc lxd-info machine-info mariadb mdraid minio mpathpersist mysql
        mysql-proxy nagios named nfsnotify nfsserver nginx nvmet-namespace nvmet-port nvmet-subsystem
        ocivip openstack-cinder-volume openstack-floating-ip openstack-info openstack-virtual-ip oraasm
        oracle oralsnr ovsmonitor pgagent pgsql pingd podman portblock postfix pound proftpd
        rabbitmq-cluster rabbitmq-server-ha redis rkt rsyncd rsyslog scsi2reservation sfex sg_persist slapd
        smb-share storage-mon sybaseASE symlink syslog-ng tomcat varnish vdo-vol vmware vsftpd zabbixserver""".split()),
}


# `crm_resource --list-agents stonith` on the reference machine (fence-agents 4.12 and cluster-glue's plugins).
INSTALLED_STONITH = frozenset("""
    apcmaster apcmastersnmp apcsmart baytech bladehpi cyclades drac3 external/drac5 external/dracmc-telnet
    external/hetzner external/hmchttp external/ibmrsa external/ibmrsa-telnet external/ipmi
    external/ippower9258 external/kdumpcheck external/libvirt external/nut external/rackpdu external/riloe
    external/ssh external/vcenter external/vmware external/xen0 external/xen0-ha ibmhmc ipmilan meatware null
    nw_rpc100s rcd_serial rps10 ssh suicide wti_mpc wti_nps fence_ack_manual fence_aliyun fence_alom fence_amt
    fence_apc fence_apc_snmp fence_aws fence_azure_arm fence_bladecenter fence_brocade fence_cdu
    fence_cisco_mds fence_cisco_ucs fence_compute fence_crosslink fence_cyberpower_ssh fence_docker fence_drac
    fence_drac5 fence_dummy fence_eaton_snmp fence_ecloud fence_emerson fence_eps fence_evacuate fence_gce
    fence_hds_cb fence_heuristics_ping fence_hpblade fence_ibm_powervs fence_ibm_vpc fence_ibmblade fence_ibmz
    fence_idrac fence_ifmib fence_ilo fence_ilo2 fence_ilo3 fence_ilo3_ssh fence_ilo4 fence_ilo4_ssh
    fence_ilo5 fence_ilo5_ssh fence_ilo_moonshot fence_ilo_mp fence_ilo_ssh fence_imm fence_intelmodular
    fence_ipdu fence_ipmilan fence_ipmilanplus fence_ironic fence_kdump fence_kubevirt fence_ldom fence_legacy
    fence_lindypdu fence_lpar fence_mpath fence_netio fence_openstack fence_ovh fence_powerman fence_pve
    fence_raritan fence_raritan_px3 fence_rcd_serial fence_redfish fence_rhevm fence_rsa fence_rsb
    fence_sanbox2 fence_sbd fence_scsi fence_skalar fence_tripplite_snmp fence_vbox fence_virsh fence_vmware
    fence_vmware_rest fence_vmware_soap fence_vmware_vcloud fence_watchdog fence_wti fence_xenapi fence_zvmip""".split())

# Agents pcs leaves out of its listings and name guesses (pcs.lib.resource_agent.list._IGNORED_AGENTS).
IGNORED_BY_PCS = frozenset("""fence_ack_manual fence_check fence_kdump_send fence_legacy fence_na fence_node
    fence_nss_wrapper fence_pcmk fence_sanlockd fence_tool fence_virtd fence_vmware_helper""".split())


def installed_on_a_real_node(full_name: str) -> bool:
    """`ocf:PROVIDER:TYPE` or `stonith:TYPE` that a Debian cluster node has on disk."""
    parts = full_name.split(":")
    if len(parts) == 2 and parts[0] == "stonith":
        return parts[1] in INSTALLED_STONITH
    return len(parts) == 3 and parts[0] == "ocf" and parts[2] in INSTALLED_OCF.get(parts[1], frozenset())


def installed_full_names() -> frozenset[str]:
    """Every OCF and fence agent of a real node pcs would list, by full name."""
    ocf = {f"ocf:{provider}:{name}" for provider, names in INSTALLED_OCF.items() for name in names}
    return frozenset(ocf | {f"stonith:{name}" for name in INSTALLED_STONITH - IGNORED_BY_PCS})
