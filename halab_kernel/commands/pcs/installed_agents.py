"""The OCF agents Debian bookworm installs (pacemaker 2.1.5, resource-agents 4.12) that the simulator does not run.

An operator who names one gets an honest refusal ("not simulated") instead of the "not installed"
that pcs prints for an agent a real node lacks. The list was read from /usr/lib/ocf/resource.d on the
reference machine; the agents the simulator runs are in halab_kernel/sim/agents/metadata.py.
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


def installed_on_a_real_node(full_name: str) -> bool:
    """`ocf:PROVIDER:TYPE` that a Debian cluster node has on disk."""
    parts = full_name.split(":")
    return len(parts) == 3 and parts[0] == "ocf" and parts[2] in INSTALLED_OCF.get(parts[1], frozenset())
